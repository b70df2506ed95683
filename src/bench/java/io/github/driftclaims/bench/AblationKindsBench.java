package io.github.driftclaims.bench;

import io.github.driftclaims.interp.AblationKind;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.LaterCells;
import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.interp.DriftProbe;
import io.github.driftclaims.interp.KindAblation;
import io.github.driftclaims.interp.KindSweep;
import io.github.driftclaims.interp.LogitAttribution;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import java.nio.file.Path;
import java.util.List;
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
 * Claims 17 to 22's measurement, and the later cells under each kind, on the shipped 8-head toy model (it needs the tokenizer): the sweep and every pair under
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

    /**
     * The 8-head toy (16 heads, 120 pairs: the notebook's 2 x 8 layout); the default has 2 x 2 heads, whose 6 pairs
     * would not show what the pair search costs.
     */
    static final Path MODEL = Path.of("fixtures", "history", "toy-induction-8h-seed8");

    private HookedTransformer model;
    private DriftProbe probe;
    private AblationKind ablation;

    @Setup(Level.Trial)
    public void setup() {
        Threads.startSingleThreaded();
        model = ModelLoader.load(ModelFiles.fromDirectory(MODEL), true);
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

    /**
     * The later cells (claims 12-16, sequence prompt) with two heads ablated this way: for mean and resample each
     * prompt length's reference forward (every X/Y string of the length: 2 + 4 + ... + 1024 prompts over the cells)
     * and, for resample, 10 rows per ablated prompt.
     */
    @Benchmark
    public double laterCells(CpuTime cpu) {
        long start = CpuTime.now();
        LaterCells l = LaterCells.measure(model, PromptStyle.SEQUENCE, List.of(new Head(0, 3), new Head(1, 4)), kind);
        cpu.since(start);
        return l.evidence().maeAblated();
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
