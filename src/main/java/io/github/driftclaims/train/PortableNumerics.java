package io.github.driftclaims.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Why training bits depend on the machine, and the settings that make a retrain check portable.
 *
 * <p>libtorch picks its vectorised kernels by the CPU it finds (ATen's CPU capability: avx512, avx2 or
 * default) and MKL picks its code path the same way; different kernels sum in different orders, so the
 * same seed, recipe and thread count give other bits on another CPU type. Measured 2026-12-02: every
 * checkpoint hash recorded on the machine that trained the shipped models (2026-11-27 and 2026-12-02
 * morning) came out different on an AMD EPYC family 25 with avx2 and no avx512, while two retrains on
 * that machine agreed with each other. Neither {@code MKL_CBWR=AVX2}, {@code COMPATIBLE} nor
 * {@code ATEN_CPU_CAPABILITY=default} reproduced the old hashes, so they cannot be checked here.
 *
 * <p>The portable check therefore runs with the kernels every x86-64 CPU executes the same way: ATen's
 * {@code default} capability (no runtime-dispatched AVX kernels) and MKL's conditional-numerical-
 * reproducibility mode {@code COMPATIBLE}, on one thread. Those variables are read when libtorch loads,
 * so a check in a running JVM starts a child JVM with them set ({@link #childCommand}). It costs about 2x
 * the native speed. That these settings give the same bits on every CPU type is what their makers
 * document, not something this project could test on a second machine type.
 */
public final class PortableNumerics {

    /** Set before libtorch loads; all four are needed. */
    public static final Map<String, String> ENV = env();

    private static Map<String, String> env() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ATEN_CPU_CAPABILITY", "default");
        m.put("MKL_CBWR", "COMPATIBLE");
        m.put("OMP_NUM_THREADS", "1");
        m.put("MKL_NUM_THREADS", "1");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The record's field: {"steps", "sha256", "numerics", "recorded_on"}. */
    public static final String RECORD_FIELD = "portable_checkpoint";

    private PortableNumerics() {}

    /** Whether this process started with {@link #ENV}. */
    public static boolean active(Map<String, String> environment) {
        return ENV.entrySet().stream().allMatch(e -> e.getValue().equals(environment.get(e.getKey())));
    }

    /** "ATEN_CPU_CAPABILITY=default MKL_CBWR=COMPATIBLE OMP_NUM_THREADS=1 MKL_NUM_THREADS=1". */
    public static String describe() {
        return String.join(" ", ENV.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    /**
     * This JVM's java, class path and DJL/engine system properties, then {@code mainClass} and {@code args}:
     * the same program in a child process, to be started with {@link #ENV} added.
     */
    public static List<String> childCommand(String mainClass, List<String> args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("ai.djl.") || key.startsWith("driftclaims.")) {
                cmd.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /**
     * The CPU as the kernel choice sees it, for the record: model name and the widest AVX level
     * ("AMD EPYC (avx2)"); "unknown" off Linux.
     */
    public static String cpu() {
        Path info = Path.of("/proc/cpuinfo");
        try (Stream<String> lines = Files.lines(info)) {
            List<String> head = lines.limit(64).toList();
            String model = field(head, "model name").orElse("unknown CPU");
            String flags = " " + field(head, "flags").orElse("") + " ";
            String level = flags.contains(" avx512f ") ? "avx512" : flags.contains(" avx2 ") ? "avx2" : "no avx2";
            return model + " (" + level + ")";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Optional<String> field(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith(name)).map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst();
    }
}
