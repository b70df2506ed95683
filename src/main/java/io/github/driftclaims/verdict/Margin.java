package io.github.driftclaims.verdict;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How far a verdict sits from the line that decided it, and how far its deciding number can move (QUALITY.md,
 * "Margins and fragile verdicts").
 *
 * @param number what the deciding number is, in words ("drift", "top two's share")
 * @param value the number
 * @param line the line it was compared with (for a count, half-way between the last passing and first failing count)
 * @param numerical how far the number can move across libtorch kernel choices and thread counts ({@link Uncertainty})
 * @param sampling its standard deviation over resampled prompt sets; null where the data do not allow one
 */
public record Margin(String number, double value, double line, double numerical, Double sampling) {

    /** Signed distance of the number from its line, {@code value - line}, in the number's units. */
    public double margin() {
        return value - line;
    }

    /** Numerical plus sampling uncertainty (sampling 0 where not available). */
    public double uncertainty() {
        return numerical + (sampling == null ? 0 : sampling);
    }

    /** The number's own uncertainty could put it on the other side of its line. */
    public boolean fragile() {
        return Math.abs(margin()) <= uncertainty();
    }

    /**
     * Of several lines that could each change a verdict, the nearest to flipping: the smallest |margin| in units of
     * its uncertainty (numbers of different units cannot be ordered by raw distance), then the smallest |margin|.
     * Null when there are none.
     */
    public static Margin nearest(List<Margin> candidates) {
        return candidates.stream().min(Comparator.comparingDouble(Margin::inUncertainties)
                .thenComparingDouble(m -> Math.abs(m.margin()))).orElse(null);
    }

    /** |margin| / uncertainty; infinite with no uncertainty (unless the margin is 0 too). */
    double inUncertainties() {
        double u = uncertainty();
        double m = Math.abs(margin());
        return u > 0 ? m / u : m == 0 ? 0 : Double.POSITIVE_INFINITY;
    }

    /** "margin +0.0005 (numerical 2.0e-05, sampling 0.0123)", with ", FRAGILE" appended when fragile. */
    public String text() {
        return String.format(Locale.ROOT, "%s %s vs %s: margin %s (numerical %.1e, sampling %s)%s", number, num(value),
                num(line), signed(margin()), numerical, sampling == null ? "n/a" : num(sampling),
                fragile() ? " FRAGILE" : "");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.4g", v);
    }
}
