package io.github.driftclaims.bench;

import io.github.driftclaims.model.HostTensor;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.Safetensors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark and prints the figures, one per line. Everything is single-threaded
 * (libtorch intra- and inter-op threads = 1, checked at engine start).
 *
 * <p>The floor of a workload is {@code max(FLOPs / F, bytes(W_U) / BW)}: the time the machine needs
 * at least, either to do the matmuls' multiply-adds at the rate F of a large single-thread float32
 * matmul (1024^3), or to stream W_U once from memory at the rate BW of a single-thread sum over
 * 256 MiB, whichever is larger (compute and memory traffic can overlap, so the max and not the sum).
 *
 * <p>{@code -Dbench.quick=true}: fewer, shorter iterations and one fresh JVM each, for development.
 */
public final class BenchMain {

    static final String[] JVM_ARGS = {"-Xmx4g", "-Dai.djl.offline=true",
        "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"};

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        boolean quick = Boolean.getBoolean("bench.quick");
        Path out = Path.of("target", "bench-results");
        Files.createDirectories(out);
        if ("main-job".equals(System.getProperty("bench.only"))) {
            MainJobBench.main(new String[0]); // issue 25's target: plain timing in fresh JVMs, no JMH
            return;
        }
        if ("load".equals(System.getProperty("bench.only"))) {
            loadOnly();
            return;
        }
        if ("ablation-kinds".equals(System.getProperty("bench.only"))) {
            ablationKinds(runJmh(quick, out.resolve("jmh-ablation-kinds.json"), AblationKindsBench.class));
        }
        if ("martingale".equals(System.getProperty("bench.only"))) {
            runMartingaleOnly(quick, out.resolve("jmh-martingale.json"));
            return;
        }

        Map<String, double[]> jmh = runJmh(quick, out.resolve("jmh.json"));
        Path tmp = Files.createTempDirectory("driftclaims-bench");
        try {
            Path toyDir = writeModel(tmp.resolve("toy"), RandomModel.TOY);
            Path bigDir = writeModel(tmp.resolve("attn-only-2l"), RandomModel.ATTN_ONLY_2L);
            int repeats = quick ? 1 : 3;
            List<Map<String, String>> first = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                first.add(child(FirstResult.class, toyDir.toString(), "fixtures/tiny-random-2l/tokenizer.json"));
            }
            Map<String, String> load = child(LoadCheckpoint.class, bigDir.toString());
            print(jmh, first, load, quick);
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Benchmark name (prefixed by its shape param) to {wall ms/op, wall 99.9% error, CPU ms/op}; CPU
     * time is the benchmark thread's, from {@link CpuTime}.
     */
    static Map<String, double[]> runJmh(boolean quick, Path json) throws RunnerException {
        return runJmh(quick, json, ForwardBench.class, RateBench.class, LaterCellsBench.class, AblationKindsBench.class,
                MartingaleBench.class);
    }

    static Map<String, double[]> runJmh(boolean quick, Path json, Class<?>... benches) throws RunnerException {
        OptionsBuilder builder = new OptionsBuilder();
        for (Class<?> b : benches) {
            builder.include(b.getName() + "\\.");
        }
        Options opts = builder
                .forks(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .jvmArgsAppend(JVM_ARGS)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .verbosity(VerboseMode.SILENT)
                .build();
        System.err.println("# running JMH (" + (quick ? "quick" : "full") + "), a few minutes; raw results: " + json);
        Collection<RunResult> results = new Runner(opts).run();
        Map<String, double[]> out = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            String shape = r.getParams().getParam("shape");
            if (r.getParams().getParam("tokens") != null) {
                shape = "tokens" + r.getParams().getParam("tokens");
            }
            if (r.getParams().getParam("kind") != null) {
                shape = "kind-" + r.getParams().getParam("kind");
            }
            double cpuNanos = r.getSecondaryResults().get("cpuNanos").getScore();
            double calls = r.getSecondaryResults().get("calls").getScore();
            out.put(shape == null ? name : shape + "." + name, new double[] {
                r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(), cpuNanos / calls / 1e6});
        }
        return out;
    }

