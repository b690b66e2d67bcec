package io.smartcloudops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.spi.ProviderConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent configured for an LLM that is not there still answers, through the offline engine. */
class AgentLlmFallbackTest {
    @TempDir
    Path dataDir;

    @Test
    void unreachableLlmFallsBackToTheOfflineEngine() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        AgentConfig config = AgentConfig.defaults().toBuilder()
                .port(0)
                .dataDir(dataDir)
                .sampleInterval(Duration.ofHours(1))
                .sources(Map.of())
                .chatEngine("llm")
                .chatSettings(ProviderConfig.of(
                        "chat.settings",
                        Map.of(
                                "base_url",
                                "http://127.0.0.1:" + closed + "/v1",
                                "model",
                                "test-model",
                                "api_key",
                                "",
                                "timeout",
                                "2s")))
                .build();
        try (Agent agent = Agent.builder(config).build().start()) {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/query"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"text\": \"show me the open alerts\", \"session\": \"l1\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode reply = new ObjectMapper().readTree(r.body());
            assertThat(reply.get("intent").asText()).isEqualTo("alerts");
            assertThat(reply.get("engine").asText()).isEqualTo("offline");
            assertThat(reply.get("data").get("fallback_reason").asText()).isNotBlank();
            JsonNode status = new ObjectMapper()
                    .readTree(HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/status"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body());
            assertThat(status.get("degraded").asBoolean()).isTrue();
            assertThat(status.get("health").get("llm").asText()).startsWith("failing: answered offline");
        }
    }
}
