package io.smartcloudops.bench.load;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs Debian's {@code wrk} with {@code paced.lua} at a fixed rate for a bounded time. */
public final class Wrk {
    private final Path executable;
    private final Path script;
    private final WrkOutput parser = new WrkOutput();

    private Wrk(Path executable, Path script) {
        this.executable = executable;
        this.script = script;
    }

    /** wrk from the PATH with the script written into {@code workDir}; empty when wrk is not installed. */
    public static Optional<Wrk> find(Path workDir) throws IOException {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "wrk");
            if (Files.isExecutable(candidate)) {
                Path script = workDir.resolve("paced.lua");
                try (InputStream in = Wrk.class.getResourceAsStream("paced.lua")) {
                    Files.write(script, in.readAllBytes());
                }
                return Optional.of(new Wrk(candidate, script));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code rate} requests per second in all, from two threads (wrk's and the agent's threads share
     * the machine's cores), with enough connections that a slow response does not hold back the pace.
     *
     * @param bodies a file of request bodies (one per line), or null for none
     */
    public WrkResult run(
            String endpoint,
            String url,
            String method,
            double rate,
            int connections,
            Duration duration,
            Path bodies,
            List<String> tokens)
            throws IOException, InterruptedException {
        int threads = 2;
        List<String> cmd = new ArrayList<>(List.of(
                executable.toString(),
                "-t" + threads,
                "-c" + Math.max(threads, connections),
                "-d" + duration.toSeconds() + "s",
                "--timeout",
                "5s",
                "--latency",
                "-s",
                script.toString(),
                url,
                "--",
                Double.toString(rate / threads),
                method,
                bodies == null ? "-" : bodies.toString()));
        cmd.addAll(tokens);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("wrk did not finish within " + (duration.toSeconds() + 30) + " s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("wrk exited with " + p.exitValue() + ":\n" + text);
        }
        return parser.parse(endpoint, rate, text);
    }
}
