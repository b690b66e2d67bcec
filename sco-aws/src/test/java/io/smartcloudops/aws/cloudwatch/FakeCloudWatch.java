package io.smartcloudops.aws.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.smartcloudops.aws.FakeAwsServer;
import io.smartcloudops.aws.FakeAwsServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * CloudWatch as SDK 2.57 speaks to it: Smithy RPC v2 CBOR ({@code POST
 * /service/GraniteServiceVersion20100801/operation/GetMetricData}, {@code smithy-protocol:
 * rpc-v2-cbor}, CBOR bodies, timestamps as tag 1 epoch seconds). Errors carry {@code __type} in the
 * body and, CloudWatch being query-compatible, the query error code in {@code x-amzn-query-error}.
 */
final class FakeCloudWatch implements FakeAwsServer.Responder {
    static final String PATH = "/service/GraniteServiceVersion20100801/operation/GetMetricData";

    /** One page of answers: per query id, timestamps (epoch seconds) and values. */
    record Page(Map<String, double[][]> series, String nextToken) {}

    private final CBORMapper cbor = new CBORMapper();
    private final List<JsonNode> bodies = new ArrayList<>();
    private final BiFunction<JsonNode, Integer, Page> pages;

    /** @param pages given the request body and how many requests came before, the page to answer */
    FakeCloudWatch(BiFunction<JsonNode, Integer, Page> pages) {
        this.pages = pages;
    }

    synchronized List<JsonNode> bodies() {
        return List.copyOf(bodies);
    }

    static Reply error(int status, String code, String message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("__type", "com.amazonaws.cloudwatch#" + code);
                g.writeStringField("message", message);
                g.writeEndObject();
            }
            return Reply.of(status, "application/cbor", out.toByteArray())
                    .withHeader("smithy-protocol", "rpc-v2-cbor")
                    .withHeader("x-amzn-query-error", code + ";Sender");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized Reply answer(FakeAwsServer.Request r) throws IOException {
        if (!PATH.equals(r.path())
                || !"rpc-v2-cbor".equals(r.header("smithy-protocol"))
                || !"application/cbor".equals(r.header("content-type"))) {
            return error(400, "InvalidParameterValue", "not GetMetricData over rpc-v2-cbor: " + r.path());
        }
        JsonNode body = cbor.readTree(r.body());
        int before = bodies.size();
        bodies.add(body);
        Page page = pages.apply(body, before);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("MetricDataResults");
            g.writeStartArray();
            for (Map.Entry<String, double[][]> e : page.series().entrySet()) {
                g.writeStartObject();
                g.writeStringField("Id", e.getKey());
                g.writeStringField("Label", e.getKey());
                g.writeFieldName("Timestamps");
                g.writeStartArray();
                for (double t : e.getValue()[0]) {
                    g.writeTag(1);
                    g.writeNumber(t);
                }
                g.writeEndArray();
                g.writeFieldName("Values");
                g.writeStartArray();
                for (double v : e.getValue()[1]) {
                    g.writeNumber(v);
                }
                g.writeEndArray();
                g.writeStringField("StatusCode", page.nextToken() == null ? "Complete" : "PartialData");
                g.writeEndObject();
            }
            g.writeEndArray();
            if (page.nextToken() != null) {
                g.writeStringField("NextToken", page.nextToken());
            }
            g.writeFieldName("Messages");
            g.writeStartArray();
            g.writeEndArray();
            g.writeEndObject();
        }
        return Reply.of(200, "application/cbor", out.toByteArray()).withHeader("smithy-protocol", "rpc-v2-cbor");
    }
}
