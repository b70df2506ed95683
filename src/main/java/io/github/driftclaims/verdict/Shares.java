package io.github.driftclaims.verdict;

import static io.github.driftclaims.verdict.Thresholds.COLLAPSE_SHARE;
import static io.github.driftclaims.verdict.Thresholds.SINGLE_HEAD_SHARE;

/**
 * The share of a number that an ablation removes, (before - after) / before, written once for every rule that asks
 * how much of a drift, a spread or an MAE goes (claims 6, 7, 8, 12, 14, 16 to 19, 28, 31, 32, 34, 35).
 */
final class Shares {

    private Shares() {}

    /** (before - after) / before; 0 where there was nothing to remove. */
    static double removed(double before, double after) {
        return before == 0 ? 0 : (before - after) / before;
    }

    /**
     * A share of drift removed, as a percentage only where the drift it divides is material. Below that line it is
     * a ratio of two small numbers: on the counting control (drift 0.0022) libtorch's kernel choice alone moves it
     * by 8e-4, so its percentage would differ between CPUs while saying nothing.
     */
    static String text(double share, boolean material) {
        return material ? Rules.pct(share) : "n/a (drift not material)";
    }

    /**
     * The collapse tiers of claims 14, 28, 29 and 34: at least {@link Thresholds#COLLAPSE_SHARE} reproduced, at least
     * {@link Thresholds#SINGLE_HEAD_SHARE} partly, else refuted (material drift assumed).
     */
    static Verdict collapseTier(double share) {
        return share >= COLLAPSE_SHARE ? Verdict.REPRODUCED : share >= SINGLE_HEAD_SHARE ? Verdict.PARTLY
                : Verdict.REFUTED;
    }

    /** A share of drift removed, both drifts (each within {@link Uncertainty#drift}), vs {@code line}. */
    static Margin line(String number, double before, double after, double line, Double sampling) {
        return new Margin(number, removed(before, after), line, Uncertainty.share(before, after, Uncertainty.drift(),
                Uncertainty.drift()), sampling);
    }
}
