package io.github.driftclaims.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.VerdictNumbers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The regression record's comparison, on numbers written by hand and on a shipped record. */
@DisplayName("The regression record (expected-claims.json)")
class ExpectedClaimsTest {

    final ExpectedClaims record = new ExpectedClaims("m", Map.of("", 1e-5), Map.of("top2.drift", 0.05,
            "kinds.zero.pair.L0H0+L1H1.drift", 0.07, "kinds.zero.greedy_pair.drift", 0.07));

    @Test
    @DisplayName("a pair drift that moves beyond its tolerance, or is missing, is listed; one within it is not")
    void pairDriftsAreCompared() {
        assertThat(record.compare(Map.of("top2.drift", 0.05, "kinds.zero.pair.L0H0+L1H1.drift", 0.07 + 2e-5,
                "kinds.zero.greedy_pair.drift", 0.07 + 5e-6))).extracting(ExpectedClaims.Moved::key)
                .containsExactly("kinds.zero.pair.L0H0+L1H1.drift");
        assertThat(record.compare(Map.of("top2.drift", 0.05))).extracting(ExpectedClaims.Moved::key)
                .containsExactly("kinds.zero.greedy_pair.drift", "kinds.zero.pair.L0H0+L1H1.drift");
    }

    @Test
    @DisplayName("without the sections a run did not measure, only those keys are dropped")
    void withoutDropsOnlyThosePrefixes() {
        ExpectedClaims circuit = record.without(VerdictNumbers.PREFIXES);
        assertThat(circuit.values()).containsOnlyKeys("top2.drift");
        assertThat(circuit.compare(Map.of("top2.drift", 0.05))).isEmpty();
    }

    @Test
    @DisplayName("every shipped model's record holds each ablation kind's greedy and best pair drift")
    void shippedRecordsHoldPairDrifts() {
        for (String dir : List.of("plan-2/ensembles/letters-only-2l/seed-0", "ensembles/toy-induction-2l/seed-0",
                "ensembles/counting-only-2l/seed-0", "ensembles/markov-switch-2l/seed-0", "history/toy-induction-8h-seed8")) {
            Map<String, Double> v = ExpectedClaims.read(Path.of("fixtures", dir, ExpectedClaims.FILE_NAME)).values();
            for (String kind : List.of("zero", "mean", "resample")) {
                assertThat(v).as(dir).containsKeys("kinds." + kind + ".greedy_pair.drift", "kinds." + kind
                        + ".best_pair.drift", "patching.drift_heads.ld_patched", "orderings20.top2.drift");
            }
            assertThat(v.keySet()).as(dir).anyMatch(k -> k.matches("kinds\\.zero\\.pair\\.L\\dH\\d\\+L\\dH\\d\\.drift"));
        }
    }
}
