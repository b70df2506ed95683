package io.github.driftclaims.interp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.driftclaims.model.HookPoint;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.Unembed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Path patching (Wang et al., IOI, 2022) between two orderings with equal counts: which composition carries the drift.
 * The clumped (corrupt) prompt is run with one path from one sender head taken from the patterned (clean) run, every
 * other head and path at its clumped value:
 *
 * <ul>
 *   <li>sender s into receiver r's query, key or value: r's {@code hook_q_input} (or k, v) becomes the clumped
 *       residual with s's output swapped for its patterned value, resid - out_s(clumped) + out_s(patterned), and ln1
 *       normalises that as the model does (the hook lies before ln1), so r reads exactly what it would if only s had
 *       changed; every other head reads the clumped residual. Senders are the heads of every earlier layer.</li>
 *   <li>s straight to the logits: the last layer's {@code hook_resid_post} with the same swap, so the change enters
 *       only the final LayerNorm and the unembedding, not any later head.</li>
 * </ul>
 *
 * <p>out_s = z_s W_O[s] at every position (b_O is shared by the runs and cancels). Metric as {@link ActivationPatching}'s
 * denoising: (LD_patched - LD_clumped) / (LD_patterned - LD_clumped), LD = logit_X - logit_Y at the last position, 0 no
 * effect, 1 the whole gap. One forward per receiver layer and input plus one for the direct paths, each path a row of
 * the batch (row 0 unpatched).
 *
 * @param clean the sender's source run (patterned)
 * @param corrupt the run patched (clumped)
 * @param ldClean the patterned run's logit difference
 * @param ldCorrupt the clumped run's logit difference (an unpatched row of the same batches)
 * @param paths every path, receiver paths per receiver layer in the order q, k, v, sender-major, then the direct paths
 */
public record PathPatching(Stimulus clean, Stimulus corrupt, double ldClean, double ldCorrupt, List<PathPatch> paths) {

    public PathPatching {
        paths = List.copyOf(paths);
    }

    /** Where the sender's output is let in: one of the receiver's three inputs, or the unembedding. */
    public enum Input {
        Q(HookPoint::qInput),
        K(HookPoint::kInput),
        V(HookPoint::vInput),
        /** The sender's direct path to the logits. */
        DIRECT(null);

        private final IntFunction<String> hook;

