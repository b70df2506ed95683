package io.github.driftclaims.bench;

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

/** Forward passes through HookedTransformer.run (ids in, last-position logits copied to Java out). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ForwardBench {

    @Param({"toy", "attn-only-2l"})
    public String shape;

    private Workload workload;
    private float[][] logits;

    @Setup(Level.Trial)
    public void setup() {
        Threads.startSingleThreaded();
        workload = new Workload(RandomModel.build(RandomModel.byName(shape), 1234), 99);
        logits = workload.batched();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workload.model().close();
    }

    /** One 9-token prompt. */
    @Benchmark
    public float[][] onePrompt(CpuTime cpu) {
        long start = CpuTime.now();
        float[][] out = workload.onePrompt();
        cpu.since(start);
        return out;
    }

    /** The 54 forwards of the notebook as one forward of 54 rows. */
    @Benchmark
    public float[][] notebookBatched(CpuTime cpu) {
        long start = CpuTime.now();
        float[][] out = workload.batched();
        cpu.since(start);
        return out;
    }

    /** The 3 baseline rows with the full unembedding and the 51 ablated rows with two columns, on the masked path. */
    @Benchmark
    public double notebookTwoColumn(CpuTime cpu) {
        long start = CpuTime.now();
        double r = workload.batchedTwoColumn();
        cpu.since(start);
        return r;
    }

    /** The two-column workload through shared rows, as DriftProbe.evaluateAll runs it now. */
    @Benchmark
    public double notebookShared(CpuTime cpu) {
        long start = CpuTime.now();
        double r = workload.batchedShared();
        cpu.since(start);
        return r;
    }

    /** The 54 forwards of the notebook one by one. */
    @Benchmark
    public float[][] notebookUnbatched(CpuTime cpu) {
        long start = CpuTime.now();
        float[][] out = workload.unbatched();
        cpu.since(start);
        return out;
    }

    /** DriftProbe's Java-side softmax over the vocabulary for the 54 rows (not part of the forward). */
    @Benchmark
    public double notebookReadouts(CpuTime cpu) {
        long start = CpuTime.now();
        double out = Workload.readouts(logits);
        cpu.since(start);
        return out;
    }
}
