package io.github.driftclaims.bench;

import io.github.driftclaims.interp.Ablation;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.SharedRows;
import io.github.driftclaims.model.Unembed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The notebook's workload on a model: 3 sequences of 9 tokens, each under 1 + L*H + 1 ablation
 * settings (baseline, every head alone, a top-2 pair) = 54 forwards for 2 layers of 8 heads. The
 * batched path is what {@code DriftProbe.evaluateAll} does (one forward, a per-row mask on hook_z),
 * the unbatched one what {@code DriftProbe.evaluate} does (one forward per sequence and setting).
 */
public final class Workload {

    public static final int SEQUENCES = 3;
    public static final int TOKENS = 9;
    /** The pair ablated together; any two heads in different layers cost the same. */
    public static final List<Head> TOP_2 = List.of(new Head(1, 4), new Head(0, 6));

    private final HookedTransformer model;
    private final int[][] sequences;
    private final List<Set<Head>> settings;

    public Workload(HookedTransformer model, long seed) {
        this.model = model;
        ModelConfig c = model.config();
        SplittableRandom rng = new SplittableRandom(seed);
        sequences = new int[SEQUENCES][TOKENS];
        for (int[] s : sequences) {
            s[0] = 0; // a BOS-like first token
            for (int i = 1; i < TOKENS; i++) {
                s[i] = 1 + rng.nextInt(c.dVocab() - 1);
            }
        }
        settings = settings(c);
    }

    public static List<Set<Head>> settings(ModelConfig c) {
        List<Set<Head>> out = new ArrayList<>();
        out.add(Set.of());
        for (int l = 0; l < c.nLayers(); l++) {
            for (int h = 0; h < c.nHeads(); h++) {
                out.add(Set.of(new Head(l, h)));
            }
        }
        out.add(Set.copyOf(TOP_2));
        return out;
    }

    public int forwards() {
        return settings.size() * SEQUENCES;
    }

    public HookedTransformer model() {
        return model;
    }

    public float[][] onePrompt() {
        return model.run(new int[][] {sequences[0]}, Hooks.none()).logitsLast();
    }

    /** One forward of settings x sequences rows, as DriftProbe.evaluateAll builds it. */
    public float[][] batched() {
        ModelConfig c = model.config();
        Rows all = rows(c, sequences, settings);
        return model.run(all.tokens(), Ablation.zeroHeadsPerRow(c, all.keep())).logitsLast();
    }

    /**
     * As DriftProbe.evaluateAll runs it now: the baseline rows (no head ablated) with the full unembedding, whose
     * p_X_raw the claims report, and every ablated row with only W_U's X and Y columns (ids 1 and 2 here); two
     * forwards.
     */
    public double batchedTwoColumn() {
        ModelConfig c = model.config();
        Rows ablated = ablatedRows(c, sequences);
        float[][] full = model.run(sequences, Hooks.none()).logitsLast();
        float[][] two = model.run(ablated.tokens(), Ablation.zeroHeadsPerRow(c, ablated.keep()),
                Unembed.columns(1, 2)).logitsLast();
        return full[0][0] + two[two.length - 1][0];
    }

    /**
     * As DriftProbe.evaluateAll runs it since shared rows: the same two forwards as {@link #batchedTwoColumn}, each
     * through {@code HookedTransformer.runShared} (each layer once per distinct input; the last layer at the last
     * position only).
     */
    public double batchedShared() {
        float[][] full = model.runShared(baselinePlan(), Unembed.FULL);
        float[][] two = model.runShared(ablatedPlan(), Unembed.columns(1, 2));
        return full[0][0] + two[two.length - 1][0];
    }

    public SharedRows baselinePlan() {
        return baselinePlan(model.config(), sequences);
    }

    public SharedRows ablatedPlan() {
        return ablatedPlan(model.config(), sequences);
    }

    /** Three distinct rows of {@link #TOKENS} ids: a plan depends only on which rows are equal. */
    public static int[][] placeholderSequences() {
        int[][] out = new int[SEQUENCES][TOKENS];
        for (int s = 0; s < SEQUENCES; s++) {
            out[s][TOKENS - 1] = s + 1;
        }
        return out;
    }

    /** The 3 baseline rows, nothing zeroed. */
    public static SharedRows baselinePlan(ModelConfig c, int[][] sequences) {
        float[][][] keep = new float[SEQUENCES][][];
        Arrays.setAll(keep, s -> Ablation.keep(c, Set.of()));
        return SharedRows.plan(c, sequences, keep);
    }

    /** The 51 ablated rows (every setting but the baseline, times the sequences). */
    public static SharedRows ablatedPlan(ModelConfig c, int[][] sequences) {
        Rows ablated = ablatedRows(c, sequences);
        return SharedRows.plan(c, ablated.tokens(), ablated.keep());
    }

