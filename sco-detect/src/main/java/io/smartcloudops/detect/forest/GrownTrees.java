package io.smartcloudops.detect.forest;

import java.util.Arrays;

/**
 * The trees of a grown {@link StreamingIsolationForest}, holding only the nodes a tree reaches. A
 * tree is grown into the slots of a complete binary tree ({@code 2^(depth + 1) - 1} of them), but
 * most of its branches end in a leaf long before the depth limit: the default ensemble's trees reach
 * a third to a half of their 63 slots, and the unreached ones were most of a series' forest bytes
 * (issue #15). Every split has two children, so a tree's reached nodes listed level by level need no
 * pointers: the children of the tree's {@code i}-th split are its nodes {@code 2i + 1} and {@code
 * 2i + 2}, and {@code i} is the number of splits before it (a popcount over one bit a node). A node
 * is two bytes (a split's cut code or a leaf's size), a split's dimension a few bits. Immutable:
 * every growth makes new trees, so a forest holds none until its first.
 */
final class GrownTrees {
    /** A node's cut code (a split) or size (a leaf): tree by tree, each tree's reached nodes level by level. */
    private final short[] value;
    /** Where each tree's nodes start in {@link #value}; the last entry is where they end. */
    private final int[] start;
    /** One bit a node of {@link #value}, set for a split; each tree's bits start a word of their own. */
    private final long[] splits;
    /** The splits' dimensions, {@link #dimBits} bits each, in the order of the splits in {@link #value}. */
    private final long[] dims;
    /** Bits a dimension takes: 0 for shingles of one value, else the power of two that holds the shingle's positions. */
    private final int dimBits;
    /** Each tree's box: for each dimension its lowest value, then its highest, as the trees were grown from. */
    private final float[] box;

    private GrownTrees(short[] value, int[] start, long[] splits, long[] dims, int dimBits, float[] box) {
        this.value = value;
        this.start = start;
        this.splits = splits;
        this.dims = dims;
        this.dimBits = dimBits;
        this.box = box;
    }

    /**
     * The trees grown into complete binary trees of {@code nodes} slots each: {@code dim[t * nodes + k]}
     * is the split dimension of tree {@code t}'s slot {@code k} (the children of {@code k} at {@code 2k + 1}
     * and {@code 2k + 2}), or negative for a leaf; {@code split} the cut code or leaf size there. Slots
     * no split leads to are ignored. {@code box} holds each tree's low and high bound of each dimension.
     *
     * @throws IllegalArgumentException if a split sits in the last level, where it has no room for children
     */
    static GrownTrees of(byte[] dim, short[] split, int trees, int nodes, int shingle, float[] box) {
        int[] start = new int[trees + 1];
        short[] value = new short[trees * nodes];
        long[] splits = new long[trees * wordsFor(nodes)];
        byte[] splitDims = new byte[trees * nodes];
        boolean[] reached = new boolean[nodes];
        int n = 0;
        int word = 0;
        int splitCount = 0;
        for (int t = 0; t < trees; t++) {
            start[t] = n;
            Arrays.fill(reached, false);
            reached[0] = true;
            int local = 0;
            // a child's slot is above its parent's, so one pass in slot order visits the reached nodes level by level
            for (int k = 0; k < nodes; k++) {
                if (!reached[k]) {
                    continue;
                }
                int at = t * nodes + k;
                if (dim[at] >= 0) {
                    if (2 * k + 2 >= nodes) {
                        throw new IllegalArgumentException(
                                "a split in the last level of a tree of " + nodes + " slots");
                    }
                    reached[2 * k + 1] = true;
                    reached[2 * k + 2] = true;
                    splits[word + (local >>> 6)] |= 1L << local;
                    splitDims[splitCount++] = dim[at];
                }
                value[n++] = split[at];
                local++;
            }
            word += wordsFor(local);
        }
        start[trees] = n;
        int bits = dimBits(shingle);
        long[] dims = new long[wordsFor(splitCount * bits)];
        for (int i = 0; i < splitCount && bits > 0; i++) {
            dims[(i * bits) >>> 6] |= (long) splitDims[i] << (i * bits);
        }
        return new GrownTrees(Arrays.copyOf(value, n), start, Arrays.copyOf(splits, word), dims, bits, box);
    }

    private static int wordsFor(int bits) {
        return (bits + 63) >>> 6;
    }

    /** The fewest bits, a power of two, that hold every position of a shingle of {@code shingle} values. */
    private static int dimBits(int shingle) {
        int needed = 32 - Integer.numberOfLeadingZeros(shingle - 1);
        // powers of two, so that no dimension straddles two words
        return needed <= 1 ? needed : Integer.highestOneBit(needed - 1) << 1;
    }

    /**
     * Writes the trees back into complete binary trees of {@code nodes} slots each (see {@link #of}),
     * the slots no split leads to as leaves of size 0: the layout the state formats are written from.
     */
    void expandInto(byte[] dim, short[] split, int nodes) {
        Arrays.fill(dim, (byte) -1);
        Arrays.fill(split, (short) 0);
        int word = 0;
        int splitBase = 0;
        for (int t = 0; t < start.length - 1; t++) {
            int size = start[t + 1] - start[t];
            expand(dim, split, t * nodes, 0, start[t], 0, word, splitBase);
            word += wordsFor(size);
            splitBase += size >>> 1;
        }
    }

