package io.github.driftclaims.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.github.driftclaims.Excerpt;
import io.github.driftclaims.interp.IdealObserver;
import io.github.driftclaims.interp.Stimulus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation of a shipped training record (issue 29: training records are an input too). {@code run} reads
 * the recipe in training.json to build the model's ideal observer, whose work grows with the recipe's period ranges:
 * a record naming periods up to 2^31 kept {@code run} busy for hours before {@link
 * io.github.driftclaims.interp.TrainingMixture#MAX_PERIOD}. Every mutated record must give an observer within the
 * time bound, or be refused with an IllegalArgumentException that names the file and quotes no more than an excerpt.
 */
@DisplayName("Fuzzed training records give an ideal observer quickly or are refused naming the file")
class RecordFuzzTest {

    private static final int CASES = Integer.getInteger("fuzz.records", 300);
    private static final long SEED = 20261206L;
    private static final Duration CASE_BOUND = Duration.ofSeconds(2);
    private static final Path RECORD = Path.of("fixtures/plan-2/ensembles/letters-only-2l/seed-0/training.json");
    /** Values that find edge cases in the recipe's numbers: signs, zero, the int bounds, NaN as text, huge. */
    private static final JsonElement[] INTERESTING = {new JsonPrimitive(0), new JsonPrimitive(-1), new JsonPrimitive(1),
        new JsonPrimitive(2), new JsonPrimitive(4097), new JsonPrimitive(Integer.MAX_VALUE),
        new JsonPrimitive(Integer.MIN_VALUE), new JsonPrimitive(1e300), new JsonPrimitive(0.5), new JsonPrimitive(1.0001),
        new JsonPrimitive("NaN"), new JsonPrimitive("\u001b[31m" + "A".repeat(5000)), new JsonArray(), new JsonObject()};

    @TempDir
    Path dir;

    @Test
    @DisplayName("three hundred mutated training.json recipes: each observer computed within 2 s or the file refused by name")
    void mutatedRecordsGiveAnObserverOrAreRefused() throws IOException {
        JsonObject original = JsonParser.parseString(Files.readString(RECORD)).getAsJsonObject();
        List<String> keys = new ArrayList<>(original.getAsJsonObject("hyperparameters").keySet());
        List<String> failures = new ArrayList<>();
        int computed = 0;
        for (int i = 0; i < CASES; i++) {
            SplittableRandom rnd = new SplittableRandom(SEED + i);
            JsonObject record = original.deepCopy();
            JsonObject h = record.getAsJsonObject("hyperparameters");
            StringBuilder mutation = new StringBuilder();
            for (int n = 1 + rnd.nextInt(3); n > 0; n--) {
                String key = keys.get(rnd.nextInt(keys.size()));
                JsonElement value = INTERESTING[rnd.nextInt(INTERESTING.length)];
                if (rnd.nextInt(8) == 0) {
                    h.remove(key);
                    mutation.append(key).append(" removed; ");
                } else {
                    h.add(key, value);
                    mutation.append(key).append(" = ").append(Excerpt.of(value.toString())).append("; ");
                }
            }
            Path model = Files.createDirectories(dir.resolve("case-" + i));
            Files.writeString(model.resolve("training.json"), record.toString());
            long start = System.nanoTime();
            // On a daemon thread, so that a case that never ends fails the test instead of hanging the build.
            FutureTask<Object> task = new FutureTask<>(() -> new IdealObserver(TrainConfig.recordedIn(model).orElseThrow()
                    .mixture()).over(Stimulus.NOTEBOOK));
            Thread worker = new Thread(task, "record-fuzz-" + i);
            worker.setDaemon(true);
            worker.start();
            try {
                task.get(CASE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
                computed++;
            } catch (TimeoutException hung) {
                failures.add(i + " (" + mutation + "): no answer within " + CASE_BOUND.toMillis() + " ms");
                continue;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            } catch (ExecutionException thrown) {
                Throwable t = thrown.getCause();
                if (!(t instanceof IllegalArgumentException refused)) {
                    failures.add(i + " (" + mutation + "): " + t);
                    continue;
                }
                String m = refused.getMessage();
                // More of the planted 5000 A's than an excerpt shows is the input quoted whole.
                java.util.Optional<String> unsafe = io.github.driftclaims.SafeMessages.problem(m, Excerpt.LINE_CHARS,
                        "A".repeat(Excerpt.CHARS + 6));
                if (!m.startsWith(model.resolve("training.json").toString()) || unsafe.isPresent()) {
                    failures.add(i + " (" + mutation + "): " + unsafe.orElse("refusal that does not name the file")
                            + ": " + Excerpt.message(m, 600));
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (took.compareTo(CASE_BOUND) > 0) {
                failures.add(i + " (" + mutation + "): took " + took.toMillis() + " ms");
            }
        }
        System.out.printf("record fuzz: %d cases (seed %d), %d computed an observer, the rest refused%n", CASES, SEED,
                computed);
        assertThat(computed).as("some mutations leave a valid recipe (else the cases test nothing but refusals)")
                .isPositive();
        assertThat(failures).as("cases that hung, threw something else or quoted the input (seed %d + index)", SEED)
                .isEmpty();
    }
}
