package io.smartcloudops.aws.action;

import io.smartcloudops.aws.FakeAwsServer;
import io.smartcloudops.aws.FakeAwsServer.Reply;
import java.util.Map;

/**
 * Auto Scaling's query protocol as its API reference shows it: {@code member.N} lists, answers in
 * {@code <XResponse><XResult>}, errors as {@code <ErrorResponse><Error><Type><Code><Message>}.
 */
final class FakeAutoScaling implements FakeAwsServer.Responder {
    private static final String NS = "http://autoscaling.amazonaws.com/doc/2011-01-01/";
    private final String group;
    private final int max;
    private int desired;

    FakeAutoScaling(String group, int desired, int max) {
        this.group = group;
        this.desired = desired;
        this.max = max;
    }

    synchronized int desired() {
        return desired;
    }

    static Reply error(int status, String code, String message) {
        return Reply.xml(
                status,
                "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + code
                        + "</Code><Message>" + message + "</Message></Error>"
                        + "<RequestId>d8d6c5a6-2e49-11e5-9a2c-example</RequestId></ErrorResponse>");
    }

    @Override
    public synchronized Reply answer(FakeAwsServer.Request r) {
        Map<String, String> f = r.form();
        if (!"2011-01-01".equals(f.get("Version"))) {
            return error(400, "InvalidAction", "wrong Version");
        }
        return switch (f.get("Action")) {
            case "DescribeAutoScalingGroups" -> {
                String asked = f.get("AutoScalingGroupNames.member.1");
                String members = group.equals(asked)
                        ? "<member><AutoScalingGroupName>" + group + "</AutoScalingGroupName>"
                                + "<AutoScalingGroupARN>arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:"
                                + "12345678-1234-1234-1234-123456789012:autoScalingGroupName/" + group
                                + "</AutoScalingGroupARN>"
                                + "<MinSize>1</MinSize><MaxSize>" + max + "</MaxSize><DesiredCapacity>" + desired
                                + "</DesiredCapacity><DefaultCooldown>300</DefaultCooldown></member>"
                        : "";
                yield ok(
                        "DescribeAutoScalingGroups",
                        "<DescribeAutoScalingGroupsResult><AutoScalingGroups>" + members
                                + "</AutoScalingGroups></DescribeAutoScalingGroupsResult>");
            }
            case "SetDesiredCapacity" -> {
                int want = Integer.parseInt(f.get("DesiredCapacity"));
                if (want > max) {
                    yield error(
                            400,
                            "ValidationError",
                            "New SetDesiredCapacity value " + want + " is above max value " + max
                                    + " for the AutoScalingGroup.");
                }
                desired = want;
                yield ok("SetDesiredCapacity", "");
            }
            default -> error(400, "InvalidAction", "unknown action");
        };
    }

    private static Reply ok(String action, String inner) {
        return Reply.xml(
                200,
                "<" + action + "Response xmlns=\"" + NS + "\">" + inner
                        + "<ResponseMetadata><RequestId>7c6e177f-f082-11e1-ac58-3714bEXAMPLE</RequestId></ResponseMetadata></"
                        + action + "Response>");
    }
}
