package io.github.driftclaims.interp;

import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.ModelConfig;
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
     * Every ablation setting times every stimulus in one forward pass. The stimuli must tokenize to
     * equal lengths (the notebook's do: 9 tokens each).
     */
    public List<DriftResult> evaluateAll(List<? extends Collection<Head>> ablations) {
        ModelConfig c = model.config();
        int n = stimuli.size();
        int rows = ablations.size() * n;
        int[][] batch = new int[rows][];
        float[][][] keep = new float[rows][c.nLayers()][c.nHeads()];
        for (int a = 0; a < ablations.size(); a++) {
            for (int s = 0; s < n; s++) {
                int r = a * n + s;
                batch[r] = tokens[s];
                for (float[] layer : keep[r]) {
                    java.util.Arrays.fill(layer, 1f);
                }
                for (Head h : ablations.get(a)) {
                    Ablation.check(c, h);
                    keep[r][h.layer()][h.head()] = 0f;
                }
            }
        }
        float[][] logits = model.run(batch, Ablation.zeroHeadsPerRow(c, keep)).logitsLast();
        List<DriftResult> out = new ArrayList<>();
        for (int a = 0; a < ablations.size(); a++) {
            List<Readout> readouts = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                readouts.add(Readout.of(stimuli.get(s), logits[a * n + s], xId, yId));
            }
            out.add(DriftResult.of(readouts));
        }
        return out;
    }
}
