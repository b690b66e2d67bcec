package io.smartcloudops.aws.s3;

import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.aws.AwsFailure;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Detector checkpoints in S3. Each save writes a new object, never overwriting one:
 * {@code <prefix>models/<model>/<millis>-<detector>-v<stateVersion>.state}, so keys sort by time and
 * older checkpoints stay readable. Objects are encrypted at rest (SSE-S3 or SSE-KMS), S3 checks the
 * upload against its SHA-256, and a load recomputes the SHA-256 saved in the object's metadata and
 * refuses an object that does not match.
 *
 * <pre>{@code
 * S3ModelStore store = new S3ModelStore(s3, S3Settings.from(config), context.clock());
 * S3ModelStore.Checkpoint c = store.save("app-cpu", detector.snapshot());
 * DetectorState s = store.loadLatest("app-cpu").orElseThrow();
 * }</pre>
 */
public final class S3ModelStore implements AutoCloseable {
    static final String META_SHA256 = "sco-sha256";
    static final String META_DETECTOR = "sco-detector";
    static final String META_VERSION = "sco-state-version";
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._=-]{0,127}");
    private static final Pattern DETECTOR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._=]{0,63}");

    /** A saved checkpoint: its key, what it holds, and its SHA-256 (hex). */
    public record Checkpoint(String key, String detector, int version, String sha256, long size) {}

    private final S3Client s3;
    private final S3Settings settings;
    private final InstantSource clock;

    public S3ModelStore(S3Client s3, S3Settings settings, InstantSource clock) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Saves a checkpoint under a new key.
     *
     * @param model which model this is (a series or detector group), letters, digits, {@code ._=-}
     */
    public Checkpoint save(String model, DetectorState state) {
        check(model, MODEL, "model");
        check(state.detector(), DETECTOR, "detector name");
        byte[] bytes = state.bytes();
        Sha256 sha = Sha256.of(bytes);
        String key = String.format(
                "%s%015d-%s-v%d.state", modelPrefix(model), clock.millis(), state.detector(), state.version());
        PutObjectRequest.Builder put = PutObjectRequest.builder()
                .bucket(settings.bucket())
                .key(key)
                .contentType("application/octet-stream")
                .checksumSHA256(sha.base64())
                .serverSideEncryption(ServerSideEncryption.fromValue(settings.sse()))
                .metadata(Map.of(
                        META_SHA256,
                        sha.hex(),
                        META_DETECTOR,
                        state.detector(),
                        META_VERSION,
                        Integer.toString(state.version())));
        if (settings.kmsKeyId() != null) {
            put.ssekmsKeyId(settings.kmsKeyId());
        }
        try {
            s3.putObject(put.build(), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw new S3StoreException(AwsFailure.of(e).describe("save checkpoint " + settings.uri(key)), e);
        }
        return new Checkpoint(key, state.detector(), state.version(), sha.hex(), bytes.length);
    }

    /** Loads one checkpoint and verifies its SHA-256. */
    public DetectorState load(String key) {
        ResponseBytes<GetObjectResponse> got;
        try {
            got = s3.getObjectAsBytes(r -> r.bucket(settings.bucket()).key(key));
        } catch (NoSuchKeyException e) {
            throw new S3StoreException("no checkpoint at " + settings.uri(key), e);
        } catch (SdkException e) {
            String why = AwsFailure.of(e).describe("load checkpoint " + settings.uri(key));
            // the SDK verifies S3's own checksum while reading; a mismatch there is corruption too
            throw new S3StoreException(
                    e.getMessage() != null && e.getMessage().contains("checksum")
                            ? "checkpoint " + settings.uri(key) + " is corrupt: " + e.getMessage()
                            : why,
                    e);
        }
        Map<String, String> meta = got.response().metadata();
        byte[] bytes = got.asByteArray();
        String expected = meta.get(META_SHA256);
        if (expected == null) {
            throw new S3StoreException("checkpoint " + settings.uri(key) + " has no " + META_SHA256
                    + " metadata, so it cannot be verified; it was not written by S3ModelStore");
        }
        String actual = Sha256.of(bytes).hex();
        if (!actual.equals(expected)) {
            throw new S3StoreException("checkpoint " + settings.uri(key) + " is corrupt: its " + bytes.length
                    + " bytes have SHA-256 " + actual + " but it was saved with " + expected
                    + "; load an older checkpoint (bucket versioning keeps them) or let the detector retrain");
        }
        try {
            return new DetectorState(
                    meta.getOrDefault(META_DETECTOR, ""),
                    Integer.parseInt(meta.getOrDefault(META_VERSION, "0")),
                    bytes);
        } catch (IllegalArgumentException e) {
            throw new S3StoreException("checkpoint " + settings.uri(key) + " has bad metadata: " + e.getMessage(), e);
        }
    }

    /** The newest checkpoint of a model, verified; empty when there is none. */
    public Optional<DetectorState> loadLatest(String model) {
        return latestKey(model).map(this::load);
    }

    /** The key of the newest checkpoint of a model, following every page of the listing. */
    public Optional<String> latestKey(String model) {
        check(model, MODEL, "model");
        ListObjectsV2Request request = ListObjectsV2Request.builder()
                .bucket(settings.bucket())
                .prefix(modelPrefix(model))
                .build();
        Optional<String> newest = Optional.empty();
        try {
            String token = null;
            do {
                ListObjectsV2Response page = s3.listObjectsV2(
                        token == null
                                ? request
                                : request.toBuilder().continuationToken(token).build());
                Optional<String> best = page.contents().stream()
                        .map(S3Object::key)
                        .filter(k -> k.endsWith(".state"))
                        .max(Comparator.naturalOrder());
                if (best.isPresent() && (newest.isEmpty() || best.get().compareTo(newest.get()) > 0)) {
                    newest = best;
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (SdkException e) {
            throw new S3StoreException(
                    AwsFailure.of(e).describe("list checkpoints under " + settings.uri(modelPrefix(model))), e);
        }
        return newest;
    }

    /** A configured model name that the store would refuse later, refused now as configuration. */
    void checkModelName(String model) {
        if (model == null || !MODEL.matcher(model).matches()) {
            throw new io.smartcloudops.api.ConfigException(
                    "model '" + model + "' must match " + MODEL.pattern() + " (letters, digits, '._=-', at most 128)");
        }
    }

    private String modelPrefix(String model) {
        return settings.prefix() + "models/" + model + "/";
    }

    private static void check(String value, Pattern p, String what) {
        if (value == null || !p.matcher(value).matches()) {
            throw new S3StoreException(what + " '" + value + "' must match " + p.pattern());
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
