package io.smartcloudops.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.aws.FakeAwsServer;
import io.smartcloudops.aws.SigV4Assertions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class S3ModelStoreTest {
    private final FakeS3 s3 = new FakeS3("sco-models");
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = now::get;
    private FakeAwsServer server;
    private S3Client client;
    private S3ModelStore store;

    @BeforeEach
    void start() throws IOException {
        server = FakeAwsServer.start(s3);
        client = server.clients().s3();
        store = new S3ModelStore(client, new S3Settings("sco-models", "prod/", S3Settings.SSE_S3, null), clock);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static DetectorState state(String text, int version) {
        return new DetectorState("robust", version, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void savesUnderAVersionedKeyWithSseAndChecksumsAndLoadsItBack() {
        S3ModelStore.Checkpoint c = store.save("app-cpu", state("median=42", 2));

        assertThat(c.key()).isEqualTo("prod/models/app-cpu/001767225600000-robust-v2.state");
        FakeAwsServer.Request put = server.requests().get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo("/sco-models/prod/models/app-cpu/001767225600000-robust-v2.state");
        assertThat(put.header("x-amz-server-side-encryption")).isEqualTo("AES256");
        assertThat(put.header("x-amz-checksum-sha256")).isNotBlank();
        assertThat(put.header("x-amz-meta-sco-sha256")).isEqualTo(c.sha256());
        assertThat(put.header("x-amz-meta-sco-detector")).isEqualTo("robust");
        assertThat(put.header("x-amz-meta-sco-state-version")).isEqualTo("2");
        // over plain HTTP the SDK signs every chunk of the body (SigV4 streaming)
        assertThat(put.header("x-amz-content-sha256")).isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        assertThat(put.header("content-encoding")).isEqualTo("aws-chunked");
        assertThat(put.bodyText()).containsPattern("^[0-9a-f]+;chunk-signature=[0-9a-f]{64}\r\n");
        SigV4Assertions.signedFor(server.requests(), "s3");

        assertThat(store.load(c.key())).isEqualTo(state("median=42", 2));
    }

    @Test
    void kmsEncryptionNamesTheKey() {
        S3ModelStore kms = new S3ModelStore(
                client,
                new S3Settings(
                        "sco-models",
                        "",
                        S3Settings.SSE_KMS,
                        "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
                clock);

        kms.save("m", state("x", 1));

        FakeAwsServer.Request put = server.requests().get(0);
        assertThat(put.header("x-amz-server-side-encryption")).isEqualTo("aws:kms");
        assertThat(put.header("x-amz-server-side-encryption-aws-kms-key-id"))
                .endsWith(":key/1234abcd-12ab-34cd-56ef-1234567890ab");
    }

    @Test
    void loadLatestFollowsListingPagesAndPicksTheNewest() {
        s3.pageSize(2);
        for (int i = 0; i < 5; i++) {
            now.set(now.get().plusSeconds(60));
            store.save("app-cpu", state("generation " + i, 1));
        }
        store.save("other", state("not this one", 1));

        assertThat(store.loadLatest("app-cpu")).contains(state("generation 4", 1));
        assertThat(server.requests().stream()
                        .filter(r -> "2".equals(r.query().get("list-type")))
                        .count())
                .isEqualTo(3);
        assertThat(store.loadLatest("absent")).isEmpty();
    }

    @Test
    void rejectsACorruptedObjectWithAClearError() {
        S3ModelStore.Checkpoint c = store.save("app-cpu", state("median=42", 1));
        s3.corrupt(c.key(), "median=43".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> store.load(c.key()))
                .isInstanceOf(S3StoreException.class)
                .hasMessageContaining("s3://sco-models/" + c.key() + " is corrupt")
                .hasMessageContaining("was saved with " + c.sha256());
    }

    @Test
    void accessDeniedAndMissingKeysSayWhatHappened() {
        server.enqueue(FakeS3.error(403, "AccessDenied", "Access Denied"));
        assertThatThrownBy(() -> store.save("m", state("x", 1)))
                .isInstanceOf(S3StoreException.class)
                .hasMessageContaining("AccessDenied")
                .hasMessageContaining("IAM policy");

        assertThatThrownBy(() -> store.load("prod/models/m/nope.state"))
                .isInstanceOf(S3StoreException.class)
                .hasMessageContaining("no checkpoint at s3://sco-models/prod/models/m/nope.state");
    }

    @Test
    void slowDownIsRetriedByTheSdk() {
        server.enqueue(FakeS3.error(503, "SlowDown", "Please reduce your request rate."));

        store.save("m", state("x", 1));

        assertThat(server.requests()).hasSize(2);
        assertThat(s3.objects()).hasSize(1);
    }

    @Test
    void settingsRefuseUnsafeValues() {
        assertThatThrownBy(() -> new S3Settings("Bad_Bucket", "", null, null)).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new S3Settings("ok-bucket", "no-slash", null, null))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new S3Settings("ok-bucket", "", "none", null)).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new S3Settings("ok-bucket", "", "AES256", "key"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sse: aws:kms");
        assertThatThrownBy(() -> store.save("../etc", state("x", 1))).isInstanceOf(S3StoreException.class);
    }
}
