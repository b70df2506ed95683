package io.github.driftclaims.bench;

import io.github.driftclaims.interp.AblationKind;
import io.github.driftclaims.interp.DriftProbe;
import io.github.driftclaims.interp.KindAblation;
import io.github.driftclaims.interp.KindSweep;
import io.github.driftclaims.interp.LogitAttribution;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import java.nio.file.Path;
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
 * Claims 17 to 22's measurement on the shipped toy model (it needs the tokenizer): the sweep and every pair under
 * one ablation kind as {@code KindSweep.measure} runs it (1 + 16 + 120 settings x 3 sequences, x 10 resamples for the
 * resample kind: 411 or 4110 rows of 9 tokens), including the kind's preparation (the reference prompts' forward),
 * and the direct logit attribution (one forward of 3 rows with every hook_z captured, then Java dot products).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AblationKindsBench {

    @Param({"zero", "mean", "resample"})
    public String kind;

    private HookedTransformer model;
    private DriftProbe probe;
    private AblationKind ablation;

    @Setup(Level.Trial)
    public void setup() {
        Threads.startSingleThreaded();
        model = ModelLoader.load(ModelFiles.fromDirectory(Path.of("fixtures", "toy-induction-2l")), true);
        probe = new DriftProbe(model, Stimulus.NOTEBOOK);
        ablation = AblationKind.standard().stream().filter(k -> k.id().equals(kind)).findFirst().orElseThrow();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }

    /** One kind's sweep and pair search, preparation included; returns a checksum. */
    @Benchmark
    public double sweepAndPairs(CpuTime cpu) {
        long start = CpuTime.now();
        KindSweep k = KindSweep.measure(KindAblation.prepare(probe, ablation));
        cpu.since(start);
        return k.best().result().drift();
    }

    /** The attribution (the same whatever the kind: measured once per model, timed under each param). */
    @Benchmark
    public double attribution(CpuTime cpu) {
        long start = CpuTime.now();
        LogitAttribution a = LogitAttribution.measure(probe);
        cpu.since(start);
        return a.total(0);
    }
}
