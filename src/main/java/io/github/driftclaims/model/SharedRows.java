package io.github.driftclaims.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of rows that differ only in which heads are zeroed at {@code hook_z}, planned so that
 * {@link HookedTransformer#forward(Weights, NDArray, SharedRows, Unembed)} computes each layer once per distinct
 * input to it. Zeroing happens after the pattern, so layer l's Q, K, V, patterns and z depend only on the tokens and
 * on the heads zeroed in layers before l: rows that agree on those are one computation there. An ablation sweep is
 * mostly such rows: on the notebook's workload every row of a sequence has the same layer 0 up to its z (3
 * computations instead of 54), and the rows ablating only layer-1 heads share layer 1's input (27 instead of 54).
 *
 * <p>Level 0 holds the distinct token rows; level l + 1 the distinct (tokens, heads zeroed in layers 0..l), each
 * with its parent at level l and its layer-l keep mask; the last level maps back to the rows asked for. The
 * arithmetic per row is the masked batch's ({@link #keep}), in a different grouping: equal up to float rounding.
 */
public final class SharedRows {

    private final ModelConfig config;
    private final int[][] distinctTokens;
    /** [level 1..L][group]: the group's parent at the level before. */
    private final int[][] parents;
    /** [layer][group of level layer + 1][head]: 1 to keep, 0 to zero. */
    private final float[][][] masks;
    /** [row]: the row's group at the last level. */
    private final int[] rowGroup;

    private SharedRows(ModelConfig config, int[][] distinctTokens, int[][] parents, float[][][] masks, int[] rowGroup) {
        this.config = config;
        this.distinctTokens = distinctTokens;
        this.parents = parents;
        this.masks = masks;
        this.rowGroup = rowGroup;
    }

    /**
     * @param tokens [row][position], rows of equal length
     * @param keep [row][layer][head], 1 to keep the head, 0 to zero its z
     */
    public static SharedRows plan(ModelConfig c, int[][] tokens, float[][][] keep) {
        if (tokens.length != keep.length) {
            throw new IllegalArgumentException(tokens.length + " token rows but " + keep.length + " keep masks");
        }
        int layers = c.nLayers();
        // Level 0: distinct token rows.
        Map<String, Integer> seen = new HashMap<>();
        List<int[]> distinct = new ArrayList<>();
        int[] group = new int[tokens.length];
        for (int r = 0; r < tokens.length; r++) {
            String key = Arrays.toString(tokens[r]);
            Integer g = seen.get(key);
            if (g == null) {
                g = distinct.size();
                seen.put(key, g);
                distinct.add(tokens[r].clone());
            }
            group[r] = g;
        }
        int[][] parents = new int[layers][];
        float[][][] masks = new float[layers][][];
        for (int l = 0; l < layers; l++) {
            // Level l + 1: the level-l group plus layer l's mask.
            Map<String, Integer> next = new HashMap<>();
            List<Integer> parent = new ArrayList<>();
            List<float[]> mask = new ArrayList<>();
            for (int r = 0; r < tokens.length; r++) {
                if (keep[r].length != layers || keep[r][l].length != c.nHeads()) {
                    throw new IllegalArgumentException("row " + r + "'s keep mask is not [" + layers + "][" + c.nHeads()
                            + "]");
                }
                String key = group[r] + ":" + Arrays.toString(keep[r][l]);
                Integer g = next.get(key);
                if (g == null) {
                    g = parent.size();
                    next.put(key, g);
                    parent.add(group[r]);
                    mask.add(keep[r][l].clone());
                }
                group[r] = g;
            }
            parents[l] = parent.stream().mapToInt(Integer::intValue).toArray();
            masks[l] = mask.toArray(new float[0][]);
        }
        return new SharedRows(c, distinct.toArray(new int[0][]), parents, masks, group);
    }

    public int rows() {
        return rowGroup.length;
    }

    /** Rows computed at level {@code level}: 0 the distinct token rows, L the distinct rows of the last layer's output. */
    public int groups(int level) {
        return level == 0 ? distinctTokens.length : parents[level - 1].length;
    }

    /** {@link #groups} at every level, 0 to L, e.g. [3, 27, 51] for the notebook's ablated rows on 2 x 8 heads. */
    public List<Integer> levels() {
        List<Integer> out = new ArrayList<>();
        for (int l = 0; l <= config.nLayers(); l++) {
            out.add(groups(l));
        }
        return out;
    }

    public int[][] distinctTokens() {
        return Arrays.stream(distinctTokens).map(int[]::clone).toArray(int[][]::new);
    }

    ModelConfig config() {
        return config;
    }

    /**
     * Layer l's z [groups(l), T, H, E] to level l + 1's rows with layer l's heads zeroed, and the residual
     * stream [groups(l), T, D] to the same rows: returns {z, resid}.
     */
    NDArray[] expand(int l, NDArray z, NDArray resid) {
        NDManager m = z.getManager();
        int g = parents[l].length;
        NDArray idx = m.create(Arrays.stream(parents[l]).asLongStream().toArray());
        float[] keep = new float[g * config.nHeads()];
        for (int i = 0; i < g; i++) {
            System.arraycopy(masks[l][i], 0, keep, i * config.nHeads(), config.nHeads());
        }
        NDArray zOut = HeadMask.apply(z.get(new NDIndex("{}", idx)), keep, g, config.nHeads());
        return new NDArray[] {zOut, resid.get(new NDIndex("{}", idx))};
    }

    /** The last level's rows [groups(L), ...] back to the rows asked for. */
    NDArray toRows(NDArray last) {
        NDManager m = last.getManager();
        return last.get(new NDIndex("{}", m.create(Arrays.stream(rowGroup).asLongStream().toArray())));
    }
}
