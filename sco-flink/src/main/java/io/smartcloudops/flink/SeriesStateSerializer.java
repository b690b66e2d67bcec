package io.smartcloudops.flink;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer of a {@link SeriesState}: the series' last scored time, its detector's
 * {@code DetectorState} (the detector's own versioned snapshot, through the SPI), and its rule state,
 * in the {@link Wire} format.
 *
 * <p>The format's version is the {@link Snapshot}'s, which Flink writes once per state into every
 * checkpoint and savepoint instead of once per value. A later format gets a new version: its
 * snapshot answers {@link TypeSerializerSchemaCompatibility#compatibleAfterMigration()} to an older
 * one and {@link Snapshot#restoreSerializer()} reads what the older one wrote, so Flink rewrites the
 * state in the new format on restore. (The {@code byte[]} state of sco-flink before this serializer
 * is not read: it is a different type, which Flink refuses as an incompatible serializer.)
 *
 * <p>{@link #copy} is a deep copy, as the heap state backend requires: while an asynchronous
 * snapshot holds a state, the first access to its key (a read too) replaces it with a copy for the
 * task to change, and the snapshot thread serializes the original. The copy takes the live detector
 * over and the original keeps its snapshot ({@link SeriesState#copy}), so a key accessed during a
 * checkpoint costs one detector snapshot.
 */
public final class SeriesStateSerializer extends TypeSerializer<SeriesState> {
    private static final long serialVersionUID = 1L;
    /** The version of the format this serializer writes. */
    static final int FORMAT = 1;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    /** No fields: one instance can serve every thread. */
    @Override
    public TypeSerializer<SeriesState> duplicate() {
        return this;
    }

    @Override
    public SeriesState createInstance() {
        return null;
    }

    @Override
    public SeriesState copy(SeriesState from) {
        return from == null ? null : from.copy();
    }

    @Override
    public SeriesState copy(SeriesState from, SeriesState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SeriesState state, DataOutputView out) throws IOException {
        out.writeLong(state.lastTimestampMillis());
        Wire.detectorState(out, state.detectorState());
        out.writeBoolean(state.rules() != null);
        if (state.rules() != null) {
            Wire.ruleState(out, state.rules());
        }
    }

    @Override
    public SeriesState deserialize(DataInputView in) throws IOException {
        long last = in.readLong();
        var detector = Wire.detectorState(in);
        return SeriesState.saved(detector, last, in.readBoolean() ? Wire.ruleState(in) : null);
    }

    @Override
    public SeriesState deserialize(SeriesState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    /** Copies a serialized state without rebuilding its detector (the saved form is all it reads). */
    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesStateSerializer;
    }

    @Override
    public int hashCode() {
        return SeriesStateSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<SeriesState> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * What Flink keeps of the serializer in a checkpoint: the format version, nothing else (the
     * serializer has no configuration; which detector wrote a state is in the state itself).
     */
    public static final class Snapshot implements TypeSerializerSnapshot<SeriesState> {
        private int format = FORMAT;

        /** Flink creates snapshots by their no-argument constructor and then reads them. */
        public Snapshot() {}

        int format() {
            return format;
        }

        @Override
        public int getCurrentVersion() {
            return FORMAT;
        }

        @Override
        public void writeSnapshot(DataOutputView out) {
            // the version Flink writes before the snapshot is all there is
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) {
            if (readVersion < 1 || readVersion > FORMAT) {
                throw new IllegalStateException("sco-flink series state has format " + readVersion
                        + "; this sco-flink reads formats 1 to " + FORMAT
                        + ": restore the savepoint with the sco-flink version that wrote it, or a newer one");
            }
            this.format = readVersion;
        }

        /** A serializer that reads the format this snapshot was written with (format 1 is the only one yet). */
        @Override
        public TypeSerializer<SeriesState> restoreSerializer() {
            return new SeriesStateSerializer();
        }

        @Override
        public TypeSerializerSchemaCompatibility<SeriesState> resolveSchemaCompatibility(
                TypeSerializerSnapshot<SeriesState> old) {
            if (!(old instanceof Snapshot previous)) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            return previous.format() == FORMAT
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
    }
}
