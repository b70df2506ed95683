package io.github.driftclaims.claims;

/** What a claim test concludes about the notebook's statement on one model. */
enum Verdict {
    REPRODUCED, PARTLY, REFUTED;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
