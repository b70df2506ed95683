package io.github.driftclaims.claims;

import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Verdict;
import java.util.Map;

/**
 * The verdicts claims 12 to 16 should get under mean and resample ablation of the drift heads (issue 15: "the
 * later-cell claims run under each kind"). One hypothesis for every model and style, stated on 2026-12-03 before any
 * later cell was measured under either kind: the conclusion does not depend on how the heads are ablated, so each
 * verdict is the one the same claim has under zero ablation ({@link Expected#of(ModelUnderTest, PromptStyle, Claim)},
 * itself stated from what the model is). That is the question issue 15 asks, not an answer computed from a
 * measurement. A first measurement that differs is recorded in {@link #FINDINGS} as "finding (hypothesis was X)",
 * so that a later change fails the build.
 */
final class ExpectedLaterKinds {

    /** Key: model, style id, kind, claim number, e.g. "TOY_INDUCTION/sequence/mean/12". */
    private static final Map<String, Expected.Expectation> FINDINGS = Map.of();

    private ExpectedLaterKinds() {}

    static Expected.Expectation of(ModelUnderTest m, PromptStyle s, String kind, Claim c) {
        if (kind.equals("zero")) {
            return Expected.of(m, s, c);
        }
        Expected.Expectation finding = FINDINGS.get(key(m, s, kind, c));
        if (finding != null) {
            return finding;
        }
        Expected.Expectation zero = Expected.of(m, s, c);
        return new Expected.Expectation(zero.verdict(), "hypothesis: the conclusion does not depend on how the drift "
                + "heads are ablated, so " + kind + " ablation gets zero ablation's verdict (" + zero.verdictText() + ": "
                + zero.basis() + ")");
    }

    static String key(ModelUnderTest m, PromptStyle s, String kind, Claim c) {
        return m.name() + "/" + s.id() + "/" + kind + "/" + c.number();
    }

    /** For {@link #FINDINGS}' entries. */
    static Map.Entry<String, Expected.Expectation> finding(ModelUnderTest m, PromptStyle s, String kind, Claim c,
            Verdict v, String numbers) {
        Expected.Expectation zero = Expected.of(m, s, c);
        return Map.entry(key(m, s, kind, c), new Expected.Expectation(v, "finding, first measured 2026-12-03 "
                + "(hypothesis was " + zero.verdictText() + ", zero ablation's verdict): " + numbers));
    }
}
