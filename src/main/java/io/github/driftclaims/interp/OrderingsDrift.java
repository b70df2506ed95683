package io.github.driftclaims.interp;

import io.github.driftclaims.model.HookedTransformer;
import java.util.List;

/**
 * Drift over every ordering of 3 X and 3 Y ({@link Stimulus#allOrderingsOf3X3Y}, the mean and resample ablations'
 * reference set) instead of the notebook's three: per ordering P(X | {X,Y}) and logit_X - logit_Y, as the model is
 * and with the drift heads zero-ablated at hook_z. Both settings are one batched forward ({@link
 * DriftProbe#evaluateAll}).
 *
 * @param heads the heads ablated (the zero-ablation sweep's top two)
 * @param baseline the 20 orderings as the model is; its drift is the spread, max - min of P(X | {X,Y})
 * @param ablated the same orderings with {@code heads} zeroed
 */
public record OrderingsDrift(List<Head> heads, DriftResult baseline, DriftResult ablated) {

    public OrderingsDrift {
        heads = List.copyOf(heads);
    }

    public static OrderingsDrift measure(HookedTransformer model, List<Head> heads) {
        if (heads.isEmpty()) {
            throw new IllegalArgumentException("the drift over every ordering is measured with heads to ablate; none given");
        }
        List<DriftResult> r = new DriftProbe(model, Stimulus.allOrderingsOf3X3Y()).evaluateAll(List.of(List.of(), heads));
        return new OrderingsDrift(heads, r.get(0), r.get(1));
    }
}
