package io.github.driftclaims.ensemble;

import io.github.driftclaims.UserInputException;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every seed ensemble the project ships, read from the pre-registration plans that list them, so that a new plan's
 * ensembles reach every test and report that walks the registry without a second list to keep in step. Plan 1
 * (issue 12) registers the toy recipe and its two controls ({@code toy}, {@code controls}); plan 2 (issue 26)
 * registers its {@code recipes} and a {@code dose_response} series that reuses plan 1's toy recipe as its top dose.
 */
public final class Ensembles {

    /** The plans, in the order they were registered; paths relative to the project directory. */
    public static final List<Path> PLANS = List.of(
            Path.of("fixtures", "ensembles", "toy-induction-2l", "plan.json"),
            Path.of("fixtures", "plan-2", "plan.json"));

    private Ensembles() {}

    /** Every registered ensemble under the project directory {@code root}, plan by plan, in each plan's order. */
    public static List<Ensemble> registered(Path root) {
        List<Ensemble> out = new ArrayList<>();
        Map<Path, Double> doses = new HashMap<>();
        List<JsonObject> plans = new ArrayList<>();
        for (Path plan : PLANS) {
            JsonObject o = read(root.resolve(plan));
            plans.add(o);
            if (o.has("dose_response")) {
                for (JsonElement d : o.getAsJsonObject("dose_response").getAsJsonArray("doses")) {
                    JsonObject dose = d.getAsJsonObject();
                    doses.put(Path.of(dose.get("ensemble").getAsString()).normalize(),
                            dose.get("pXYPattern").getAsDouble());
                }
            }
        }
        for (int i = 0; i < PLANS.size(); i++) {
            JsonObject o = plans.get(i);
            List<JsonObject> recipes = new ArrayList<>();
            if (o.has("toy")) {
                recipes.add(o.getAsJsonObject("toy"));
            }
            for (String key : new String[] {"controls", "recipes"}) {
                if (o.has(key)) {
                    o.getAsJsonArray(key).forEach(e -> recipes.add(e.getAsJsonObject()));
                }
            }
            for (JsonObject r : recipes) {
                out.add(ensemble(root, PLANS.get(i), r, doses));
            }
        }
        return List.copyOf(out);
    }

    /** Every member of every registered ensemble, ensemble by ensemble, by seed: the order shards are cut from. */
    public static List<Ensemble.Member> members(List<Ensemble> ensembles) {
        return ensembles.stream().flatMap(e -> e.members().stream()).toList();
    }

    private static Ensemble ensemble(Path root, Path plan, JsonObject r, Map<Path, Double> doses) {
        String name = r.get("name").getAsString();
        // "where": "fixtures/plan-2/ensembles/letters-only-8h/seed-<N>": the members' folder is its parent.
        String where = r.get("where").getAsString();
        if (!where.endsWith("/seed-<N>")) {
            throw new UserInputException(root.resolve(plan) + ": recipe " + name + "'s \"where\" must end in "
                    + "/seed-<N>, not " + where);
        }
        Path dir = Path.of(where.substring(0, where.length() - "/seed-<N>".length())).normalize();
        List<Integer> seeds = new ArrayList<>();
        JsonArray listed = r.getAsJsonArray("seeds");
        listed.forEach(s -> seeds.add(s.getAsInt()));
        return new Ensemble(name, root.resolve(dir), plan, seeds, doses.get(dir));
    }

    private static JsonObject read(Path plan) {
        try {
            return JsonParser.parseString(Files.readString(plan)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new UserInputException(plan + ": cannot read the pre-registration plan (" + e.getMessage()
                    + "); restore it from git", e);
        }
    }
}
