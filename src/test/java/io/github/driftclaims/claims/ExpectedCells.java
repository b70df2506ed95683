package io.github.driftclaims.claims;

import io.github.driftclaims.interp.AblationKindsEvidence;
import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.report.Pin;
import io.github.driftclaims.report.VerdictMatrix;
import io.github.driftclaims.verdict.Claim;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The expected verdict behind each cell of the verdict matrix, from whichever table states it (Expected,
 * ExpectedAblationKinds, ExpectedMartingale, ExpectedLaterKinds, the recorded notebook's), so that the matrix can mark
 * the pinned findings and count them (issue 27).
 */
final class ExpectedCells {

    private static final Set<Claim> LATER = EnumSet.of(Claim.CLOSER_TO_BAYES, Claim.ORDER_SENSITIVITY_REMOVED,
            Claim.DRIFT_4X1Y_COLLAPSE, Claim.ABLATION_CHANGES_OUTPUT, Claim.REAL_TIME_TRACKING);
    private static final Set<Claim> ABLATION_KINDS = EnumSet.of(Claim.SAME_HEADS_MEAN, Claim.SAME_HEADS_RESAMPLE,
            Claim.BEST_PAIR_ZERO, Claim.BEST_PAIR_MEAN, Claim.BEST_PAIR_RESAMPLE, Claim.ATTRIBUTION_DIFFERS);
    private static final Set<Claim> MARTINGALE = EnumSet.of(Claim.MARTINGALE, Claim.MARTINGALE_ABLATED,
            Claim.BAYESIAN_UNCERTAINTY, Claim.MARTINGALE_RESTORED);

    private ExpectedCells() {}

    /** A model's cell, its later cells in {@code laterStyle}; null where no claim test holds it to a verdict. */
    static Expected.Expectation of(ModelUnderTest m, PromptStyle laterStyle, Claim c) {
        if (LATER.contains(c)) {
            return Expected.find(m, laterStyle, c);
        }
        if (ABLATION_KINDS.contains(c)) {
            return ExpectedAblationKinds.find(m, c);
        }
        if (MARTINGALE.contains(c)) {
            for (ExpectedMartingale e : ExpectedMartingale.values()) {
                if (e.shipped == m) {
                    return e.expected(c);
                }
            }
            return null;
        }
        return Expected.stated().getOrDefault(m, Map.of()).get(c);
    }

    /**
     * A cell of attn-only-2l's record in a prompt style (claims 4-10 and the later cells on the toy prompt, the later
     * cells alone on the minimal one); claims 17-22 on the record are held to nothing.
     */
    static Expected.Expectation recorded(PromptStyle style, Claim c) {
        if (LATER.contains(c)) {
            return RecordedLaterCellClaims.expected(style, c);
        }
        return c.number() <= Claim.INDUCTION_CIRCUIT.number() ? RecordedNotebookClaims.expected(c) : null;
    }

    /** A later cell under mean or resample ablation (the by-kind table). */
    static Expected.Expectation byKind(ModelUnderTest m, PromptStyle style, String kind, Claim c) {
        return ExpectedLaterKinds.of(m, style, kind, c);
    }

    /** The column with each of its cells' expectation kinds. */
    static VerdictMatrix.Column expecting(VerdictMatrix.Column column, Function<Claim, Expected.Expectation> expected) {
        Set<Claim> hypotheses = EnumSet.noneOf(Claim.class);
        Map<Claim, Pin> pins = new EnumMap<>(Claim.class);
        for (Claim c : column.findings().keySet()) {
            Expected.Expectation e = expected.apply(c);
            if (e == null) {
                continue;
            }
            if (e.pinned()) {
                pins.put(c, e.pin());
            } else {
                hypotheses.add(c);
            }
        }
        return column.expecting(hypotheses, pins);
    }

    /**
     * Every expectation the claim tests hold a model to, by "model / style / kind / claim" (the verify grid's
     * martingale table; the full grid's findings are added only under -Pmartingale).
     */
    static Map<String, Expected.Expectation> every() {
        Map<String, Expected.Expectation> all = new LinkedHashMap<>();
        Expected.stated().forEach((m, byClaim) -> byClaim.forEach((c, e) -> all.put(m + " / claim " + c.number(), e)));
        Expected.statedLater().forEach((m, byStyle) -> byStyle.forEach((s, byClaim) -> byClaim.forEach((c, e) -> {
            all.put(m + " / " + s.id() + " / claim " + c.number(), e);
            for (String kind : AblationKindsEvidence.LATER_KINDS) {
                all.put(m + " / " + s.id() + " / " + kind + " / claim " + c.number(), ExpectedLaterKinds.of(m, s, kind, c));
            }
        })));
        for (ModelUnderTest m : ModelUnderTest.values()) {
            for (Claim c : ABLATION_KINDS) {
                Expected.Expectation e = ExpectedAblationKinds.find(m, c);
                if (e != null) {
                    all.put(m + " / claim " + c.number(), e);
                }
            }
        }
        for (ExpectedMartingale e : ExpectedMartingale.values()) {
            for (Claim c : MARTINGALE) {
                all.put(e.id() + " (martingale) / claim " + c.number(), e.expected(c));
            }
        }
        for (Claim c : Claim.values()) {
            if (c.number() <= Claim.INDUCTION_CIRCUIT.number()) {
                all.put("attn-only-2l's record / claim " + c.number(), RecordedNotebookClaims.expected(c));
            }
        }
        return all;
    }
}
