package io.github.driftclaims.verdict;

import static io.github.driftclaims.verdict.Thresholds.MATERIAL_DRIFT;

/**
 * The precondition of every claim about drift: a drift (or a spread, or an excess, on the same scale of P(X | {X,Y})
 * differences) at or above {@link Thresholds#MATERIAL_DRIFT}. Below it there is no drift to find or remove, and the
 * rules that ask for one say not applicable.
 */
final class Materiality {

    private Materiality() {}

    /** The precondition of every claim about removing drift, as the rules' descriptions end. */
    static final String NA = "; not applicable without material drift (nothing to remove)";

    /** {@code drift} >= {@link Thresholds#MATERIAL_DRIFT}. */
    static boolean material(double drift) {
        return drift >= MATERIAL_DRIFT;
    }

    /** The material-drift line: a drift over the notebook's three orderings vs {@link Thresholds#MATERIAL_DRIFT}. */
    static Margin line(double drift, Double sampling) {
        return line("drift", drift, sampling);
    }

    /** The same line for another drift-like number ({@code number} names it). */
    static Margin line(String number, double drift, Double sampling) {
        return new Margin(number, drift, MATERIAL_DRIFT, Uncertainty.drift(), sampling);
    }

    /** What a reason appends when the drift is not material. */
    static String note(boolean material) {
        return material ? "" : " (drift not material: nothing to remove, not applicable)";
    }
}
