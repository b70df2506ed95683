package io.github.driftclaims.verdict;

import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.IdealDrift;

/**
 * What claim 27 reads: the model's drift over the notebook's three orderings and the ideal observer's drift over the
 * same three, the Bayes-optimal predictor of the mixture the model was trained on ({@link
 * io.github.driftclaims.interp.IdealObserver}).
 *
 * @param drift the model's baseline drift
 * @param idealDrift the ideal observer's drift; null when the model records no training mixture (a model this project
 *     did not train), NaN when the ideal is undefined on these prompts (see {@code IdealObserver#pX})
 */
public record IdealMeasurements(double drift, Double idealDrift) {

    /** The model's baseline and the ideal on the same stimuli, or null when no mixture is recorded. */
    public static IdealMeasurements of(DriftResult model, IdealDrift ideal) {
        return new IdealMeasurements(model.drift(), ideal == null ? null : ideal.drift());
    }

    /** Model drift minus ideal drift; null without an ideal. */
    public Double excess() {
        return idealDrift == null ? null : drift - idealDrift;
    }
}
