package io.github.driftclaims.claims;

import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Verdict;
import java.util.EnumMap;
import java.util.Map;

/**
 * The verdicts claims 17 to 22 should get on each model, stated from what the model is (as {@link Expected} states
 * claims 4 to 16), kept apart from {@link Expected} so that the model list can grow without this table being
 * rewritten. A model the suite gains needs its own lines here: without them its cases fail, naming the model.
 * Stated on 2026-12-02 before any mean, resample, pair or attribution number was measured; a first measurement that
 * differs is recorded as "finding (hypothesis was X)".
 */
final class ExpectedAblationKinds {

    private static final Map<ModelUnderTest, Map<Claim, Expected.Expectation>> TABLE = table();

    private static Map<ModelUnderTest, Map<Claim, Expected.Expectation>> table() {
        Map<ModelUnderTest, Map<Claim, Expected.Expectation>> t = new EnumMap<>(ModelUnderTest.class);
        Put put = (m, c, v, basis) -> t.computeIfAbsent(m, k -> new EnumMap<>(Claim.class))
                .put(c, new Expected.Expectation(v, basis));

        ModelUnderTest toy = ModelUnderTest.TOY_INDUCTION;
        String kinds = "hypothesis: its drift is carried by what its copying heads read off the ordering; mean and "
                + "resample ablation remove that as zeroing does, so they find the same heads";
        put.put(toy, Claim.SAME_HEADS_MEAN, Verdict.REPRODUCED, kinds);
        put.put(toy, Claim.SAME_HEADS_RESAMPLE, Verdict.REPRODUCED, kinds);
        String pair = "hypothesis: its top two are a first-layer head and the last-layer head reading it (claim 10's "
                + "composition), so no pair removes more than the pair of them";
        put.put(toy, Claim.BEST_PAIR_ZERO, Verdict.REPRODUCED, pair);
        put.put(toy, Claim.BEST_PAIR_MEAN, Verdict.REPRODUCED, pair);
        put.put(toy, Claim.BEST_PAIR_RESAMPLE, Verdict.REPRODUCED, pair);
        String direct = "hypothesis: direct attribution sees a head's own write to the logits only; the first-layer "
                + "drift head acts through the last layer's keys (composition), so only the last-layer one ranks high";
        put.put(toy, Claim.ATTRIBUTION_DIFFERS, Verdict.PARTLY, direct);

        ModelUnderTest ctl = ModelUnderTest.COUNTING_CONTROL;
        String none = "hypothesis: trained without repeated patterns, it counts; with no material drift there are no "
                + "drift heads to find under any kind, pair or attribution";
        for (Claim c : new Claim[] {Claim.SAME_HEADS_MEAN, Claim.SAME_HEADS_RESAMPLE, Claim.BEST_PAIR_ZERO,
                Claim.BEST_PAIR_MEAN, Claim.BEST_PAIR_RESAMPLE, Claim.ATTRIBUTION_DIFFERS}) {
            put.put(ctl, c, Verdict.REFUTED, none);
        }

        ModelUnderTest real = ModelUnderTest.ATTN_ONLY_2L;
        String notebook = "hypothesis: the notebook names (1,6) and (0,3) as the circuit behind its drift, whatever the "
                + "ablation";
        put.put(real, Claim.SAME_HEADS_MEAN, Verdict.REPRODUCED, notebook);
        put.put(real, Claim.SAME_HEADS_RESAMPLE, Verdict.REPRODUCED, notebook);
        String recorded = "hypothesis: the notebook's top two leave drift 0.0061 under zero ablation (98.4% removed); "
                + "the circuit's two heads are the best pair";
        put.put(real, Claim.BEST_PAIR_ZERO, Verdict.REPRODUCED, recorded);
        put.put(real, Claim.BEST_PAIR_MEAN, Verdict.REPRODUCED, notebook);
        put.put(real, Claim.BEST_PAIR_RESAMPLE, Verdict.REPRODUCED, notebook);
        put.put(real, Claim.ATTRIBUTION_DIFFERS, Verdict.PARTLY, "hypothesis: (0,3) is a first-layer head, which acts "
                + "through (1,6)'s keys rather than on the logits directly");

        Map<ModelUnderTest, Map<Claim, Expected.Expectation>> frozen = new EnumMap<>(ModelUnderTest.class);
        t.forEach((m, claims) -> frozen.put(m, Map.copyOf(claims)));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    private interface Put {
        void put(ModelUnderTest m, Claim c, Verdict v, String basis);
    }

    private ExpectedAblationKinds() {}

    static Expected.Expectation of(ModelUnderTest m, Claim c) {
        Expected.Expectation e = TABLE.getOrDefault(m, Map.of()).get(c);
        if (e == null) {
            throw new AssertionError("no expected verdict for claim " + c.number() + " on " + m + ": state one, from "
                    + "what the model is, in ExpectedAblationKinds");
        }
        return e;
    }
}
