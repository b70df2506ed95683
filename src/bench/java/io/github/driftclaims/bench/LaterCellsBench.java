package io.github.driftclaims.bench;

import io.github.driftclaims.interp.Ablation;
import io.github.driftclaims.interp.LaterCells;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.SharedRows;
import io.github.driftclaims.model.Unembed;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The later cells' batched workload of one prompt style at attn-only-2l's shapes, as
 * {@code LaterCells.measure} runs it under zero ablation: the evidence sweep (110 orderings x {baseline,
 * ablated} = 220 rows), 4X/1Y (10 rows), the sanity check (2 rows) and the tracking (one prompt length per step,
 * streams x 2 rows), each cell as two forwards (baseline rows, full unembedding; ablated rows, shared rows and two
 * columns). Random ids stand in for tokens (no tokenizer here); {@code tokens} is the
 * prompt length at 10 symbols: 16 for the minimal prompt (BOS, Sequence, :, 10 symbols, Next, is, :), 52
 * for the toy prompt (an estimate: GPT-NeoX's tokenizer is not available offline).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LaterCellsBench {

    @Param({"16", "52"})
    public int tokens;

    private HookedTransformer model;

    @Setup(Level.Trial)
    public void setup() {
        Threads.startSingleThreaded();
        model = RandomModel.build(RandomModel.ATTN_ONLY_2L, 1234);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }

    /** Every forward of one style's later cells; returns a checksum so nothing is optimised away. */
    @Benchmark
    public double laterCells(CpuTime cpu) {
        long start = CpuTime.now();
        int symbols = LaterCells.SWEEP_DRAWS;
        double sum = forward(110, tokens) + forward(5, tokens - symbols + 5) + forward(1, tokens - symbols + 6);
        for (int t = 1; t <= LaterCells.TRACKING_STEPS; t++) {
            sum += forward(LaterCells.TRACKING_STREAMS, tokens - symbols + t);
        }
        cpu.since(start);
        return sum;
    }

    /**
     * {@code prompts} rows baseline and the same rows with the top two zeroed, as {@code DriftProbe.evaluateAll}
     * runs them: the baseline rows with the full unembedding (their p_X_raw is reported), the ablated rows through
     * shared rows with the two columns X and Y; two forwards.
     */
    private double forward(int prompts, int length) {
        ModelConfig c = model.config();
        SplittableRandom rng = new SplittableRandom(length);
        int[][] batch = new int[prompts][length];
        float[][][] none = new float[prompts][][];
        float[][][] top2 = new float[prompts][][];
        for (int p = 0; p < prompts; p++) {
            for (int i = 0; i < length; i++) {
                batch[p][i] = i == 0 ? 0 : 1 + rng.nextInt(c.dVocab() - 1);
            }
            none[p] = Ablation.keep(c, List.of());
            top2[p] = Ablation.keep(c, Workload.TOP_2);
        }
        float[][] full = model.runShared(SharedRows.plan(c, batch, none), Unembed.FULL);
        float[][] two = model.runShared(SharedRows.plan(c, batch, top2), Unembed.columns(1, 2));
        return full[0][0] + two[two.length - 1][0];
    }
}
