package io.github.driftclaims.interp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link IdealObserver}'s P(X | {X,Y}) on a set of stimuli, by stimulus name, and its drift: max - min over them,
 * as {@link DriftResult} takes the model's (NaN when any prediction is undefined).
 */
public record IdealDrift(Map<String, Double> pX, double drift) {

    public IdealDrift {
        pX = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pX));
    }

    static IdealDrift of(Map<String, Double> pX) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double p : pX.values()) {
            if (Double.isNaN(p)) {
                return new IdealDrift(pX, Double.NaN);
            }
            max = Math.max(max, p);
            min = Math.min(min, p);
        }
        return new IdealDrift(pX, pX.isEmpty() ? Double.NaN : max - min);
    }

    /** The ideal's P(X | {X,Y}) on the stimulus of this name. */
    public double pX(String name) {
        Double p = pX.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no sequence " + name);
        }
        return p;
    }

    /** The model's drift beyond the ideal's on the same stimuli: model - ideal. */
    public double excess(DriftResult model) {
        return model.drift() - drift;
    }
}
