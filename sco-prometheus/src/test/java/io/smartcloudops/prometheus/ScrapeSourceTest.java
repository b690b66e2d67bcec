package io.smartcloudops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.source.MetricSourceException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScrapeSourceTest {
    private HttpServer server;
    private final AtomicReference<String> page = new AtomicReference<>();
    private long millis = 1_000_000;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", ex -> {
            byte[] b = page.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ScrapeSource source() {
        return new ScrapeSource(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics"),
                List.of(Pattern.compile("node_.*")),
                100,
                Duration.ofSeconds(5),
                Labels.of("host", "app"),
                () -> Instant.ofEpochMilli(millis));
    }

    private static String counterPage(double idle, double load) {
        return "# TYPE node_cpu_seconds_total counter\nnode_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} " + idle
                + "\n# TYPE node_load1 gauge\nnode_load1 " + load + "\n# TYPE other gauge\nother 1\n";
    }

    private static Map<String, Double> byName(List<Sample> samples) {
        return samples.stream().collect(Collectors.toMap(s -> s.series().name(), Sample::value));
    }

    @Test
    void gaugesPassCountersBecomeRatesAndResetsGiveNoRate() {
        ScrapeSource s = source();
        page.set(counterPage(100, 0.5));
        assertThat(byName(s.poll().samples())).containsOnlyKeys("node_load1");
        millis += 10_000;
        page.set(counterPage(105, 0.7));
        Map<String, Double> second = byName(s.poll().samples());
        assertThat(second).containsEntry("node_cpu_seconds_per_second", 0.5).containsEntry("node_load1", 0.7);
        millis += 10_000;
        page.set(counterPage(1, 0.7));
        assertThat(byName(s.poll().samples())).doesNotContainKey("node_cpu_seconds_per_second");
        assertThat(s.poll().samples())
                .allSatisfy(x -> assertThat(x.series().labels().get("host")).isEqualTo("app"));
    }

    @Test
    void malformedPageIsASourceErrorNamingTheLine() {
        page.set("node_load1 0.5\nnode_load1{oops 1\n");
        assertThatThrownBy(() -> source().poll())
                .isInstanceOf(MetricSourceException.class)
                .hasMessageContaining("line 2");
    }
}
