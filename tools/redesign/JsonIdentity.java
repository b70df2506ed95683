import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The redesign's behaviour check (issue 25): runs every JSON-producing CLI command on every shipped model in
 * one JVM and stores each output, then compares two such captures. Run through tools/redesign/json-identity.sh.
 *
 * <p>{@code capture DIR}: every case's JSON (or written files) and its stdout/stderr/exit code under DIR.
 * {@code compare BASE NEW}: each file byte-identical, or (text) equal apart from numbers that differ by at most
 * 1e-6; prints the counts and the largest difference, exit 1 on any other difference or a missing file.
 */
public final class JsonIdentity {

    static final double TOLERANCE = 1e-6;

    static final List<String> MODELS = List.of(
            "fixtures/plan-2/ensembles/letters-only-2l/seed-0",
            "fixtures/ensembles/toy-induction-2l/seed-0",
            "fixtures/ensembles/counting-only-2l/seed-0",
            "fixtures/ensembles/markov-switch-2l/seed-0",
            "fixtures/history/toy-induction-8h-seed8",
            "fixtures/tiny-random-2l");

    static final List<String> EXPERIMENTS = List.of("main", "later-cells", "evidence-sweep", "drift-4x1y",
            "sanity-check", "tracking", "ablation-kinds", "orderings", "patching", "path-patching", "martingale");

