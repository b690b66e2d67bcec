package io.smartcloudops.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The JSON record of one sample, as the Kafka source and the file source read it:
 *
 * <pre>{@code
 * {"name": "node_cpu_usage_percent", "labels": {"host": "web-1"}, "timestamp": 1764806400000, "value": 42.5}
 * }</pre>
 *
 * {@code timestamp} is epoch milliseconds or an RFC 3339 time ({@code "2026-12-04T00:00:00Z"});
 * {@code labels} may be left out; {@code value} may be {@code "NaN"} (a staleness marker, which the
 * operator drops and counts). A record that is not this is skipped and counted
 * ({@code sco.records_malformed}), never a reason to fail the job.
 */
public final class SampleJson implements DeserializationSchema<Sample> {
    private static final long serialVersionUID = 1L;

    private transient ObjectMapper json;
    private transient Counter malformed;

    @Override
    public void open(InitializationContext context) {
        json = new ObjectMapper();
        malformed = malformedCounter(context.getMetricGroup());
    }

    /**
     * The counter of records that are not samples ({@code sco.records_malformed}), in {@code group}: one
     * name for every source that reads these records (Kafka's through this schema, the job's file lines).
     */
    public static Counter malformedCounter(MetricGroup group) {
        return group.addGroup("sco").counter("records_malformed");
    }

    @Override
    public Sample deserialize(byte[] message) throws IOException {
        try {
            return parse(mapper().readTree(message));
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            if (malformed != null) {
                malformed.inc();
            }
            return null;
        }
    }

    /** One record; throws {@link IllegalArgumentException} saying what is wrong. */
    public Sample parse(String line) {
        try {
            return parse(mapper().readTree(line));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private Sample parse(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("a sample record is a JSON object");
        }
        JsonNode name = n.get("name");
        if (name == null || !name.isTextual()) {
            throw new IllegalArgumentException("'name' must be a string");
        }
        Map<String, String> labels = new TreeMap<>();
        JsonNode l = n.get("labels");
        if (l != null && !l.isNull()) {
            if (!l.isObject()) {
                throw new IllegalArgumentException("'labels' must be an object of strings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = l.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException("label '" + e.getKey() + "' must be a string");
                }
                labels.put(e.getKey(), e.getValue().asText());
            }
        }
        JsonNode t = n.get("timestamp");
        long ts;
        if (t != null && t.isIntegralNumber()) {
            ts = t.asLong();
        } else if (t != null && t.isTextual()) {
            try {
                ts = OffsetDateTime.parse(t.asText()).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) { // a RuntimeException but no IllegalArgumentException: say it as one
                throw new IllegalArgumentException("'timestamp' is not an RFC 3339 time: " + t.asText(), e);
            }
        } else {
            throw new IllegalArgumentException("'timestamp' must be epoch milliseconds or an RFC 3339 time");
        }
        JsonNode v = n.get("value");
        double value;
        if (v != null && v.isNumber()) {
            value = v.asDouble();
        } else if (v != null && v.isTextual()) {
            value = Double.parseDouble(v.asText());
        } else {
            throw new IllegalArgumentException("'value' must be a number");
        }
        return new Sample(new SeriesId(name.asText(), Labels.of(labels)), ts, value);
    }

    private ObjectMapper mapper() {
        if (json == null) {
            json = new ObjectMapper();
        }
        return json;
    }

    @Override
    public boolean isEndOfStream(Sample nextElement) {
        return false;
    }

    @Override
    public TypeInformation<Sample> getProducedType() {
        return ScoTypes.SAMPLE;
    }
}
