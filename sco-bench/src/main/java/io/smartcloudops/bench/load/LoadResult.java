package io.smartcloudops.bench.load;

import java.util.List;

/**
 * What a load run found: one paced run per endpoint and the agent's memory around them. When the
 * run could not happen (no wrk, no jar), {@code skipped} says why and the lists are empty.
 */
public record LoadResult(List<WrkResult> runs, List<AgentMemory> memory, String skipped) {
    public LoadResult {
        runs = List.copyOf(runs);
        memory = List.copyOf(memory);
    }

    public static LoadResult skipped(String why) {
        return new LoadResult(List.of(), List.of(), why);
    }

    public boolean wasSkipped() {
        return skipped != null;
    }
}
