package io.smartcloudops.chat.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A local OpenAI-compatible server that plays a script: each POST to {@code /v1/chat/completions}
 * (the path langchain4j's OpenAI client calls under the base URL) takes the next scripted response
 * and records the request. A step may compute its response from the request, as a model repeating the
 * placeholders it was sent would. A "hang" step blocks until {@link #close()}, to test timeouts without sleeping.
 */
final class ScriptedModelServer implements AutoCloseable {

    static final String PATH = "/v1/chat/completions";

    /** One request as the server saw it. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue()))
                    .findFirst()
                    .orElse(null);
        }

        /** The messages with this role, in order. */
        List<JsonNode> messages(String role) {
            return messages().stream()
                    .filter(m -> role.equals(m.path("role").asText()))
                    .toList();
        }

        /** The text of a message, whether sent as a string or as content parts. */
        static String text(JsonNode message) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                return content.asText();
            }
            StringBuilder sb = new StringBuilder();
            content.forEach(part -> sb.append(part.path("text").asText("")));
            return sb.toString();
        }

        /** The messages of the request, in order. */
        List<JsonNode> messages() {
            List<JsonNode> out = new ArrayList<>();
            json().path("messages").forEach(out::add);
            return out;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HANG = "\u0000hang";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Deque<Function<Received, String>> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();

    ScriptedModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    synchronized ScriptedModelServer thenToolCall(String tool, String argumentsJson) {
        return thenToolCallTo(tool, request -> argumentsJson);
    }

    /** A tool call whose arguments depend on the request, as a model's do: to pass on the placeholders it was sent. */
    synchronized ScriptedModelServer thenToolCallTo(String tool, Function<Received, String> argumentsJson) {
        String id = "call_" + (script.size() + 1);
        script.add(request -> {
            ObjectNode call = JSON.createObjectNode().put("id", id).put("type", "function");
            call.putObject("function").put("name", tool).put("arguments", argumentsJson.apply(request));
            ObjectNode message = JSON.createObjectNode().put("role", "assistant");
            message.putNull("content");
            message.putArray("tool_calls").add(call);
            return completion(message, "tool_calls");
        });
        return this;
    }

    synchronized ScriptedModelServer thenAnswer(String text) {
        return thenAnswerTo(request -> text);
    }

    /** An answer that depends on the request it answers. */
    synchronized ScriptedModelServer thenAnswerTo(Function<Received, String> text) {
        script.add(request -> completion(
                JSON.createObjectNode().put("role", "assistant").put("content", text.apply(request)), "stop"));
        return this;
    }

    /** The next request gets no answer until the server is closed. */
    synchronized ScriptedModelServer thenHang() {
        script.add(request -> HANG);
        return this;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Everything every request carried, for "never reached the server" assertions. */
    synchronized String allBodies() {
        return String.join("\n", received.stream().map(Received::body).toList());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Received request = new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                body);
        Function<Received, String> step;
        synchronized (this) {
            received.add(request);
            step = !"POST".equals(exchange.getRequestMethod())
                            || !PATH.equals(exchange.getRequestURI().getPath())
                    ? null
                    : script.poll();
        }
        String next = step == null ? null : step.apply(request);
        if (HANG.equals(next)) {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        int status = next == null ? 500 : 200;
        byte[] out = (next == null
                        ? "{\"error\":{\"message\":\"no scripted response left\",\"type\":\"server_error\"}}"
                        : next)
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    private static String completion(ObjectNode message, String finishReason) {
        ObjectNode root = JSON.createObjectNode()
                .put("id", "chatcmpl-test")
                .put("object", "chat.completion")
                .put("created", 1_700_000_000L)
                .put("model", "test-model");
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", finishReason);
        root.putObject("usage")
                .put("prompt_tokens", 10)
                .put("completion_tokens", 5)
                .put("total_tokens", 15);
        return root.toString();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
