package io.smartcloudops.remediate.action;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real service for the restart test: answers {@code GET /healthz} with "ok" and records its pid. */
public final class TinyService {
    private TinyService() {}

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/healthz", ex -> {
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        server.start();
        Files.writeString(
                Path.of(args[1]), String.valueOf(ProcessHandle.current().pid()));
    }
}
