package io.github.driftclaims.interp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.ProjectFiles;
import io.github.driftclaims.model.HookedTransformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The notebook's later cells on one model in one prompt style, each against the main experiment's top
 * two heads zeroed at {@code hook_z}:
 * <ol>
 *   <li>the evidence sweep: for n_X = 0..10 of 10 draws, the file's 10 orderings each, P(X | {X,Y})
 *       baseline and ablated, mean and sample std per count, and the MAE of the means to the
 *       two-generator Bayes predictive;
 *   <li>the 4X/1Y drift: max - min over the 5 distinct orderings of four X and one Y;
 *   <li>the sanity check "ablation should change logits" on X Y X Y X Y;
 *   <li>real-time tracking of a hidden bias 0.75, seeded here (the notebook's draw was unseeded).
 * </ol>
 * Each cell runs all its orderings x {baseline, ablated} of one prompt length as one forward, with the
 * ablation as a per-row mask ({@link DriftProbe#evaluateAll}).
 *
 * <p>Under mean or resample ablation ({@code kind}, issue 15) the same cells run with the heads' z replaced as
 * {@link KindAblation} does, each prompt length against its own reference ({@link AblationKind#sameLength}: every
 * X/Y string of that length); {@link #ablationReference} names it.
 */
public record LaterCells(PromptStyle style, List<Head> ablated, String kind, EvidenceSweep evidence,
        DriftResult drift4x1Baseline, DriftResult drift4x1Ablated, Readout sanityBaseline, Readout sanityAblated,
        Tracking tracking) {

    /**
     * Where the notebook's orderings are recorded. Reading them (rather than re-implementing numpy's PCG64
     * shuffles) gives every model the notebook's exact 110 prompts. Relative to the project directory
     * ({@link ProjectFiles}), not to the working directory.
     */
    public static final Path REFERENCE = Path.of("fixtures", "attn-only-2l", "attn-only-2l-notebook-later-cells.json");
    public static final int SWEEP_DRAWS = 10;
    public static final String SANITY_SEQUENCE = "X Y X Y X Y";
    /** Tracking: streams of T draws from the hidden generator, seeded so that every run sees the same tokens. */
    public static final double HIDDEN_BIAS = 0.75;
    public static final int TRACKING_STEPS = 10;
    public static final int TRACKING_STREAMS = 4;
    public static final long TRACKING_SEED = 13;

    /** One count of the evidence sweep; {@code baseline} and {@code ablated} hold P(X|{X,Y}) per ordering. */
    public record Count(int nX, int n, double bayes, double freq, List<Double> baseline, List<Double> ablated) {

        public Count {
            baseline = List.copyOf(baseline);
            ablated = List.copyOf(ablated);
        }

        public double baselineMean() {
            return mean(baseline);
        }

        public double ablatedMean() {
            return mean(ablated);
        }

        /** Sample std (ddof = 1), as the notebook's pandas {@code std()}. */
        public double baselineStd() {
            return sampleStd(baseline);
        }

        public double ablatedStd() {
            return sampleStd(ablated);
        }
    }

    /** @param maeBaseline mean over counts of |mean P(X) - two-generator Bayes| */
    public record EvidenceSweep(List<Count> counts, double maeBaseline, double maeAblated) {

        static EvidenceSweep of(List<Count> counts) {
            double b = 0;
            double a = 0;
            for (Count c : counts) {
                b += Math.abs(c.baselineMean() - c.bayes());
                a += Math.abs(c.ablatedMean() - c.bayes());
            }
            return new EvidenceSweep(List.copyOf(counts), b / counts.size(), a / counts.size());
        }
    }

    /** One step of one stream: the prediction after the first t tokens. */
    public record Step(int stream, int t, String token, int nX, double bayes, double freq, double baseline,
            double ablated) {}

    /** @param maeBaseline mean over every step of every stream of |P(X) - two-generator Bayes| */
    public record Tracking(long seed, List<Step> steps, double maeBaseline, double maeAblated) {

        static Tracking of(long seed, List<Step> steps) {
            double b = steps.stream().mapToDouble(s -> Math.abs(s.baseline() - s.bayes())).average().orElseThrow();
            double a = steps.stream().mapToDouble(s -> Math.abs(s.ablated() - s.bayes())).average().orElseThrow();
            return new Tracking(seed, List.copyOf(steps), b, a);
        }

        /** The symbols a step's prediction was made after: its stream's tokens up to and including step t. */
        public List<String> prefix(Step step) {
            return steps.stream().filter(s -> s.stream() == step.stream() && s.t() <= step.t())
                    .sorted(java.util.Comparator.comparingInt(Step::t)).map(Step::token).toList();
        }
    }

    /** The notebook's cells: the heads zeroed. */
    public static LaterCells measure(HookedTransformer model, PromptStyle style, List<Head> ablated) {
        return measure(model, style, ablated, "zero");
    }

    /** @param kind "zero" (the notebook's), "mean" or "resample" ({@link AblationKind#IDS}) */
    public static LaterCells measure(HookedTransformer model, PromptStyle style, List<Head> ablated, String kind) {
        return measure(model, style, ablated, AblationKind.Id.of(kind)); // an unknown kind fails here, before any forward
    }

    /** The cells with the heads ablated under {@code kind}, each prompt length against its own reference. */
    public static LaterCells measure(HookedTransformer model, PromptStyle style, List<Head> ablated,
            AblationKind.Id kind) {
        List<List<Head>> settings = List.of(List.of(), List.copyOf(ablated));
        // The reference activations of each prompt length, computed once: the sweep and tracking step t = 10 share one.
        Map<AblationKind, float[][][]> refs = new HashMap<>();

        List<List<Stimulus>> byCount = sweepOrderings();
        List<Stimulus> flat = byCount.stream().flatMap(List::stream).toList();
        List<DriftResult> sweep = evaluate(new DriftProbe(model, flat, style), kind, settings, refs);
        List<Count> counts = new ArrayList<>();
        int row = 0;
        for (List<Stimulus> orderings : byCount) {
            List<Double> b = new ArrayList<>();
            List<Double> a = new ArrayList<>();
            for (int i = 0; i < orderings.size(); i++, row++) {
                b.add(sweep.get(0).rows().get(row).pXNorm());
                a.add(sweep.get(1).rows().get(row).pXNorm());
            }
            int nX = orderings.get(0).nX();
            int n = orderings.get(0).symbols().size();
            counts.add(new Count(nX, n, Baselines.twoGenerator(nX, n - nX), Baselines.frequentist(nX, n - nX), b, a));
        }

        List<DriftResult> d41 = evaluate(new DriftProbe(model, fourXOneY(), style), kind, settings, refs);
        List<DriftResult> sanity = evaluate(new DriftProbe(model, List.of(Stimulus.of("sanity", SANITY_SEQUENCE)), style),
                kind, settings, refs);
        return new LaterCells(style, List.copyOf(ablated), kind.text(), EvidenceSweep.of(counts), d41.get(0), d41.get(1),
                sanity.get(0).rows().get(0), sanity.get(1).rows().get(0), track(model, style, settings, kind, refs));
    }

    /**
     * Every setting on the probe's stimuli (all of one length) under the kind: zero through the probe's own masked
     * forward, exactly as before the kinds existed; mean and resample through {@link KindAblation} with the
     * length's reference.
     */
    static List<DriftResult> evaluate(DriftProbe probe, AblationKind.Id kind, List<List<Head>> settings,
            Map<AblationKind, float[][][]> refs) {
        if (kind == AblationKind.Id.ZERO) {
            return probe.evaluateAll(settings);
        }
        int length = probe.stimuli().get(0).symbols().size();
        for (Stimulus s : probe.stimuli()) {
            if (s.symbols().size() != length) {
                throw new IllegalArgumentException("one reference per prompt length: '" + s.spaced() + "' is not "
                        + length + " symbols");
            }
        }
        return KindAblation.prepare(probe, AblationKind.sameLength(kind, length), refs).evaluateAll(settings);
    }

    /** What the heads' z was replaced with, in words: the evidence sweep's reference, and how the others differ. */
    public String ablationReference() {
        String sweep = AblationKind.sameLength(kind, SWEEP_DRAWS).reference();
        return kind.equals("zero") ? sweep : sweep + " in the evidence sweep; each other cell against the strings of "
                + "its own prompt length";
    }

    /** What the ablation did in each cell, for claim 15. */
    public List<AblationEffect> effects() {
        // The zero kind's names are the notebook's cells' (the regression record keys on them).
        String p = "later." + style.id() + "." + (kind.equals("zero") ? "" : kind + ".");
        List<Double> b = new ArrayList<>();
        List<Double> a = new ArrayList<>();
        evidence.counts().forEach(c -> {
            b.addAll(c.baseline());
            a.addAll(c.ablated());
        });
        return List.of(AblationEffect.of(p + "evidence_sweep", ablated, b, a),
                AblationEffect.of(p + "drift_4x1y", ablated, drift4x1Baseline, drift4x1Ablated),
                AblationEffect.of(p + "sanity_check", ablated, List.of(sanityBaseline.pXNorm()),
                        List.of(sanityAblated.pXNorm())),
                AblationEffect.of(p + "tracking", ablated, tracking.steps().stream().map(Step::baseline).toList(),
                        tracking.steps().stream().map(Step::ablated).toList()));
    }

    /** The 5 distinct orderings of X X X X Y, Y first (the file's order). */
    public static List<Stimulus> fourXOneY() {
        List<Stimulus> out = new ArrayList<>();
        for (int y = 0; y < 5; y++) {
            List<String> seq = new ArrayList<>(java.util.Collections.nCopies(5, "X"));
            seq.set(y, "Y");
            out.add(new Stimulus("y" + (y + 1), seq));
        }
        return out;
    }

    /** The file's 110 orderings, by count n_X = 0..10, named {@code n3.o7}. */
    public static List<List<Stimulus>> sweepOrderings() {
        JsonObject o = reference().getAsJsonObject("evidence_sweep_orderings").getAsJsonObject("orderings");
        List<List<Stimulus>> out = new ArrayList<>();
        for (int nX = 0; nX <= SWEEP_DRAWS; nX++) {
            List<Stimulus> count = new ArrayList<>();
            int i = 0;
            for (JsonElement e : o.getAsJsonArray(String.valueOf(nX))) {
                Stimulus s = Stimulus.of("n" + nX + ".o" + i++, e.getAsString());
                if (s.nX() != nX || s.symbols().size() != SWEEP_DRAWS) {
                    throw new IllegalStateException(REFERENCE + ": ordering '" + e.getAsString() + "' listed under n_X = " + nX);
                }
                count.add(s);
            }
            out.add(List.copyOf(count));
        }
        return List.copyOf(out);
    }

    public static JsonObject reference() {
        try {
            return JsonParser.parseString(Files.readString(ProjectFiles.resolve(REFERENCE))).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the notebook's later cells (" + ProjectFiles.resolve(REFERENCE)
                    + "): " + e.getMessage() + "; the project's fixtures/ is incomplete (restore it from git)", e);
        }
    }

    /**
     * Streams of draws from the hidden generator. Prompt t holds a stream's first t tokens; every prompt of
     * one length, baseline and ablated, is one forward, so a run is T forwards of 2 x streams rows.
     */
    static Tracking track(HookedTransformer model, PromptStyle style, List<List<Head>> settings, AblationKind.Id kind,
            Map<AblationKind, float[][][]> refs) {
        SplittableRandom rng = new SplittableRandom(TRACKING_SEED);
        List<List<String>> streams = new ArrayList<>();
        for (int s = 0; s < TRACKING_STREAMS; s++) {
            List<String> draws = new ArrayList<>();
            for (int t = 0; t < TRACKING_STEPS; t++) {
                draws.add(rng.nextDouble() < HIDDEN_BIAS ? "X" : "Y");
            }
            streams.add(draws);
        }
        List<Step> steps = new ArrayList<>();
        for (int t = 1; t <= TRACKING_STEPS; t++) {
            List<Stimulus> prefixes = new ArrayList<>();
            for (int s = 0; s < streams.size(); s++) {
                prefixes.add(new Stimulus("s" + s + ".t" + t, streams.get(s).subList(0, t)));
            }
            List<DriftResult> r = evaluate(new DriftProbe(model, prefixes, style), kind, settings, refs);
            for (int s = 0; s < prefixes.size(); s++) {
                Stimulus p = prefixes.get(s);
                steps.add(new Step(s, t, streams.get(s).get(t - 1), p.nX(), Baselines.twoGenerator(p.nX(), p.nY()),
                        Baselines.frequentist(p.nX(), p.nY()), r.get(0).rows().get(s).pXNorm(),
                        r.get(1).rows().get(s).pXNorm()));
            }
        }
        return Tracking.of(TRACKING_SEED, steps);
    }

    static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    static double sampleStd(List<Double> v) {
        if (v.size() < 2) {
            return 0;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.size() - 1));
    }
}
