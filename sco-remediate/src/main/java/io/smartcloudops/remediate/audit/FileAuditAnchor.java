package io.smartcloudops.remediate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.audit.AuditAnchor;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditHead;
import io.smartcloudops.api.storage.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The audit head in a small JSON file (0600, replaced atomically), by default beside the data
 * directory rather than in it, so deleting or rewriting the data directory leaves the anchor.
 */
public final class FileAuditAnchor implements AuditAnchor {
    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    public FileAuditAnchor(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "file:" + file.toAbsolutePath();
    }

    @Override
    public void publish(AuditHead head) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sequence", head.sequence());
        m.put("hash", head.hash());
        m.put("at", head.at().toString());
        m.put("key_id", head.keyId());
        m.put("mac", head.mac());
        try {
            PrivateFiles.writeAtomically(file, json.writeValueAsBytes(m));
        } catch (IOException e) {
            throw new AuditException("cannot write the audit anchor " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<AuditHead> latest() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = json.readTree(file.toFile());
            return Optional.of(new AuditHead(
                    n.get("sequence").asLong(),
                    n.get("hash").asText(),
                    Instant.parse(n.get("at").asText()),
                    n.get("key_id").asText(),
                    n.get("mac").asText()));
        } catch (IOException | RuntimeException e) {
            throw new AuditException(
                    "the audit anchor " + file + " cannot be read (" + e.getMessage()
                            + "); it may have been tampered with",
                    e);
        }
    }
}