        Input(IntFunction<String> hook) {
            this.hook = hook;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The receiver-layer hook this input is patched at (for DIRECT, the last layer's resid_post). */
        public String hook(ModelConfig c, int receiverLayer) {
            return this == DIRECT ? HookPoint.residPost(c.nLayers() - 1) : hook.apply(receiverLayer);
        }

        public static final List<Input> RECEIVER = List.of(Q, K, V);
    }

    /**
     * One patched path.
     *
     * @param receiver the head whose input is patched; null for {@link Input#DIRECT}
     * @param ldPatched the clumped run's logit difference with this path patched
     * @param reach what the patch changes first, against the unpatched row: the receiver's hook_z, largest absolute
     *     change over positions and d_head, over the layer's largest |hook_z| in the unpatched row (for a direct path,
     *     |LD_patched - LD_clumped|). A live hook moves it far above float noise even where the logits barely move (a
     *     weak composition)
     * @param leak the same relative change of any other head's hook_z in the receiver's layer: 0 up to rounding, as
     *     they read the clumped residual (0 for a direct path)
     */
    public record PathPatch(Head sender, Head receiver, Input input, String hook, double ldCorrupt, double ldClean,
            double ldPatched, double reach, double leak) {

        public String label() {
            return sender + " -> " + (receiver == null ? "logits" : receiver + " " + input.id());
        }

        /** (LD_patched - LD_clumped) / (LD_patterned - LD_clumped); NaN when the two runs do not differ. */
        public double normalised() {
            double gap = ldClean - ldCorrupt;
            return gap == 0 ? Double.NaN : (ldPatched - ldCorrupt) / gap;
        }
    }

    /** Patterned (source) against clumped (run), the notebook's first two orderings, as activation patching uses. */
    public static PathPatching measure(HookedTransformer model) {
        return measure(model, Stimulus.NOTEBOOK.get(0), Stimulus.NOTEBOOK.get(1));
    }

    public static PathPatching measure(HookedTransformer model, Stimulus clean, Stimulus corrupt) {
        if (clean.nX() != corrupt.nX() || clean.nY() != corrupt.nY()) {
            throw new IllegalArgumentException("path patching compares orderings with equal counts; " + clean.name()
                    + " and " + corrupt.name() + " differ in counts");
        }
        ModelConfig c = model.config();
        if (c.nLayers() < 2) {
            throw new IllegalArgumentException("path patching needs a sender and a receiver layer; the model has "
                    + c.nLayers());
        }
        DriftProbe probe = new DriftProbe(model, List.of(clean, corrupt));
        int[] source = probe.tokens(0);
        int[] base = probe.tokens(1);
        if (source.length != base.length) {
            throw new IllegalArgumentException(clean.name() + " and " + corrupt.name() + " tokenize to different lengths");
        }
        Unembed xy = Unembed.columns(probe.xId(), probe.yId());
        String[] zs = new String[c.nLayers()];
        for (int l = 0; l < c.nLayers(); l++) {
            zs[l] = HookPoint.z(l);
        }
        HookedTransformer.Run src = model.run(new int[][] {source}, Hooks.none().capturing(zs), xy);
        HookedTransformer.Run run = model.run(new int[][] {base}, Hooks.none().capturing(zs), xy);
        double ldClean = ld(src.logitsLast()[0]);

        // Every head's change of output, out_s(patterned) - out_s(clumped), [T, D] each: what each path adds.
        int t = base.length;
        List<Head> heads = new ArrayList<>();
        List<float[]> deltas = new ArrayList<>();
        for (int l = 0; l < c.nLayers(); l++) {
            float[] wO = model.weights().block(l).W_O().toFloatArray();                  // [H, E, D]
            float[] zp = src.activation(zs[l]).data();                                         // [1, T, H, E]
            float[] zc = run.activation(zs[l]).data();
            for (int h = 0; h < c.nHeads(); h++) {
                heads.add(new Head(l, h));
                deltas.add(outputChange(c, wO, zp, zc, h, t));
            }
        }

        List<PathPatch> out = new ArrayList<>();
        double ldCorrupt = Double.NaN;
        for (int lr = 1; lr < c.nLayers(); lr++) {
            int senders = lr * c.nHeads();
            for (Input in : Input.RECEIVER) {
                // Rows: none, then each sender x receiver; a row's delta goes to its receiver's copy only.
                int rows = 1 + senders * c.nHeads();
                float[] delta = new float[rows * t * c.dModel()];
                float[] mask = new float[rows * c.nHeads()];
                for (int s = 0; s < senders; s++) {
                    for (int r = 0; r < c.nHeads(); r++) {
                        int row = 1 + s * c.nHeads() + r;
                        System.arraycopy(deltas.get(s), 0, delta, row * t * c.dModel(), t * c.dModel());
                        mask[row * c.nHeads() + r] = 1f;
                    }
                }
                String hook = in.hook(c, lr);
                HookedTransformer.Run patched = patchedRows(model, base, rows, hook, xy, a -> {
                    NDManager m = a.getManager();
                    return a.add(m.create(delta, new Shape(rows, t, 1, c.dModel()))
                            .mul(m.create(mask, new Shape(rows, 1, c.nHeads(), 1))));
                }, HookPoint.z(lr));
                float[][] logits = patched.logitsLast();
                float[] z = patched.activation(HookPoint.z(lr)).data();                    // [rows, T, H, E]
                ldCorrupt = ld(logits[0]);
                double scale = 0;
                for (int i = 0; i < z.length / rows; i++) {
                    scale = Math.max(scale, Math.abs(z[i]));
                }
                for (int s = 0; s < senders; s++) {
                    for (int r = 0; r < c.nHeads(); r++) {
                        int row = 1 + s * c.nHeads() + r;
                        double reach = 0;
                        double leak = 0;
                        for (int h = 0; h < c.nHeads(); h++) {
                            double change = headChange(c, z, row, h, t) / scale;
                            if (h == r) {
                                reach = change;
                            } else {
                                leak = Math.max(leak, change);
                            }
                        }
                        out.add(new PathPatch(heads.get(s), new Head(lr, r), in, hook, ld(logits[0]), ldClean,
                                ld(logits[row]), reach, leak));
                    }
                }
            }
        }
        int rows = 1 + heads.size();
        float[] delta = new float[rows * t * c.dModel()];
        for (int s = 0; s < heads.size(); s++) {
            System.arraycopy(deltas.get(s), 0, delta, (1 + s) * t * c.dModel(), t * c.dModel());
        }
        String hook = Input.DIRECT.hook(c, c.nLayers() - 1);
        float[][] logits = patchedRows(model, base, rows, hook, xy,
                a -> a.add(a.getManager().create(delta, new Shape(rows, t, c.dModel())))).logitsLast();
        for (int s = 0; s < heads.size(); s++) {
            out.add(new PathPatch(heads.get(s), null, Input.DIRECT, hook, ld(logits[0]), ldClean, ld(logits[1 + s]),
                    Math.abs(ld(logits[1 + s]) - ld(logits[0])), 0));
        }
        return new PathPatching(clean, corrupt, ldClean, ldCorrupt, out);
    }

    /** The receiver paths into one input of one layer's heads, sender-major. */
    public List<PathPatch> paths(Input in, int receiverLayer) {
        return paths.stream().filter(p -> p.input() == in && (p.receiver() == null || p.receiver().layer() == receiverLayer))
                .toList();
    }

    /** Each head's direct path to the logits, in head order. */
    public List<PathPatch> direct() {
        return paths.stream().filter(p -> p.input() == Input.DIRECT).toList();
    }

    /** The path from {@code sender} into {@code receiver}'s input {@code in}. */
    public PathPatch path(Head sender, Head receiver, Input in) {
        return paths.stream().filter(p -> p.input() == in && p.sender().equals(sender)
                && java.util.Objects.equals(p.receiver(), receiver)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no path " + sender + " -> " + receiver + " " + in.id()));
    }

    /** (z_s(patterned) - z_s(clumped)) W_O[s] at every position, [T, D], summed in double. */
    private static float[] outputChange(ModelConfig c, float[] wO, float[] zp, float[] zc, int h, int t) {
        int e = c.dHead();
        int d = c.dModel();
        float[] out = new float[t * d];
        double[] acc = new double[d];
        for (int pos = 0; pos < t; pos++) {
            Arrays.fill(acc, 0);
            for (int i = 0; i < e; i++) {
                int zi = (pos * c.nHeads() + h) * e + i;
                double dz = (double) zp[zi] - zc[zi];
                int wi = (h * e + i) * d;
                for (int j = 0; j < d; j++) {
                    acc[j] += dz * wO[wi + j];
                }
            }
            for (int j = 0; j < d; j++) {
                out[pos * d + j] = (float) acc[j];
            }
        }
        return out;
    }

    /** The largest |z[row, :, h, :] - z[0, :, h, :]|: how far one row's head output moved from the unpatched row's. */
    private static double headChange(ModelConfig c, float[] z, int row, int h, int t) {
        int e = c.dHead();
        int perRow = t * c.nHeads() * e;
        double worst = 0;
        for (int pos = 0; pos < t; pos++) {
            for (int i = 0; i < e; i++) {
                int at = (pos * c.nHeads() + h) * e + i;
                worst = Math.max(worst, Math.abs((double) z[row * perRow + at] - z[at]));
            }
        }
        return worst;
    }

    /** The clumped prompt as {@code rows} rows, {@code hook} replaced by {@code patch}; logit_X and logit_Y per row. */
    private static HookedTransformer.Run patchedRows(HookedTransformer model, int[] base, int rows, String hook,
            Unembed xy, java.util.function.UnaryOperator<NDArray> patch, String... captures) {
        int[][] batch = new int[rows][];
        Arrays.fill(batch, base);
        return model.run(batch, Hooks.none().replacing(hook, patch).capturing(captures), xy);
    }

    private static double ld(float[] xy) {
        return (double) xy[0] - xy[1];
    }
}
