package io.smartcloudops.detect.ensemble;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The slots of {@link ContextNovelty}'s table that a context has hashed to: a sorted list of slot
 * numbers while they are few, the table's bits once the list would take as many bytes. A series
 * forms a few dozen to a few hundred contexts, so the list usually holds them in a fraction of the
 * table's kilobyte; both forms answer exactly alike, so which one a series holds never changes a
 * score.
 */
final class SeenSlots {
    /** Slots the list holds before the bits take over: two bytes a slot, as many bytes as the bits then. */
    private final int listLimit;

    private final int slots;
    private short[] list;
    private int size;
    private long[] bits;

    /** @param slots the table's slots, a power of two up to 2^15, so that a slot fits a short */
    SeenSlots(int slots) {
        this(slots, 8);
    }

    /** A table with room in its list for {@code capacity} slots before it grows (at least 8). */
    private SeenSlots(int slots, int capacity) {
        if (slots < 64 || slots > 1 << 15 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("a table of 64 to 32768 slots, a power of two, not " + slots);
        }
        this.slots = slots;
        this.listLimit = slots / 16;
        this.list = new short[Math.max(8, Math.min(capacity, listLimit))];
    }

    /** Marks {@code slot} seen; returns whether it was new. */
    boolean add(int slot) {
        if (bits != null) {
            boolean isNew = (bits[slot >>> 6] & (1L << slot)) == 0;
            bits[slot >>> 6] |= 1L << slot;
            return isNew;
        }
        int at = Arrays.binarySearch(list, 0, size, (short) slot);
        if (at >= 0) {
            return false;
        }
        if (size == listLimit) {
            bits = new long[slots / 64];
            for (int i = 0; i < size; i++) {
                bits[list[i] >>> 6] |= 1L << list[i];
            }
            list = null;
            return add(slot);
        }
        int insert = -at - 1;
        if (size == list.length) {
            list = Arrays.copyOf(list, Math.min(listLimit, size + (size >> 1)));
        }
        System.arraycopy(list, insert, list, insert + 1, size - insert);
        list[insert] = (short) slot;
        size++;
        return true;
    }

    /** The slots seen, ascending. */
    private int[] seen() {
        if (bits == null) {
            int[] out = new int[size];
            for (int i = 0; i < size; i++) {
                out[i] = list[i];
            }
            return out;
        }
        int count = 0;
        for (long w : bits) {
            count += Long.bitCount(w);
        }
        int[] out = new int[count];
        int k = 0;
        for (int slot = 0; slot < slots; slot++) {
            if ((bits[slot >>> 6] & (1L << slot)) != 0) {
                out[k++] = slot;
            }
        }
        return out;
    }

    /** The table's bits as the older states held them, one long for each 64 slots. */
    void writeBitsTo(DataOutput out) throws IOException {
        long[] words = new long[slots / 64];
        for (int slot : seen()) {
            words[slot >>> 6] |= 1L << slot;
        }
        for (long w : words) {
            out.writeLong(w);
        }
    }

    static SeenSlots readBitsFrom(DataInput in, int slots) throws IOException {
        SeenSlots s = new SeenSlots(slots);
        for (int word = 0; word < slots / 64; word++) {
            long w = in.readLong();
            for (; w != 0; w &= w - 1) {
                s.add(word * 64 + Long.numberOfTrailingZeros(w));
            }
        }
        return s;
    }

    /** The number of slots seen, then the slot numbers while they are few, else the table's bits. */
    void writeTo(DataOutput out) throws IOException {
        int[] seen = seen();
        out.writeInt(seen.length);
        if (seen.length <= listLimit) {
            for (int slot : seen) {
                out.writeShort(slot);
            }
        } else {
            writeBitsTo(out);
        }
    }

    static SeenSlots readFrom(DataInput in, int slots) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > slots) {
            throw new IOException("seen contexts " + count + " out of range 0.." + slots);
        }
        if (count > slots / 16) {
            return readBitsFrom(in, slots);
        }
        // room for exactly the slots read: grown one add at a time, the list kept up to half again as many
        // (issue #15)
        SeenSlots s = new SeenSlots(slots, count);
        for (int i = 0; i < count; i++) {
            int slot = in.readUnsignedShort();
            if (slot >= slots) {
                throw new IOException("seen context slot " + slot + " out of range 0.." + (slots - 1));
            }
            s.add(slot);
        }
        return s;
    }
}
