package io.github.driftclaims.verdict;

/**
 * One rule applied to one model's numbers.
 *
 * @param verdict null when the numbers at hand cannot decide the claim ({@link #undetermined})
 * @param reason the numbers the verdict rests on and the lines they were compared with, in words
 */
public record Finding(Claim claim, Verdict verdict, String reason) {

    /** The claim cannot be decided from what was measured or recorded; {@code why} says what is missing. */
    public static Finding undetermined(Claim claim, String why) {
        return new Finding(claim, null, why);
    }

    public boolean determined() {
        return verdict != null;
    }

    /** "reproduced", or "not determined" for an undetermined finding. */
    public String verdictText() {
        return verdict == null ? "not determined" : verdict.toString();
    }
}