    /** One command line; {@code OUT} in it is replaced by the case's scratch file or directory. */
    record Case(String name, List<String> args, boolean outIsDir) {}

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String model : MODELS) {
            String id = model.replaceAll("^fixtures/", "").replace('/', '_');
            for (String e : EXPERIMENTS) {
                List<String> a = new ArrayList<>(List.of("run", "--model", model, "--experiment", e, "--json", "OUT"));
                if (e.equals("martingale")) {
                    // a reduced grid: the same code paths, a fraction of the samples (the tiny fixture's n_ctx is 16)
                    a.addAll(List.of("--paths", "8", "--replicates", "40", "--n", model.contains("tiny") ? "4" : "6"));
                }
                cases.add(new Case(id + "__" + e, a, false));
            }
            // unprocessed weights: the ln1 / ln_final path of the forward pass
            cases.add(new Case(id + "__main-raw", List.of("run", "--model", model, "--raw", "--json", "OUT"), false));
            cases.add(new Case(id + "__main-ablate", List.of("run", "--model", model, "--ablate", "1.0,0.1",
                    "--top-k", "1", "--json", "OUT"), false));
            cases.add(new Case(id + "__expect", List.of("expect", "--model", model, "--out", "OUT"), false));
        }
        // training writes weights (the Safetensors writer, the trainer's parameter order) and training.json
        cases.add(new Case("train-tiny", List.of("train", "--recipe", "toy-induction-2h", "--steps", "12",
                "--batch", "4", "--out", "OUT"), true));
        cases.add(new Case("train-tiny-counting", List.of("train", "--recipe", "counting-only", "--steps", "6",
                "--batch", "4", "--out", "OUT"), true));
        return cases;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("capture")) {
            capture(Path.of(args[1]));
        } else if (args.length == 3 && args[0].equals("compare")) {
            System.exit(compare(Path.of(args[1]), Path.of(args[2])));
        } else {
            System.err.println("usage: JsonIdentity capture DIR | compare BASE NEW");
            System.exit(2);
        }
    }

    static void capture(Path dir) throws Exception {
        Files.createDirectories(dir);
        Class<?> main = Class.forName("io.github.driftclaims.cli.Main");
        Method run = main.getDeclaredMethod("run", PrintStream.class, PrintStream.class, String[].class);
        run.setAccessible(true);
        Path scratch = Files.createTempDirectory("json-identity");
        String only = System.getProperty("only", "");
        for (Case c : cases()) {
            if (!only.isEmpty() && !c.name().matches(only)) {
                continue;
            }
            // the same scratch path for every capture, so that stdout ("Wrote ...") compares equal
            Path out = scratch.resolve(c.outIsDir() ? "out-dir" : "out.json");
            String[] argv = c.args().stream().map(s -> s.equals("OUT") ? out.toString() : s).toArray(String[]::new);
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            long t0 = System.nanoTime();
            int code;
            try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
                    PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
                code = (int) run.invoke(null, po, pe, argv);
            }
            String stdout = untimed(o.toString(StandardCharsets.UTF_8).replace(scratch.toString(), "SCRATCH"));
            Files.writeString(dir.resolve(c.name() + ".stdout"), stdout);
            Files.writeString(dir.resolve(c.name() + ".stderr"),
                    e.toString(StandardCharsets.UTF_8).replace(scratch.toString(), "SCRATCH") + "exit " + code + "\n");
            if (c.outIsDir() && Files.isDirectory(out)) {
                try (Stream<Path> files = Files.list(out)) {
                    for (Path f : files.sorted().toList()) {
                        Path to = dir.resolve(c.name() + "." + f.getFileName());
                        if (f.toString().endsWith(".json")) {
                            Files.writeString(to, untimed(Files.readString(f)).replace(scratch.toString(), "SCRATCH"));
                            Files.delete(f);
                        } else {
                            Files.move(f, to);
                        }
                    }
                }
                Files.delete(out);
            } else if (Files.exists(out)) {
                // expect records its own command line, scratch path included
                Files.writeString(dir.resolve(c.name() + ".json"),
                        Files.readString(out).replace(scratch.toString(), "SCRATCH"));
                Files.delete(out);
            }
            System.out.printf("%-60s exit %d  %.1f s%n", c.name(), code, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Wall-clock figures (training's progress line and train_seconds) vary from run to run: masked. */
    static String untimed(String s) {
        return s.replaceAll("\\d+s elapsed  ETA \\S+", "Ns elapsed  ETA N")
                .replaceAll("\"train_seconds\": [0-9.eE-]+", "\"train_seconds\": N");
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");

    static int compare(Path base, Path now) throws Exception {
        List<String> names;
        try (Stream<Path> s = Files.list(base)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        int identical = 0;
        int within = 0;
        List<String> differ = new ArrayList<>();
        double maxDiff = 0;
        String maxAt = "";
        for (String n : names) {
            Path b = base.resolve(n);
            Path c = now.resolve(n);
            if (!Files.exists(c)) {
                differ.add(n + " (missing)");
                continue;
            }
            byte[] x = Files.readAllBytes(b);
            byte[] y = Files.readAllBytes(c);
            if (Arrays.equals(x, y)) {
                identical++;
                continue;
            }
            if (n.endsWith(".safetensors")) {
                differ.add(n + " (bytes differ)");
                continue;
            }
            double d = numericDiff(new String(x, StandardCharsets.UTF_8), new String(y, StandardCharsets.UTF_8));
            if (d <= TOLERANCE) {
                within++;
                if (d > maxDiff) {
                    maxDiff = d;
                    maxAt = n;
                }
            } else {
                differ.add(n + (Double.isInfinite(d) ? " (text differs)" : " (max number difference " + d + ")"));
            }
        }
        System.out.printf("%d files: %d byte-identical, %d within %.0e (max %.3g in %s), %d different%n",
                names.size(), identical, within, TOLERANCE, maxDiff, maxAt.isEmpty() ? "-" : maxAt, differ.size());
        differ.forEach(d -> System.out.println("  DIFFERENT " + d));
        return differ.isEmpty() ? 0 : 1;
    }

    /** The largest absolute difference between corresponding numbers, or infinity if the text around them differs. */
    static double numericDiff(String a, String b) {
        Matcher ma = NUMBER.matcher(a);
        Matcher mb = NUMBER.matcher(b);
        int pa = 0;
        int pb = 0;
        double max = 0;
        while (true) {
            boolean fa = ma.find();
            boolean fb = mb.find();
            if (fa != fb) {
                return Double.POSITIVE_INFINITY;
            }
            if (!fa) {
                return a.substring(pa).equals(b.substring(pb)) ? max : Double.POSITIVE_INFINITY;
            }
            if (!a.substring(pa, ma.start()).equals(b.substring(pb, mb.start()))) {
                return Double.POSITIVE_INFINITY;
            }
            max = Math.max(max, Math.abs(Double.parseDouble(ma.group()) - Double.parseDouble(mb.group())));
            pa = ma.end();
            pb = mb.end();
        }
    }
}
