package io.github.driftclaims.bench;

import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.Unembed;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The martingale check's model part at attn-only-2l's shapes (seeded random weights): J = 200 paths, each a
 * prompt of {@link #PROMPT} tokens (BOS, Sequence, :, n = 50 symbols), prefilled once into the KV cache, then
 * m = 100 symbols sampled from P(X | {X,Y}) with the two-column readout, m - 1 = 99 cached steps of all 200 rows.
 * What ModelSampler does, without the tokenizer (ids 1 and 2 stand for X and Y).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MartingaleBench {

    public static final int PATHS = 200;
    public static final int N = 50;
    public static final int M = 100;
    public static final int PROMPT = 3 + N;

    private HookedTransformer model;
    private int[][] prompts;

    @Setup(Level.Trial)
    public void setup() {
        Threads.startSingleThreaded();
        model = RandomModel.build(RandomModel.ATTN_ONLY_2L, 1234);
        SplittableRandom rng = new SplittableRandom(14);
        prompts = new int[PATHS][PROMPT];
        for (int[] p : prompts) {
            for (int i = 0; i < PROMPT; i++) {
                p[i] = i < 3 ? i + 3 : 1 + rng.nextInt(2);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }

    @Benchmark
    public int sampleCached(CpuTime cpu) {
        long start = CpuTime.now();
        SplittableRandom rng = new SplittableRandom(7);
        int xs = 0;
        try (HookedTransformer.Decoding d = model.decode(prompts, Hooks.none(), Unembed.columns(1, 2), M - 1)) {
            float[][] logits = d.logits();
            for (int t = 0; t < M; t++) {
                int[] next = new int[PATHS];
                for (int j = 0; j < PATHS; j++) {
                    boolean x = rng.nextDouble() < Readout.pXGivenPair((double) logits[j][0] - logits[j][1]);
                    next[j] = x ? 1 : 2;
                    xs += x ? 1 : 0;
                }
                if (t < M - 1) {
                    logits = d.next(next);
                }
            }
        }
        cpu.since(start);
        return xs;
    }

    /**
     * The FLOPs of the cached, two-column computation (2 per multiply-add): the prefill of J x T0 positions
     * (Q, K, V, O projections; q k^T and pattern v over the full T0 x T0 square, as computed), then per step s
     * (T = T0 + s keys) J rows of projections and J x H x T of attention, and every position that is read out
     * unembedded into two columns.
     */
    public static double flops(ModelConfig c) {
        double d = c.dModel();
        double he = (double) c.nHeads() * c.dHead();
        double t0 = PROMPT;
        double prefill = 2 * PATHS * t0 * d * 4 * he + 2 * 2 * PATHS * c.nHeads() * t0 * t0 * c.dHead();
        double steps = 0;
        for (int s = 1; s < M; s++) {
            double t = t0 + s;
            steps += 2 * PATHS * d * 4 * he + 2 * 2 * PATHS * c.nHeads() * t * c.dHead();
        }
        return c.nLayers() * (prefill + steps) + (double) M * 2 * PATHS * d * 2;
    }

    /**
     * A per-operation roofline floor, in seconds, beside the FLOP-only one: the same FLOPs at F, except that
     * each cached step's attention (q k^T and pattern v over the T stored keys and values of every layer) costs at
     * least the time to read those K and V once at BW, 4 bytes a float, when that is more than its FLOPs at F. It is
     * what the steps' attention, memory-bound at these shapes, can at best cost; the floor counts it as FLOPs.
     */
    public static double rooflineSeconds(ModelConfig c, double flopsPerS, double bytesPerS) {
        double attention = 0;
        for (int s = 1; s < M; s++) {
            double t = PROMPT + s;
            double f = c.nLayers() * 2 * 2 * PATHS * c.nHeads() * t * c.dHead();
            double bytes = c.nLayers() * 2 * 4.0 * PATHS * c.nHeads() * t * c.dHead();
            attention += Math.max(f / flopsPerS, bytes / bytesPerS) - f / flopsPerS;
        }
        return flops(c) / flopsPerS + attention;
    }
}
