package io.github.driftclaims.interp;

import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.SharedRows;
import io.github.driftclaims.model.Unembed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads P(X | {X,Y}) off a model for a set of stimuli, with or without ablated heads.
 *
 * <p>Two paths give the same numbers: {@link #evaluate(Hooks)} runs one forward per sequence, as the
 * notebook does, and is the reference; {@link #evaluateAll} runs many ablation settings as one batch
 * with a per-row head mask on {@code hook_z}.
 */
public final class DriftProbe {

    private final HookedTransformer model;
    private final List<Stimulus> stimuli;
    private final int xId;
    private final int yId;
    private final int[][] tokens;
    private final PromptStyle style;

    public DriftProbe(HookedTransformer model, List<Stimulus> stimuli) {
        this(model, stimuli, PromptStyle.SEQUENCE);
    }

    /** The stimuli written in another prompt style (the later cells' "toy" and "minimal" templates). */
    public DriftProbe(HookedTransformer model, List<Stimulus> stimuli, PromptStyle style) {
        this.model = model;
        this.style = style;
        this.stimuli = List.copyOf(stimuli);
        this.xId = model.tokenizer().toSingleToken(" X");
        this.yId = model.tokenizer().toSingleToken(" Y");
        this.tokens = new int[stimuli.size()][];
        for (int i = 0; i < stimuli.size(); i++) {
            tokens[i] = model.tokenizer().tokensWithBos(style.fill(stimuli.get(i).symbols()));
        }
    }

    /** Other stimuli on the same model, written in the same prompt style (an ablation kind's reference prompts). */
    public DriftProbe with(List<Stimulus> others) {
        return new DriftProbe(model, others, style);
    }

    public HookedTransformer model() {
        return model;
    }

    public List<Stimulus> stimuli() {
        return stimuli;
    }

    public int xId() {
        return xId;
    }

    public int yId() {
        return yId;
    }

    public int[] tokens(int i) {
        return tokens[i].clone();
    }

    /** Every prompt's tokens, BOS first, in the order of {@link #stimuli()}: copies, the caller's to keep. */
    public int[][] allTokens() {
        int[][] copy = new int[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            copy[i] = tokens[i].clone();
        }
        return copy;
    }

    public DriftResult evaluate() {
        return evaluate(Hooks.none());
    }

    public DriftResult evaluate(Collection<Head> ablated) {
        return evaluate(Ablation.zeroHeads(model.config(), ablated));
    }

    /** One forward per sequence, exactly the notebook's loop. */
    public DriftResult evaluate(Hooks hooks) {
        List<Readout> rows = new ArrayList<>();
        for (int i = 0; i < stimuli.size(); i++) {
            float[] last = model.run(new int[][] {tokens[i]}, hooks).logitsLast()[0];
            rows.add(Readout.of(stimuli.get(i), last, xId, yId));
        }
        return DriftResult.of(rows);
    }

    /**
     * Every ablation setting times every stimulus, batched with a per-row head mask on {@code hook_z}. The
     * stimuli must tokenize to equal lengths (the notebook's do: 9 tokens each). Settings that ablate
     * nothing are the baselines, whose p_X_raw the claims report: they get the full unembedding; every
     * ablated setting needs only P(X | {X,Y}), so its rows unembed the two columns X and Y of W_U
     * ({@link Readout#ofPair}). Each group is one forward.
     */
    public List<DriftResult> evaluateAll(List<? extends Collection<Head>> ablations) {
        List<Integer> baselines = new ArrayList<>();
        List<Integer> ablated = new ArrayList<>();
        for (int a = 0; a < ablations.size(); a++) {
            (ablations.get(a).isEmpty() ? baselines : ablated).add(a);
        }
        DriftResult[] out = new DriftResult[ablations.size()];
        evaluateGroup(ablations, baselines, Unembed.FULL, out);
        evaluateGroup(ablations, ablated, Unembed.columns(xId, yId), out);
        return List.of(out);
    }

    /** {@link #evaluateAll} with one readout for every setting: the full vocabulary, or only X and Y. */
    public List<DriftResult> evaluateAll(List<? extends Collection<Head>> ablations, Unembed unembed) {
        List<Integer> all = new ArrayList<>();
        for (int a = 0; a < ablations.size(); a++) {
            all.add(a);
        }
        DriftResult[] out = new DriftResult[ablations.size()];
        evaluateGroup(ablations, all, unembed, out);
        return List.of(out);
    }

    /** The settings at {@code which}, times every stimulus, as one forward; results into {@code out}. */
    private void evaluateGroup(List<? extends Collection<Head>> ablations, List<Integer> which, Unembed unembed,
            DriftResult[] out) {
        if (which.isEmpty()) {
            return;
        }
        ModelConfig c = model.config();
        int n = stimuli.size();
        int rows = which.size() * n;
        int[][] batch = new int[rows][];
        float[][][] keep = new float[rows][][];
        for (int g = 0; g < which.size(); g++) {
            for (int s = 0; s < n; s++) {
                int r = g * n + s;
                batch[r] = tokens[s];
                keep[r] = Ablation.keep(c, ablations.get(which.get(g)));
            }
        }
        // Each layer once per distinct input (SharedRows): the rows of a sweep share most of their forward.
        float[][] logits = model.runShared(SharedRows.plan(c, batch, keep), unembed);
        for (int g = 0; g < which.size(); g++) {
            List<Readout> readouts = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                float[] row = logits[g * n + s];
                readouts.add(unembed.full() ? Readout.of(stimuli.get(s), row, xId, yId)
                        : Readout.ofPair(stimuli.get(s), row[0], row[1]));
            }
            out[which.get(g)] = DriftResult.of(readouts);
        }
    }
}
