package io.smartcloudops.detect.ensemble;

import io.smartcloudops.api.detect.Direction;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How surprising the shape of the last few values is. Each value is quantised into bins of a width
 * fixed once the series' early range is known, the last {@code length} bins form a context, and a
 * context never seen before is novel (the idea behind NAB's contextOSE). A novel context is as
 * surprising as novelty is rare in this series: with the (slowly forgetting) share of novel contexts
 * so far as its probability, a series that keeps producing new shapes is not alarming, while a
 * regular one that suddenly does is. Seen contexts are remembered as slots of a fixed hash table, so
 * memory stays bounded ({@link SeenSlots}: a list while they are few, the table's bits after); a
 * collision only hides a novelty, it never invents one.
 */
final class ContextNovelty {
    /** Bins across the early range: coarse enough that noise rarely makes a new shape (5 to 12 score alike on NAB). */
    static final int BINS = 6;
    /** Values in a context: a pair is too short to have a shape, four make most contexts of a noisy series new. */
    static final int LENGTH = 3;
    /** Samples whose range fixes the bin width; afterwards the bins stay put, so seen contexts keep their meaning. */
    static final int FIX_AT = 200;
    /** Contexts judged before novelty counts: the table has to learn the series' usual shapes first. */
    private static final int MIN_HISTORY = 200;
    /**
     * Slots of the table of seen contexts: 1 KiB of bits at most, room for some thirty times the contexts a
     * series inside its early range can form ({@code BINS^LENGTH}), so collisions stay rare and the state small.
     */
    private static final int TABLE_BITS = 1 << 13;

    private final double memory;
    private SeenSlots seen = new SeenSlots(TABLE_BITS);
    private final int[] recent = new int[LENGTH];
    private long count;
    private double low;
    private double high;
    private double mean;
    private double width;
    private double novel;
    private double judged;

    /** @param memory samples over which the share of novel contexts and the mean forget */
    ContextNovelty(double memory) {
        this.memory = memory;
    }

    /**
     * The surprisal of the context ending in {@code x}: 0 when it was seen before or when {@code x} lies on
     * the side of the mean that does not count; then learns it.
     */
    double surprisal(double x, Direction direction) {
        count++;
        if (count == 1) {
            low = x;
            high = x;
            mean = x;
        }
        double deviation = x - mean;
        mean += Math.max(1.0 / memory, 1.0 / count) * deviation;
        if (count <= FIX_AT) {
            low = Math.min(low, x);
            high = Math.max(high, x);
            if (count == FIX_AT) {
                width = (high - low) / BINS;
            }
            return 0.0;
        }
        if (!(width > 0)) {
            // a constant start gives no scale to quantise by; the record members watch such a series
            return 0.0;
        }
        System.arraycopy(recent, 1, recent, 0, LENGTH - 1);
        recent[LENGTH - 1] = (int) Math.floor((x - low) / width);
        long seenHere = count - FIX_AT;
        if (seenHere < LENGTH) {
            return 0.0;
        }
        int slot = slot();
        boolean isNew = seen.add(slot);
        double s = 0.0;
        if (isNew && seenHere > MIN_HISTORY && direction.counts(deviation)) {
            s = -Math.log10((novel + 1) / (judged + 2));
        }
        // Laplace's rule over a forgetting count: the chance that the next context is new
        double keep = 1 - 1.0 / memory;
        novel = novel * keep + (isNew ? 1 : 0);
        judged = judged * keep + 1;
        return s;
    }

    private int slot() {
        long h = 0x9E3779B97F4A7C15L;
        for (int q : recent) {
            h = (h ^ q) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return (int) (h & (TABLE_BITS - 1));
    }

    /** The format {@link #writeTo(DataOutput)} writes: 2 lists the seen slots while they are few, 1 always wrote the table's bits. */
    static final int FORMAT = 2;

    void writeTo(DataOutput out) throws IOException {
        writeTo(out, FORMAT);
    }

    /** Writes {@code format} 2, or 1 as the default ensemble's states before version 6 held it. */
    void writeTo(DataOutput out, int format) throws IOException {
        if (format < 1 || format > FORMAT) {
            throw new IllegalArgumentException(
                    "context format " + format + " is not known; this build writes 1 to " + FORMAT);
        }
        out.writeDouble(memory);
        out.writeLong(count);
        out.writeDouble(low);
        out.writeDouble(high);
        out.writeDouble(mean);
        out.writeDouble(width);
        out.writeDouble(novel);
        out.writeDouble(judged);
        for (int q : recent) {
            out.writeInt(q);
        }
        if (format == 1) {
            seen.writeBitsTo(out);
        } else {
            seen.writeTo(out);
        }
    }

    /** Reads {@code format} 1 or 2 (see {@link #writeTo(DataOutput, int)}). */
    static ContextNovelty readFrom(DataInput in, int format) throws IOException {
        if (format < 1 || format > FORMAT) {
            throw new IOException("context format " + format + " is not known; this build reads 1 to " + FORMAT);
        }
        ContextNovelty c = new ContextNovelty(in.readDouble());
        c.count = in.readLong();
        c.low = in.readDouble();
        c.high = in.readDouble();
        c.mean = in.readDouble();
        c.width = in.readDouble();
        c.novel = in.readDouble();
        c.judged = in.readDouble();
        for (int i = 0; i < c.recent.length; i++) {
            c.recent[i] = in.readInt();
        }
        c.seen = format == 1 ? SeenSlots.readBitsFrom(in, TABLE_BITS) : SeenSlots.readFrom(in, TABLE_BITS);
        return c;
    }
}