    /**
     * {@code -Dbench.only=martingale}: the rates, the notebook workload at attn-only-2l's shapes (full and
     * two-column readout) and the martingale run, printed with their floors; nothing else.
     */
    static Map<String, double[]> runMartingaleOnly(boolean quick, Path json) throws RunnerException {
        Options opts = new OptionsBuilder()
                .include(RateBench.class.getName() + "\\.")
                .include(ForwardBench.class.getName() + "\\.notebook(Batched|TwoColumn|Shared)$")
                .include(MartingaleBench.class.getName() + "\\.")
                .include(KernelBench.class.getName() + "\\.")
                .param("shape", "attn-only-2l")
                .forks(1)
                .warmupIterations(quick ? 1 : 2)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 2 : 4)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .jvmArgsAppend(JVM_ARGS)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .verbosity(VerboseMode.SILENT)
                .build();
        Map<String, double[]> out = new LinkedHashMap<>();
        for (RunResult r : new Runner(opts).run()) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            String shape = r.getParams().getParam("shape");
            double cpuNanos = r.getSecondaryResults().get("cpuNanos").getScore();
            double calls = r.getSecondaryResults().get("calls").getScore();
            out.put(shape == null ? name : shape + "." + name, new double[] {
                r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(), cpuNanos / calls / 1e6});
        }
        double[] matmul = get(out, "matmul1024");
        double[] sum = get(out, "sum256MiB");
        double[] f = {2.0 * Math.pow(RateBench.MATMUL_N, 3) / (matmul[0] / 1e3), 2.0 * Math.pow(RateBench.MATMUL_N, 3)
                / (matmul[2] / 1e3)};
        double[] bw = {4.0 * RateBench.READ_FLOATS / (sum[0] / 1e3), 4.0 * RateBench.READ_FLOATS / (sum[2] / 1e3)};
        ModelConfig c = RandomModel.ATTN_ONLY_2L;
        int rows = Workload.settings(c).size() * Workload.SEQUENCES;
        double full = Workload.flops(c, rows, Workload.TOKENS);
        double two = Workload.flopsTwoColumn(c, rows, Workload.TOKENS);
        double mart = MartingaleBench.flops(c);
        double wu = Workload.unembedBytes(c);
        System.out.printf(Locale.ROOT, "rate: F wall %.1f / cpu %.1f GFLOP/s, BW wall %.2f / cpu %.2f GB/s%n", f[0] / 1e9,
                f[1] / 1e9, bw[0] / 1e9, bw[1] / 1e9);
        String[] clock = {"wall", "cpu"};
        int[] col = {0, 2};
        double[] batched = get(out, "attn-only-2l.notebookBatched");
        double[] twoCol = get(out, "attn-only-2l.notebookTwoColumn");
        double[] sample = get(out, "sampleCached");
        timing("attn-only-2l notebook batched, full readout (1 x 54 rows) ms", batched);
        timing("attn-only-2l notebook two-column readout (3 rows full + 51 rows two columns) ms", twoCol);
        timing("attn-only-2l martingale run (J 200, n 50, m 100: prefill 200 x 53, 99 cached steps) ms", sample);
        System.out.printf(Locale.ROOT, "FLOPs: notebook full %.3f GFLOP, notebook two-column %.3f GFLOP, martingale %.2f GFLOP%n",
                full / 1e9, two / 1e9, mart / 1e9);
        // Shared rows: two forwards, each floored at its own roofline, max(FLOPs / F, bytes of W_U read / BW): the
        // baselines' full unembedding streams W_U, the ablated rows' reads two of its columns.
        int[][] seqs = Workload.placeholderSequences();
        double sharedBase = Workload.flopsShared(c, Workload.baselinePlan(c, seqs), Workload.TOKENS, c.dVocab());
        double sharedAblated = Workload.flopsShared(c, Workload.ablatedPlan(c, seqs), Workload.TOKENS, 2);
        double[] shared = get(out, "attn-only-2l.notebookShared");
        timing("attn-only-2l notebook shared rows, two-column readout (3 rows full + 51 rows two columns) ms", shared);
        System.out.printf(Locale.ROOT, "FLOPs: notebook shared rows %.3f GFLOP (baselines %.3f + ablated %.3f; plan: "
                + "%s groups per level)%n", (sharedBase + sharedAblated) / 1e9, sharedBase / 1e9, sharedAblated / 1e9,
                Workload.ablatedPlan(c, seqs).levels());
        for (int i = 0; i < 2; i++) {
            double floorShared = (Math.max(sharedBase / f[i], wu / bw[i]) + sharedAblated / f[i]) * 1e3;
            System.out.printf(Locale.ROOT, "%s: notebook shared rows floor max(%.2f, W_U/BW %.2f) + %.2f = %.2f ms, "
                    + "ratio %.2f%n", clock[i], sharedBase / f[i] * 1e3, wu / bw[i] * 1e3, sharedAblated / f[i] * 1e3,
                    floorShared, shared[col[i]] / floorShared);
        }
        for (int i = 0; i < 2; i++) {
            double floorFull = Math.max(full / f[i], wu / bw[i]) * 1e3;
            // the 3 baseline rows still stream W_U once
            double floorTwo = Math.max(two / f[i], wu / bw[i]) * 1e3;
            double floorMart = mart / f[i] * 1e3;
            System.out.printf(Locale.ROOT, "%s: notebook full floor %.2f ms, ratio %.2f; two-column floor max(FLOPs/F %.2f, "
                    + "W_U/BW %.2f) = %.2f ms, ratio %.2f; martingale floor FLOPs/F %.1f ms, ratio %.2f%n", clock[i],
                    floorFull, batched[col[i]] / floorFull, two / f[i] * 1e3, wu / bw[i] * 1e3, floorTwo,
                    twoCol[col[i]] / floorTwo, floorMart, sample[col[i]] / floorMart);
            double roofline = MartingaleBench.rooflineSeconds(c, f[i], bw[i]) * 1e3;
            System.out.printf(Locale.ROOT, "%s: martingale per-op roofline floor (the steps' cache reads at BW) %.1f ms, "
                    + "ratio %.2f%n", clock[i], roofline, sample[col[i]] / roofline);
        }
        // Lower bounds from the two operations that are not FLOP-bound, each at its measured time, everything else at
        // F: when a bound exceeds its target, no rewrite of the rest reaches the target with these kernels.
        double[] attention = get(out, "cacheAttention");
        double[] unembed3 = get(out, "unembedThreeRows");
        timing("attn-only-2l one layer's cached-step attention (200 rows, " + KernelBench.MEAN_KEYS + " keys) ms", attention);
        timing("attn-only-2l full unembedding of 3 rows ([3, 512] x [512, 48262] + b_U) ms", unembed3);
        double cacheBytes = 2 * 4.0 * MartingaleBench.PATHS * c.nHeads() * KernelBench.MEAN_KEYS * c.dHead();
        double unembedFlops3 = 2.0 * Workload.SEQUENCES * c.dModel() * c.dVocab();
        for (int i = 0; i < 2; i++) {
            double bound = KernelBench.martingaleBoundSeconds(c, f[i], attention[col[i]] / 1e3) * 1e3;
            double target = 2 * mart / f[i] * 1e3;
            System.out.printf(Locale.ROOT, "%s: cached-step attention reads its K and V at %.2f GB/s (BW %.2f); martingale "
                    + "bound with it and the rest at F %.1f ms against the 2x target %.1f ms: %s%n", clock[i],
                    cacheBytes / (attention[col[i]] / 1e3) / 1e9, bw[i] / 1e9, bound, target,
                    bound > target ? "out of reach with this kernel" : "reachable");
            double floorShared = (Math.max(sharedBase / f[i], wu / bw[i]) + sharedAblated / f[i]) * 1e3;
            double boundShared = (sharedBase - unembedFlops3 + sharedAblated) / f[i] * 1e3 + unembed3[col[i]];
            System.out.printf(Locale.ROOT, "%s: 3-row unembedding reads W_U at %.2f GB/s; notebook shared rows bound with "
                    + "it and the rest at F %.2f ms against the 1.25x target %.2f ms: %s%n", clock[i],
                    wu / (unembed3[col[i]] / 1e3) / 1e9, boundShared, 1.25 * floorShared,
                    boundShared > 1.25 * floorShared ? "out of reach with this kernel" : "reachable");
        }
        return out;
    }

    static Path writeModel(Path dir, ModelConfig c) throws IOException {
        return RandomModel.write(dir, c);
    }

    /** Claims 17-22's measurement on toy-induction-8h-seed8 (also {@code -Dbench.only=ablation-kinds}). */
    static void ablationKinds(Map<String, double[]> jmh) {
        for (String k : List.of("zero", "mean", "resample")) {
            timing("toy-induction-8h-seed8 " + k + " ablation: sweep + 120 pairs (" + (k.equals("resample") ? "4110"
                    : "411") + " rows, preparation included) ms", get(jmh, "kind-" + k + ".sweepAndPairs"));
        }
        for (String k : List.of("zero", "mean", "resample")) {
            timing("toy-induction-8h-seed8 later cells (sequence prompt), two heads " + k + "-ablated ms",
                    get(jmh, "kind-" + k + ".laterCells"));
        }
        timing("toy-induction-8h-seed8 direct logit attribution (3 rows, every hook_z captured) ms",
                get(jmh, "kind-zero.attribution"));
    }

    /** {@code -Dbench.only=load}: only the 208 MB checkpoint load, in a fresh JVM, printed as LoadCheckpoint reports it. */
    static void loadOnly() throws Exception {
        Path tmp = Files.createTempDirectory("driftclaims-bench");
        try {
            Map<String, String> load = child(LoadCheckpoint.class,
                    writeModel(tmp.resolve("attn-only-2l"), RandomModel.ATTN_ONLY_2L).toString());
            load.forEach((k, v) -> System.out.println("attn-only-2l checkpoint load: " + k + " = " + v));
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Runs {@code main} in a fresh JVM with this classpath; returns its key=value lines. */
    static Map<String, String> child(Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(JVM_ARGS));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(Arrays.asList(args));
        Map<String, String> out = new LinkedHashMap<>();
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = line.substring(0, eq);
                out.put(key, line.substring(eq + 1));
                if (key.equals("first_result")) {
                    out.put("spawn_to_result_ms", Double.toString((System.nanoTime() - start) / 1e6));
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException(main.getSimpleName() + " exited with " + p.exitValue());
        }
        return out;
    }

    static void print(Map<String, double[]> jmh, List<Map<String, String>> first, Map<String, String> load,
            boolean quick) throws IOException {
        System.out.println("== driftclaims benchmark" + (quick ? " (QUICK: short runs, not for reporting)" : "")
                + ": one thread; 'wall' = JMH mean ± 99.9% error, 'cpu' = CPU time of the benchmark thread ==");
        System.out.printf(Locale.ROOT, "machine: %s, nproc %d, libtorch intra-op and inter-op threads 1%n", cpu(),
                Runtime.getRuntime().availableProcessors());
        double[] matmul = get(jmh, "matmul1024");
        double[] sum = get(jmh, "sum256MiB");
        double flop = 2.0 * Math.pow(RateBench.MATMUL_N, 3);
        double bytes = 4.0 * RateBench.READ_FLOATS;
        // rate[0]: from wall time, rate[1]: from CPU time
        double[] flopsPerS = {flop / (matmul[0] / 1e3), flop / (matmul[2] / 1e3)};
        double[] bytesPerS = {bytes / (sum[0] / 1e3), bytes / (sum[2] / 1e3)};
        timing("rate: matmul 1024x1024x1024 float32 ms", matmul);
        System.out.printf(Locale.ROOT, "rate: F (wall) = %.1f GFLOP/s%n", flopsPerS[0] / 1e9);
        System.out.printf(Locale.ROOT, "rate: F (cpu) = %.1f GFLOP/s%n", flopsPerS[1] / 1e9);
        timing("rate: sum over 256 MiB float32 ms", sum);
        System.out.printf(Locale.ROOT, "rate: BW (wall) = %.2f GB/s%n", bytesPerS[0] / 1e9);
        System.out.printf(Locale.ROOT, "rate: BW (cpu) = %.2f GB/s%n", bytesPerS[1] / 1e9);

        for (String shape : List.of("toy", "attn-only-2l")) {
            ModelConfig c = RandomModel.byName(shape);
            double[] one = get(jmh, shape + ".onePrompt");
            double[] batched = get(jmh, shape + ".notebookBatched");
            double[] unbatched = get(jmh, shape + ".notebookUnbatched");
            int forwards = Workload.settings(c).size() * Workload.SEQUENCES;
            double flops = Workload.flops(c, forwards, Workload.TOKENS);
            double wu = Workload.unembedBytes(c);
            String p = shape + ": ";
            System.out.printf(Locale.ROOT, "%sshape = d_model %d, %d layers x %d heads x %d, d_vocab %d, n_ctx %d%n",
                    p, c.dModel(), c.nLayers(), c.nHeads(), c.dHead(), c.dVocab(), c.nCtx());
            timing(p + "one 9-token prompt ms", one);
            timing(p + "notebook batched (1 forward of " + forwards + " rows) ms", batched);
            timing(p + "notebook unbatched (" + forwards + " forwards of 1 row) ms", unbatched);
            System.out.printf(Locale.ROOT, "%sbatched speedup unbatched/batched (wall) = %.1fx%n", p, unbatched[0] / batched[0]);
            System.out.printf(Locale.ROOT, "%sbatched speedup unbatched/batched (cpu) = %.1fx%n", p, unbatched[2] / batched[2]);
            System.out.printf(Locale.ROOT, "%snotebook matmul FLOPs = %.3f GFLOP%n", p, flops / 1e9);
            System.out.printf(Locale.ROOT, "%sW_U bytes = %.1f MB%n", p, wu / 1e6);
            String[] clock = {"wall", "cpu"};
            int[] col = {0, 2};
            for (int i = 0; i < 2; i++) {
                double computeMs = flops / flopsPerS[i] * 1e3;
                double memoryMs = wu / bytesPerS[i] * 1e3;
                double floorMs = Math.max(computeMs, memoryMs);
                System.out.printf(Locale.ROOT, "%sfloor (%s) = max(FLOPs/F %.2f ms, W_U/BW %.2f ms) = %.2f ms%n",
                        p, clock[i], computeMs, memoryMs, floorMs);
                System.out.printf(Locale.ROOT, "%sbatched / floor (%s) = %.2f%n", p, clock[i], batched[col[i]] / floorMs);
                // Unbatched, W_U is streamed once per forward: the same FLOPs, 'forwards' times the bytes.
                double unbatchedFloorMs = Math.max(computeMs, forwards * memoryMs);
                System.out.printf(Locale.ROOT, "%sunbatched floor (%s) = max(FLOPs/F %.2f ms, %d x W_U/BW %.2f ms) = %.2f ms%n",
                        p, clock[i], computeMs, forwards, forwards * memoryMs, unbatchedFloorMs);
                System.out.printf(Locale.ROOT, "%sunbatched / unbatched floor (%s) = %.2f%n", p, clock[i],
                        unbatched[col[i]] / unbatchedFloorMs);
                System.out.printf(Locale.ROOT, "%sspeedup a batched run at its floor has over an unbatched one at its floor (%s) = %.1fx%n",
                        p, clock[i], unbatchedFloorMs / floorMs);
            }
            if (shape.equals("attn-only-2l")) {
                double ratio = batched[2] / Math.max(flops / flopsPerS[1] * 1e3, wu / bytesPerS[1] * 1e3);
                System.out.printf(Locale.ROOT, "%starget batched within 2x of floor (cpu): %s (%.2f)%n", p,
                        ratio <= 2 ? "met" : "NOT met", ratio);
                System.out.printf(Locale.ROOT, "%starget batched >= 5x faster than unbatched (cpu): %s (%.1fx)%n", p,
                        unbatched[2] / batched[2] >= 5 ? "met" : "NOT met", unbatched[2] / batched[2]);
            }
            timing(p + "Java readout softmax of the " + forwards + " rows (DriftProbe, after the forward) ms",
                    get(jmh, shape + ".notebookReadouts"));
        }

        for (String t : List.of("16", "52")) {
            timing("attn-only-2l later cells, one prompt style at " + t + " tokens (evidence sweep 1 x 220 rows, 4X/1Y "
                    + "1 x 10, sanity 1 x 2, tracking 10 x 8) ms", get(jmh, "tokens" + t + ".laterCells"));
        }

        ablationKinds(jmh);

        String f = "toy fresh JVM (median of " + first.size() + "): ";
        System.out.printf(Locale.ROOT, "%sspawn to first result ms = %s (all runs: %s)%n", f,
                median(first, "spawn_to_result_ms"), all(first, "spawn_to_result_ms"));
        System.out.printf(Locale.ROOT, "%sJVM start to main ms = %s%n", f, median(first, "jvm_to_main_ms"));
        System.out.printf(Locale.ROOT, "%sengine start ms = %s%n", f, median(first, "engine_start_ms"));
        System.out.printf(Locale.ROOT, "%sload (read, validate, to native, process) ms = %s%n", f, median(first, "load_ms"));
        System.out.printf(Locale.ROOT, "%sfirst forward ms = %s%n", f, median(first, "forward_ms"));
        System.out.printf(Locale.ROOT, "%stokenizer load (tiny fixture's, after the result, not counted) ms = %s%n", f,
                median(first, "tokenizer_ms"));

        String q = "attn-only-2l checkpoint load (fresh JVM, engine up, file in page cache): ";
        System.out.printf(Locale.ROOT, "%sfile MB = %.1f%n", q, Double.parseDouble(load.get("file_mb")));
        for (String k : List.of("read_ms", "validate_ms", "to_native_ms", "process_ms", "total_ms")) {
            System.out.printf(Locale.ROOT, "%s%s ms = %.1f%n", q, k.replace("_ms", ""), Double.parseDouble(load.get(k)));
        }
        System.out.printf(Locale.ROOT, "%speak RSS VmHWM MiB = %.0f%n", q, Double.parseDouble(load.get("vmhwm_mib")));
        System.out.printf(Locale.ROOT, "%sVmHWM after engine start, before the load, MiB = %.0f%n", q,
                Double.parseDouble(load.get("vmhwm_after_engine_mib")));
    }

    /** Two lines: wall mean ± error, and CPU time. */
    static void timing(String label, double[] v) {
        System.out.printf(Locale.ROOT, "%s (wall) = %s ± %s%n", label, fmt(v[0]), fmt(v[1]));
        System.out.printf(Locale.ROOT, "%s (cpu) = %s%n", label, fmt(v[2]));
    }

    static double[] get(Map<String, double[]> jmh, String key) {
        double[] v = jmh.get(key);
        if (v == null) {
            throw new IllegalStateException("benchmark " + key + " did not produce a result (see target/bench-results)");
        }
        return v;
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, v < 10 ? "%.3f" : "%.1f", v);
    }

    static String median(List<Map<String, String>> runs, String key) {
        double[] v = runs.stream().mapToDouble(m -> Double.parseDouble(m.get(key))).sorted().toArray();
        return fmt(v[v.length / 2]);
    }

    static String all(List<Map<String, String>> runs, String key) {
        return String.join(", ", runs.stream().map(m -> fmt(Double.parseDouble(m.get(key)))).toList());
    }

    static String cpu() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (l.startsWith("model name")) {
                return l.substring(l.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }
}
