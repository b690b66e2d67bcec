package io.smartcloudops.aws.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.aws.FakeAwsServer;
import io.smartcloudops.aws.FakeAwsServer.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * SSM's JSON 1.1 protocol: {@code X-Amz-Target: AmazonSSM.<Operation>}, JSON bodies, errors as
 * {@code {"__type": ..., "message": ...}} with HTTP 400. GetCommandInvocation answers the scripted
 * statuses in order, then the last one for ever.
 */
final class FakeSsm implements FakeAwsServer.Responder {
    static final String COMMAND_ID = "ef7fdfd8-9b57-4151-a15c-db9a12345678";
    private final ObjectMapper json = new ObjectMapper();
    private final Deque<String> statuses = new ArrayDeque<>();
    private int restarts;

    FakeSsm statuses(String... s) {
        statuses.clear();
        statuses.addAll(List.of(s));
        return this;
    }

    synchronized int restarts() {
        return restarts;
    }

    static Reply error(int status, String type, String message) {
        return Reply.of(
                status,
                "application/x-amz-json-1.1",
                ("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized Reply answer(FakeAwsServer.Request r) throws Exception {
        JsonNode body = json.readTree(r.body());
        String target = r.header("x-amz-target");
        if (!"application/x-amz-json-1.1".equals(r.header("content-type"))) {
            return error(400, "SerializationException", "wrong content type " + r.header("content-type"));
        }
        return switch (target) {
            case "AmazonSSM.SendCommand" -> {
                restarts++;
                yield ok("{\"Command\":{\"CommandId\":\"" + COMMAND_ID + "\",\"DocumentName\":\""
                        + body.path("DocumentName").asText() + "\",\"Status\":\"Pending\",\"InstanceIds\":"
                        + body.path("InstanceIds") + ",\"RequestedDateTime\":1.767225600E9}}");
            }
            case "AmazonSSM.GetCommandInvocation" -> {
                String status = statuses.size() > 1 ? statuses.poll() : statuses.peek();
                if ("NotYet".equals(status)) {
                    yield error(400, "InvocationDoesNotExist", "Invocation does not exist.");
                }
                boolean failed = "Failed".equals(status);
                yield ok("{\"CommandId\":\"" + body.path("CommandId").asText() + "\",\"InstanceId\":\""
                        + body.path("InstanceId").asText() + "\",\"Status\":\"" + status + "\",\"StatusDetails\":\""
                        + status + "\",\"ResponseCode\":" + (failed ? 5 : 0) + ",\"StandardOutputContent\":\""
                        + (failed ? "" : "active\\n") + "\",\"StandardErrorContent\":\""
                        + (failed
                                ? "Job for nginx.service failed because the control process exited with error code."
                                : "")
                        + "\"}");
            }
            default -> error(400, "UnknownOperationException", "unknown " + target);
        };
    }

    private static Reply ok(String body) {
        return Reply.of(200, "application/x-amz-json-1.1", body.getBytes(StandardCharsets.UTF_8));
    }
}
