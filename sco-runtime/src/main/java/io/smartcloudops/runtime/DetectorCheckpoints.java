package io.smartcloudops.runtime;

import io.smartcloudops.api.checkpoint.CheckpointStore;
import io.smartcloudops.api.checkpoint.CheckpointStoreException;
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
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The detectors' states as one checkpoint, so a restarted agent goes on scoring where it stopped
 * instead of learning every series again. This is the encoding; where it is kept is a
 * {@link CheckpointStore} (by default {@link FileCheckpointStore}, {@code <data-dir>/detectors.ckpt}).
 * The encoding ends with a SHA-256 of its content, so damage is recognised and the checkpoint
 * refused, not half-read, whichever store held it.
 *
 * <p>Layout: {@code "SCOCKPT1"}, entry count, then per series: name, label count, labels,
 * detector name, state version, last timestamp, state length, state bytes; then the digest.
 */
public final class DetectorCheckpoints {
    public static final String FILE = "detectors.ckpt";
    private static final byte[] MAGIC = "SCOCKPT1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final CheckpointStore store;

    /** The built-in store: {@code <dataDir>/detectors.ckpt}. */
    public DetectorCheckpoints(Path dataDir) {
        this(new FileCheckpointStore(dataDir.resolve(FILE)));
    }

    public DetectorCheckpoints(CheckpointStore store) {
        this.store = java.util.Objects.requireNonNull(store, "store");
    }

    /** Where the checkpoint goes, for logs. */
    public String location() {
        return store.location();
    }

    /** Writes every series' state; the previous checkpoint stays until the new one is durable. */
    public void save(Map<SeriesId, Checkpoint> states) {
        store.save(encode(states));
    }

    /**
     * The last complete checkpoint; empty when there is none.
     *
     * @throws IllegalStateException when it is damaged or cannot be read: the caller starts fresh and says so
     */
    public Map<SeriesId, Checkpoint> load() {
        java.util.Optional<byte[]> content;
        try {
            content = store.loadLatest();
        } catch (CheckpointStoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return content.map(DetectorCheckpoints::decode).orElse(Map.of());
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
