package io.github.driftclaims.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The measurement arithmetic on hand-computed cases, without a model: the readout's softmax and
 * renormalisation, drift and MAE, the top-K share, the baselines on unequal counts, and the 20
 * orderings by name. The model-level claims only ever feed these 3 X + 3 Y, so a wrong count or an
 * unnormalised probability could hide there.
 */
@DisplayName("The readout, drift and baseline arithmetic on hand-computed cases")
class ReadoutArithmeticTest {

    static final Stimulus XXY = Stimulus.of("xxy", "X X Y");

    @Test
    @DisplayName("p_X_raw and p_Y_raw are the full-vocabulary softmax, p_X_norm and p_Y_norm its renormalisation to the two")
    void softmaxAndRenormalisation() {
        // logits (ln 1, ln 2, ln 3, ln 4): softmax (0.1, 0.2, 0.3, 0.4); X = id 1, Y = id 3.
        float[] logits = {(float) Math.log(1), (float) Math.log(2), (float) Math.log(3), (float) Math.log(4)};
        Readout r = Readout.of(XXY, logits, 1, 3);
        assertThat(r.pXRaw()).isCloseTo(0.2, within(1e-7));
        assertThat(r.pYRaw()).isCloseTo(0.4, within(1e-7));
        assertThat(r.pXNorm()).isCloseTo(1.0 / 3, within(1e-7));
        assertThat(r.pYNorm()).isCloseTo(2.0 / 3, within(1e-7));
        assertThat(r.pXNorm() + r.pYNorm()).isCloseTo(1.0, within(1e-12));
        assertThat(r.logitDiff()).isCloseTo(Math.log(0.5), within(1e-6));
        assertThat(r.nX()).isEqualTo(2);
        assertThat(r.nY()).isEqualTo(1);
        assertThat(r.freqPX()).isEqualTo(2.0 / 3);
        assertThat(r.bayesPX()).isEqualTo(3.0 / 5);
        // Large logits: the max is subtracted before exp, so nothing overflows.
        Readout big = Readout.of(XXY, new float[] {1000f, 1000f, 0f, 1000f}, 1, 3);
        assertThat(big.pXRaw()).isCloseTo(1.0 / 3, within(1e-7));
        assertThat(big.pXNorm()).isCloseTo(0.5, within(1e-12));
        // Both candidates underflow to probability 0: no information, so 0.5 each rather than 0/0.
        Readout none = Readout.of(XXY, new float[] {0f, -Float.MAX_VALUE, 0f, -Float.MAX_VALUE}, 1, 3);
        assertThat(none.pXRaw()).isZero();
        assertThat(none.pXNorm()).isEqualTo(0.5);
        assertThat(none.pYNorm()).isEqualTo(0.5);
    }

    @Test
    @DisplayName("the frequentist and Beta(1,1) baselines on unequal and empty counts")
    void baselinesOnOtherCounts() {
        assertThat(Baselines.frequentist(2, 1)).isEqualTo(2.0 / 3);
        assertThat(Baselines.frequentist(0, 4)).isEqualTo(0.0);
        assertThat(Baselines.frequentist(0, 0)).as("no observations").isEqualTo(0.5);
        assertThat(Baselines.bayes(2, 1)).isEqualTo(3.0 / 5);
        assertThat(Baselines.bayes(0, 0)).isEqualTo(0.5);
        assertThat(Baselines.bayes(4, 1, 2, 3)).isEqualTo(6.0 / 10);
    }

    static Readout withPX(String name, double pXNorm, int nX, int nY) {
        return new Readout(name, "", nX, nY, 0, Baselines.bayes(nX, nY), 0, 0, 0, 0, 0, pXNorm, 1 - pXNorm);
    }

