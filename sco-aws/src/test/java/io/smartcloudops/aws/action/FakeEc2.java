package io.smartcloudops.aws.action;

import io.smartcloudops.aws.FakeAwsServer;
import io.smartcloudops.aws.FakeAwsServer.Reply;
import java.util.Map;
import java.util.TreeMap;

/**
 * EC2's query protocol, modelled on the EC2 API reference examples: form-encoded requests, XML
 * answers in the 2016-11-15 namespace, errors as {@code <Response><Errors><Error>}. Instances move
 * through EC2's states; a transitional state settles on the next DescribeInstances.
 */
final class FakeEc2 implements FakeAwsServer.Responder {
    static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final Map<String, Integer> CODES =
            Map.of("pending", 0, "running", 16, "shutting-down", 32, "terminated", 48, "stopping", 64, "stopped", 80);

    private final Map<String, String[]> instances = new TreeMap<>(); // id -> {state, type}

    FakeEc2 with(String id, String state, String type) {
        instances.put(id, new String[] {state, type});
        return this;
    }

    synchronized String describe() {
        StringBuilder sb = new StringBuilder();
        instances.forEach((id, s) ->
                sb.append(id).append('=').append(s[0]).append('/').append(s[1]).append(';'));
        return sb.toString();
    }

    synchronized String state(String id) {
        return instances.get(id)[0];
    }

    synchronized String type(String id) {
        return instances.get(id)[1];
    }

    static Reply error(int status, String code, String message) {
        return Reply.xml(
                status,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code
                        + "</Code><Message>" + message + "</Message></Error></Errors>"
                        + "<RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>");
    }

    static Reply throttled() {
        return error(503, "RequestLimitExceeded", "Request limit exceeded.");
    }

    static Reply unauthorized() {
        return error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.");
    }

    @Override
    public synchronized Reply answer(FakeAwsServer.Request r) {
        Map<String, String> f = r.form();
        String action = f.get("Action");
        if (!"2016-11-15".equals(f.get("Version"))) {
            return error(400, "InvalidParameterValue", "wrong Version " + f.get("Version"));
        }
        String id = f.containsKey("InstanceId.1") ? f.get("InstanceId.1") : f.get("InstanceId");
        if (id != null && !instances.containsKey(id)) {
            return error(400, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
        }
        if ("true".equals(f.get("DryRun"))) {
            return error(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
        }
        return switch (action) {
            case "RebootInstances" -> ok(action, "<return>true</return>");
            case "StartInstances" -> change(action, id, "pending");
            case "StopInstances" -> change(action, id, "stopping");
            case "ModifyInstanceAttribute" -> {
                if (!"stopped".equals(state(id))) {
                    yield error(
                            400, "IncorrectInstanceState", "The instance '" + id + "' is not in the 'stopped' state.");
                }
                instances.get(id)[1] = f.get("InstanceType.Value");
                yield ok(action, "<return>true</return>");
            }
            case "DescribeInstances" -> describeInstances(id);
            default -> error(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
        };
    }

    private Reply change(String action, String id, String next) {
        String[] s = instances.get(id);
        String before = s[0];
        s[0] = next;
        String set = action.equals("StartInstances") ? "instancesSet" : "instancesSet";
        return ok(
                action,
                "<" + set + "><item><instanceId>" + id + "</instanceId>" + state("currentState", next)
                        + state("previousState", before) + "</item></" + set + ">");
    }

    private Reply describeInstances(String id) {
        StringBuilder items = new StringBuilder();
        instances.forEach((iid, s) -> {
            if (id != null && !id.equals(iid)) {
                return;
            }
            // a transitional state settles once it has been seen
            String shown = s[0];
            if (shown.equals("stopping")) {
                s[0] = "stopped";
            } else if (shown.equals("pending")) {
                s[0] = "running";
            }
            items.append("<item><instanceId>")
                    .append(iid)
                    .append("</instanceId><imageId>ami-0abcdef1234567890</imageId>")
                    .append(state("instanceState", shown))
                    .append("<instanceType>")
                    .append(s[1])
                    .append("</instanceType></item>");
        });
        return ok(
                "DescribeInstances",
                "<reservationSet><item><reservationId>r-1234567890abcdef0</reservationId>"
                        + "<ownerId>123456789012</ownerId><instancesSet>" + items
                        + "</instancesSet></item></reservationSet>");
    }

    private static String state(String element, String name) {
        return "<" + element + "><code>" + CODES.get(name) + "</code><name>" + name + "</name></" + element + ">";
    }

    private static Reply ok(String action, String inner) {
        return Reply.xml(
                200,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + action + "Response xmlns=\"" + NS + "\">"
                        + "<requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>" + inner + "</" + action
                        + "Response>");
    }
}
