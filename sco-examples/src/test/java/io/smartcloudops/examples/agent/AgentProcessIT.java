package io.smartcloudops.examples.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a user runs it: {@code java -jar}, a startup line, SIGTERM, then {@code audit verify}. */
class AgentProcessIT {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+))/");

    @TempDir
    Path dataDir;

    private static Path jar() {
        Path jar = Path.of("target", "sco-agent.jar");
        assertThat(jar).as("the shaded jar is built in the package phase").exists();
        return jar;
    }

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void runsOnEmbeddedDefaultsAndShutsDownCleanlyOnSigterm() throws Exception {
        Process p = new ProcessBuilder(
                        java("--port", "0", "--data-dir", dataDir.toString(), "--sample-interval", "100ms"))
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String base = null;
            List<String> seen = new ArrayList<>();
            for (String line; base == null && (line = out.readLine()) != null; ) {
                seen.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    base = m.group(1);
                }
            }
            assertThat(base).as("startup line in %s", seen).isNotNull();
            Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
            drain.setDaemon(true);
            drain.start();

            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String status = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(status).contains("\"up\":true").contains("\"action_mode\":\"dry_run\"");
            String metrics = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(metrics).contains("sco_samples_ingested_total{source=\"host\"}");
        } finally {
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).isIn(0, 143);

        Process verify = new ProcessBuilder(java("audit", "verify", "--data-dir", dataDir.toString()))
                .redirectErrorStream(true)
                .start();
        String said = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor()).as(said).isZero();
        assertThat(said).containsPattern("audit chain intact: \\d+ entries");
        assertThat(Files.exists(dataDir.resolve("audit.db"))).isTrue();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("audit.db"));
                var rs = c.createStatement().executeQuery("SELECT action FROM audit ORDER BY seq DESC LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1))
                    .as("the shutdown hook recorded the stop")
                    .isEqualTo("stop");
        }
    }

    @Test
    void badConfigurationExitsNonZeroWithAMessage() throws Exception {
        Path bad = Files.writeString(dataDir.resolve("bad.yml"), "http: {port: [1, 2]}\n");
        Process p = new ProcessBuilder(java("--config", bad.toString()))
                .redirectErrorStream(true)
                .start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(said).contains("bad.yml").contains("http.port");
    }
}
