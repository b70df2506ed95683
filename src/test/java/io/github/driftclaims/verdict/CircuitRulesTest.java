package io.github.driftclaims.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.Head;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Claim 39's rule on hand-made numbers. */
@DisplayName("Claim 39: the discovered circuit beside the drift heads")
class CircuitRulesTest {

    static final Head A = new Head(0, 0);
    static final Head B = new Head(1, 1);
    static final Head C = new Head(0, 1);
    static final Head D = new Head(1, 0);

    static Finding rule(double spread, double circuitSpread, List<Head> circuit, int modelHeads) {
        return CircuitRules.discoveredCircuit(new CircuitMeasurements(0.01, spread, circuitSpread, circuit, List.of(A, B),
                modelHeads));
    }

    static Verdict verdict(double spread, double circuitSpread, List<Head> circuit, int modelHeads) {
        return rule(spread, circuitSpread, circuit, modelHeads).verdict();
    }

    @Test
    @DisplayName("both drift heads in a circuit of at most half the heads with 80% to 120% of the spread is reproduced")
    void reproduced() {
        assertThat(verdict(0.9, 0.9, List.of(A, B), 4)).isEqualTo(Verdict.REPRODUCED);
        assertThat(verdict(1.0, 0.8, List.of(A, B), 4)).isEqualTo(Verdict.REPRODUCED);
        assertThat(verdict(1.0, 1.2, List.of(A, B), 4)).isEqualTo(Verdict.REPRODUCED);
        assertThat(verdict(1.0, 0.9, List.of(A, B, C, D), 8)).isEqualTo(Verdict.REPRODUCED);
    }

    @Test
    @DisplayName("both drift heads in a larger or unfaithful circuit is partly")
    void partly() {
        assertThat(verdict(1.0, 0.79, List.of(A, B), 4)).isEqualTo(Verdict.PARTLY);
        assertThat(verdict(1.0, 1.21, List.of(A, B), 4)).isEqualTo(Verdict.PARTLY);
        assertThat(verdict(1.0, 1.0, List.of(A, B, C), 4)).isEqualTo(Verdict.PARTLY);
        assertThat(verdict(1.0, 0.1, List.of(A, B, C, D), 4)).isEqualTo(Verdict.PARTLY);
    }

    @Test
    @DisplayName("a drift head missing from the circuit is refuted, however small and faithful")
    void refuted() {
        assertThat(verdict(1.0, 1.0, List.of(A), 4)).isEqualTo(Verdict.REFUTED);
        assertThat(verdict(1.0, 1.0, List.of(C, D), 4)).isEqualTo(Verdict.REFUTED);
        assertThat(verdict(1.0, 1.0, List.of(), 4)).isEqualTo(Verdict.REFUTED);
        assertThat(rule(1.0, 1.0, List.of(A, C), 4).reason()).contains("missing [L1H1]");
    }

    @Test
    @DisplayName("without material spread over the 20 orderings there is no circuit to find: not applicable")
    void notApplicable() {
        assertThat(verdict(0.099, 0.099, List.of(A, B), 4)).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(verdict(0.0, 0.0, List.of(), 4)).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(verdict(Thresholds.MATERIAL_DRIFT, Thresholds.MATERIAL_DRIFT, List.of(A, B), 4))
                .isEqualTo(Verdict.REPRODUCED);
    }

    @Test
    @DisplayName("the margin is the faithfulness's distance to its band where it decides, and the rule names its lines")
    void marginAndDescription() {
        Finding f = rule(1.0, 0.85, List.of(A, B), 4);
        assertThat(f.margin().number()).isEqualTo("|faithfulness - 1|");
        assertThat(f.margin().margin()).isCloseTo(-0.05, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(rule(1.0, 0.85, List.of(A, B, C), 4).margin().number()).isEqualTo("spread over the 20 orderings");
        assertThat(Rules.describe(Claim.DISCOVERED_CIRCUIT)).contains("0.01").contains("50.0%").contains("20.0%")
                .contains("0.1");
    }
}
