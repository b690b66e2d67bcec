package io.smartcloudops.bench.load;

/**
 * The agent process's memory at one moment.
 *
 * @param rssBytes resident set size from {@code /proc/<pid>/status}
 * @param liveHeapBytes heap in use right after a full collection ({@code jcmd GC.run}), or -1 when jcmd is unavailable
 */
public record AgentMemory(String when, long rssBytes, long liveHeapBytes) {}
