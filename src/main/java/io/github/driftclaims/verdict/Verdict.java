package io.github.driftclaims.verdict;

import java.util.Locale;

/**
 * What a rule concludes about one of the notebook's statements on one model. NOT_APPLICABLE: the claim's
 * precondition is absent (no material drift to remove, no violation to restore), so the model neither supports
 * nor refutes it; shown apart from a refutation by measurement.
 */
public enum Verdict {
    REPRODUCED, PARTLY, REFUTED, NOT_APPLICABLE;

    /** "reproduced", "partly", "refuted", "not applicable". */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