    private void expand(byte[] dim, short[] split, int root, int k, int first, int c, int word, int splitBase) {
        split[root + k] = value[first + c];
        if (!isSplit(word, c)) {
            dim[root + k] = -1;
            return;
        }
        int rank = rank(word, c);
        dim[root + k] = (byte) dim(splitBase + rank);
        expand(dim, split, root, 2 * k + 1, first, 2 * rank + 1, word, splitBase);
        expand(dim, split, root, 2 * k + 2, first, 2 * rank + 2, word, splitBase);
    }

    /** Each tree's box as {@link #of} took it (not a copy: it is read, never written). */
    float[] box() {
        return box;
    }

    /**
     * The sum over the trees of the expected depth at which each would isolate {@code point}, whose
     * coded values are {@code pointCode}: the split-dimension or the range-weighted cut-off (see
     * {@link StreamingIsolationForest#update(double, boolean)}), tree by tree in order.
     */
    double pathLengths(double[] point, double[] pointCode, boolean rangeWeighted) {
        int word = 0;
        int splitBase = 0;
        double total = 0;
        for (int t = 0; t < start.length - 1; t++) {
            int size = start[t + 1] - start[t];
            int boxAt = 2 * t * point.length;
            total += rangeWeighted
                    ? rangeWeightedPathLength(boxAt, start[t], word, splitBase, point, pointCode)
                    : pathLength(boxAt, start[t], word, splitBase, point, pointCode);
            word += wordsFor(size);
            // a tree of n nodes has (n - 1) / 2 splits
            splitBase += size >>> 1;
        }
        return total;
    }

    /**
     * The expected depth at which a tree grown with this point in it would isolate it. The grown tree
     * lacks the point, so at each split the point is also cut off with the chance that a cut on that
     * dimension, drawn across the tree's range widened to include the point, falls in the widening
     * (the tree's root range stands in for the node's, which makes the estimate conservative).
     */
    private double pathLength(int boxAt, int first, int word, int splitBase, double[] point, double[] pointCode) {
        int k = 0;
        int depth = 0;
        double survive = 1.0;
        double expected = 0.0;
        while (isSplit(word, k)) {
            int rank = rank(word, k);
            int d = dim(splitBase + rank);
            // floats as the box holds them: their difference is taken in single precision, as it always was
            float low = box[boxAt + 2 * d];
            float high = box[boxAt + 2 * d + 1];
            // comparisons rather than Math.max, which is several times slower on doubles; NaN still cuts nothing off
            double below = low - point[d];
            double above = point[d] - high;
            double furthest = below > above ? below : above;
            double outside = furthest > 0 ? furthest : 0.0;
            double cutOff = outside > 0 ? outside / (high - low + outside) : 0.0;
            expected += survive * cutOff * (depth + 1);
            survive *= 1 - cutOff;
            k = pointCode[d] < value[first + k] - 0.5 ? 2 * rank + 1 : 2 * rank + 2;
            depth++;
        }
        return expected + survive * (depth + StreamingIsolationForest.LEAF_PATH[value[first + k]]);
    }

    /**
     * {@link #pathLength} with the range-weighted cut-off: the same at every node (the tree's root box
     * stands in for each node's), {@code sum(outside) / sum(range + outside)} over the dimensions.
     */
    private double rangeWeightedPathLength(
            int boxAt, int first, int word, int splitBase, double[] point, double[] pointCode) {
        double outsideSum = 0;
        double rangeSum = 0;
        for (int d = 0; d < point.length; d++) {
            float low = box[boxAt + 2 * d];
            float high = box[boxAt + 2 * d + 1];
            double below = low - point[d];
            double above = point[d] - high;
            double furthest = below > above ? below : above;
            outsideSum += furthest > 0 ? furthest : 0.0;
            double range = high - low;
            rangeSum += range == range ? range : 0.0;
        }
        double total = rangeSum + outsideSum;
        double cutOff = outsideSum > 0 && total > 0 ? outsideSum / total : 0.0;
        int k = 0;
        int depth = 0;
        double survive = 1.0;
        double expected = 0.0;
        while (isSplit(word, k)) {
            int rank = rank(word, k);
            int d = dim(splitBase + rank);
            expected += survive * cutOff * (depth + 1);
            survive *= 1 - cutOff;
            k = pointCode[d] < value[first + k] - 0.5 ? 2 * rank + 1 : 2 * rank + 2;
            depth++;
        }
        return expected + survive * (depth + StreamingIsolationForest.LEAF_PATH[value[first + k]]);
    }

    /** Whether node {@code k} of the tree whose bits start at {@code word} is a split. */
    private boolean isSplit(int word, int k) {
        return (splits[word + (k >>> 6)] >>> k & 1) != 0;
    }

    /** The splits before node {@code k} of the tree whose bits start at {@code word}. */
    private int rank(int word, int k) {
        int r = 0;
        for (int w = 0; w < k >>> 6; w++) {
            r += Long.bitCount(splits[word + w]);
        }
        // the shift takes k modulo 64: the bits of this word below k's
        return r + Long.bitCount(splits[word + (k >>> 6)] & ((1L << k) - 1));
    }

    /** The dimension of split number {@code i} of all the trees. */
    private int dim(int i) {
        if (dimBits == 0) {
            return 0;
        }
        int bit = i * dimBits;
        return (int) (dims[bit >>> 6] >>> bit) & ((1 << dimBits) - 1);
    }
}
