package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretRedactorTest {

    private final SecretRedactor redactor = new SecretRedactor();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "key AKIAIOSFODNN7EXAMPLE leaked       | key [REDACTED:aws_access_key] leaked",
                "temp ASIAY34FZKBOKMUTVV7A now         | temp [REDACTED:aws_access_key] now",
                "Authorization: Bearer abc.def-ghi_123 | Authorization: Bearer [REDACTED:token]",
                "git clone https://bob:s3cr3t@git.example.com/x | git clone https://[REDACTED:credentials]@git.example.com/x",
                "postgres://app:pw@db:5432/main        | postgres://[REDACTED:credentials]@db:5432/main",
                "api_key=sk_live_123 and more          | api_key=[REDACTED] and more",
                "PASSWORD: \"hunter2\", user bob       | PASSWORD: [REDACTED], user bob",
                "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG | aws_secret_access_key = [REDACTED]",
                "token ghp_abcdefghijklmnopqrstuvwxyz0123 | token [REDACTED:token]",
                "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N | jwt [REDACTED:jwt]"
            })
    void redactsCredentials(String input, String expected) {
        assertThat(redactor.redact(input.strip())).isEqualTo(expected.strip());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "restart nginx on app-1",
                "cpu on app over the last 2h",
                "the token bucket rate limiter dropped 5 requests",
                "explain anomaly an-208",
                "scale api to 3 replicas",
                "https://grafana.example.com/d/abc?from=now-1h"
            })
    void leavesOrdinaryOperationsTextAlone(String text) {
        assertThat(redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void redactsEveryStringInsideNestedData() {
        Object out = redactor.redactDeep(Map.of("lines", List.of(Map.of("message", "Bearer abcdefghijkl", "n", 3))));

        assertThat(out).isEqualTo(Map.of("lines", List.of(Map.of("message", "Bearer [REDACTED:token]", "n", 3))));
    }
}
