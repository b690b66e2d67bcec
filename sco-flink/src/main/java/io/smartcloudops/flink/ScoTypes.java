package io.smartcloudops.flink;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.detect.pipeline.ScoredSample;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type information for SmartCloudOps' values, so streams and state use {@link WireSerializer}s
 * rather than falling back to Kryo.
 *
 * <pre>{@code
 * DataStream<Sample> samples = env.fromData(list, ScoTypes.SAMPLE);
 * }</pre>
 */
public final class ScoTypes<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    public static final ScoTypes<Sample> SAMPLE = new ScoTypes<>(Sample.class, new WireSerializer.OfSample());
    public static final ScoTypes<SeriesId> SERIES_ID = new ScoTypes<>(SeriesId.class, new WireSerializer.OfSeriesId());
    public static final ScoTypes<ScoredSample> SCORED_SAMPLE =
            new ScoTypes<>(ScoredSample.class, new WireSerializer.OfScoredSample());
    public static final ScoTypes<AnomalyEvent> ANOMALY_EVENT =
            new ScoTypes<>(AnomalyEvent.class, new WireSerializer.OfAnomalyEvent());
    public static final ScoTypes<Alert> ALERT = new ScoTypes<>(Alert.class, new WireSerializer.OfAlert());

    private final Class<T> type;
    private final WireSerializer<T> serializer;

    private ScoTypes(Class<T> type, WireSerializer<T> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    /** A series id is a key: its serialized form and its hash code do not depend on the JVM. */
    @Override
    public boolean isKeyType() {
        return type == SeriesId.class;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer;
    }

    @Override
    public String toString() {
        return "ScoTypes(" + type.getSimpleName() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoTypes<?> other && other.type == type;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ScoTypes.class, type);
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof ScoTypes;
    }
}
