package io.smartcloudops.aws.s3;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.aws.AwsFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Copies sealed segments of the audit log to S3. A segment is {@code segmentSize} consecutive
 * entries, sealed once the log has reached its last sequence. Each becomes one JSON-lines object,
 * {@code <prefix>audit/<first>-<last>.jsonl} (zero-padded), whose lines carry every entry with its
 * {@code previousHash} and {@code hash}, and whose metadata names the chain's ends, so the archive
 * can be verified without the local log. A segment whose chain does not continue from the last one
 * is not uploaded.
 *
 * <p>Progress is recorded in a local marker file only after S3 confirmed the upload; a crash in
 * between uploads the same segment to the same key again. Nothing is ever deleted from the log.
 *
 * <pre>{@code
 * S3AuditArchiver archiver = new S3AuditArchiver(s3, settings, auditLog, dataDir.resolve("audit-archive.marker"), 1000);
 * archiver.archiveSealed();   // on a schedule
 * }</pre>
 */
public final class S3AuditArchiver {
    static final int MAX_PAGE = 10_000;

    private final S3Client s3;
    private final S3Settings settings;
    private final AuditLog log;
    private final Path markerFile;
    private final int segmentSize;
    private final int pageSize;
    private final JsonFactory json = new JsonFactory();

    public S3AuditArchiver(S3Client s3, S3Settings settings, AuditLog log, Path markerFile, int segmentSize) {
        this(s3, settings, log, markerFile, segmentSize, MAX_PAGE);
    }

    S3AuditArchiver(S3Client s3, S3Settings settings, AuditLog log, Path markerFile, int segmentSize, int pageSize) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.log = Objects.requireNonNull(log, "log");
        this.markerFile = Objects.requireNonNull(markerFile, "markerFile");
        if (segmentSize < 1 || segmentSize > MAX_PAGE) {
            throw new IllegalArgumentException("segmentSize must be in [1, " + MAX_PAGE + "], got " + segmentSize);
        }
        this.segmentSize = segmentSize;
        this.pageSize = pageSize;
    }

    /** What the marker says has been archived. */
    public ArchiveMarker progress() {
        return ArchiveMarker.read(markerFile);
    }

    /** Uploads every sealed segment not yet archived, in order; returns the keys written. */
    public synchronized List<String> archiveSealed() {
        ArchiveMarker marker = progress();
        List<AuditEntry> head = log.query(AuditQuery.latest(1));
        long newest = head.isEmpty() ? 0 : head.get(0).sequence();
        List<String> written = new ArrayList<>();
        while (marker.lastSequence() + segmentSize <= newest) {
            long first = marker.lastSequence() + 1;
            long last = marker.lastSequence() + segmentSize;
            List<AuditEntry> segment = read(first, last, newest);
            checkChain(segment, marker);
            String key = String.format("%saudit/%020d-%020d.jsonl", settings.prefix(), first, last);
            upload(key, segment, marker);
            marker = new ArchiveMarker(last, segment.get(segment.size() - 1).hash(), key);
            marker.write(markerFile); // only now: S3 has confirmed the object
            written.add(key);
        }
        return written;
    }

    /**
     * Entries {@code first..last}. The audit query has no sequence filter and answers newest first,
     * so this walks back from the newest entry with the {@code to} time bound until it reaches
     * {@code first}; the result is then checked to be complete.
     */
    private List<AuditEntry> read(long first, long last, long newest) {
        NavigableMap<Long, AuditEntry> found = new TreeMap<>();
        Instant to = null;
        int limit = (int) Math.min(pageSize, newest - first + 1);
        for (int pages = 0; pages < 1_000_000; pages++) {
            List<AuditEntry> page = log.query(new AuditQuery(null, to, null, null, null, null, limit));
            for (AuditEntry e : page) {
                if (e.sequence() >= first && e.sequence() <= last) {
                    found.put(e.sequence(), e);
                }
            }
            if (page.size() < limit) {
                break;
            }
            AuditEntry oldest = page.get(page.size() - 1);
            if (oldest.sequence() <= first) {
                break;
            }
            if (oldest.recordedAt().equals(to)) {
                throw new S3StoreException("more than " + limit + " audit entries are recorded at " + to
                        + "; cannot page past them with the audit query");
            }
            to = oldest.recordedAt();
            limit = pageSize;
        }
        if (found.size() != last - first + 1) {
            throw new S3StoreException("audit entries " + first + ".." + last + " could not all be read (got "
                    + found.size() + "); the log answered out of time order, not archiving this segment");
        }
        return List.copyOf(found.values());
    }

    private static void checkChain(List<AuditEntry> segment, ArchiveMarker marker) {
        String previous = marker.lastHash();
        long expected = marker.lastSequence() + 1;
        for (AuditEntry e : segment) {
            if (e.sequence() != expected || !e.previousHash().equals(previous)) {
                throw new S3StoreException("audit entry " + e.sequence() + " does not chain to entry " + (expected - 1)
                        + " (previous hash " + e.previousHash() + ", expected " + previous
                        + "); run 'audit verify' on the local log, the segment is not archived");
            }
            previous = e.hash();
            expected++;
        }
    }

    private void upload(String key, List<AuditEntry> segment, ArchiveMarker marker) {
        byte[] body = jsonLines(segment);
        Sha256 sha = Sha256.of(body);
        AuditEntry first = segment.get(0);
        AuditEntry last = segment.get(segment.size() - 1);
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(settings.bucket()).key(key)
                .contentType("application/x-ndjson")
                .checksumSHA256(sha.base64())
                .serverSideEncryption(ServerSideEncryption.fromValue(settings.sse()))
                .metadata(Map.of("sco-first-sequence", Long.toString(first.sequence()),
                        "sco-last-sequence", Long.toString(last.sequence()),
                        "sco-chain-start", first.previousHash(),
                        "sco-chain-end", last.hash(),
                        S3ModelStore.META_SHA256, sha.hex()));
        if (settings.kmsKeyId() != null) {
            put.ssekmsKeyId(settings.kmsKeyId());
        }
        PutObjectResponse response;
        try {
            response = s3.putObject(put.build(), RequestBody.fromBytes(body));
        } catch (SdkException e) {
            throw new S3StoreException(AwsFailure.of(e).describe("upload audit segment " + settings.uri(key))
                    + "; progress stays at entry " + marker.lastSequence(), e);
        }
        if (response.eTag() == null || response.eTag().isEmpty()) {
            throw new S3StoreException("S3 did not confirm " + settings.uri(key) + " (no ETag); progress stays at entry "
                    + marker.lastSequence());
        }
    }

    byte[] jsonLines(List<AuditEntry> segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = json.createGenerator(out)) {
            for (AuditEntry e : segment) {
                g.writeStartObject();
                g.writeNumberField("sequence", e.sequence());
                g.writeStringField("recordedAt", e.recordedAt().toString());
                g.writeStringField("kind", e.record().kind().name());
                g.writeStringField("actor", e.record().actor());
                g.writeStringField("subject", e.record().subject());
                g.writeStringField("action", e.record().action());
                g.writeStringField("outcome", e.record().outcome());
                g.writeStringField("reason", e.record().reason());
                g.writeObjectFieldStart("details");
                for (Map.Entry<String, String> d : new TreeMap<>(e.record().details()).entrySet()) {
                    g.writeStringField(d.getKey(), d.getValue());
                }
                g.writeEndObject();
                g.writeStringField("previousHash", e.previousHash());
                g.writeStringField("hash", e.hash());
                g.writeEndObject();
                g.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
