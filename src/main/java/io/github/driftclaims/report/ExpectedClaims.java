package io.github.driftclaims.report;

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

    /** One number outside its tolerance. */
    public record Drift(String key, Double expected, Double actual, double tolerance) {
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
            throw new IllegalArgumentException(file + ": cannot read the regression record (" + e.getMessage()
                    + "). Fix: regenerate it with ./mvnw -q exec:java -Dexec.args=\"expect --model "
                    + file.getParent() + "\"", e);
        }
    }

    public void write(Path file) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("model", model);
        o.addProperty("regenerate", "./mvnw -q exec:java -Dexec.args=\"expect --model " + file.getParent() + "\"");
        o.add("tolerances", new GsonBuilder().create().toJsonTree(tolerances));
        o.add("values", new GsonBuilder().create().toJsonTree(values));
        AtomicWrite.string(file, new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n");
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

    /** Every key whose measured value is more than its tolerance away from the record, either way. */
    public List<Drift> compare(Map<String, Double> measured) {
        List<Drift> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(values.keySet());
        keys.addAll(measured.keySet());
        for (String k : keys) {
            Double e = values.get(k);
            Double a = measured.get(k);
            double tol = toleranceFor(k);
            if (e == null || a == null || !(Math.abs(a - e) <= tol)) {
                out.add(new Drift(k, e, a, tol));
            }
        }
        return out;
    }
}
