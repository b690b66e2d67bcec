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
 * is that bit; a split adds its two-byte cut code and its dimension in a few bits, a leaf its size in
 * a byte (two for trees grown from more than 255 shingles). Immutable: every growth makes new trees,
 * so a forest holds none until its first.
 */
final class GrownTrees {
    /**
     * Words of {@link #splits} a tree has, enough for all its slots: the default ensemble's trees fit
     * one, and a tree's bits tell its size ({@code 2 * splits + 1} nodes), so no offsets are kept.
     */
    private final int stride;
    /** One bit a node, set for a split: tree by tree, each tree's reached nodes level by level, each tree in {@link #stride} words. */
    private final long[] splits;
    /** The splits' cut codes (codes below a cut go left), in the order of the nodes. */
    private final short[] cuts;
    /** The splits' dimensions, {@link #dimBits} bits each, in the order of the nodes. */
    private final long[] dims;
    /** Bits a dimension takes: 0 for shingles of one value, else the power of two that holds a shingle's positions. */
    private final int dimBits;
    /** The leaves' sizes, {@link #leafBits} bits each, in the order of the nodes. */
    private final long[] leaves;
    /** Bits a leaf size takes: the power of two, 8 at least, that holds the largest (the sample size). */
    private final int leafBits;
    /** Each tree's box: for each dimension its lowest value, then its highest, as the trees were grown from. */
    private final float[] box;

    private GrownTrees(
            int stride,
            long[] splits,
            short[] cuts,
            long[] dims,
            int dimBits,
            long[] leaves,
            int leafBits,
            float[] box) {
        this.stride = stride;
        this.splits = splits;
        this.cuts = cuts;
        this.dims = dims;
        this.dimBits = dimBits;
        this.leaves = leaves;
        this.leafBits = leafBits;
        this.box = box;
    }

