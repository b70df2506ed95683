package io.github.driftclaims.interp;

import io.github.driftclaims.model.HookedTransformer;
import java.util.List;
import java.util.Map;

/**
 * Everything the verdicts rest on for one model, measured once: the notebook's workload (baseline,
 * patterns, sweep, top two), the top three (the notebook's "increase if drift remains"), drift over
 * all 20 orderings of XXXYYY, TransformerLens head scores on the model's recorded pool, the attention
 * stripes on the notebook's prompts (shown and recorded) and on repeated sequences of the pool's letters (claim 5's,
 * {@link RepeatedSequences}), the composition check on the top two, and what each head's
 * ablation does to the patterns, and the notebook's later cells in each prompt style the model's vocabulary
 * covers ({@link PromptStyle#forModel}), ablating the same top two. The claims, the CLI, the regression record and the trainer's summary
 * all read this one measurement.
 */
public record CircuitEvidence(NotebookRun run, AblationSweep.TopK top3, ScorePool pool, HeadScores scores,
        OrderingsDrift orderings, AttentionStripes stripes, AttentionStripes repeats, Composition composition,
        PatternInvariance invariance, List<LaterCells> later, OrderingResamples.Triples triples) {

    /** TransformerLens's usual induction-score set-up, scaled to the toy models' context: r of 20 tokens, 32 rows. */
    public static final int SCORE_LENGTH = 20;
    public static final int SCORE_BATCH = 32;
    public static final long SCORE_SEED = 1234;

    public static CircuitEvidence measure(HookedTransformer model) {
        return measure(model, NotebookRun.NOTEBOOK_TOP_K, List.of());
    }

    /** With the CLI's choices: the top K to ablate, and heads the user asked for. */
    public static CircuitEvidence measure(HookedTransformer model, int topK, List<Head> extra) {
        NotebookRun run = NotebookRun.of(model, topK, extra);
        DriftProbe probe = new DriftProbe(model, Stimulus.NOTEBOOK);
        AblationSweep.TopK top3 = run.sweep().ablateTop(probe, 3);
        ScorePool pool = ScorePool.of(model);
        HeadScores scores = HeadScores.measure(model, pool.ids(), scoreLength(model), SCORE_BATCH, SCORE_SEED);
        // The 20 orderings at baseline and with the sweep's top one, two and three ablated: claims 4, 6, 7 and 8's
        // deciding numbers on every other triple of orderings (their sampling spread, QUALITY.md "Margins").
        List<DriftResult> twenty = new DriftProbe(model, Stimulus.allOrderingsOf3X3Y()).evaluateAll(List.of(List.of(),
                run.sweep().topHeads(1), run.sweep().topHeads(2), run.sweep().topHeads(3)));
        OrderingResamples.Triples triples = OrderingResamples.Triples.of(twenty.get(0), twenty.get(1), twenty.get(2),
                twenty.get(3));
        // Claim 28 reads the same batch: the 20 orderings as the model is and with the sweep's top two ablated.
        OrderingsDrift orderings = new OrderingsDrift(run.sweep().topHeads(2), twenty.get(0), twenty.get(2));
        AttentionStripes stripes = AttentionStripes.of(run.patterns(), Stimulus.NOTEBOOK.get(0).symbols().size());
        AttentionStripes repeats = RepeatedSequences.stripes(model, pool);
        Composition composition = Composition.measure(model, run.topK().heads(), pool, scores);
        PatternInvariance invariance = PatternInvariance.measure(model, probe, run.patterns());
        List<LaterCells> later = PromptStyle.forModel(model).stream()
                .map(style -> LaterCells.measure(model, style, run.topK().heads())).toList();
        return new CircuitEvidence(run, top3, pool, scores, orderings, stripes, repeats, composition, invariance, later,
                triples);
    }

    /** The 20 orderings of 3X/3Y as the model is. */
    public DriftResult allOrderings() {
        return orderings.baseline();
    }

    /** The later cells in one prompt style; the style must be one {@link PromptStyle#forModel} gave this model. */
    public LaterCells later(PromptStyle style) {
        return later.stream().filter(l -> l.style() == style).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "the later cells were measured in " + later.stream().map(l -> l.style().id()).toList() + ", not "
                        + style.id()));
    }

    /** Every ablation the claims rest on and what it changed (claim 15). */
    public List<AblationEffect> ablationEffects() {
        return AblationEffect.of(this);
    }

    /** BOS + r + r must fit the context: 20, or less on a model whose n_ctx is under 41. */
    public static int scoreLength(HookedTransformer model) {
        return Math.min(SCORE_LENGTH, (model.config().nCtx() - 1) / 2);
    }

    /** Every number, by name, for the regression gate. */
    public Map<String, Double> numbers() {
        return ClaimNumbers.of(this);
    }
}
