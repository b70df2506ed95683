package io.github.driftclaims.ensemble;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.report.FindingJson;
import io.github.driftclaims.report.TextFiles;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ensemble member's findings and the numbers the dose-response table reads, as a shard writes them to
 * {@code <findings>/<ensemble>/seed-<N>.json}; the merge step reads the union of every shard's files. The file holds
 * each finding whole (verdict, reason, margin), so that a distribution built from files is the one built in memory,
 * fragile labels included.
 *
 * @param ensemble the ensemble's name
 * @param seed the member's seed
 * @param findings one per claim the run decided
 * @param numbers by name: {@link #DRIFT}, {@link #IDEAL_DRIFT} and {@link #EXCESS_DRIFT} (the last two absent for a
 *     member without a recorded training mixture)
 */
public record MemberFindings(String ensemble, int seed, List<Finding> findings, Map<String, Double> numbers) {

    public static final String DRIFT = "drift";
    public static final String IDEAL_DRIFT = "ideal drift";
    public static final String EXCESS_DRIFT = "excess drift";

    public MemberFindings {
        findings = List.copyOf(findings);
        numbers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
    }

    /** "letters-only-2l/seed-3", as {@link Ensemble.Member#id()}. */
    public String id() {
        return ensemble + "/seed-" + seed;
    }

    /** The claims this member's run decided, in claim order. */
    public List<Claim> claims() {
        return findings.stream().map(Finding::claim).sorted().toList();
    }

    /** The finding on {@code c}, or null when the run did not decide it. */
    public Finding finding(Claim c) {
        return findings.stream().filter(f -> f.claim() == c).findFirst().orElse(null);
    }

    /** Where a member's file lives under the findings folder. */
    public static Path file(Path folder, String ensemble, int seed) {
        return folder.resolve(ensemble).resolve("seed-" + seed + ".json");
    }

    public void write(Path folder) throws IOException {
        TextFiles.writeAtomically(file(folder, ensemble, seed), toJson());
    }

    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("ensemble", ensemble);
        o.addProperty("seed", seed);
        JsonObject n = new JsonObject();
        numbers.forEach(n::addProperty);
        o.add("numbers", n);
        JsonArray fs = new JsonArray();
        for (Finding f : findings) {
            fs.add(FindingJson.of(f));
        }
        o.add("findings", fs);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().serializeSpecialFloatingPointValues().create()
                .toJson(o) + "\n";
    }

    /** Reads a file {@link #write} wrote; anything else is an error naming the file and what to do. */
    public static MemberFindings read(Path file) {
        try {
            JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            Map<String, Double> numbers = new LinkedHashMap<>();
            o.getAsJsonObject("numbers").entrySet().forEach(e -> numbers.put(e.getKey(), e.getValue().getAsDouble()));
            List<Finding> findings = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("findings")) {
                findings.add(FindingJson.read(e.getAsJsonObject()));
            }
            return new MemberFindings(o.get("ensemble").getAsString(), o.get("seed").getAsInt(), findings, numbers);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": cannot read a member's findings (" + e.getMessage() + "); "
                    + "rerun the shard that measured it (EnsembleClaims with -Dshard=i/n)", e);
        }
    }
}
