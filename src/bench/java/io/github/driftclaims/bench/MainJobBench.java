package io.github.driftclaims.bench;

import io.github.driftclaims.cli.Main;
import io.github.driftclaims.interp.AblationSweep;
import io.github.driftclaims.interp.DriftProbe;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code -Pbench -Dbench.only=main-job} (a plain main, no JMH): issue 25's target for the main job. In one run, it
 * writes a random checkpoint with attn-only-2l's shapes (208 MB float32 safetensors, the tiny fixture's tokenizer,
 * whose ids fit the vocabulary) and times {@code run} on it and on the tiny fixture, each in a fresh JVM, whole
 * process; then, in fresh JVMs with the engine up, the checkpoint load alone and {@code run}'s workload alone (the
 * sweep's batched forward and the top-2 ablation). It prints the time the size adds over (load + workload) against
 * 2x, and {@code run}'s peak RSS (VmHWM, read by the child at its end) over the file's size against 2x.
 */
public final class MainJobBench {

    static final double TARGET = 2.0;
    static final String[] JVM = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
        "-Dai.djl.pytorch.num_interop_threads=1"};

    private MainJobBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("child")) {
            child(args[1], Path.of(args[2]));
            return;
        }
        int repeats = Boolean.getBoolean("bench.quick") ? 3 : 5;
        Path tmp = Files.createTempDirectory("driftclaims-mainjob");
        try {
            Path tiny = Path.of("fixtures/tiny-random-2l").toAbsolutePath();
            Path big = RandomModel.write(tmp.resolve("attn-only-2l"), RandomModel.ATTN_ONLY_2L);
            for (String f : new String[] {"tokenizer.json", "tokenizer_config.json"}) {
                Files.copy(tiny.resolve(f), big.resolve(f));
            }
            double fileMib = Files.size(big.resolve("model.safetensors")) / (1024.0 * 1024);
            List<double[]> tinyRuns = new ArrayList<>();
            List<double[]> bigRuns = new ArrayList<>();
            List<double[]> parts = new ArrayList<>();
            List<double[]> tinyParts = new ArrayList<>();
            // Interleaved, so that a busy moment on the shared machine falls on both cases alike.
            for (int i = 0; i < repeats; i++) {
                tinyRuns.add(runChild("run", tiny));
                bigRuns.add(runChild("run", big));
                parts.add(runChild("parts", big));
                tinyParts.add(runChild("parts", tiny));
            }
            double tinyMs = median(tinyRuns, 0);
            double bigMs = median(bigRuns, 0);
            // ModelLoader.load also reads the tokenizer and loads the loader's classes, the same for both models: the
            // checkpoint's load is what the big model's load takes over the tiny fixture's, in the same conditions.
            double loadBigMs = median(parts, 1);
            double loadTinyMs = median(tinyParts, 1);
            double loadMs = loadBigMs - loadTinyMs;
            double workFirstMs = median(parts, 2);
            double workMs = median(parts, 3);
            double rssMib = median(bigRuns, 1);
            double added = bigMs - tinyMs;
            double ratio = added / (loadMs + workMs);
            double rss = rssMib / fileMib;
            System.out.printf(Locale.ROOT, "main job (run), whole process, median of %d: tiny fixture %.0f ms, "
                    + "attn-only-2l shapes %.0f ms; added %.0f ms%n", repeats, tinyMs, bigMs, added);
            System.out.printf(Locale.ROOT, "attn-only-2l checkpoint load %.0f ms (ModelLoader.load %.0f ms, the tiny "
                    + "fixture's %.0f ms); run's workload %.1f ms warm (first call in the JVM %.0f ms)%n", loadMs, loadBigMs,
                    loadTinyMs, workMs, workFirstMs);
            System.out.printf(Locale.ROOT, "added / (load + workload) = %.2fx (target %.1fx: %s); with the first call's "
                    + "workload %.2fx%n", ratio, TARGET, ratio <= TARGET ? "met" : "NOT met", added / (loadMs + workFirstMs));
            System.out.printf(Locale.ROOT, "run's peak RSS on attn-only-2l shapes %.0f MiB / checkpoint %.0f MiB = %.2fx "
                    + "(target %.1fx: %s); tiny fixture %.0f MiB%n", rssMib, fileMib, rss, TARGET,
                    rss <= TARGET ? "met" : "NOT met", median(tinyRuns, 1));
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A fresh JVM: {wall ms as seen from here, then the numbers the child printed}. */
    static double[] runChild(String mode, Path dir) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(JVM));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MainJobBench.class.getName(), "child", mode,
                dir.toString()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(mode + " on " + dir + " failed: " + out);
        }
        double wall = (System.nanoTime() - t0) / 1e6;
        String last = out.lines().filter(l -> l.startsWith("bench ")).findFirst().orElseThrow();
        double[] nums = Arrays.stream(last.substring(6).trim().split(" +")).mapToDouble(Double::parseDouble).toArray();
        double[] all = new double[nums.length + 1];
        all[0] = wall;
        System.arraycopy(nums, 0, all, 1, nums.length);
        return all;
    }

    /** In the child JVM: {@code run} as the CLI runs it, or the load and the workload alone. */
    static void child(String mode, Path dir) throws IOException {
        PrintStream real = System.out;
        if (mode.equals("run")) {
            System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
            Main.main(new String[] {"run", "--model", dir.toString()});
            System.setOut(real);
            real.printf(Locale.ROOT, "bench %.1f%n", LoadCheckpoint.vmHwmMib());
            return;
        }
        Threads.startSingleThreaded();
        long t0 = System.nanoTime();
        try (HookedTransformer m = ModelLoader.load(ModelFiles.fromDirectory(dir), true)) {
            long t1 = System.nanoTime();
            double first = workload(m);
            double[] warm = new double[5];
            for (int i = 0; i < warm.length; i++) {
                warm[i] = workload(m);
            }
            Arrays.sort(warm);
            real.printf(Locale.ROOT, "bench %.1f %.1f %.2f%n", (t1 - t0) / 1e6, first, warm[warm.length / 2]);
        }
    }

    /** What {@code run} measures without --json: the sweep's batched forward (baseline included) and the top 2. */
    static double workload(HookedTransformer m) {
        long t0 = System.nanoTime();
        DriftProbe probe = new DriftProbe(m, Stimulus.NOTEBOOK);
        AblationSweep sweep = AblationSweep.run(probe, true);
        sweep.ablateTop(probe, 2);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(List<double[]> runs, int i) {
        double[] v = runs.stream().mapToDouble(r -> r[i]).sorted().toArray();
        return v[v.length / 2];
    }
}
