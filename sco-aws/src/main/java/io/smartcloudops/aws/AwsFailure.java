package io.smartcloudops.aws;

import io.smartcloudops.api.ActionException;
import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.RetriableActionException;
import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What an SDK failure means for us: whether a later retry can help, and a message that says what to
 * do. The SDK has already retried throttling and 5xx answers by the time one of these is built.
 *
 * <pre>{@code
 * try {
 *     ec2.rebootInstances(r);
 * } catch (SdkException e) {
 *     throw AwsFailure.of(e).toActionException("reboot " + id, e);
 * }
 * }</pre>
 *
 * @param retriable true for throttling, 5xx, time-outs and transport errors
 * @param code the AWS error code, or a short name of the client-side failure
 * @param status the HTTP status, or 0 when no answer came
 * @param message AWS's message, without request signatures or credentials
 */
public record AwsFailure(boolean retriable, String code, int status, String message) {

    private static final Set<String> ACCESS_DENIED = Set.of(
            "AccessDenied",
            "AccessDeniedException",
            "UnauthorizedOperation",
            "AuthFailure",
            "InvalidClientTokenId",
            "UnrecognizedClientException",
            "SignatureDoesNotMatch",
            "ExpiredToken",
            "ExpiredTokenException",
            "AuthorizationError",
            "OptInRequired");

    /** Transient states AWS itself describes as "try again later". */
    private static final Set<String> TRANSIENT = Set.of(
            "RequestTimeout",
            "RequestTimeoutException",
            "ServiceUnavailable",
            "InternalError",
            "InternalFailure",
            "IncorrectInstanceState",
            "ScalingActivityInProgress",
            "ResourceContention",
            "RequestLimitExceeded",
            "Throttling",
            "ThrottlingException",
            "TooManyUpdates",
            "SlowDown");

    public static AwsFailure of(SdkException e) {
        if (e instanceof AwsServiceException ase) {
            String code = ase.awsErrorDetails() == null || ase.awsErrorDetails().errorCode() == null
                    ? "Unknown"
                    : ase.awsErrorDetails().errorCode();
            String message =
                    ase.awsErrorDetails() == null || ase.awsErrorDetails().errorMessage() == null
                            ? ""
                            : ase.awsErrorDetails().errorMessage();
            int status = ase.statusCode();
            boolean retriable = ase.isThrottlingException() || status >= 500 || TRANSIENT.contains(code);
            if (ACCESS_DENIED.contains(code)) {
                retriable = false;
            }
            return new AwsFailure(retriable, code, status, message);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new AwsFailure(true, "Timeout", 0, firstLine(e.getMessage()));
        }
        if (e instanceof SdkClientException) {
            // transport failures (connection refused, reset, read time-out) come as client exceptions
            return new AwsFailure(
                    e.retryable() || e.getCause() instanceof IOException, "ClientError", 0, firstLine(e.getMessage()));
        }
        return new AwsFailure(e.retryable(), "SdkError", 0, firstLine(e.getMessage()));
    }

    public boolean accessDenied() {
        return ACCESS_DENIED.contains(code);
    }

    /** One line: {@code <doing> failed: <code> (HTTP n): <message>; <advice>}. */
    public String describe(String doing) {
        StringBuilder sb = new StringBuilder(doing).append(" failed: ").append(code);
        if (status > 0) {
            sb.append(" (HTTP ").append(status).append(')');
        }
        if (!message.isEmpty()) {
            sb.append(": ").append(message);
        }
        if (accessDenied()) {
            sb.append("; the credentials lack permission: check the IAM policy of the role the agent runs as");
        } else if (retriable) {
            sb.append("; transient, a later retry may succeed");
        }
        return sb.toString();
    }

    public ActionException toActionException(String doing, Throwable cause) {
        return retriable
                ? new RetriableActionException(describe(doing), cause)
                : new NonRetriableActionException(describe(doing), cause);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
