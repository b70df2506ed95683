package io.github.driftclaims.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Adam with decoupled weight decay (AdamW), written out so that every operation and its order is
 * fixed by this file: bit-for-bit retraining depends on it.
 */
final class Adam {

    private final TrainConfig c;
    private final Set<String> decayed;
    private final Map<String, NDArray> m = new HashMap<>();
    private final Map<String, NDArray> v = new HashMap<>();
    private int t;

    /** @param decayed parameter names that weight decay applies to (matrices, not biases or LN) */
    Adam(TrainConfig c, Set<String> decayed) {
        this.c = c;
        this.decayed = decayed;
    }

    /** Linear warmup to {@code lr}, constant, then (with cooldownSteps) a linear fall to 0 at the last step. */
    double learningRate(int step) {
        if (c.warmupSteps() > 0 && step < c.warmupSteps()) {
            return c.lr() * (step + 1) / c.warmupSteps();
        }
        int left = c.steps() - step;
        if (c.cooldownSteps() > 0 && left <= c.cooldownSteps()) {
            return c.lr() * left / c.cooldownSteps();
        }
        return c.lr();
    }

    /** Updates every parameter in place from its gradient; temporaries go to {@code scope}. */
    void step(NDManager scope, Map<String, NDArray> params, Map<String, NDArray> grads) {
        t++;
        double lr = learningRate(t - 1);
        float bc1 = (float) (1 - Math.pow(c.beta1(), t));
        float bc2 = (float) (1 - Math.pow(c.beta2(), t));
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray g = grads.get(e.getKey());
            if (g == null) {
                continue;
            }
            NDArray p = e.getValue();
            NDArray mi = m.computeIfAbsent(e.getKey(), k -> p.zerosLike());
            NDArray vi = v.computeIfAbsent(e.getKey(), k -> p.zerosLike());
            mi.muli((float) c.beta1()).addi(g.mul((float) (1 - c.beta1())));
            vi.muli((float) c.beta2()).addi(g.square().muli((float) (1 - c.beta2())));
            if (c.weightDecay() > 0 && decayed.contains(e.getKey())) {
                p.muli((float) (1 - lr * c.weightDecay()));
            }
            NDArray denom = inScope(scope, vi.div(bc2)).sqrt().addi((float) c.eps());
            NDArray update = inScope(scope, mi.div(bc1)).divi(denom).muli((float) lr);
            p.subi(update);
        }
    }

    /** Results of operations on m and v would land in their (long-lived) manager; move them out. */
    private static NDArray inScope(NDManager scope, NDArray a) {
        a.attach(scope);
        return a;
    }
}
