package io.github.driftclaims.interp;

import io.github.driftclaims.model.HookPoint;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.HostTensor;
import java.util.List;

/**
 * Every layer's {@code hook_pattern} for one prompt, as the notebook's {@code cache['pattern', layer]}.
 *
 * @param pattern [layer][head][query][key]
 */
public record AttentionPatterns(String name, List<String> tokens, float[][][][] pattern) {

    public static AttentionPatterns of(HookedTransformer model, String name, int[] tokens, Hooks hooks) {
        int layers = model.config().nLayers();
        Hooks capture = hooks;
        for (int l = 0; l < layers; l++) {
            capture = capture.capturing(HookPoint.pattern(l));
        }
        HookedTransformer.Run run = model.run(new int[][] {tokens}, capture);
        float[][][][] out = new float[layers][][][];
        for (int l = 0; l < layers; l++) {
            out[l] = unflatten(run.activation(HookPoint.pattern(l)));
        }
        return new AttentionPatterns(name, model.tokenizer().toStrTokens(tokens), out);
    }

    private static float[][][] unflatten(HostTensor p) {
        int h = (int) p.shape()[1];
        int t = (int) p.shape()[2];
        float[][][] out = new float[h][t][t];
        for (int i = 0; i < h; i++) {
            for (int q = 0; q < t; q++) {
                System.arraycopy(p.data(), (i * t + q) * t, out[i][q], 0, t);
            }
        }
        return out;
    }

    /** Largest absolute difference between two captures of the same prompt, per layer. */
    public double[] maxAbsDiffPerLayer(AttentionPatterns other) {
        double[] out = new double[pattern.length];
        for (int l = 0; l < pattern.length; l++) {
            for (int h = 0; h < pattern[l].length; h++) {
                for (int q = 0; q < pattern[l][h].length; q++) {
                    for (int k = 0; k < pattern[l][h][q].length; k++) {
                        out[l] = Math.max(out[l], Math.abs(pattern[l][h][q][k] - other.pattern[l][h][q][k]));
                    }
                }
            }
        }
        return out;
    }

    /** Whether layer {@code l} is bit for bit the same in both captures. */
    public boolean bitIdentical(AttentionPatterns other, int l) {
        for (int h = 0; h < pattern[l].length; h++) {
            for (int q = 0; q < pattern[l][h].length; q++) {
                if (!java.util.Arrays.equals(pattern[l][h][q], other.pattern[l][h][q])) {
                    return false;
                }
            }
        }
        return true;
    }
}
