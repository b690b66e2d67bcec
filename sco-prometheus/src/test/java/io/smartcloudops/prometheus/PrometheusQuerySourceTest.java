package io.smartcloudops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.source.MetricSourceException;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrometheusQuerySourceTest {
    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hang;
    private Instant now = Instant.parse("2026-11-27T10:00:07Z");

    static final String MATRIX = """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"instance":"app:9100","job":"node"},"values":[[1795000000,"12.5"],[1795000015,"NaN"],[1795000030,"+Inf"]]},
              {"metric":{"__name__":"x","instance":"[::1]:9100","job":"node"},"values":[[1795000000,"3"]]}]}}
            """;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/query_range", ex -> {
            queries.add(URLDecoder.decode(ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
            if (hang) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        body.set(MATRIX);
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private PrometheusQuerySource source(Duration timeout) {
        return new PrometheusQuerySource(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Map.of("node_cpu_usage_percent", "cpu_expr"),
                Duration.ofSeconds(15),
                Duration.ofMinutes(10),
                timeout,
                () -> now);
    }

    @Test
    void readsAMatrixKeepingNaNAndInfinityForThePipelineToDrop() {
        List<Sample> samples = source(Duration.ofSeconds(5)).poll().samples();
        assertThat(samples).hasSize(4);
        assertThat(samples.get(0).series().name()).isEqualTo("node_cpu_usage_percent");
        assertThat(samples.get(0).series().labels().get("host")).isEqualTo("app");
        assertThat(samples.get(0).timestampMillis()).isEqualTo(1_795_000_000_000L);
        assertThat(samples.get(1).value()).isNaN();
        assertThat(samples.get(2).value()).isInfinite();
        assertThat(samples.get(3).series().labels().get("host")).isEqualTo("[::1]");
        assertThat(samples.get(3).series().labels().get("__name__")).isNull();
    }

    @Test
    void eachPollContinuesWhereTheLastEndedAndCatchUpIsBounded() {
        PrometheusQuerySource s = source(Duration.ofSeconds(5));
        s.poll();
        now = now.plusSeconds(30);
        s.poll();
        now = now.plus(Duration.ofHours(2));
        s.poll();
        long end0 = Instant.parse("2026-11-27T10:00:00Z").getEpochSecond();
        assertThat(queries.get(0)).contains("query=cpu_expr&start=" + end0 + "&end=" + end0 + "&step=15");
        assertThat(queries.get(1)).contains("start=" + (end0 + 15) + "&end=" + (end0 + 30));
        long end2 = end0 + 30 + 7200;
        assertThat(queries.get(2)).contains("start=" + (end2 - 600) + "&end=" + end2);
    }

    @Test
    void backfillReadsTheLookbackInChunksPrometheusAccepts() {
        PrometheusQuerySource s = source(Duration.ofSeconds(5));
        s.backfill(Duration.ofDays(3));
        assertThat(queries).hasSize(2);
    }

    @Test
    void downSlowAndGarbageAreSourceErrors() {
        status.set(503);
        assertThatThrownBy(() -> source(Duration.ofSeconds(5)).poll())
                .isInstanceOf(MetricSourceException.class)
                .hasMessageContaining("503");
        status.set(200);
        for (String bad : new String[] {
            "<html>",
            "[]",
            "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[[1,2]]}]}}",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[[1,\"zz\"]]}]}}"
        }) {
            body.set(bad);
            assertThatThrownBy(() -> source(Duration.ofSeconds(5)).poll())
                    .as(bad)
                    .isInstanceOf(MetricSourceException.class);
        }
        body.set(MATRIX);
        hang = true;
        assertThatThrownBy(() -> source(Duration.ofMillis(300)).poll()).isInstanceOf(MetricSourceException.class);
        server.stop(0);
        assertThatThrownBy(() -> source(Duration.ofSeconds(1)).poll())
                .isInstanceOf(MetricSourceException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void providerValidatesSettingsAndDefaultsToNodeExporterQueries() {
        PrometheusQuerySourceProvider p = new PrometheusQuerySourceProvider();
        assertThatThrownBy(() -> p.create(ProviderContext.builder()
                        .config(ProviderConfig.of(Map.of()))
                        .build()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("url");
        assertThatThrownBy(() -> p.create(ProviderContext.builder()
                        .config(ProviderConfig.of(Map.of("url", "ftp://x")))
                        .build()))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> p.create(ProviderContext.builder()
                        .config(ProviderConfig.of(Map.of("url", "http://x", "step", "0s")))
                        .build()))
                .hasMessageContaining("step");
        assertThat(PrometheusQuerySourceProvider.NODE_EXPORTER_DEFAULTS)
                .containsKeys("node_cpu_usage_percent", "node_memory_usage_percent", "up");
        assertThat(p.create(ProviderContext.builder()
                                .config(ProviderConfig.of(Map.of("url", "http://127.0.0.1:9")))
                                .build())
                        .name())
                .isEqualTo("prometheus");
    }
}