    /**
     * The trees of a forest of parameters {@code p} grown into complete binary trees of {@code nodes}
     * slots each: {@code dim[t * nodes + k]} is the split dimension of tree {@code t}'s slot {@code k}
     * (whose children are at {@code 2k + 1} and {@code 2k + 2}), or negative for a leaf; {@code split}
     * the cut code or leaf size there. Slots no split leads to are ignored. {@code box} holds each tree's
     * low and high bound of each dimension.
     *
     * @throws IllegalArgumentException if a split sits in the last level, where it has no room for children
     */
    static GrownTrees of(byte[] dim, short[] split, ForestParameters p, int nodes, float[] box) {
        int trees = p.trees();
        int stride = wordsFor(nodes);
        long[] splits = new long[trees * stride];
        short[] cuts = new short[trees * nodes];
        byte[] splitDims = new byte[trees * nodes];
        short[] sizes = new short[trees * nodes];
        boolean[] reached = new boolean[nodes];
        int splitCount = 0;
        int leafCount = 0;
        for (int t = 0; t < trees; t++) {
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
                    splits[t * stride + (local >>> 6)] |= 1L << local;
                    splitDims[splitCount] = dim[at];
                    cuts[splitCount++] = split[at];
                } else {
                    sizes[leafCount++] = split[at];
                }
                local++;
            }
        }
        int dimBits = powerOfTwoBits(32 - Integer.numberOfLeadingZeros(p.shingle() - 1));
        int leafBits = Math.max(8, powerOfTwoBits(32 - Integer.numberOfLeadingZeros(p.sampleSize())));
        long[] packedDims = new long[wordsFor(splitCount * dimBits)];
        for (int i = 0; i < splitCount && dimBits > 0; i++) {
            packedDims[(i * dimBits) >>> 6] |= (long) splitDims[i] << (i * dimBits);
        }
        long[] packedSizes = new long[wordsFor(leafCount * leafBits)];
        for (int i = 0; i < leafCount; i++) {
            packedSizes[(i * leafBits) >>> 6] |= (long) sizes[i] << (i * leafBits);
        }
        return new GrownTrees(
                stride, splits, Arrays.copyOf(cuts, splitCount), packedDims, dimBits, packedSizes, leafBits, box);
    }

    private static int wordsFor(int bits) {
        return (bits + 63) >>> 6;
    }

    /** The fewest bits that hold {@code needed} bits and are a power of two (or 0), so that no field straddles two words. */
    private static int powerOfTwoBits(int needed) {
        return needed <= 1 ? needed : Integer.highestOneBit(needed - 1) << 1;
    }

    /** Field {@code i} of {@code words}, fields of {@code bits} bits (a power of two up to 16). */
    private static int field(long[] words, int i, int bits) {
        int bit = i * bits;
        return (int) (words[bit >>> 6] >>> bit) & ((1 << bits) - 1);
    }

    /**
     * Writes the trees back into complete binary trees of {@code nodes} slots each (see {@link #of}),
     * the slots no split leads to as leaves of size 0: the layout the state formats are written from.
     */
    void expandInto(byte[] dim, short[] split, int nodes) {
        Arrays.fill(dim, (byte) -1);
        Arrays.fill(split, (short) 0);
        int splitBase = 0;
        int leafBase = 0;
        for (int t = 0; t < splits.length / stride; t++) {
            int word = t * stride;
            expand(dim, split, t * nodes, 0, 0, word, splitBase, leafBase);
            int inTree = splitsIn(word);
            splitBase += inTree;
            leafBase += inTree + 1;
        }
    }

    private void expand(byte[] dim, short[] split, int root, int k, int c, int word, int splitBase, int leafBase) {
        if (!isSplit(word, c)) {
            dim[root + k] = -1;
            split[root + k] = (short) leafSize(word, leafBase, c);
            return;
        }
        int rank = rank(word, c);
        dim[root + k] = (byte) dim(splitBase + rank);
        split[root + k] = cuts[splitBase + rank];
        expand(dim, split, root, 2 * k + 1, 2 * rank + 1, word, splitBase, leafBase);
        expand(dim, split, root, 2 * k + 2, 2 * rank + 2, word, splitBase, leafBase);
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
        int splitBase = 0;
        int leafBase = 0;
        double total = 0;
        for (int t = 0; t < splits.length / stride; t++) {
            int word = t * stride;
            int boxAt = 2 * t * point.length;
            total += rangeWeighted
                    ? rangeWeightedPathLength(boxAt, word, splitBase, leafBase, point, pointCode)
                    : pathLength(boxAt, word, splitBase, leafBase, point, pointCode);
            // every split has two children: a tree has one leaf more than it has splits
            int inTree = splitsIn(word);
            splitBase += inTree;
            leafBase += inTree + 1;
        }
        return total;
    }

    /**
     * The expected depth at which a tree grown with this point in it would isolate it. The grown tree
     * lacks the point, so at each split the point is also cut off with the chance that a cut on that
     * dimension, drawn across the tree's range widened to include the point, falls in the widening
     * (the tree's root range stands in for the node's, which makes the estimate conservative).
     */
    private double pathLength(int boxAt, int word, int splitBase, int leafBase, double[] point, double[] pointCode) {
        if (stride == 1 && !outsideBox(boxAt, point)) {
            // no chance to cut the point off anywhere: what the loop below sums to is its leaf's depth, exactly
            return leafDepth(splits[word], splitBase, leafBase, pointCode);
        }
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
            k = pointCode[d] < cuts[splitBase + rank] - 0.5 ? 2 * rank + 1 : 2 * rank + 2;
            depth++;
        }
        return expected + survive * (depth + StreamingIsolationForest.LEAF_PATH[leafSize(word, leafBase, k)]);
    }

    /**
     * Whether {@code point} lies outside the tree's box (at {@code boxAt}) in some dimension, as {@link
     * #pathLength} reckons it (NaN never does): on every dimension inside (most points of most trees) it is
     * never cut off.
     */
    private boolean outsideBox(int boxAt, double[] point) {
        for (int d = 0; d < point.length; d++) {
            double below = box[boxAt + 2 * d] - point[d];
            double above = point[d] - box[boxAt + 2 * d + 1];
            if ((below > above ? below : above) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link #pathLength} of a point inside the box of a tree in one word, {@code bits} (the default
     * ensemble's trees): the depth of the leaf it reaches plus that leaf's average path, with the word in
     * a register and none of the cut-off arithmetic, which adds exactly nothing there ({@code 0 + 1 *
     * (depth + leaf path)}).
     */
    private double leafDepth(long bits, int splitBase, int leafBase, double[] pointCode) {
        int k = 0;
        int depth = 0;
        // k stays below 64 in a tree of one word; the shifts take it modulo 64, as rank's does
        while ((bits >>> k & 1) != 0) {
            int rank = Long.bitCount(bits & ((1L << k) - 1));
            int at = splitBase + rank;
            k = pointCode[dim(at)] < cuts[at] - 0.5 ? 2 * rank + 1 : 2 * rank + 2;
            depth++;
        }
        int leaf = leafBase + k - Long.bitCount(bits & ((1L << k) - 1));
        return depth + StreamingIsolationForest.LEAF_PATH[field(leaves, leaf, leafBits)];
    }

    /**
     * {@link #pathLength} with the range-weighted cut-off: the same at every node (the tree's root box
     * stands in for each node's), {@code sum(outside) / sum(range + outside)} over the dimensions.
     */
    private double rangeWeightedPathLength(
            int boxAt, int word, int splitBase, int leafBase, double[] point, double[] pointCode) {
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
            k = pointCode[d] < cuts[splitBase + rank] - 0.5 ? 2 * rank + 1 : 2 * rank + 2;
            depth++;
        }
        return expected + survive * (depth + StreamingIsolationForest.LEAF_PATH[leafSize(word, leafBase, k)]);
    }

    /** The splits of the tree whose bits start at {@code word}. */
    private int splitsIn(int word) {
        int n = 0;
        for (int w = word; w < word + stride; w++) {
            n += Long.bitCount(splits[w]);
        }
        return n;
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
        return dimBits == 0 ? 0 : field(dims, i, dimBits);
    }

    /** The size of leaf {@code k} of the tree whose bits start at {@code word} and whose leaves at {@code leafBase}. */
    private int leafSize(int word, int leafBase, int k) {
        return field(leaves, leafBase + k - rank(word, k), leafBits);
    }
}
