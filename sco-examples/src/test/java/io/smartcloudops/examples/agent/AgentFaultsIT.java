package io.smartcloudops.examples.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.runtime.DetectorCheckpoints;
import io.smartcloudops.server.Agent;
import io.smartcloudops.server.AgentConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults the agent must live through without losing what it acknowledged: SIGKILL mid-checkpoint, a full disk. */
class AgentFaultsIT {
    private static final Pattern RESTORED = Pattern.compile("restored (\\d+) detector states");

    @TempDir
    Path dir;

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target", "sco-agent.jar").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs the packaged agent until SIGKILL after {@code millis} of sampling; returns what it printed. */
    private List<String> runThenKill(Path config, long millis) throws Exception {
        Process agent = new ProcessBuilder(java("--config", config.toString()))
                .redirectErrorStream(true)
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> out.lines().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        org.awaitility.Awaitility.await("the agent listening")
                .atMost(Duration.ofSeconds(60))
                .until(() -> lines.stream().anyMatch(l -> l.contains("listening on")));
        Thread.sleep(millis);
        agent.destroyForcibly();
        assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(5_000);
        return lines;
    }

    @Test
    void sigkillWhileDetectorsAreCheckpointedRestoresTheLastCompleteCheckpoint() throws Exception {
        Path data = dir.resolve("data");
        // checkpoints every round (10 ms), so the kills land in the middle of writing them
        Path config = Files.writeString(
                dir.resolve("sco.yml"),
                "http: {port: 0}\ndata_dir: " + data + "\nsample_interval: 10ms\n"
                        + "detection: {checkpoint_interval: 10ms}\n");
        Random random = new Random(42);
        int previous = 0;
        for (int run = 0; run < 5; run++) {
            List<String> lines = runThenKill(config, 400 + random.nextInt(600));
            assertThat(lines).as(String.join("\n", lines)).noneMatch(l -> l.contains("starting the detectors fresh"));
            if (run > 0) {
                int restored = lines.stream()
                        .map(RESTORED::matcher)
                        .filter(Matcher::find)
                        .mapToInt(m -> Integer.parseInt(m.group(1)))
                        .findFirst()
                        .orElse(0);
                assertThat(restored)
                        .as("run %d restores what run %d saved", run, run - 1)
                        .isGreaterThanOrEqualTo(Math.max(1, previous / 2));
                previous = restored;
            } else {
                previous = 1;
            }
            assertThat(data.resolve(DetectorCheckpoints.FILE)).exists();
            assertThat(new DetectorCheckpoints(data).load()).isNotEmpty();
        }
        Process verify = new ProcessBuilder(java("audit", "verify", "--data-dir", data.toString()))
                .redirectErrorStream(true)
                .start();
        String said = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor()).as(said).isZero();
    }

    @Test
    void aFullDiskHoldsActionsBackSaysSoAndRecoversWhenSpaceReturns() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("small-disk"));
        Assumptions.assumeTrue(
                run("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", mount.toString()) == 0,
                "mounting a small tmpfs needs root and CAP_SYS_ADMIN; not allowed here");
        Path markers = Files.createDirectory(dir.resolve("markers"));
        Agent agent = null;
        try {
            Map<String, ProviderConfig> actions = Map.of(
                    "run_command",
                    ProviderConfig.of(
                            "actions.run_command",
                            Map.of(
                                    "destructive",
                                    false,
                                    "allow",
                                    Map.of(
                                            "mark",
                                            Map.of(
                                                    "argv",
                                                    List.of("/usr/bin/touch"),
                                                    "max_extra_args",
                                                    1,
                                                    "arg_pattern",
                                                    Pattern.quote(markers.toString()) + "/[a-z0-9-]+")))));
            agent = Agent.builder(AgentConfig.defaults().toBuilder()
                            .port(0)
                            .dataDir(mount.resolve("data"))
                            .sampleInterval(Duration.ofHours(1))
                            .sources(Map.of())
                            .actionMode(ActionMode.EXECUTE)
                            .cooldown(Duration.ZERO)
                            .checkpointInterval(Duration.ZERO)
                            .actions(actions)
                            .knownHosts(List.of("app"))
                            .build())
                    .build()
                    .start();
            String operator = agent.tokens().create("ops", io.smartcloudops.api.action.Role.OPERATOR, Instant.now());
            fill(mount.resolve("filler"));

            int refused = 0;
            int tried = 0;
            for (int i = 0; i < 200 && refused == 0; i++) {
                tried++;
                ActionResult r = mark(agent, markers, "full-" + i);
                boolean ran = Files.exists(markers.resolve("full-" + i));
                if (r.outcome() != ActionOutcome.SUCCEEDED) {
                    refused++;
                    assertThat(ran)
                            .as("an action that cannot be audited does not happen: " + r.message())
                            .isFalse();
                }
            }
            assertThat(refused)
                    .as("the audit log refused an entry on the full disk")
                    .isPositive();
            JsonNode status = status(agent);
            assertThat(status.get("degraded").asBoolean()).isTrue();
            // whichever write the full disk refuses first (the gate's safety state or the audit entry) says why actions
            // wait
            assertThat(heldBack(status)).as(status.toString()).isNotEmpty().allMatch(s -> s.startsWith("failing"));

            // Item 8: a webhook alert is either audited and held (200) or refused and not held (503
            // with Retry-After, which Alertmanager retries); which one depends on whether the full
            // disk still had room for the audit entry. Either way its re-delivery once space returns
            // agrees: a duplicate of what was taken, or new if it was refused.
            HttpResponse<String> duringFull = webhook(agent, operator);
            assertThat(duringFull.statusCode()).as(duringFull.body()).isIn(200, 503);
            if (duringFull.statusCode() == 503) {
                assertThat(duringFull.headers().firstValue("Retry-After")).isPresent();
            }

            Files.delete(mount.resolve("filler"));
            HttpResponse<String> retried = webhook(agent, operator);
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(retried.body()).get("new").asInt())
                    .isEqualTo(duringFull.statusCode() == 503 ? 1 : 0);
            System.out.printf(
                    "full disk: the webhook alert was answered %d; its re-delivery after space returned %s%n",
                    duringFull.statusCode(), duringFull.statusCode() == 503 ? "was new" : "was a duplicate");
            ActionResult after = mark(agent, markers, "after");
            assertThat(after.outcome()).as(after.message()).isEqualTo(ActionOutcome.SUCCEEDED);
            assertThat(markers.resolve("after")).exists();
            JsonNode recovered = status(agent);
            assertThat(recovered.get("health").get("audit").asText()).isEqualTo("ok");
            assertThat(recovered.get("health").get("safety state").asText()).isEqualTo("ok");
            assertThat(heldBack(recovered)).isEmpty();
            assertThat(agent.ops().audit().verify().intact()).isTrue();
            assertThat(agent.ops()
                            .audit()
                            .query(AuditQuery.builder().subject("after").build()))
                    .isNotEmpty();
            System.out.printf(
                    "full disk: %d actions tried, %d refused without running, held back as %s; after space returned "
                            + "the next action ran and the chain verifies%n",
                    tried, refused, heldBack(status));
        } finally {
            if (agent != null) {
                agent.close();
            }
            run("umount", "-l", mount.toString());
        }
    }

    private static ActionResult mark(Agent agent, Path markers, String name) {
        return agent.ops()
                .gate()
                .request(ActionRequest.builder("run_command", name)
                        .parameter("command", "mark")
                        .parameter("args", markers.resolve(name).toString())
                        .build());
    }

    private static HttpResponse<String> webhook(Agent agent, String token) throws Exception {
        String body = "{\"version\": \"4\", \"status\": \"firing\", \"alerts\": [{\"status\": \"firing\", \"labels\": "
                + "{\"alertname\": \"DiskAlmostFull\", \"host\": \"app\", \"severity\": \"warning\"}, "
                + "\"startsAt\": \"2026-12-01T00:00:00Z\"}]}";
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/webhook/alertmanager"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> heldBack(JsonNode status) {
        List<String> said = new ArrayList<>();
        status.get("health").forEach(state -> {
            if (state.asText().contains("actions are held back")) {
                said.add(state.asText());
            }
        });
        return said;
    }

    private static JsonNode status(Agent agent) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/status"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(r.body());
    }

    /** Writes until the file system says it is full. */
    private static void fill(Path file) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space")) {
                throw full;
            }
        }
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
