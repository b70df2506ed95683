package io.github.driftclaims.interp;

import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sufficiency (issue 28): how much of the drift a candidate circuit carries alone, beside how much its removal takes
 * away. Ablation shows necessity only; here every head <em>outside</em> the circuit is mean-ablated at hook_z (its
 * per-position mean over the 20 orderings of 3X/3Y, the reference claims 17-22 use, so the activations stay on the
 * distribution the prompts come from) and the spread of P(X | {X,Y}) over those 20 orderings is compared with the
 * full model's. Faithfulness, as Wang et al. and Conmy et al. use it: circuit-alone spread / full spread (1: the
 * circuit alone reproduces the drift). Necessity: the share of the spread removed when the circuit itself is
 * mean-ablated. The floor is every head mean-ablated: the spread no head carries (the embeddings' direct path).
 *
 * @param full the 20 orderings as the model is
 * @param floor every head mean-ablated
 * @param candidates each candidate circuit, by name, in the order given
 */
public record Sufficiency(DriftResult full, DriftResult floor, List<Candidate> candidates) {

    public Sufficiency {
        candidates = List.copyOf(candidates);
    }

    /**
     * @param alone every head but the circuit's mean-ablated
     * @param removed the circuit's heads mean-ablated
     */
    public record Candidate(String name, List<Head> heads, DriftResult alone, DriftResult removed) {

        public Candidate {
            heads = List.copyOf(heads);
        }

        /** The circuit-alone spread as a share of the full model's. */
        public double faithfulness(DriftResult full) {
            return alone.drift() / full.drift();
        }

        /** The share of the full spread that mean-ablating the circuit removes. */
        public double necessity(DriftResult full) {
            return 1 - removed.drift() / full.drift();
        }
    }

    /**
     * The candidates the suite reports (the CLI and the claims' attachments alike): the drift heads (the zero sweep's top
     * two) and every last-layer head, by name.
     */
    public static Map<String, List<Head>> standardCandidates(ModelConfig config, List<Head> driftHeads) {
        int last = config.nLayers() - 1;
        Map<String, List<Head>> candidates = new LinkedHashMap<>();
        candidates.put("drift heads " + driftHeads, List.copyOf(driftHeads));
        List<Head> lastLayer = new ArrayList<>();
        for (int h = 0; h < config.nHeads(); h++) {
            lastLayer.add(new Head(last, h));
        }
        candidates.put("every layer-" + last + " head", lastLayer);
        return candidates;
    }

    /** Every candidate alone and removed, the full model and the floor, in one batched mean-ablation run. */
    public static Sufficiency measure(HookedTransformer model, Map<String, List<Head>> candidates) {
        List<Stimulus> orderings = Stimulus.allOrderingsOf3X3Y();
        KindAblation mean = KindAblation.prepare(new DriftProbe(model, orderings),
                new AblationKind.Mean(AblationKind.ORDERINGS_3X3Y, orderings));
        List<Head> every = new ArrayList<>();
        for (int l = 0; l < model.config().nLayers(); l++) {
            for (int h = 0; h < model.config().nHeads(); h++) {
                every.add(new Head(l, h));
            }
        }
        List<List<Head>> settings = new ArrayList<>();
        settings.add(List.of());
        settings.add(every);
        for (List<Head> c : candidates.values()) {
            if (c.isEmpty() || !every.containsAll(c)) {
                throw new IllegalArgumentException("a candidate circuit is a non-empty set of the model's heads, not " + c);
            }
            settings.add(every.stream().filter(h -> !c.contains(h)).toList());
            settings.add(c);
        }
        List<DriftResult> r = mean.evaluateAll(settings);
        List<Candidate> out = new ArrayList<>();
        int i = 2;
        for (Map.Entry<String, List<Head>> e : new LinkedHashMap<>(candidates).entrySet()) {
            out.add(new Candidate(e.getKey(), e.getValue(), r.get(i), r.get(i + 1)));
            i += 2;
        }
        return new Sufficiency(r.get(0), r.get(1), out);
    }
}
