package io.github.driftclaims.martingale;

import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.interp.Readout;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.Unembed;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.util.MathArrays;

/**
 * A model's own continuations: each of the J paths is the observed z_{1:n} re-permuted, written as the
 * notebook's {@code Sequence: X Y ...} prompt (BOS prepended), and then m symbols sampled one at a time from
 * the model's renormalized two-token P(X | {X,Y}) = sigmoid(logit_X - logit_Y), each appended as the next
 * token. A stated deviation from the paper, which samples free text and parses it: here the sampler cannot
 * leave the X/Y alphabet.
 *
 * <p>All J paths are one batch: the prompts are prefilled once into a KV cache and every step computes only
 * the new position of all J rows, unembedding only W_U's X and Y columns. The hooks (a z-ablation) apply to
 * the prompt and to every step.
 */
public final class ModelSampler implements PathSampler {

    private final HookedTransformer model;
    private final Hooks hooks;
    private final int xId;
    private final int yId;

    public ModelSampler(HookedTransformer model, Hooks hooks) {
        this.model = model;
        this.hooks = hooks;
        this.xId = model.tokenizer().toSingleToken(" X");
        this.yId = model.tokenizer().toSingleToken(" Y");
    }

    /** Prompt tokens plus m - 1 fed-back samples (the last sample is drawn, never fed). */
    public int contextNeeded(int n, int m) {
        return prompt(new int[n]).length + m - 1;
    }

    @Override
    public int[][] sample(int[] observed, int paths, int steps, RandomGenerator rng) {
        int[][] prompts = new int[paths][];
        for (int j = 0; j < paths; j++) {
            int[] order = observed.clone();
            MathArrays.shuffle(order, rng);
            prompts[j] = prompt(order);
            if (prompts[j].length != prompts[0].length) {
                throw new IllegalStateException("the permutations of z_1:n tokenize to different lengths ("
                        + prompts[0].length + " and " + prompts[j].length + "): X and Y must be single tokens");
            }
        }
        int[][] out = new int[paths][steps];
        try (HookedTransformer.Decoding d = model.decode(prompts, hooks, Unembed.columns(xId, yId), steps - 1)) {
            float[][] logits = d.logits();
            for (int t = 0; t < steps; t++) {
                int[] next = new int[paths];
                for (int j = 0; j < paths; j++) {
                    double pX = Readout.pXGivenPair((double) logits[j][0] - logits[j][1]);
                    out[j][t] = rng.nextDouble() < pX ? 1 : 0;
                    next[j] = out[j][t] == 1 ? xId : yId;
                }
                if (t < steps - 1) {
                    logits = d.next(next);
                }
            }
        }
        return out;
    }

    private int[] prompt(int[] symbols) {
        List<String> s = new ArrayList<>(symbols.length);
        for (int v : symbols) {
            s.add(v == 1 ? "X" : "Y");
        }
        return model.tokenizer().tokensWithBos(PromptStyle.SEQUENCE.fill(s));
    }
}