    /** Token rows and their keep masks ([row][layer][head], 0 for a zeroed head). */
    record Rows(int[][] tokens, float[][][] keep) {}

    /** Every setting but the baseline, times the sequences, as DriftProbe.evaluateAll lays out its ablated rows. */
    static Rows ablatedRows(ModelConfig c, int[][] sequences) {
        return rows(c, sequences, settings(c).stream().filter(s -> !s.isEmpty()).toList());
    }

    /** Each setting times the sequences, setting-major, as DriftProbe.evaluateAll lays out one forward's rows. */
    static Rows rows(ModelConfig c, int[][] sequences, List<Set<Head>> settings) {
        int rows = settings.size() * sequences.length;
        int[][] batch = new int[rows][];
        float[][][] keep = new float[rows][][];
        for (int a = 0; a < settings.size(); a++) {
            for (int s = 0; s < sequences.length; s++) {
                batch[a * sequences.length + s] = sequences[s];
                keep[a * sequences.length + s] = Ablation.keep(c, settings.get(a));
            }
        }
        return new Rows(batch, keep);
    }

    /**
     * Multiply-add FLOPs of one shared-rows forward ({@link #flops}' matmuls, counted as the plan computes them):
     * layer l's Q, K, V and attention on its groups(l) inputs, its W_O on groups(l + 1) rows; in the last layer Q,
     * the scores, pattern v and W_O at the last position only; the unembedding of {@code columns} columns per row.
     */
    public static double flopsShared(ModelConfig c, SharedRows plan, int t, int columns) {
        double he = (double) c.nHeads() * c.dHead();
        double d = c.dModel();
        double total = 0;
        for (int l = 0; l < c.nLayers(); l++) {
            double in = plan.groups(l);
            double out = plan.groups(l + 1);
            boolean last = l == c.nLayers() - 1;
            double queries = last ? 1 : t;
            total += 2 * in * t * d * 2 * he                       // K, V
                    + 2 * in * queries * d * he                     // Q
                    + 2 * 2 * in * c.nHeads() * queries * t * c.dHead()  // q k^T and pattern v
                    + 2 * out * queries * he * d;                   // W_O
        }
        return total + 2.0 * plan.rows() * d * columns;
    }

    /**
     * {@link #flops} for the two-column workload: every row's layers, the full unembedding of the
     * {@link #SEQUENCES} baseline rows and two columns of the rest.
     */
    public static double flopsTwoColumn(ModelConfig c, int rows, int t) {
        double layers = flops(c, rows, t) - 2.0 * rows * c.dModel() * c.dVocab();
        return layers + 2.0 * SEQUENCES * c.dModel() * c.dVocab() + 2.0 * (rows - SEQUENCES) * c.dModel() * 2;
    }

    /** One forward per sequence and setting, as DriftProbe.evaluate does. */
    public float[][] unbatched() {
        float[][] out = new float[forwards()][];
        int r = 0;
        for (Set<Head> setting : settings) {
            Hooks hooks = Ablation.zeroHeads(model.config(), setting);
            for (int[] s : sequences) {
                out[r++] = model.run(new int[][] {s}, hooks).logitsLast()[0];
            }
        }
        return out;
    }

    /** What DriftProbe does with the logits afterwards: a full-vocabulary softmax per row, in Java. */
    public static double readouts(float[][] logits) {
        double sum = 0;
        for (int r = 0; r < logits.length; r++) {
            Stimulus s = Stimulus.NOTEBOOK.get(r % Stimulus.NOTEBOOK.size());
            sum += Readout.of(s, logits[r], 1, 2).pXNorm();
        }
        return sum;
    }

    /**
     * Multiply-add FLOPs (2 per MAC) of the matmuls in {@code rows} forwards of {@code t} tokens:
     * Q, K, V and O projections, scores and pattern @ v per layer, and the unembed of the last
     * position only. Elementwise work (LayerNorm, softmax, masks, bias adds) is left out.
     */
    public static double flops(ModelConfig c, int rows, int t) {
        double n = (double) rows * t;
        double he = (double) c.nHeads() * c.dHead();
        double perLayer = 2 * n * c.dModel() * 3 * he   // Q, K, V
                + 2 * 2 * rows * c.nHeads() * (double) t * t * c.dHead()  // q k^T and pattern v
                + 2 * n * he * c.dModel();                // W_O
        return c.nLayers() * perLayer + 2.0 * rows * c.dModel() * c.dVocab();
    }

    /** Bytes of W_U (float32), read at least once per forward. */
    public static double unembedBytes(ModelConfig c) {
        return 4.0 * c.dModel() * c.dVocab();
    }
}
