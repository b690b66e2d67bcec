package io.smartcloudops.aws.s3;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.smartcloudops.api.audit.AuditArchive;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.aws.AwsFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Copies the audit log to S3 in segments of consecutive entries. A segment is {@code segmentSize}
 * entries (at stop, also the shorter tail after the last full one); each becomes one JSON-lines
 * object, {@code <prefix>audit/<first>-<last>.jsonl} (zero-padded, so keys sort in chain order),
 * whose lines are the entries exactly as the log stores them ({@link AuditLog#exportStored}: every
 * column's text, the previous hash and the hash), and whose metadata names the chain's ends. A
 * keyed chain cannot be recomputed, so only those stored bytes restore to a log that verifies.
 *
 * <p>A segment whose chain does not continue from the last one is not uploaded. Progress is
 * recorded in a local marker file only after S3 confirmed the upload; a crash in between uploads
 * the same segment to the same key again. Nothing is ever deleted, from the log or the bucket.
 *
 * <pre>{@code
 * S3AuditArchiver archiver =
 *         new S3AuditArchiver(s3, settings, auditLog, dataDir.resolve("audit-archive.marker"), 1000);
 * archiver.archive(false); // on a schedule
 * archiver.archive(true); // at stop
 * List<String> rows = archiver.storedRows(); // for SqliteAuditLog.restore
 * }</pre>
 */
public final class S3AuditArchiver implements AuditArchive {
    static final int MAX_SEGMENT = 10_000;
    private static final Pattern SEGMENT_KEY = Pattern.compile("audit/(\\d{20})-(\\d{20})\\.jsonl");

    private final S3Client s3;
    private final S3Settings settings;
    private final AuditLog log;
    private final Path markerFile;
    private final int segmentSize;
    private final JsonFactory json = new JsonFactory();

    /**
     * @param log the log to archive, or null for an archive opened only to restore from
     * @param markerFile where progress is kept (in the data directory: it goes with the log)
     */
    public S3AuditArchiver(S3Client s3, S3Settings settings, AuditLog log, Path markerFile, int segmentSize) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.log = log;
        this.markerFile = Objects.requireNonNull(markerFile, "markerFile");
        if (segmentSize < 1 || segmentSize > MAX_SEGMENT) {
            throw new IllegalArgumentException("segmentSize must be in [1, " + MAX_SEGMENT + "], got " + segmentSize);
        }
        this.segmentSize = segmentSize;
    }

    /** What the marker says has been archived. */
    public ArchiveMarker progress() {
        return ArchiveMarker.read(markerFile);
    }

    /** Uploads every full segment not yet archived, in order; returns the keys written. */
    public List<String> archiveSealed() {
        return archiveUpTo(false);
    }

    @Override
    public int archive(boolean includeTail) {
        try {
            return archiveUpTo(includeTail).size();
        } catch (S3StoreException e) {
            throw new AuditException("audit archive " + location() + ": " + e.getMessage(), e);
        }
    }

    private synchronized List<String> archiveUpTo(boolean includeTail) {
        if (log == null) {
            throw new IllegalStateException("this archive was opened to restore from, with no log to archive");
        }
        ArchiveMarker marker = progress();
        List<AuditEntry> head = log.query(AuditQuery.latest(1));
        long newest = head.isEmpty() ? 0 : head.get(0).sequence();
        List<String> written = new ArrayList<>();
        if (marker.lastSequence() == 0 && newest > 0) {
            refuseAnotherLogsArchive();
        }
        while (marker.lastSequence() < newest && (includeTail || marker.lastSequence() + segmentSize <= newest)) {
            long first = marker.lastSequence() + 1;
            long last = Math.min(newest, marker.lastSequence() + segmentSize);
            List<String> rows = log.exportStored(first, last);
            if (rows.isEmpty()) {
                throw new S3StoreException("the audit log " + log.getClass().getSimpleName()
                        + " cannot export its stored entries, so it cannot be archived");
            }
            List<StoredRow> parsed = parse(rows, "the log's entries " + first + ".." + last);
            checkChain(parsed, marker.lastSequence(), marker.lastHash(), "audit entry");
            if (parsed.size() != last - first + 1) {
                throw new S3StoreException("audit entries " + first + ".." + last + " could not all be read (got "
                        + parsed.size() + "); not archiving this segment");
            }
            String key = String.format("%saudit/%020d-%020d.jsonl", settings.prefix(), first, last);
            upload(key, rows, parsed, marker);
            marker = new ArchiveMarker(last, parsed.get(parsed.size() - 1).hash(), key);
            marker.write(markerFile); // only now: S3 has confirmed the object
            written.add(key);
        }
        return written;
    }

    /**
     * Every archived entry in chain order. Objects are read in key order; an object that starts
     * past the entry after the last one read is a gap (an error), and entries already read (the
     * same segment uploaded again after a lost marker, or a tail later archived in full) are
     * skipped. Each object is checked against its SHA-256 and the chain across all of them.
     */
    @Override
    public List<String> storedRows() {
        try {
            return readAll();
        } catch (S3StoreException e) {
            throw new AuditException(e.getMessage(), e);
        }
    }

    private List<String> readAll() {
        List<String> keys = segmentKeys();
        List<String> out = new ArrayList<>();
        long lastSequence = 0;
        String lastHash = ArchiveMarker.GENESIS;
        for (String key : keys) {
            Matcher m = SEGMENT_KEY.matcher(key.substring(settings.prefix().length()));
            if (!m.matches()) {
                continue;
            }
            long first = Long.parseLong(m.group(1));
            long last = Long.parseLong(m.group(2));
            if (last <= lastSequence) {
                continue;
            }
            if (first > lastSequence + 1) {
                throw new S3StoreException("the audit archive " + location() + " has no entries " + (lastSequence + 1)
                        + ".." + (first - 1) + " (the next object is " + key + "); restoring would leave a gap");
            }
            List<String> rows = download(key);
            List<StoredRow> parsed = parse(rows, settings.uri(key));
            List<String> fresh = new ArrayList<>();
            List<StoredRow> freshParsed = new ArrayList<>();
            for (int i = 0; i < parsed.size(); i++) {
                if (parsed.get(i).sequence() > lastSequence) {
                    fresh.add(rows.get(i));
                    freshParsed.add(parsed.get(i));
                }
            }
            try {
                checkChain(freshParsed, lastSequence, lastHash, "archived entry");
            } catch (S3StoreException e) {
                throw new S3StoreException(settings.uri(key) + ": " + e.getMessage(), e);
            }
            if (!freshParsed.isEmpty()) {
                lastSequence = freshParsed.get(freshParsed.size() - 1).sequence();
                lastHash = freshParsed.get(freshParsed.size() - 1).hash();
            }
            out.addAll(fresh);
        }
        return out;
    }

    /**
     * Before this log's first segment: an archive that already holds a different log's entry 1
     * (a new host started empty, with the old host's archive settings) is never mixed with this
     * one. The same log's archive (its marker was lost) goes on; conditional writes skip what is there.
     */
    private void refuseAnotherLogsArchive() {
        List<String> keys = segmentKeys();
        if (keys.isEmpty()) {
            return;
        }
        StoredRow theirs = parseRow(download(keys.get(0)).get(0), settings.uri(keys.get(0)));
        StoredRow ours = parseRow(log.exportStored(1, 1).get(0), "the log's entry 1");
        if (theirs.sequence() != 1 || !theirs.hash().equals(ours.hash())) {
            throw new S3StoreException(
                    location() + " already holds the archive of another audit log (its entry 1 has hash "
                            + theirs.hash() + ", this log's " + ours.hash()
                            + "); restore it with 'audit restore' before starting, "
                            + "or archive this log under another prefix");
        }
    }

    @Override
    public String location() {
        return settings.uri(settings.prefix() + "audit/");
    }

    private List<String> segmentKeys() {
        String prefix = settings.prefix() + "audit/";
        ListObjectsV2Request request = ListObjectsV2Request.builder()
                .bucket(settings.bucket())
                .prefix(prefix)
                .build();
        List<String> keys = new ArrayList<>();
        try {
            String token = null;
            do {
                ListObjectsV2Response page = s3.listObjectsV2(
                        token == null
                                ? request
                                : request.toBuilder().continuationToken(token).build());
                page.contents().stream()
                        .map(S3Object::key)
                        .filter(k -> k.endsWith(".jsonl"))
                        .forEach(keys::add);
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (SdkException e) {
            throw new S3StoreException(AwsFailure.of(e).describe("list the audit archive " + location()), e);
        }
        keys.sort(null);
        return keys;
    }

    private List<String> download(String key) {
        ResponseBytes<GetObjectResponse> got;
        try {
            got = s3.getObjectAsBytes(r -> r.bucket(settings.bucket()).key(key));
        } catch (SdkException e) {
            throw new S3StoreException(AwsFailure.of(e).describe("read audit segment " + settings.uri(key)), e);
        }
        byte[] body = got.asByteArray();
        String expected = got.response().metadata().get(S3ModelStore.META_SHA256);
        String actual = Sha256.of(body).hex();
        if (expected == null || !expected.equals(actual)) {
            throw new S3StoreException(
                    "audit segment " + settings.uri(key) + " does not match the SHA-256 it was archived with ("
                            + expected + ", its bytes have " + actual + ")");
        }
        List<String> rows = new ArrayList<>();
        for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line);
            }
        }
        return rows;
    }

    /** What the archive needs of a stored entry: its place in the chain. */
    record StoredRow(long sequence, String previousHash, String hash) {}

    private List<StoredRow> parse(List<String> rows, String where) {
        List<StoredRow> out = new ArrayList<>(rows.size());
        for (String row : rows) {
            out.add(parseRow(row, where));
        }
        return out;
    }

    private StoredRow parseRow(String row, String where) {
        long seq = -1;
        String prev = null;
        String hash = null;
        try (JsonParser p = json.createParser(row)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new S3StoreException(where + " holds a line that is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "seq" -> seq = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                    case "prev_hash" -> prev = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "hash" -> hash = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new S3StoreException(where + " holds a line that is not JSON: " + e.getMessage(), e);
        }
        if (seq < 1 || prev == null || hash == null) {
            throw new S3StoreException(where + " holds an entry without seq, prev_hash and hash");
        }
        return new StoredRow(seq, prev, hash);
    }

    private static void checkChain(List<StoredRow> rows, long lastSequence, String lastHash, String what) {
        String previous = lastHash;
        long expected = lastSequence + 1;
        for (StoredRow e : rows) {
            if (e.sequence() != expected || !e.previousHash().equals(previous)) {
                throw new S3StoreException(what + " " + e.sequence() + " does not chain to entry " + (expected - 1)
                        + " (previous hash " + e.previousHash() + ", expected " + previous
                        + "); run 'audit verify' on the local log, the segment is not archived");
            }
            previous = e.hash();
            expected++;
        }
    }

    private void upload(String key, List<String> rows, List<StoredRow> parsed, ArchiveMarker marker) {
        byte[] body = (String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
        Sha256 sha = Sha256.of(body);
        StoredRow first = parsed.get(0);
        StoredRow last = parsed.get(parsed.size() - 1);
        PutObjectRequest.Builder put = PutObjectRequest.builder()
                .bucket(settings.bucket())
                .key(key)
                .contentType("application/x-ndjson")
                .ifNoneMatch("*") // never replace an archived segment
                .checksumSHA256(sha.base64())
                .serverSideEncryption(ServerSideEncryption.fromValue(settings.sse()))
                .metadata(Map.of(
                        "sco-first-sequence",
                        Long.toString(first.sequence()),
                        "sco-last-sequence",
                        Long.toString(last.sequence()),
                        "sco-chain-start",
                        first.previousHash(),
                        "sco-chain-end",
                        last.hash(),
                        S3ModelStore.META_SHA256,
                        sha.hex()));
        if (settings.kmsKeyId() != null) {
            put.ssekmsKeyId(settings.kmsKeyId());
        }
        PutObjectResponse response;
        try {
            response = s3.putObject(put.build(), RequestBody.fromBytes(body));
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 412) {
                alreadyArchived(key, last);
                return;
            }
            throw new S3StoreException(
                    AwsFailure.of(e).describe("upload audit segment " + settings.uri(key))
                            + "; progress stays at entry " + marker.lastSequence(),
                    e);
        } catch (SdkException e) {
            throw new S3StoreException(
                    AwsFailure.of(e).describe("upload audit segment " + settings.uri(key))
                            + "; progress stays at entry " + marker.lastSequence(),
                    e);
        }
        if (response.eTag() == null || response.eTag().isEmpty()) {
            throw new S3StoreException("S3 did not confirm " + settings.uri(key)
                    + " (no ETag); progress stays at entry " + marker.lastSequence());
        }
    }

    /** The key exists: the same segment uploaded before a crash is fine, anything else is refused. */
    private void alreadyArchived(String key, StoredRow last) {
        String theirs;
        try {
            theirs = s3.headObject(r -> r.bucket(settings.bucket()).key(key))
                    .metadata()
                    .get("sco-chain-end");
        } catch (SdkException e) {
            throw new S3StoreException(
                    AwsFailure.of(e).describe("read the existing audit segment " + settings.uri(key)), e);
        }
        if (!last.hash().equals(theirs)) {
            throw new S3StoreException(settings.uri(key) + " already holds other entries (chain end " + theirs
                    + ", this log's " + last.hash() + "); the archive is never overwritten");
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
