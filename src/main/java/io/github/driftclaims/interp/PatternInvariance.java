package io.github.driftclaims.interp;

import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Claim 9's measurement: zero-ablate each head at {@code hook_z} alone and compare every layer's
 * patterns on the notebook's prompts with the unablated ones.
 *
 * @param earlierLayersIdentical for every head, every layer up to and including its own is bit-identical
 *     on every prompt (those patterns are computed before the head's output exists)
 * @param laterChange per head, the largest |change| of any pattern in a later layer (0 for last-layer heads)
 * @param violations heads whose own or earlier layers changed, with the layer and prompt, if any
 */
public record PatternInvariance(boolean earlierLayersIdentical, Map<Head, Double> laterChange, List<String> violations) {

    public static PatternInvariance measure(HookedTransformer model, DriftProbe probe, List<AttentionPatterns> baseline) {
        int layers = model.config().nLayers();
        Map<Head, Double> later = new LinkedHashMap<>();
        List<String> violations = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < model.config().nHeads(); h++) {
                Head head = new Head(l, h);
                Hooks ablate = Ablation.zeroHeads(model.config(), List.of(head));
                double change = 0;
                for (int s = 0; s < probe.stimuli().size(); s++) {
                    AttentionPatterns before = baseline.get(s);
                    AttentionPatterns after = AttentionPatterns.of(model, before.name(), probe.tokens(s), ablate);
                    double[] diff = before.maxAbsDiffPerLayer(after);
                    for (int layer = 0; layer < layers; layer++) {
                        if (layer <= l && !before.bitIdentical(after, layer)) {
                            violations.add(head + " changed layer " + layer + " on " + before.name() + " by " + diff[layer]);
                        } else if (layer > l) {
                            change = Math.max(change, diff[layer]);
                        }
                    }
                }
                later.put(head, change);
            }
        }
        return new PatternInvariance(violations.isEmpty(), Map.copyOf(later), List.copyOf(violations));
    }
}
