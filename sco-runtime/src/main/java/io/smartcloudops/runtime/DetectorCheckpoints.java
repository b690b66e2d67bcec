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
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The detectors' states as one checkpoint, so a restarted agent goes on scoring where it stopped
 * instead of learning every series again. This is the encoding; where it is kept is a
 * {@link CheckpointStore} (by default {@link FileCheckpointStore}, {@code <data-dir>/detectors.ckpt}).
 * It is streamed series by series in both directions (a million series do not fit in memory twice),
 * and ends with a SHA-256 of its content, so damage is recognised and the checkpoint refused whole,
 * whichever store held it: {@link #load} checks the digest before returning anything, {@link
 * #loadEach} hands each series over as it is read and says at the end whether all of it was sound,
 * so that its caller can undo what it took.
 *
 * <p>Layout of version 2 ({@code "SCOCKPT2"}): per series a byte {@code 1}, then name, label count,
 * labels, detector name, state version, last timestamp, state length, state bytes; a byte {@code 0}
 * ends the series; then the digest of everything before it. Version 1 ({@code "SCOCKPT1"}: an entry
 * count up front instead of the markers), written before 0.2.0's streaming, is still read.
 */
public final class DetectorCheckpoints {
    public static final String FILE = "detectors.ckpt";
    private static final byte[] MAGIC_V1 = "SCOCKPT1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAGIC = "SCOCKPT2".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_BYTES = 32;
    /** No detector state is this large; a bigger length is damage, not data to allocate. */
    private static final int MAX_STATE_BYTES = 64 * 1024 * 1024;

    private final CheckpointStore store;

    /** The built-in store: {@code <dataDir>/detectors.ckpt}. */
    public DetectorCheckpoints(Path dataDir) {
        this(new FileCheckpointStore(dataDir.resolve(FILE)));
    }

    public DetectorCheckpoints(CheckpointStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Where the checkpoint goes, for logs. */
    public String location() {
        return store.location();
    }

    /** Writes every series' state; the previous checkpoint stays until the new one is durable. */
    public void save(Map<SeriesId, Checkpoint> states) {
        save(sink -> states.forEach(sink));
    }

    /**
     * Streams every series the source hands over (for example {@code pipeline::checkpointEach})
     * into the store; the previous checkpoint stays until the new one is durable.
     */
    public void save(Consumer<BiConsumer<SeriesId, Checkpoint>> source) {
        store.save(out -> writeTo(out, source));
    }

    /**
     * The last complete checkpoint; empty when there is none.
     *
     * @throws IllegalStateException when it is damaged or cannot be read: the caller starts fresh and says so
     */
    public Map<SeriesId, Checkpoint> load() {
        // loadEach throws before this returns when the digest shows damage, so nothing half-read escapes
        Map<SeriesId, Checkpoint> out = new LinkedHashMap<>();
        loadEach(out::put);
        return out;
    }

    /**
     * Hands each series of the last complete checkpoint to {@code sink} as it is read, so that a
     * million series' saved states (4.5 GB) are never in memory beside the detectors made from
     * them. The digest can only be checked once all is read: on an exception, some series may have
     * been handed over, and the caller must discard them.
     *
     * @return how many series were handed over; 0 when there is no checkpoint
     * @throws IllegalStateException when it is damaged or cannot be read, after handing over what came before the damage showed
     */
    public int loadEach(BiConsumer<SeriesId, Checkpoint> sink) {
        Optional<InputStream> content;
        try {
            content = store.openLatest();
        } catch (CheckpointStoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (content.isEmpty()) {
            return 0;
        }
        int[] count = {0};
        readStored(content.get(), (id, cp) -> {
            count[0]++;
            sink.accept(id, cp);
        });
        return count[0];
    }

    private void readStored(InputStream content, BiConsumer<SeriesId, Checkpoint> sink) {
        try (InputStream in = content) {
            read(in, sink);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read the detector checkpoint at " + store.location() + ": " + e.getMessage(), e);
        }
    }

    static byte[] encode(Map<SeriesId, Checkpoint> states) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeTo(bytes, sink -> states.forEach(sink));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static Map<SeriesId, Checkpoint> decode(byte[] content) {
        try {
            Map<SeriesId, Checkpoint> out = new LinkedHashMap<>();
            read(new ByteArrayInputStream(content), out::put);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("detector checkpoint is malformed: " + e.getMessage(), e);
        }
    }

    private static void writeTo(OutputStream target, Consumer<BiConsumer<SeriesId, Checkpoint>> source)
            throws IOException {
        MessageDigest sha = sha256();
        DataOutputStream out = new DataOutputStream(new DigestOutputStream(target, sha));
        out.write(MAGIC);
        try {
            source.accept((id, cp) -> {
                try {
                    out.writeByte(1);
                    writeEntry(out, id, cp);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.writeByte(0);
        out.flush();
        target.write(sha.digest());
        target.flush();
    }

    private static void writeEntry(DataOutputStream out, SeriesId id, Checkpoint cp) throws IOException {
        out.writeUTF(id.name());
        Map<String, String> labels = new TreeMap<>(id.labels().asMap());
        out.writeInt(labels.size());
        for (Map.Entry<String, String> l : labels.entrySet()) {
            out.writeUTF(l.getKey());
            out.writeUTF(l.getValue());
        }
        DetectorState s = cp.state();
        out.writeUTF(s.detector());
        out.writeInt(s.version());
        out.writeLong(cp.lastTimestampMillis());
        byte[] b = s.bytes();
        out.writeInt(b.length);
        out.write(b);
    }

    /** Reads a whole checkpoint, handing each series to {@code sink}, and checks its digest at the end. */
    private static void read(InputStream raw, BiConsumer<SeriesId, Checkpoint> sink) throws IOException {
        MessageDigest sha = sha256();
        DigestInputStream digested = new DigestInputStream(raw, sha);
        DataInputStream in = new DataInputStream(digested);
        byte[] magic = in.readNBytes(MAGIC.length);
        boolean v1 = Arrays.equals(magic, MAGIC_V1);
        if (!v1 && !Arrays.equals(magic, MAGIC)) {
            throw new IllegalStateException(
                    magic.length < MAGIC.length
                            ? "detector checkpoint is truncated (" + magic.length + " bytes)"
                            : "not a detector checkpoint (unknown format)");
        }
        int read = 0;
        try {
            if (v1) {
                int count = in.readInt();
                if (count < 0) {
                    throw new IllegalStateException("detector checkpoint claims " + count + " entries");
                }
                for (int i = 0; i < count; i++) {
                    readEntry(in, i, sink);
                    read++;
                }
            } else {
                for (int i = 0; ; i++) {
                    int marker = in.readUnsignedByte();
                    if (marker == 0) {
                        break;
                    }
                    if (marker != 1) {
                        throw new IllegalStateException("detector checkpoint entry " + i + " has marker " + marker);
                    }
                    readEntry(in, i, sink);
                    read++;
                }
            }
        } catch (EOFException e) {
            throw new IllegalStateException("detector checkpoint is truncated after " + read + " series", e);
        } catch (UTFDataFormatException | IllegalArgumentException | IllegalStateException e) {
            // a damaged byte usually shows as nonsense before the digest is reached: say which it is
            digested.on(false);
            if (!digestMatchesRest(raw, sha)) {
                throw new IllegalStateException(
                        "detector checkpoint is damaged: its SHA-256 does not match its content", e);
            }
            throw new IllegalStateException("detector checkpoint is malformed: " + e.getMessage(), e);
        }
        digested.on(false);
        byte[] expected = sha.digest();
        byte[] stored = in.readNBytes(DIGEST_BYTES);
        if (stored.length < DIGEST_BYTES) {
            throw new IllegalStateException("detector checkpoint is truncated: its SHA-256 is missing");
        }
        if (!MessageDigest.isEqual(expected, stored)) {
            throw new IllegalStateException("detector checkpoint is damaged: its SHA-256 does not match its content");
        }
        if (in.read() != -1) {
            throw new IllegalStateException("detector checkpoint is damaged: bytes follow its SHA-256");
        }
    }

    /** Reads the rest of the stream into the digest, holding back the last 32 bytes to compare with it. */
    private static boolean digestMatchesRest(InputStream raw, MessageDigest sha) throws IOException {
        byte[] tail = new byte[0];
        byte[] chunk = new byte[1 << 16];
        for (int n; (n = raw.read(chunk)) > 0; ) {
            byte[] joined = Arrays.copyOf(tail, tail.length + n);
            System.arraycopy(chunk, 0, joined, tail.length, n);
            int keep = Math.min(DIGEST_BYTES, joined.length);
            sha.update(joined, 0, joined.length - keep);
            tail = Arrays.copyOfRange(joined, joined.length - keep, joined.length);
        }
        return tail.length == DIGEST_BYTES && MessageDigest.isEqual(sha.digest(), tail);
    }

    private static void readEntry(DataInputStream in, int i, BiConsumer<SeriesId, Checkpoint> sink) throws IOException {
        String name = in.readUTF();
        int labelCount = in.readInt();
        if (labelCount < 0 || labelCount > 10_000) {
            throw new IllegalStateException("detector checkpoint entry " + i + " claims " + labelCount + " labels");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int j = 0; j < labelCount; j++) {
            labels.put(in.readUTF(), in.readUTF());
        }
        String detector = in.readUTF();
        int version = in.readInt();
        long last = in.readLong();
        int length = in.readInt();
        if (length < 0 || length > MAX_STATE_BYTES) {
            throw new IllegalStateException("detector checkpoint entry " + i + " claims " + length + " bytes");
        }
        byte[] state = in.readNBytes(length);
        if (state.length < length) {
            throw new EOFException();
        }
        sink.accept(
                SeriesId.of(name, Labels.of(labels)),
                new Checkpoint(new DetectorState(detector, version, state), last));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
