package io.github.driftclaims.report;

import io.github.driftclaims.UserInputException;
import io.github.driftclaims.CliCommand;
import io.github.driftclaims.ProjectFiles;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The regression gate's record, {@code fixtures/<model>/expected-claims.json}: each claim number with
 * the two-sided tolerance it is held to. {@link #compare} lists every number that moved beyond its
 * tolerance, appeared or disappeared.
 *
 * @param tolerances by key prefix (longest match wins), e.g. {@code "": 1e-5}
 */
public record ExpectedClaims(String model, Map<String, Double> tolerances, Map<String, Double> values) {

    /** Absolute tolerance for every number unless a longer prefix says otherwise. */
    public static final double DEFAULT_TOLERANCE = 1e-5;

    /** The record's file name in a model's fixtures directory. */
    public static final String FILE_NAME = "expected-claims.json";

    /** A recorded number that moved outside its tolerance (or a number the record lacks): not the claims' drift. */
    public record Moved(String key, Double expected, Double actual, double tolerance) {
        @Override
        public String toString() {
            if (expected == null) {
                return key + ": new number " + actual + " (not in the record)";
            }
            if (actual == null) {
                return key + ": missing (recorded " + expected + ")";
            }
            return String.format(Locale.ROOT, "%s: %.8f -> %.8f (moved %+.3g, tolerance ±%.1g)", key, expected, actual,
                    actual - expected, tolerance);
        }
    }

    public static ExpectedClaims read(Path file) {
        try {
            JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            Map<String, Double> tol = new LinkedHashMap<>();
            o.getAsJsonObject("tolerances").entrySet().forEach(e -> tol.put(e.getKey(), e.getValue().getAsDouble()));
            Map<String, Double> vals = new LinkedHashMap<>();
            o.getAsJsonObject("values").entrySet().forEach(e -> vals.put(e.getKey(), e.getValue().getAsDouble()));
            return new ExpectedClaims(o.get("model").getAsString(), tol, vals);
        } catch (IOException | RuntimeException e) {
            throw new UserInputException(file + ": cannot read the regression record (" + e.getMessage()
                    + "). Fix: regenerate it with " + regenerateCommand(modelFor(file), file), e);
        }
    }

    /**
     * Where {@code expect --model MODEL} writes: into a model directory as it is; for anything else (a hub
     * alias) into {@code fixtures/<alias>/}, beside the notebook's reference, never into the Hugging Face cache.
     */
    public static Path defaultFile(String modelArg) {
        Path dir = Path.of(modelArg);
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("config.json"))
                ? dir.resolve(FILE_NAME)
                : ProjectFiles.resolve(Path.of("fixtures", modelArg, FILE_NAME));
    }

    /** The command that writes {@code file} for {@code --model modelArg}, with {@code --out} only where needed. */
    public static String regenerateCommand(String modelArg, Path file) {
        return CliCommand.of("expect --model " + modelArg
                + (file.toAbsolutePath().normalize().equals(defaultFile(modelArg).toAbsolutePath().normalize()) ? "" : " --out " + file));
    }

    /**
     * The {@code --model} value whose default record is {@code file}: its directory if that is a model
     * directory, else the directory's name, the alias of a hub model (fixtures/attn-only-2l holds only
     * the reference numbers, its model lives in the Hugging Face cache).
     */
    public static String modelFor(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            return dir.getFileName().toString();
        }
        return file.getParent() == null ? "." : file.getParent().toString();
    }

    /** Writes the record; {@code modelArg} is the {@code --model} value, quoted in the file's regenerate command. */
    public void write(Path file, String modelArg) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("model", model);
        o.addProperty("regenerate", regenerateCommand(modelArg, file));
        o.add("tolerances", new GsonBuilder().create().toJsonTree(tolerances));
        o.add("values", new GsonBuilder().create().toJsonTree(values));
        TextFiles.writeAtomically(file, new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n");
    }

    public double toleranceFor(String key) {
        String best = null;
        for (String prefix : tolerances.keySet()) {
            if (key.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? DEFAULT_TOLERANCE : tolerances.get(best);
    }

    /**
     * The record without the keys under {@code prefixes}: for a run that does not measure them (an ensemble member in
     * verify's scope has no ablation kinds or patching, {@code interp.VerdictNumbers}).
     */
    public ExpectedClaims without(List<String> prefixes) {
        Map<String, Double> kept = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (prefixes.stream().noneMatch(k::startsWith)) {
                kept.put(k, v);
            }
        });
        return new ExpectedClaims(model, tolerances, kept);
    }

    /** Every key whose measured value is more than its tolerance away from the record, either way. */
    public List<Moved> compare(Map<String, Double> measured) {
        List<Moved> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(values.keySet());
        keys.addAll(measured.keySet());
        for (String k : keys) {
            Double e = values.get(k);
            Double a = measured.get(k);
            double tol = toleranceFor(k);
            if (e == null || a == null || !(Math.abs(a - e) <= tol)) {
                out.add(new Moved(k, e, a, tol));
            }
        }
        return out;
    }
}
