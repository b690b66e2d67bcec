package io.smartcloudops.remediate.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.api.notify.NotificationException;
import io.smartcloudops.api.notify.Notifier;
import io.smartcloudops.api.spi.NotifierProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotifiersTest {
    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> auth = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ObjectMapper json = new ObjectMapper();
    private final ProviderRegistry registry =
            ProviderRegistry.builder().discover(getClass().getClassLoader()).build();
    private final Notification critical = new Notification(
            "NginxDown <app> & co",
            "restart failed 3 times",
            Severity.CRITICAL,
            Labels.of("alertname", "NginxDown", "host", "app"),
            Instant.parse("2026-11-27T00:00:00Z"));

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            auth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/broken", ex -> {
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        server.createContext("/hang", ex -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private Notifier notifier(String name, Map<String, ?> config) {
        return registry.provider(NotifierProvider.class, name)
                .create(ProviderContext.builder()
                        .config(ProviderConfig.of(config))
                        .build());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void webhookPostsTheNotificationAsJsonWithConfiguredHeaders() throws Exception {
        notifier("webhook", Map.of("url", url("/hook"), "headers", Map.of("Authorization", "Bearer s3cret")))
                .send(critical);
        JsonNode body = json.readTree(bodies.get(0));
        assertThat(body.get("title").asText()).isEqualTo("NginxDown <app> & co");
        assertThat(body.get("severity").asText()).isEqualTo("critical");
        assertThat(body.get("labels").get("host").asText()).isEqualTo("app");
        assertThat(auth).containsExactly("Bearer s3cret");
    }

    @Test
    void slackGetsEscapedMrkdwnAndAColour() throws Exception {
        notifier("slack", Map.of("url", url("/hook"))).send(critical);
        JsonNode body = json.readTree(bodies.get(0));
        assertThat(body.get("text").asText()).contains("*NginxDown &lt;app&gt; &amp; co*");
        assertThat(body.get("attachments").get(0).get("color").asText()).isEqualTo("danger");
    }

    @Test
    void errorStatusAndTimeoutAreDeliveryFailuresWithoutTheSecretPath() {
        assertThatThrownBy(
                        () -> notifier("webhook", Map.of("url", url("/broken"))).send(critical))
                .isInstanceOf(NotificationException.class)
                .hasMessageContaining("answered 500")
                .hasMessageNotContaining("/broken");
        assertThatThrownBy(() -> notifier("slack", Map.of("url", url("/hang"), "timeout", "300ms"))
                        .send(critical))
                .isInstanceOf(NotificationException.class)
                .hasMessageContaining("did not answer within");
    }

    @Test
    void logNotifierNeverFails() {
        notifier("log", Map.of()).send(critical);
    }

    @Test
    void badConfigurationIsRejectedClearly() {
        assertThatThrownBy(() -> notifier("webhook", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("url");
        assertThatThrownBy(() -> notifier("webhook", Map.of("url", "ftp://x/y")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> notifier("slack", Map.of("url", url("/hook"), "channel", "#ops")))
                .hasMessageContaining("channel");
    }
}
