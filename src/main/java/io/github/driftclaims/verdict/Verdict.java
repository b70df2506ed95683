package io.github.driftclaims.verdict;

import java.util.Locale;

/** What a rule concludes about one of the notebook's statements on one model. */
public enum Verdict {
    REPRODUCED, PARTLY, REFUTED;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
