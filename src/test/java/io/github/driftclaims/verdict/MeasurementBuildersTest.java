package io.github.driftclaims.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.AblationEffect;
import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.LaterCells;
import io.github.driftclaims.interp.OrderingResamples;
import io.github.driftclaims.interp.OrderingsDrift;
import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.interp.Stimulus;
import io.github.driftclaims.martingale.MartingaleExperiment;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The builders that turn a measurement into what a rule reads, on hand-made evidence (IdealBaselinesOfTest's): each
 * number must reach the field its rule reads (a baseline read as the ablated value would flip a verdict).
 */
@DisplayName("The measurement builders hand each rule the numbers it reads (hand-made evidence)")
class MeasurementBuildersTest {

    @Test
    @DisplayName("claims 12 to 16: per-count stds, the sweep and tracking MAEs, the 4X/1Y drifts and their sampling spreads")
    void later() {
        LaterCells l = IdealBaselinesOfTest.evidence().later(PromptStyle.SEQUENCE);
        List<AblationEffect> effects = List.of(new AblationEffect("sweep", "[L0H3]", 0.01));
        LaterMeasurements m = LaterMeasurements.of(new LaterCells(l.style(), l.ablated(), l.kind(),
                new LaterCells.EvidenceSweep(l.evidence().counts(), 0.2, 0.1), l.drift4x1Baseline(),
                l.drift4x1Ablated(), null, null, new LaterCells.Tracking(13, l.tracking().steps(), 0.3, 0.25)), effects);
        assertThat(m.prompt()).isEqualTo("sequence");
        assertThat(m.spreads()).hasSize(11);
        LaterCells.Count five = l.evidence().counts().get(5);
        assertThat(m.spreads().get(5)).isEqualTo(new LaterMeasurements.Spread(5, 10, five.baselineStd(),
                five.ablatedStd()));
        assertThat(m.maeBaseline()).isEqualTo(0.2);
        assertThat(m.maeAblated()).isEqualTo(0.1);
        assertThat(m.drift4x1Baseline()).isEqualTo(IdealBaselinesOfTest.FOUR_X.drift());
        assertThat(m.drift4x1Ablated()).isEqualTo(IdealBaselinesOfTest.FOUR_X_ABLATED.drift());
        assertThat(m.effects()).isEqualTo(effects);
        assertThat(m.tracking().seeded()).isTrue();
        assertThat(m.tracking().maeBaseline()).isEqualTo(0.3);
        assertThat(m.tracking().maeAblated()).isEqualTo(0.25);
        assertThat(m.tracking().source()).endsWith("seed 13");
        OrderingResamples.Bootstrap b = OrderingResamples.Bootstrap.of(l.evidence());
        assertThat(m.sampling()).isEqualTo(new LaterMeasurements.Sampling(b.maeDrop(), b.factor(),
                OrderingResamples.jackknifeShare(l.drift4x1Baseline(), l.drift4x1Ablated())));
    }

    @Test
    @DisplayName("claim 28: the spread over the 20 orderings as the model is, and with the drift heads ablated")
    void orderings() {
        DriftResult base = IdealBaselinesOfTest.result(Stimulus.allOrderingsOf3X3Y(), 0.1, 0.04);
        DriftResult ablated = IdealBaselinesOfTest.result(Stimulus.allOrderingsOf3X3Y(), 0.5, 0.001);
        OrderingsMeasurements o = OrderingsMeasurements.of(new OrderingsDrift(List.of(new Head(0, 1)), base, ablated));
        assertThat(o.spread()).isEqualTo(base.drift());
        assertThat(o.ablatedSpread()).isEqualTo(ablated.drift());
        assertThat(o.spread()).isNotEqualTo(o.ablatedSpread());
    }

    @Test
    @DisplayName("claims 23 to 26: the heads, the results as sampled and the results ablated, in that order")
    void martingale() {
        List<Head> heads = MartingaleRulesTest.HEADS;
        MartingaleMeasurements m = MartingaleMeasurements.of(new MartingaleExperiment(heads, null,
                MartingaleRulesTest.results(3, 0.5, 0), MartingaleRulesTest.results(0, 0, 1)));
        assertThat(m.heads()).isEqualTo(heads);
        assertThat(m.baseline()).isEqualTo(MartingaleRulesTest.results(3, 0.5, 0));
        assertThat(m.ablated()).isEqualTo(MartingaleRulesTest.results(0, 0, 1));
    }
}
