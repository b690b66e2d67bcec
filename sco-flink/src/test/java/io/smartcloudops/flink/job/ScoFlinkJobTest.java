package io.smartcloudops.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.remediate.alerting.AlertmanagerPayload;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** The bundled example of docs/FLINK.md, with its flags, on a MiniCluster: a NAB series in, alerts posted to an agent's webhook. */
class ScoFlinkJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final Path NAB =
            Path.of("../datasets/nab/data/realKnownCause/machine_temperature_system_failure.csv");

    @Test
    void theBundledNabExamplePostsItsAlertsToTheAgentsWebhook() throws Exception {
        assertThat(NAB).exists();
        List<Alert> posted = new ArrayList<>();
        HttpServer agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        agent.createContext("/webhook/alertmanager", ex -> {
            List<Alert> got = new AlertmanagerPayload()
                    .parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            synchronized (posted) {
                posted.addAll(got);
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        agent.start();
        try {
            int code = new CommandLine(new ScoFlinkJob())
                    .execute(
                            "--source",
                            "nab",
                            "--input",
                            NAB.toString(),
                            "--detector",
                            "ewma",
                            "--rules",
                            "examples/nab-rules.yml",
                            "--parallelism",
                            "2",
                            "--sink-url",
                            "http://127.0.0.1:" + agent.getAddress().getPort() + "/webhook/alertmanager");
            assertThat(code).isZero();
        } finally {
            agent.stop(0);
        }
        assertThat(posted).extracting(Alert::name).contains("NabAnomaly", "MachineRunningCold");
        assertThat(posted).extracting(Alert::state).contains(AlertState.FIRING, AlertState.RESOLVED);
        assertThat(posted)
                .allSatisfy(
                        a -> assertThat(a.labels().get("file")).isEqualTo("machine_temperature_system_failure.csv"));
    }

    @Test
    void refusesAKafkaSourceWithoutItsTopic() {
        CommandLine cmd = new CommandLine(new ScoFlinkJob());
        cmd.setErr(new PrintWriter(new StringWriter()));
        assertThat(cmd.execute("--source", "kafka", "--kafka-bootstrap", "localhost:9092"))
                .isNotZero();
    }
}
