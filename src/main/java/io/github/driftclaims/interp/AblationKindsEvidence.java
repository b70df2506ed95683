package io.github.driftclaims.interp;

import io.github.driftclaims.model.HookedTransformer;
import java.util.ArrayList;
import java.util.List;

/**
 * What claims 17 to 22 rest on for one model, measured once on the notebook's three sequences: the sweep and the
 * exhaustive pair search under each {@link AblationKind#standard() ablation kind} (one batch each), and the direct
 * logit attribution of every head; and the notebook's later cells (claims 12 to 16) in each prompt style the model's
 * vocabulary covers under mean and resample ablation of the same drift heads (the zero sweep's top two, which the
 * later cells zero in {@link CircuitEvidence}), so that only how the heads are ablated differs.
 *
 * @param later the later cells under the kinds other than zero, by style then kind
 */
public record AblationKindsEvidence(List<KindSweep> kinds, LogitAttribution attribution, List<LaterCells> later) {

    /** The kinds the later cells also run under here (zero's are {@link CircuitEvidence#later}). */
    public static final List<String> LATER_KINDS = List.of("mean", "resample");

    public AblationKindsEvidence {
        kinds = List.copyOf(kinds);
        later = List.copyOf(later);
    }

    public static AblationKindsEvidence measure(HookedTransformer model) {
        return measure(model, k -> {});
    }

    /** @param measured called with each kind's sweep as soon as it is measured (the CLI prints it then) */
    public static AblationKindsEvidence measure(HookedTransformer model, java.util.function.Consumer<KindSweep> measured) {
        DriftProbe probe = new DriftProbe(model, Stimulus.NOTEBOOK);
        List<KindSweep> kinds = new ArrayList<>();
        for (AblationKind k : AblationKind.standard()) {
            KindSweep sweep = KindSweep.measure(probe, k);
            measured.accept(sweep);
            kinds.add(sweep);
        }
        kinds = List.copyOf(kinds);
        List<Head> driftHeads = driftHeads(kinds);
        List<LaterCells> later = new ArrayList<>();
        for (PromptStyle style : PromptStyle.forModel(model)) {
            for (String kind : LATER_KINDS) {
                later.add(LaterCells.measure(model, style, driftHeads, kind));
            }
        }
        return new AblationKindsEvidence(kinds, LogitAttribution.measure(probe), later);
    }

    public KindSweep kind(String id) {
        return kind(kinds, id);
    }

    public KindSweep kind(AblationKind.Id id) {
        return kind(kinds, id.text());
    }

    /** The zero-ablation sweep's top two: the notebook's drift heads. */
    public List<Head> driftHeads() {
        return driftHeads(kinds);
    }

    private static KindSweep kind(List<KindSweep> kinds, String id) {
        return kinds.stream().filter(k -> k.kind().id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no ablation kind " + id));
    }

    /** Also what {@link #measure} ablates in the later cells, before the record exists. */
    private static List<Head> driftHeads(List<KindSweep> kinds) {
        return kind(kinds, "zero").greedy();
    }

    /** The later cells in one style under mean or resample ablation. */
    public LaterCells later(String kind, PromptStyle style) {
        return later.stream().filter(l -> l.kind().equals(kind) && l.style() == style).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the later cells were measured under " + LATER_KINDS
                        + " in " + later.stream().map(l -> l.style().id()).distinct().toList() + ", not " + kind + " in "
                        + style.id()));
    }

    /**
     * Claim 15 under one kind: every single head and the drift pair of the kind's sweep, and every later cell's
     * ablation in the style, each against its own unablated rows.
     */
    public List<AblationEffect> effects(String kind, PromptStyle style) {
        KindSweep k = kind(kind);
        List<AblationEffect> out = new ArrayList<>();
        String p = kind + ".";
        k.sweep().results().forEach((h, r) -> out.add(AblationEffect.of(p + "sweep", List.of(h), k.sweep().baseline(), r)));
        KindSweep.Pair drift = k.pairs().stream().filter(x -> x.is(driftHeads())).findFirst().orElseThrow();
        out.add(AblationEffect.of(p + "top2", driftHeads(), k.sweep().baseline(), drift.result()));
        out.addAll(later(kind, style).effects());
        return List.copyOf(out);
    }
}
