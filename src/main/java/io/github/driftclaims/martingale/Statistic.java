package io.github.driftclaims.martingale;

/**
 * One statistic of one run with its reference interval.
 *
 * @param name "T1", "T2,2" .. "T2,5" or "T3"
 * @param referenceMedian the median of the reference replicates (T3's plot shows it beside the model's)
 */
public record Statistic(String name, double value, Interval interval, double referenceMedian) {

    public boolean inside() {
        return interval.contains(value);
    }

    /** T1 and T2,k test the martingale property; T3 the size of the epistemic uncertainty. */
    public boolean martingale() {
        return !name.equals("T3");
    }
}
