package io.github.driftclaims.ensemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One pre-registered seed ensemble: a recipe trained once per listed seed, each member in {@code dir/seed-<N>}.
 *
 * @param name the recipe's name in its plan ("letters-only-2l")
 * @param dir the folder holding its seed-N members, relative to the project directory
 * @param plan the plan file that registered it, before any member was trained
 * @param seeds the seeds the plan lists (every one must be shipped: none dropped, none replaced)
 * @param dose the share of X/Y patterns among repeated patterns when the ensemble is a step of a plan's
 *     dose-response series; null otherwise (the controls, the 8-head recipe)
 */
public record Ensemble(String name, Path dir, Path plan, List<Integer> seeds, Double dose) {

    private static final Pattern SEED_DIR = Pattern.compile("seed-(\\d+)");

    public Ensemble {
        seeds = List.copyOf(seeds);
    }

    /** One trained member: a seed's folder with its weights. */
    public record Member(Ensemble ensemble, int seed, Path dir) {

        /** "letters-only-2l/seed-3", unique over the registry. */
        public String id() {
            return ensemble.name() + "/seed-" + seed;
        }

        @Override
        public String toString() {
            return id();
        }
    }

    /**
     * Every {@code seed-<N>} folder under {@link #dir} with a {@code model.safetensors}, by seed. What is on disk,
     * not what the plan lists: {@link #unshipped} compares the two.
     */
    public List<Member> members() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("model.safetensors")))
                    .map(p -> SEED_DIR.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> new Member(this, Integer.parseInt(m.group(1)), dir.resolve(m.group())))
                    .sorted(Comparator.comparingInt(Member::seed))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list the ensemble's members", e);
        }
    }

    /** The plan's seeds that have no trained member on disk (empty when every listed seed is shipped). */
    public List<Integer> unshipped() {
        List<Integer> shipped = members().stream().map(Member::seed).toList();
        return seeds.stream().filter(s -> !shipped.contains(s)).toList();
    }
}
