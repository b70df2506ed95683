package io.github.driftclaims.verdict;

/**
 * One rule applied to one model's numbers.
 *
 * @param verdict null when the numbers at hand cannot decide the claim ({@link #undetermined})
 * @param reason the numbers the verdict rests on and the lines they were compared with, in words
 * @param margin how far the deciding number is from its line and how far it can move; null for an undetermined
 *     finding, or one read back without it
 */
public record Finding(Claim claim, Verdict verdict, String reason, Margin margin) {

    /** A finding without a margin (an undetermined one, or one read back from a file that has none). */
    public Finding(Claim claim, Verdict verdict, String reason) {
        this(claim, verdict, reason, null);
    }

    /** The claim cannot be decided from what was measured or recorded; {@code why} says what is missing. */
    public static Finding undetermined(Claim claim, String why) {
        return new Finding(claim, null, why);
    }

    public boolean determined() {
        return verdict != null;
    }

    /** Determined, with a margin inside its own uncertainty (the verdict stands; the label says how sure it is). */
    public boolean fragile() {
        return determined() && margin != null && margin.fragile();
    }

    /** "reproduced", or "not determined" for an undetermined finding. */
    public String verdictText() {
        return verdict == null ? "not determined" : verdict.toString();
    }

    /** The reason, then the margin's line ("; drift 0.3840 vs 0.1000: margin ..."), as the reports show it. */
    public String reasonWithMargin() {
        return margin == null ? reason : reason + "; " + margin.text();
    }
}
