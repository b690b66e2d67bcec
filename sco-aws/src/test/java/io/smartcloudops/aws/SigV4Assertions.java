package io.smartcloudops.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Checks that requests were signed with SigV4 by the example key, and that no secret leaked. */
public final class SigV4Assertions {
    private SigV4Assertions() {}

    public static void signedFor(List<FakeAwsServer.Request> requests, String service) {
        assertThat(requests).isNotEmpty();
        for (FakeAwsServer.Request r : requests) {
            assertThat(r.header("x-amz-date")).as("x-amz-date").matches("\\d{8}T\\d{6}Z");
            String date = r.header("x-amz-date").substring(0, 8);
            assertThat(r.header("authorization"))
                    .as("Authorization")
                    .startsWith("AWS4-HMAC-SHA256 Credential=" + FakeAwsServer.ACCESS_KEY + "/" + date + "/us-east-1/"
                            + service + "/aws4_request")
                    .contains("SignedHeaders=")
                    .containsPattern("Signature=[0-9a-f]{64}");
            r.headers().values().forEach(v -> assertThat(String.join(",", v)).doesNotContain(FakeAwsServer.SECRET_KEY));
            assertThat(r.bodyText()).doesNotContain(FakeAwsServer.SECRET_KEY);
        }
    }
}
