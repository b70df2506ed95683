package io.github.driftclaims.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.github.driftclaims.model.ModelConfig;
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
 * The two operations that bound the issue-14 targets from below, each alone, at attn-only-2l's shapes, computed as
 * {@code HookedTransformer} computes them. Neither is FLOP-bound, so neither runs at the rate F the floors assume:
 *
 * <ul>
 *   <li>{@link #cacheAttention}: one layer's attention in one cached martingale step at the run's mean key count:
 *       q k^T over a view of the stored keys, the softmax, pattern v over the stored values (what {@code step} does
 *       per layer), J = 200 rows. It reads 2 x 200 x 8 x T x 64 floats for 2 x 200 x 8 x T x 64 multiply-adds.
 *   <li>{@link #unembedThreeRows}: the notebook's 3 baseline rows times the whole of W_U plus b_U ({@code Unembed.FULL}).
 * </ul>
 *
 * <p>{@link BenchMain} turns their times into lower bounds: the workload with these operations at their measured
 * times and everything else at the floor's rate F. A bound above a target says that target is out of reach with
 * these kernels, however the rest is written.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KernelBench {

    /** The buffers' capacity: the prompt plus the m - 1 cached steps, as ModelSampler sizes its cache. */
    public static final int CAPACITY = MartingaleBench.PROMPT + MartingaleBench.M - 1;
    /** The mean key count over the 99 steps (T = PROMPT + s, s = 1..99); the steps' cost is linear in T. */
    public static final int MEAN_KEYS = MartingaleBench.PROMPT + MartingaleBench.M / 2;

    private NDManager manager;
    private NDArray keys;
    private NDArray values;
    private NDArray query;
    private NDArray scale;
    private NDArray x;
    private NDArray wU;
    private NDArray bU;

    @Setup(Level.Trial)
    public void setup() {
        Threads.startSingleThreaded();
        ModelConfig c = RandomModel.ATTN_ONLY_2L;
        manager = NDManager.newBaseManager();
        manager.getEngine().setRandomSeed(6);
        Shape cache = new Shape(MartingaleBench.PATHS, c.nHeads(), CAPACITY, c.dHead());
        keys = manager.randomUniform(-1, 1, cache);
        values = manager.randomUniform(-1, 1, cache);
        query = manager.randomUniform(-1, 1, new Shape(MartingaleBench.PATHS, c.nHeads(), 1, c.dHead()));
        scale = manager.create((float) Math.sqrt(c.dHead()));
        x = manager.randomUniform(-1, 1, new Shape(Workload.SEQUENCES, c.dModel()));
        wU = manager.randomUniform(-0.05f, 0.05f, new Shape(c.dModel(), c.dVocab()));
        bU = manager.randomUniform(-0.05f, 0.05f, new Shape(c.dVocab()));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public float cacheAttention(CpuTime cpu) {
        long start = CpuTime.now();
        try (NDManager scope = manager.newSubManager()) {
            NDIndex stored = new NDIndex(":, :, 0:{}, :", MEAN_KEYS);
            NDArray k = keys.get(stored);
            NDArray v = values.get(stored);
            k.attach(scope);
            v.attach(scope);
            NDArray q = query.duplicate();  // a scope array, as the step's query is
            q.attach(scope);
            NDArray pattern = q.matMul(k.transpose(0, 1, 3, 2)).div(scale).softmax(-1);
            return pattern.matMul(v).getFloat(0, 0, 0, 0);
        } finally {
            cpu.since(start);
        }
    }

    @Benchmark
    public float unembedThreeRows(CpuTime cpu) {
        long start = CpuTime.now();
        try (NDManager scope = manager.newSubManager()) {
            NDArray rows = x.duplicate();
            rows.attach(scope);
            return rows.matMul(wU).addi(bU).getFloat(0, 0);
        } finally {
            cpu.since(start);
        }
    }

    /** The multiply-adds of {@link #cacheAttention} at T keys, 2 FLOPs each, as {@link MartingaleBench#flops} counts them. */
    public static double attentionFlops(ModelConfig c, double keys) {
        return 2 * 2 * MartingaleBench.PATHS * c.nHeads() * keys * c.dHead();
    }

    /**
     * The martingale run's lower bound, in seconds, given one layer-step's attention measured at {@link #MEAN_KEYS}
     * keys: the steps' attention at that time (scaled by T / MEAN_KEYS, so the 99 steps sum to 99 x nLayers of it)
     * and every other FLOP of {@link MartingaleBench#flops} at F.
     */
    public static double martingaleBoundSeconds(ModelConfig c, double flopsPerS, double attentionSeconds) {
        double attention = 0;
        double attentionFlops = 0;
        for (int s = 1; s < MartingaleBench.M; s++) {
            double t = MartingaleBench.PROMPT + s;
            attention += c.nLayers() * attentionSeconds * t / MEAN_KEYS;
            attentionFlops += c.nLayers() * attentionFlops(c, t);
        }
        return (MartingaleBench.flops(c) - attentionFlops) / flopsPerS + attention;
    }
}
