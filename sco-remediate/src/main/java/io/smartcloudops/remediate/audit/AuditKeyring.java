package io.smartcloudops.remediate.audit;

import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.storage.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 keys that authenticate audit entries, in one file that must live outside the
 * data directory (whoever can rewrite the log must not also be able to recompute its MACs). One
 * line per key, {@code <id> <base64 key>}; the last line is the key in use. Rotation appends a line
 * (old entries stay verifiable) and the log records the rotation in its chain. The file is 0600.
 */
public final class AuditKeyring {
    private final Path file;
    private final Map<String, byte[]> keys;
    private final String currentId;

    private AuditKeyring(Path file, Map<String, byte[]> keys, String currentId) {
        this.file = file;
        this.keys = keys;
        this.currentId = currentId;
    }

    /** Reads the keyring, creating it with one fresh key if it does not exist. */
    public static AuditKeyring openOrCreate(Path file) {
        if (!Files.exists(file)) {
            try {
                PrivateFiles.writeAtomically(file, line(newId(), newKey()).getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new AuditException(
                        "cannot create the audit key file " + file.toAbsolutePath() + " (" + e.getMessage()
                                + "); choose a writable place outside the data directory for it",
                        e);
            }
        }
        return read(file);
    }

    /** Reads an existing keyring (verification never creates one). */
    public static AuditKeyring read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            Map<String, byte[]> keys = new LinkedHashMap<>();
            String last = null;
            for (String l : lines) {
                if (l.isBlank()) {
                    continue;
                }
                String[] parts = l.trim().split(" ");
                if (parts.length != 2) {
                    throw new AuditException(
                            "audit key file " + file + " has a malformed line; expected '<id> <base64 key>'", null);
                }
                keys.put(parts[0], Base64.getDecoder().decode(parts[1]));
                last = parts[0];
            }
            if (last == null) {
                throw new AuditException("audit key file " + file + " holds no key", null);
            }
            PrivateFiles.restrict(file);
            return new AuditKeyring(file, keys, last);
        } catch (IOException | IllegalArgumentException e) {
            throw new AuditException(
                    "cannot read the audit key file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Adds a fresh key and makes it current; the caller records the rotation in the chain. */
    AuditKeyring rotate() {
        StringBuilder sb = new StringBuilder();
        keys.forEach((id, k) -> sb.append(line(id, k)));
        String id = newId();
        byte[] key = newKey();
        sb.append(line(id, key));
        try {
            PrivateFiles.writeAtomically(file, sb.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new AuditException("cannot rotate the audit key in " + file + ": " + e.getMessage(), e);
        }
        return read(file);
    }

    public Path file() {
        return file;
    }

    String currentId() {
        return currentId;
    }

    boolean knows(String keyId) {
        return keys.containsKey(keyId);
    }

    /** Hex HMAC-SHA256 of {@code content} with key {@code keyId}. */
    String mac(String keyId, byte[] content) {
        byte[] key = keys.get(keyId);
        if (key == null) {
            throw new AuditException(
                    "audit key '" + keyId + "' is not in " + file + "; was the key file replaced?", null);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static String line(String id, byte[] key) {
        return id + " " + Base64.getEncoder().encodeToString(key) + "\n";
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static String newId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return "k" + HexFormat.of().formatHex(b);
    }

    private static byte[] newKey() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }
}
