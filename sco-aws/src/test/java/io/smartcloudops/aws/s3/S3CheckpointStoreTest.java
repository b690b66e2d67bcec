package io.smartcloudops.aws.s3;

import io.smartcloudops.api.checkpoint.CheckpointStore;
import io.smartcloudops.aws.FakeAwsServer;
import io.smartcloudops.testkit.CheckpointStoreContract;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store keeps the checkpoint store contract, through the real SDK against the local S3 endpoint. */
class S3CheckpointStoreTest extends CheckpointStoreContract {
    private final FakeS3 s3 = new FakeS3("sco-models");
    /** Each save is a new key named by its time: the clock moves a second per save. */
    private final AtomicLong millis =
            new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

    private FakeAwsServer server;
    private S3Client client;

    @BeforeEach
    void start() throws IOException {
        server = FakeAwsServer.start(s3);
        client = server.clients().s3();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Override
    protected CheckpointStore newStore() {
        S3Settings where = new S3Settings("sco-models", "prod/", S3Settings.SSE_S3, null);
        S3ModelStore store = new S3ModelStore(client, where, () -> Instant.ofEpochMilli(millis.addAndGet(1_000)));
        return new S3CheckpointStore(store, "agent", where.uri(where.prefix() + "models/agent/"));
    }
}
