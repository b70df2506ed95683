package io.github.driftclaims.interp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.driftclaims.Excerpt;
import io.github.driftclaims.SafeMessages;
import io.github.driftclaims.model.ModelLoadException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation of a toy model's card (issue 29: model cards are input too; the card names the tokens head scores
 * are drawn from). Each mutated {@code model-card.json} must give a token list or be refused with a
 * ModelLoadException that names the file, within a time bound, quoting no planted secret and no raw control
 * character: entries of the wrong type, a token of a megabyte, a deep nesting, a list of 100000 tokens, bytes that
 * are not JSON.
 */
@DisplayName("Fuzzed model cards give a token list or are refused naming the file, quoting no more than an excerpt")
class ModelCardFuzzTest {

    private static final int CASES = Integer.getInteger("fuzz.cards", 100);
    private static final long SEED = 20261208L;
    private static final Duration CASE_BOUND = Duration.ofSeconds(2);
    /** Past the first Excerpt.CHARS characters, as a secret in /proc/self/environ is: an excerpt may show the start. */
    private static final String SECRET = "\u001b[2J" + "x".repeat(2 * Excerpt.CHARS) + "hf_secretsecretsecret";

    @TempDir
    Path dir;

    @Test
    @DisplayName("a hundred mutated model-card.json files: each read within 2 s or refused by name without the planted secret")
    void mutatedCardsAreReadOrRefused() throws Exception {
        List<String> failures = new ArrayList<>();
        int read = 0;
        for (int i = 0; i < CASES; i++) {
            SplittableRandom rnd = new SplittableRandom(SEED + i);
            Path card = Files.createDirectories(dir.resolve("case-" + i)).resolve(ScorePool.CARD);
            StringBuilder mutation = new StringBuilder();
            Files.write(card, mutated(rnd, mutation));
            long start = System.nanoTime();
            try {
                ScorePool.cardTokens(card);
                read++;
            } catch (ModelLoadException e) {
                String m = e.getMessage();
                java.util.Optional<String> unsafe = SafeMessages.problem(m, Excerpt.LINE_CHARS, "secretsecret");
                if (!m.startsWith(card.toString()) || unsafe.isPresent()) {
                    failures.add(i + " (" + mutation + "): " + unsafe.orElse("does not name the file") + ": "
                            + Excerpt.message(m, 300));
                }
            } catch (RuntimeException | Error e) {
                failures.add(i + " (" + mutation + "): " + e);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (took.compareTo(CASE_BOUND) > 0) {
                failures.add(i + " (" + mutation + "): took " + took.toMillis() + " ms");
            }
        }
        System.out.printf("card fuzz: %d cases (seed %d), %d read, the rest refused%n", CASES, SEED, read);
        assertThat(read).as("some mutations leave a readable card").isPositive();
        assertThat(failures).as("cases that quoted the input, threw something else or hung (seed %d + index)", SEED)
                .isEmpty();
    }

    private static byte[] mutated(SplittableRandom rnd, StringBuilder mutation) {
        JsonObject card = ScorePool.card(ScorePool.letters());
        JsonArray pool = card.getAsJsonArray("head_score_pool");
        switch (rnd.nextInt(8)) {
            case 0 -> {
                pool.set(rnd.nextInt(pool.size()), new JsonPrimitive(SECRET));
                mutation.append("a token holding a secret and an escape");
            }
            case 1 -> {
                pool.set(rnd.nextInt(pool.size()), bad(rnd));
                mutation.append("an entry of another type");
            }
            case 2 -> {
                pool.set(rnd.nextInt(pool.size()), new JsonPrimitive(SECRET + "A".repeat(1 << 20)));
                mutation.append("a 1 MiB token");
            }
            case 3 -> {
                JsonElement deep = new JsonPrimitive(SECRET);
                for (int d = 0; d < 500; d++) {
                    JsonArray a = new JsonArray();
                    a.add(deep);
                    deep = a;
                }
                card.add("head_score_pool", deep);
                mutation.append("500 levels of nesting");
            }
            case 4 -> {
                for (int n = 0; n < 100_000; n++) {
                    pool.add(" A");
                }
                mutation.append("100000 tokens");
            }
            case 5 -> {
                card.add("head_score_pool", bad(rnd));
                mutation.append("a pool of another type");
            }
            case 6 -> {
                byte[] b = card.toString().getBytes(StandardCharsets.UTF_8);
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                mutation.append("a byte flipped");
                return b;
            }
            default -> {
                card.addProperty(SECRET, "x");
                mutation.append("an unknown key holding a secret");
            }
        }
        return card.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonElement bad(SplittableRandom rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> new JsonPrimitive(rnd.nextLong());
            case 1 -> {
                JsonObject o = new JsonObject();
                o.addProperty("secret", SECRET + "B".repeat(10_000));
                yield o;
            }
            case 2 -> new JsonArray();
            default -> new JsonPrimitive(true);
        };
    }
}
