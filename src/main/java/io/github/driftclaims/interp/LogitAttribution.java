package io.github.driftclaims.interp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.github.driftclaims.model.HookPoint;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.HostTensor;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.Weights;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Direct logit attribution to logit_X - logit_Y at the last position, per stimulus, as TransformerLens's
 * {@code cache.stack_head_results(apply_ln=True)} @ (W_U[:, X] - W_U[:, Y]) computes it: the final residual stream is
 * a sum of components (embed, pos_embed, each head's z_h W_O[h], each layer's b_O), and the final LayerNorm is
 * linear in them once its scale is fixed at the value the forward pass had. So each component contributes
 * {@code (c - mean(c)) / scale * w . u} to the logit difference (u = W_U[:, X] - W_U[:, Y}), and those
 * contributions plus {@code b . u + b_U[X] - b_U[Y]} are the logit difference. On processed weights (fold_ln: the
 * final LayerNorm is LNPre, with no w or b) w is 1 and b is 0.
 *
 * @param stimuli the sequences' names, in order
 * @param heads every head, in (layer, head) order
 * @param perHead [stimulus][head] the head's contribution
 * @param directPath [stimulus] embed plus pos_embed's contribution
 * @param biases [stimulus] every b_O's contribution plus the final LayerNorm bias's and the unembed bias's
 * @param logitDiff [stimulus] the model's own logit_X - logit_Y (float32 forward)
 * @param scale [stimulus] the final LayerNorm's scale at the last position
 */
public record LogitAttribution(List<String> stimuli, List<Head> heads, double[][] perHead, double[] directPath,
        double[] biases, double[] logitDiff, double[] scale) {

    public static LogitAttribution measure(DriftProbe probe) {
        HookedTransformer model = probe.model();
        ModelConfig c = model.config();
        Weights w = model.weights();
        int n = probe.stimuli().size();
        int layers = c.nLayers();
        int h = c.nHeads();
        int e = c.dHead();
        int d = c.dModel();
        int[][] tokens = probe.allTokens();
        int t = tokens[0].length;
        String last = HookPoint.residPost(layers - 1);
        List<String> capture = new ArrayList<>(List.of(HookPoint.EMBED, HookPoint.POS_EMBED, last));
        for (int l = 0; l < layers; l++) {
            capture.add(HookPoint.z(l));
        }
        HookedTransformer.Run run = model.run(tokens, Hooks.none().capturing(capture.toArray(String[]::new)));

        double[] u = unembedDifference(w, probe.xId(), probe.yId(), d);
        double biasU = value(w.b_U(), probe.xId()) - value(w.b_U(), probe.yId());
        double lnBias = 0;
        if (!w.processed()) {
            float[] lnW = w.ln_final().w().toFloatArray();
            float[] lnB = w.ln_final().b().toFloatArray();
            for (int i = 0; i < d; i++) {
                lnBias += lnB[i] * u[i];
                u[i] *= lnW[i];
            }
        }
        float[][] wO = new float[layers][];
        float[][] bO = new float[layers][];
        for (int l = 0; l < layers; l++) {
            wO[l] = w.block(l).W_O().toFloatArray();                                 // [H, E, D]
            bO[l] = w.block(l).b_O().toFloatArray();
        }
        HostTensor embed = run.activation(HookPoint.EMBED);                                // [B, T, D]
        HostTensor pos = run.activation(HookPoint.POS_EMBED);                              // [T, D]
        HostTensor resid = run.activation(last);                                          // [B, T, D]

        List<Head> heads = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int k = 0; k < h; k++) {
                heads.add(new Head(l, k));
            }
        }
        double[][] perHead = new double[n][heads.size()];
        double[] direct = new double[n];
        double[] biases = new double[n];
        double[] diff = new double[n];
        double[] scales = new double[n];
        for (int s = 0; s < n; s++) {
            double scale = scale(slice(resid.data(), (s * t + t - 1) * d, d));
            scales[s] = scale;
            direct[s] = (dot(slice(embed.data(), (s * t + t - 1) * d, d), u)
                    + dot(slice(pos.data(), (t - 1) * d, d), u)) / scale;
            double b = biasU + lnBias;
            for (int l = 0; l < layers; l++) {
                b += dot(toDouble(bO[l]), u) / scale;
                float[] z = run.activation(HookPoint.z(l)).data();                        // [B, T, H, E]
                for (int k = 0; k < h; k++) {
                    double[] out = new double[d];
                    int zAt = ((s * t + t - 1) * h + k) * e;
                    for (int j = 0; j < e; j++) {
                        double zj = z[zAt + j];
                        int row = (k * e + j) * d;
                        for (int i = 0; i < d; i++) {
                            out[i] += zj * wO[l][row + i];
                        }
                    }
                    perHead[s][l * h + k] = dot(out, u) / scale;
                }
            }
            biases[s] = b;
            float[] logits = run.logitsLast()[s];
            diff[s] = (double) logits[probe.xId()] - logits[probe.yId()];
        }
        return new LogitAttribution(probe.stimuli().stream().map(Stimulus::name).toList(), List.copyOf(heads), perHead,
                direct, biases, diff, scales);
    }

    /** Head contributions + direct path + biases for stimulus {@code s}: the logit difference, if nothing is missing. */
    public double total(int s) {
        double sum = directPath[s] + biases[s];
        for (double v : perHead[s]) {
            sum += v;
        }
        return sum;
    }

    /** Per head, max - min of its contribution over the stimuli. */
    public double spread(int head) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double[] row : perHead) {
            max = Math.max(max, row[head]);
            min = Math.min(min, row[head]);
        }
        return max - min;
    }

    /** Head indices, largest spread first (ties by head). */
    public List<Integer> bySpread() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -spread(i)).thenComparing(i -> heads.get(i)));
        return order;
    }

    /** u = W_U[:, x] - W_U[:, y], read as two columns (W_U is d_model x d_vocab: 99 MB on attn-only-2l). */
    private static double[] unembedDifference(Weights w, int x, int y, int d) {
        NDArray wU = w.W_U();
        try (NDArray cx = wU.get(new NDIndex(":, {}", x)); NDArray cy = wU.get(new NDIndex(":, {}", y))) {
            float[] fx = cx.toFloatArray();
            float[] fy = cy.toFloatArray();
            double[] u = new double[d];
            for (int i = 0; i < d; i++) {
                u[i] = (double) fx[i] - fy[i];
            }
            return u;
        }
    }

    private static double value(NDArray vector, int i) {
        try (NDArray v = vector.get(i)) {
            return v.getFloat();
        }
    }

    /** sqrt(mean((x - mean x)^2) + eps): what the final LayerNorm divides by (LN_EPS as in the forward pass). */
    static double scale(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        return Math.sqrt(var / x.length + ModelConfig.LN_EPS);
    }

    /** (x - mean x) . u: LayerNorm centres every component before scaling it. */
    static double dot(double[] x, double[] u) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += (x[i] - mean) * u[i];
        }
        return sum;
    }

    private static double[] slice(float[] a, int from, int len) {
        double[] out = new double[len];
        for (int i = 0; i < len; i++) {
            out[i] = a[from + i];
        }
        return out;
    }

    private static double[] toDouble(float[] a) {
        return slice(a, 0, a.length);
    }
}
