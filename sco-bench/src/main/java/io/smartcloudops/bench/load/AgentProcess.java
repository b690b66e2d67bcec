package io.smartcloudops.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The all-in-one agent ({@code sco-agent.jar}) as a child process on loopback with a data directory
 * of its own, on a port it picks; closed, it is stopped.
 */
public final class AgentProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://[^/\\s]+)/");
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern RSS = Pattern.compile("^VmRSS:\\s+(\\d+) kB", Pattern.MULTILINE);

    private final Process process;
    private final String baseUrl;
    private final Path jcmd;

    private AgentProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    }

    /** Starts the agent and waits for its startup line (the JVM, the chat model and the audit log take a few seconds). */
    public static AgentProcess start(Path jar, Path dataDir, Duration timeout)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        java(),
                        "-jar",
                        jar.toString(),
                        "--port",
                        "0",
                        "--bind",
                        "127.0.0.1",
                        "--data-dir",
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        CompletableFuture<String> url = new CompletableFuture<>();
        List<String> head = new ArrayList<>();
        Thread reader = new Thread(() -> drain(p, url, head), "sco-agent-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new AgentProcess(p, url.get(timeout.toSeconds(), TimeUnit.SECONDS));
        } catch (TimeoutException | ExecutionException e) {
            p.destroyForcibly();
            synchronized (head) {
                throw new IOException(
                        "the agent did not report a listening address within " + timeout.toSeconds()
                                + " s; it printed: " + head,
                        e);
            }
        }
    }

    /** Reads the agent's output for the whole run (a full pipe would block it), keeping the first lines for errors. */
    private static void drain(Process p, CompletableFuture<String> url, List<String> head) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (head) {
                    if (head.size() < 40) {
                        head.add(line);
                    }
                }
                Matcher m = LISTENING.matcher(line);
                if (!url.isDone() && m.find()) {
                    url.complete(m.group(1));
                }
            }
        } catch (IOException e) {
            url.completeExceptionally(e);
        }
        url.completeExceptionally(new IOException("the agent exited with output " + head));
    }

    /** Creates a viewer token in the data directory with the jar's own {@code token create}; returns it. */
    public static String createToken(Path jar, Path dataDir, String name) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        java(),
                        "-jar",
                        jar.toString(),
                        "token",
                        "create",
                        "--name",
                        name,
                        "--role",
                        "viewer",
                        "--data-dir",
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("token create failed: " + out);
        }
        String[] lines = out.split("\\R");
        return lines[lines.length - 1].trim();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public long pid() {
        return process.pid();
    }

    /** RSS now and the live heap after a full collection (jcmd), labelled {@code when}. */
    public AgentMemory memory(String when) throws IOException, InterruptedException {
        long liveHeap = -1;
        if (Files.isExecutable(jcmd)) {
            run(jcmd.toString(), Long.toString(pid()), "GC.run");
            Matcher m = HEAP_USED.matcher(run(jcmd.toString(), Long.toString(pid()), "GC.heap_info"));
            if (m.find()) {
                liveHeap = Long.parseLong(m.group(1)) * 1024;
            }
        }
        Matcher rss = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid()), "status")));
        return new AgentMemory(when, rss.find() ? Long.parseLong(rss.group(1)) * 1024 : -1, liveHeap);
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