    @Test
    @DisplayName("drift is max minus min of P(X|{X,Y}); MAE is the mean distance to each row's own Beta(1,1)")
    void driftAndMae() {
        DriftResult d = DriftResult.of(List.of(withPX("a", 0.75, 3, 3), withPX("b", 0.25, 3, 3), withPX("c", 0.5, 2, 1)));
        assertThat(d.drift()).isEqualTo(0.5);
        assertThat(d.maeToBayes()).isCloseTo((0.25 + 0.25 + 0.1) / 3, within(1e-15));
        assertThat(d.row("c").pXNorm()).isEqualTo(0.5);
        assertThatThrownBy(() -> d.row("nope")).hasMessage("no sequence nope");
    }

    @Test
    @DisplayName("the top-K share is the fraction of the baseline drift removed, and 0 without drift")
    void topKShare() {
        DriftResult after = DriftResult.of(List.of(withPX("a", 0.5, 3, 3), withPX("b", 0.375, 3, 3)));
        AblationSweep.TopK k = new AblationSweep.TopK(List.of(new Head(0, 0), new Head(1, 1)), after, 0.5);
        assertThat(k.reductionFraction()).isEqualTo((0.5 - 0.125) / 0.5);
        assertThat(new AblationSweep.TopK(List.of(), after, 0.0).reductionFraction()).isZero();
    }

    @Test
    @DisplayName("the 20 orderings of XXXYYY run from XXXYYY to YYYXXX, each once, each with 3 X")
    void twentyOrderings() {
        List<Stimulus> all = Stimulus.allOrderingsOf3X3Y();
        assertThat(all).hasSize(20);
        assertThat(all.get(0).name()).isEqualTo("XXXYYY");
        assertThat(all.get(19).name()).isEqualTo("YYYXXX");
        assertThat(all).extracting(Stimulus::name).doesNotHaveDuplicates().isSorted();
        assertThat(all).allSatisfy(s -> assertThat(s.nX()).isEqualTo(3));
        assertThat(Stimulus.of("p", "  X Y  X ").spaced()).isEqualTo("X Y X");
    }

    @Test
    @DisplayName("heads order by layer, then head, and print as L<layer>H<head>")
    void heads() {
        assertThat(new Head(1, 0).compareTo(new Head(0, 7))).isPositive();
        assertThat(new Head(0, 2).compareTo(new Head(0, 7))).isNegative();
        assertThat(new Head(1, 6).compareTo(new Head(1, 6))).isZero();
        assertThat(new Head(1, 6)).hasToString("L1H6");
        assertThat(Head.argmax(new double[][] {{0.2, 0.7, 0.7, 0.1}}, 0)).as("a tie goes to the lowest index")
                .isEqualTo(new Head(0, 1));
        assertThat(Head.parse(" 1.6 ")).isEqualTo(new Head(1, 6));
        assertThat(Head.parse("0:3")).isEqualTo(new Head(0, 3));
        assertThat(Head.parseList("1.6,0.3,")).containsExactly(new Head(1, 6), new Head(0, 3));
        assertThat(Head.parseList(" ")).isEmpty();
        assertThatThrownBy(() -> Head.parse("1.6.2")).hasMessage("'1.6.2' is not a head; write LAYER.HEAD, e.g. 1.6");
        assertThatThrownBy(() -> Head.parse("a.b")).hasMessage("'a.b' is not a head; write LAYER.HEAD, e.g. 1.6");
    }

    @Test
    @DisplayName("prompt styles by name, and each fills its template with the symbols joined by spaces")
    void promptStyles() {
        for (PromptStyle s : PromptStyle.values()) {
            assertThat(PromptStyle.parse(s.id())).isSameAs(s);
            assertThat(s.template()).contains("{seq}");
            assertThat(s.fill(List.of("X", "Y"))).contains("X Y").doesNotContain("{seq}");
        }
        assertThat(Stimulus.of("p", "X Y").prompt()).isEqualTo(PromptStyle.SEQUENCE.fill(List.of("X", "Y")));
        assertThatThrownBy(() -> PromptStyle.parse("nope")).hasMessage("unknown prompt style 'nope'; one of toy, minimal, sequence");
    }
}
