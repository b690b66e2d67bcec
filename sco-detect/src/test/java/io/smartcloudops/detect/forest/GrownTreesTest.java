package io.smartcloudops.detect.forest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GrownTreesTest {
    /** Two trees of shingles of two, grown from 32 shingles: complete trees of 63 slots. */
    private static final ForestParameters PARAMS = new ForestParameters(2, 256, 2, 32, 256, 5000);

    private static final int NODES = 63;

    /**
     * Tree 0: a split on dimension 1 at code 100, its left child a leaf of 3, its right child a split
     * on dimension 0 at code -5 with leaves of 10 and 19. Tree 1: one leaf of 32. Every other slot holds
     * a split that no split leads to, which must be ignored.
     */
    private static byte[] dims() {
        byte[] dim = new byte[2 * NODES];
        Arrays.fill(dim, (byte) 0);
        dim[0] = 1;
        dim[1] = -1;
        dim[2] = 0;
        dim[5] = -1;
        dim[6] = -1;
        dim[NODES] = -1;
        return dim;
    }

    private static short[] splits() {
        short[] split = new short[2 * NODES];
        Arrays.fill(split, (short) 77);
        split[0] = 100;
        split[1] = 3;
        split[2] = -5;
        split[5] = 10;
        split[6] = 19;
        split[NODES] = 32;
        return split;
    }

    @Test
    void expandsBackToTheReachedNodesAndLeavesTheRestEmpty() {
        GrownTrees trees = GrownTrees.of(dims(), splits(), PARAMS, NODES, new float[8]);
        byte[] dim = new byte[2 * NODES];
        short[] split = new short[2 * NODES];
        trees.expandInto(dim, split, NODES);

        byte[] expectedDim = new byte[2 * NODES];
        short[] expectedSplit = new short[2 * NODES];
        Arrays.fill(expectedDim, (byte) -1);
        byte[] given = dims();
        short[] givenSplit = splits();
        for (int reached : new int[] {0, 1, 2, 5, 6, NODES}) {
            expectedDim[reached] = given[reached];
            expectedSplit[reached] = givenSplit[reached];
        }
        assertThat(dim).containsExactly(expectedDim);
        assertThat(split).containsExactly(expectedSplit);
    }

    @Test
    void walksEachTreeToTheLeafItsCutsChoose() {
        // boxes wide enough that the point lies inside both: no cut-off, only the walk counts
        float[] box = {-1e6f, 1e6f, -1e6f, 1e6f, -1e6f, 1e6f, -1e6f, 1e6f};
        GrownTrees trees = GrownTrees.of(dims(), splits(), PARAMS, NODES, box);
        double[] point = {0, 0};

        // dimension 1 codes 120 >= the cut 100: right, then dimension 0 code -8 < -5: left, the leaf of 10
        double right = trees.pathLengths(point, new double[] {-8, 120}, false);
        assertThat(right)
                .isEqualTo(2 + StreamingIsolationForest.averagePath(10) + StreamingIsolationForest.averagePath(32));
        // dimension 1 code 50 < 100: left, the leaf of 3
        double left = trees.pathLengths(point, new double[] {-8, 50}, true);
        assertThat(left)
                .isEqualTo(1 + StreamingIsolationForest.averagePath(3) + StreamingIsolationForest.averagePath(32));
    }

    @Test
    void rejectsASplitInTheLastLevel() {
        byte[] dim = new byte[2 * NODES];
        Arrays.fill(dim, (byte) -1);
        // a chain of left children down to the last level, whose slot 31 splits again
        for (int k = 0; k < NODES; k = 2 * k + 1) {
            dim[k] = 0;
        }
        assertThatThrownBy(() -> GrownTrees.of(dim, new short[2 * NODES], PARAMS, NODES, new float[8]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last level");
    }
}
