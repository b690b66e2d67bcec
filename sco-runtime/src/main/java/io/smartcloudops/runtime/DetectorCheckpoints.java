package io.smartcloudops.runtime;

import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.detect.pipeline.DetectionPipeline.Checkpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The detectors' states on disk ({@code <data-dir>/detectors.ckpt}), so a restarted agent goes on
 * scoring where it stopped instead of learning every series again. A checkpoint is written whole
 * to a temporary file, forced to disk, then renamed over the last one: a crash at any moment
 * leaves the previous complete checkpoint (or the new one), never a torn file. The file ends
 * with a SHA-256 of its content, so damage is recognised and the file refused, not half-read.
 *
 * <p>Layout: {@code "SCOCKPT1"}, entry count, then per series: name, label count, labels,
 * detector name, state version, last timestamp, state length, state bytes; then the digest.
 */
public final class DetectorCheckpoints {
    public static final String FILE = "detectors.ckpt";
    private static final byte[] MAGIC = "SCOCKPT1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int MAX_BYTES = 512 * 1024 * 1024;

    private final Path file;
    private final Path temporary;

    public DetectorCheckpoints(Path dataDir) {
        this.file = dataDir.resolve(FILE);
        this.temporary = dataDir.resolve(FILE + ".tmp");
    }

    public Path file() {
        return file;
    }

    /** Writes every series' state; the previous checkpoint stays until the new one is durable. */
    public void save(Map<SeriesId, Checkpoint> states) {
        byte[] content = encode(states);
        try {
            try (FileChannel ch = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true); // the rename itself must survive a power cut
            } catch (IOException ignored) {
                // some file systems cannot open a directory; the rename is still atomic there
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write detector checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The last complete checkpoint; empty when there is none.
     *
     * @throws IllegalStateException when the file is damaged: the caller starts fresh and says so
     */
    public Map<SeriesId, Checkpoint> load() {
        byte[] content;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalStateException(file + " is larger than " + MAX_BYTES + " bytes");
            }
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return decode(content);
    }

    static byte[] encode(Map<SeriesId, Checkpoint> states) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(states.size());
            for (Map.Entry<SeriesId, Checkpoint> e : states.entrySet()) {
                out.writeUTF(e.getKey().name());
                Map<String, String> labels = new TreeMap<>(e.getKey().labels().asMap());
                out.writeInt(labels.size());
                for (Map.Entry<String, String> l : labels.entrySet()) {
                    out.writeUTF(l.getKey());
                    out.writeUTF(l.getValue());
                }
                DetectorState s = e.getValue().state();
                out.writeUTF(s.detector());
                out.writeInt(s.version());
                out.writeLong(e.getValue().lastTimestampMillis());
                byte[] b = s.bytes();
                out.writeInt(b.length);
                out.write(b);
            }
            out.write(sha256(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static Map<SeriesId, Checkpoint> decode(byte[] content) {
        if (content.length < MAGIC.length + 4 + 32) {
            throw new IllegalStateException("detector checkpoint is truncated (" + content.length + " bytes)");
        }
        byte[] body = Arrays.copyOf(content, content.length - 32);
        if (!MessageDigest.isEqual(sha256(body), Arrays.copyOfRange(content, content.length - 32, content.length))) {
            throw new IllegalStateException("detector checkpoint is damaged: its SHA-256 does not match its content");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalStateException("not a detector checkpoint (unknown format)");
            }
            int count = in.readInt();
            Map<SeriesId, Checkpoint> out = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int labelCount = in.readInt();
                Map<String, String> labels = new LinkedHashMap<>();
                for (int j = 0; j < labelCount; j++) {
                    labels.put(in.readUTF(), in.readUTF());
                }
                String detector = in.readUTF();
                int version = in.readInt();
                long last = in.readLong();
                int length = in.readInt();
                if (length < 0 || length > body.length) {
                    throw new IllegalStateException("detector checkpoint entry " + i + " claims " + length + " bytes");
                }
                byte[] state = in.readNBytes(length);
                out.put(SeriesId.of(name, Labels.of(labels)), new Checkpoint(new DetectorState(detector, version, state), last));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw new IllegalStateException("detector checkpoint is malformed: " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
