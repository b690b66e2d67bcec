package io.smartcloudops.flink;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.detect.pipeline.ScoredSample;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializers of SmartCloudOps' immutable values, in the {@link Wire} format. Each has a
 * snapshot class that Flink writes into checkpoints and savepoints, so a changed format is detected
 * (and can be migrated) on restore instead of being misread.
 */
public abstract class WireSerializer<T> extends TypeSerializerSingleton<T> {
    private static final long serialVersionUID = 1L;

    WireSerializer() {}

    abstract void write(T value, DataOutputView out) throws IOException;

    abstract T read(DataInputView in) throws IOException;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        write(record, target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return read(source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return read(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        write(read(source), target);
    }

    /** A {@link Sample}. */
    public static final class OfSample extends WireSerializer<Sample> {
        private static final long serialVersionUID = 1L;

        @Override
        void write(Sample v, DataOutputView out) throws IOException {
            Wire.sample(out, v);
        }

        @Override
        Sample read(DataInputView in) throws IOException {
            return Wire.sample(in);
        }

        @Override
        public TypeSerializerSnapshot<Sample> snapshotConfiguration() {
            return new Snapshot();
        }

        /** Format version 1. */
        public static final class Snapshot extends SimpleTypeSerializerSnapshot<Sample> {
            public Snapshot() {
                super(OfSample::new);
            }
        }
    }

    /** A {@link SeriesId}: the key of every keyed operator. */
    public static final class OfSeriesId extends WireSerializer<SeriesId> {
        private static final long serialVersionUID = 1L;

        @Override
        void write(SeriesId v, DataOutputView out) throws IOException {
            Wire.series(out, v);
        }

        @Override
        SeriesId read(DataInputView in) throws IOException {
            return Wire.series(in);
        }

        @Override
        public TypeSerializerSnapshot<SeriesId> snapshotConfiguration() {
            return new Snapshot();
        }

        /** Format version 1. */
        public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeriesId> {
            public Snapshot() {
                super(OfSeriesId::new);
            }
        }
    }

    /** A {@link ScoredSample}. */
    public static final class OfScoredSample extends WireSerializer<ScoredSample> {
        private static final long serialVersionUID = 1L;

        @Override
        void write(ScoredSample v, DataOutputView out) throws IOException {
            Wire.scored(out, v);
        }

        @Override
        ScoredSample read(DataInputView in) throws IOException {
            return Wire.scored(in);
        }

        @Override
        public TypeSerializerSnapshot<ScoredSample> snapshotConfiguration() {
            return new Snapshot();
        }

        /** Format version 1. */
        public static final class Snapshot extends SimpleTypeSerializerSnapshot<ScoredSample> {
            public Snapshot() {
                super(OfScoredSample::new);
            }
        }
    }

    /** An {@link AnomalyEvent}. */
    public static final class OfAnomalyEvent extends WireSerializer<AnomalyEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        void write(AnomalyEvent v, DataOutputView out) throws IOException {
            Wire.anomaly(out, v);
        }

        @Override
        AnomalyEvent read(DataInputView in) throws IOException {
            return Wire.anomaly(in);
        }

        @Override
        public TypeSerializerSnapshot<AnomalyEvent> snapshotConfiguration() {
            return new Snapshot();
        }

        /** Format version 1. */
        public static final class Snapshot extends SimpleTypeSerializerSnapshot<AnomalyEvent> {
            public Snapshot() {
                super(OfAnomalyEvent::new);
            }
        }
    }

    /** An {@link Alert}. */
    public static final class OfAlert extends WireSerializer<Alert> {
        private static final long serialVersionUID = 1L;

        @Override
        void write(Alert v, DataOutputView out) throws IOException {
            Wire.alert(out, v);
        }

        @Override
        Alert read(DataInputView in) throws IOException {
            return Wire.alert(in);
        }

        @Override
        public TypeSerializerSnapshot<Alert> snapshotConfiguration() {
            return new Snapshot();
        }

        /** Format version 1. */
        public static final class Snapshot extends SimpleTypeSerializerSnapshot<Alert> {
            public Snapshot() {
                super(OfAlert::new);
            }
        }
    }
}
