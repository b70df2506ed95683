package io.github.driftclaims.interp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.driftclaims.interp.PathPatching.Input;
import io.github.driftclaims.model.HookPoint;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.HostTensor;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.Unembed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The head graph of an attention-only model and its edges mean-ablated one by one (issue 28's circuit discovery).
 * Nodes: the embeddings (token plus position, {@code hook_resid_pre} of layer 0), every head (its {@code hook_z}
 * times its W_O) and the logits. Edges: every earlier node into each head's query, key and value input separately
 * (the head's {@code hook_q_input}, _k_, _v_, before ln1, as {@link PathPatching}'s receivers), and every head and the
 * embeddings straight into the logits (the last layer's {@code hook_resid_post}, which only ln_final and the
 * unembedding read). In an attention-only model the residual stream is the sum of these contributions and the b_O
 * biases, so these are all the paths there are.
 *
 * <p>Removing an edge replaces the sender's contribution <em>where that receiver reads it</em> with the sender's
 * per-position mean over the 20 orderings of 3X/3Y (the mean-ablation reference of claims 17-22 and of
 * {@link Sufficiency}): receiver input - out_s(this run) + out_s(mean), out_s = z_s W_O[s] (the embeddings: their own
 * value against their mean). Every other receiver reads the sender as it is. A head's "this run" output is the output
 * it has in the same forward, with its own inputs already patched: the edges compose as in Conmy et al.'s ACDC.
 *
 * <p>Each setting (a set of removed edges) times the 20 orderings is a row of a batched forward; the rows read only
 * logit_X and logit_Y.
 */
public final class EdgeAblation {

    /** A forward's per-head inputs, [rows, T, H, D] per hooked input, stay under about 16 MB each. */
    static final long MAX_CELLS_PER_FORWARD = 4_000_000;

    /**
     * One edge of the head graph.
     *
     * @param sender the head whose output is sent; null for the embeddings
     * @param receiver the head whose input reads it; null for the logits
     * @param input which input of the receiver: q, k or v; {@link Input#DIRECT} for the logits
     */
    public record Edge(Head sender, Head receiver, Input input) {

        public Edge {
            if ((receiver == null) != (input == Input.DIRECT)) {
                throw new IllegalArgumentException("an edge into the logits is DIRECT and only such an edge is: "
                        + receiver + " " + input);
            }
            if (sender != null && receiver != null && sender.layer() >= receiver.layer()) {
                throw new IllegalArgumentException("an edge runs from an earlier layer into a later one: " + sender
                        + " -> " + receiver);
            }
        }

        /** "embed -> L1H0 k", "L0H1 -> logits". */
        public String label() {
            return (sender == null ? "embed" : sender.toString()) + " -> "
                    + (receiver == null ? "logits" : receiver + " " + input.id());
        }

        @Override
        public String toString() {
            return label();
        }
    }

    private final DriftProbe probe;
    private final List<Edge> edges;
    /** Every head's mean z over the orderings, per layer as [T, H, E] row-major. */
    private final float[][] meanZ;
    /** Per ordering, the embeddings' mean minus its own embeddings: [N, T, D] row-major. */
    private final float[] embedToMean;
    private final DriftResult full;

    private EdgeAblation(DriftProbe probe, List<Edge> edges, float[][] meanZ, float[] embedToMean, DriftResult full) {
        this.probe = probe;
        this.edges = List.copyOf(edges);
        this.meanZ = meanZ;
        this.embedToMean = embedToMean;
        this.full = full;
    }

    /** The 20 orderings of 3X/3Y: one clean forward for the means and the full model's readouts. */
    public static EdgeAblation prepare(HookedTransformer model) {
        ModelConfig c = model.config();
        DriftProbe probe = new DriftProbe(model, Stimulus.allOrderingsOf3X3Y());
        int n = probe.stimuli().size();
        int[][] tokens = probe.allTokens();
        String[] names = new String[c.nLayers() + 1];
        names[0] = HookPoint.residPre(0);
        for (int l = 0; l < c.nLayers(); l++) {
            names[l + 1] = HookPoint.z(l);
        }
        HookedTransformer.Run run = model.run(tokens, Hooks.none().capturing(names), Unembed.columns(probe.xId(),
                probe.yId()));
        float[][] meanZ = new float[c.nLayers()][];
        for (int l = 0; l < c.nLayers(); l++) {
            meanZ[l] = meanOverRows(run.activation(HookPoint.z(l)), n);
        }
        float[] embed = run.activation(HookPoint.residPre(0)).data();
        float[] mean = meanOverRows(run.activation(HookPoint.residPre(0)), n);
        float[] toMean = new float[embed.length];
        for (int i = 0; i < embed.length; i++) {
            toMean[i] = mean[i % mean.length] - embed[i];
        }
        // The full model as the drift claims read it: the plain forward, no per-head input copies.
        DriftResult full = probe.evaluateAll(List.of(List.<Head>of()), Unembed.columns(probe.xId(), probe.yId())).get(0);
        return new EdgeAblation(probe, edges(c), meanZ, toMean, full);
    }

    private static float[] meanOverRows(HostTensor a, int rows) {
        float[] d = a.data();
        int per = d.length / rows;
        double[] sum = new double[per];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < per; i++) {
                sum[i] += d[r * per + i];
            }
        }
        float[] out = new float[per];
        for (int i = 0; i < per; i++) {
            out[i] = (float) (sum[i] / rows);
        }
        return out;
    }

    /**
     * Every edge, in the order ACDC visits them: receivers from the logits backwards (the logits, then the last
     * layer's heads, head by head, q, k, v, then the layer before, ...), and within a receiver its senders from the
     * latest layer back to the embeddings, heads in index order.
     */
    public static List<Edge> edges(ModelConfig c) {
        List<Edge> out = new ArrayList<>();
        out.addAll(into(null, Input.DIRECT, c.nLayers(), c));
        for (int l = c.nLayers() - 1; l >= 0; l--) {
            for (int h = 0; h < c.nHeads(); h++) {
                for (Input in : Input.RECEIVER) {
                    out.addAll(into(new Head(l, h), in, l, c));
                }
            }
        }
        return out;
    }

    /** The edges into one receiver input, senders latest layer first, the embeddings last. */
    private static List<Edge> into(Head receiver, Input in, int receiverLayer, ModelConfig c) {
        List<Edge> out = new ArrayList<>();
        for (int l = receiverLayer - 1; l >= 0; l--) {
            for (int h = 0; h < c.nHeads(); h++) {
                out.add(new Edge(new Head(l, h), receiver, in));
            }
        }
        out.add(new Edge(null, receiver, in));
        return out;
    }

    public List<Edge> edges() {
        return edges;
    }

    public DriftProbe probe() {
        return probe;
    }

    /** The 20 orderings as the model is (the plain forward). */
    public DriftResult full() {
        return full;
    }

    /** The settings' readouts over the orderings, one per set of removed edges. */
    public List<DriftResult> evaluateAll(List<? extends Collection<Edge>> settings) {
        return forward(settings, false).results();
    }

    /**
     * Each edge removed alone: how far its receiver moves. For an edge into a head, the largest |change| of the
     * receiver's hook_z over the orderings, positions and d_head, over the layer's largest |hook_z| with nothing
     * removed; for an edge into the logits, the largest |change| of logit_X - logit_Y. A hook that did not apply
     * leaves 0 (a broken hook would otherwise pass for an unnecessary edge).
     */
    public double[] reach(List<Edge> which) {
        List<Collection<Edge>> settings = new ArrayList<>();
        settings.add(Set.of());
        which.forEach(e -> settings.add(Set.of(e)));
        Forward f = forward(settings, true);
        ModelConfig c = probe.model().config();
        int n = probe.stimuli().size();
        int t = probe.tokens(0).length;
        int e = c.dHead();
        int perRow = t * c.nHeads() * e;
        double[] out = new double[which.size()];
        for (int i = 0; i < which.size(); i++) {
            Edge edge = which.get(i);
            double worst = 0;
            if (edge.receiver() == null) {
                for (int s = 0; s < n; s++) {
                    worst = Math.max(worst, Math.abs(f.results().get(1 + i).rows().get(s).logitDiff()
                            - f.results().get(0).rows().get(s).logitDiff()));
                }
            } else {
                float[] z = f.z()[edge.receiver().layer()];
                double scale = 0;
                for (int k = 0; k < n * perRow; k++) {
                    scale = Math.max(scale, Math.abs(z[k]));
                }
                int h = edge.receiver().head();
                for (int s = 0; s < n; s++) {
                    for (int p = 0; p < t; p++) {
                        for (int k = 0; k < e; k++) {
                            int at = (p * c.nHeads() + h) * e + k;
                            worst = Math.max(worst, Math.abs((double) z[((1 + i) * n + s) * perRow + at]
                                    - z[s * perRow + at]));
                        }
                    }
                }
                worst /= scale;
            }
            out[i] = worst;
        }
        return out;
    }

    /** Readouts per setting and, when captured, every layer's hook_z of every row, [rows, T, H, E] per layer. */
    private record Forward(List<DriftResult> results, float[][] z) {}

    private Forward forward(List<? extends Collection<Edge>> settings, boolean captureZ) {
        ModelConfig c = probe.model().config();
        for (Collection<Edge> s : settings) {
            if (!edges.containsAll(s)) {
                throw new IllegalArgumentException("not edges of this model's graph: " + s.stream()
                        .filter(x -> !edges.contains(x)).toList());
            }
        }
        int n = probe.stimuli().size();
        int t = probe.tokens(0).length;
        long cellsPerSetting = (long) n * t * c.nHeads() * c.dModel() * 3;
        int chunk = (int) Math.max(1, Math.min(settings.size(), MAX_CELLS_PER_FORWARD / cellsPerSetting));
        List<DriftResult> results = new ArrayList<>();
        float[][] z = captureZ ? new float[c.nLayers()][settings.size() * n * t * c.nHeads() * c.dHead()] : null;
        for (int from = 0; from < settings.size(); from += chunk) {
            List<? extends Collection<Edge>> part = settings.subList(from, Math.min(settings.size(), from + chunk));
            int[][] batch = new int[part.size() * n][];
            for (int r = 0; r < batch.length; r++) {
                batch[r] = probe.tokens(r % n);
            }
            Hooks hooks = hooks(c, part, t);
            if (captureZ) {
                for (int l = 0; l < c.nLayers(); l++) {
                    hooks = hooks.capturing(HookPoint.z(l));
                }
            }
            HookedTransformer.Run run = probe.model().run(batch, hooks, Unembed.columns(probe.xId(), probe.yId()));
            float[][] logits = run.logitsLast();
            for (int a = 0; a < part.size(); a++) {
                List<Readout> rows = new ArrayList<>();
                for (int s = 0; s < n; s++) {
                    float[] xy = logits[a * n + s];
                    rows.add(Readout.ofPair(probe.stimuli().get(s), xy[0], xy[1]));
                }
                results.add(DriftResult.of(rows));
            }
            if (captureZ) {
                for (int l = 0; l < c.nLayers(); l++) {
                    float[] d = run.activation(HookPoint.z(l)).data();
                    System.arraycopy(d, 0, z[l], from * n * t * c.nHeads() * c.dHead(), d.length);
                }
            }
        }
        return new Forward(results, z);
    }

    /**
     * The replacements for one forward of {@code settings} x the orderings. Each layer's hook_z is read (not changed)
     * to form out_s(mean) - out_s(this run) per head, [rows, H, T * D]; each hooked input adds, per row and receiver,
     * the sum of that over its removed edges' senders (a 0/1 mask [rows, H_receiver, H_sender] times it), plus the
     * embeddings' change where the embeddings' edge is removed. An input with no removed edge in any row is not hooked.
     */
    private Hooks hooks(ModelConfig c, List<? extends Collection<Edge>> settings, int t) {
        int n = probe.stimuli().size();
        int rows = settings.size() * n;
        int heads = c.nHeads();
        int d = c.dModel();
        int layers = c.nLayers();
        // The senders' changes of this forward, filled as each layer's hook_z passes: later layers' hooks read them.
        // Local to this forward, not shared state: a new array per call.
        NDArray[] toMean = new NDArray[layers];
        Hooks hooks = Hooks.none();
        for (int l = 0; l < layers; l++) {
            int layer = l;
            hooks = hooks.replacing(HookPoint.z(l), z -> {
                toMean[layer] = senderChange(c, layer, z, t);
                return z;
            });
        }
        float[] embed = new float[rows * t * d];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(embedToMean, (r % n) * t * d, embed, r * t * d, t * d);
        }
        for (int l = 0; l <= layers; l++) {
            List<Input> inputs = l == layers ? List.of(Input.DIRECT) : Input.RECEIVER;
            for (Input in : inputs) {
                int receivers = in == Input.DIRECT ? 1 : heads;
                int senderLayers = in == Input.DIRECT ? layers : l;
                float[] embedMask = new float[rows * receivers];
                float[][] mask = new float[senderLayers][rows * receivers * heads];
                boolean any = false;
                for (int a = 0; a < settings.size(); a++) {
                    for (Edge e : settings.get(a)) {
                        if (e.input() != in || (e.receiver() != null && e.receiver().layer() != l)) {
                            continue;
                        }
                        any = true;
                        int r = e.receiver() == null ? 0 : e.receiver().head();
                        for (int s = 0; s < n; s++) {
                            int row = a * n + s;
                            if (e.sender() == null) {
                                embedMask[row * receivers + r] = 1f;
                            } else {
                                mask[e.sender().layer()][(row * receivers + r) * heads + e.sender().head()] = 1f;
                            }
                        }
                    }
                }
                if (!any) {
                    continue;
                }
                String hook = in.hook(c, l);
                hooks = hooks.replacing(hook, a -> {
                    NDManager m = a.getManager();
                    // [rows, receivers, T * D]: the embeddings' change where their edge is removed, then each sender's.
                    NDArray delta = m.create(embedMask, new Shape(rows, receivers, 1))
                            .mul(m.create(embed, new Shape(rows, 1, (long) t * d)));
                    for (int sl = 0; sl < senderLayers; sl++) {
                        delta = delta.add(m.create(mask[sl], new Shape(rows, receivers, heads)).matMul(toMean[sl]));
                    }
                    if (receivers == 1 && a.getShape().dimension() == 3) {
                        return a.add(delta.reshape(rows, t, d));                                // resid_post [B,T,D]
                    }
                    return a.add(delta.reshape(rows, receivers, t, d).transpose(0, 2, 1, 3));  // [B,T,H,D]
                });
            }
        }
        return hooks;
    }

    /** (mean z - z) W_O per head of {@code layer}: [rows, H, T * D], each head's change of output toward its mean. */
    private NDArray senderChange(ModelConfig c, int layer, NDArray z, int t) {
        NDManager m = z.getManager();
        long rows = z.getShape().get(0);
        int heads = c.nHeads();
        int e = c.dHead();
        NDArray diff = m.create(meanZ[layer], new Shape(1, t, heads, e)).sub(z);               // [B,T,H,E]
        NDArray wO = probe.model().weights().block(layer).W_O();                        // [H,E,D]
        NDArray out = diff.transpose(2, 0, 1, 3).reshape(heads, rows * t, e).matMul(wO);       // [H,B*T,D]
        return out.reshape(heads, rows, (long) t * c.dModel()).transpose(1, 0, 2);              // [B,H,T*D]
    }
}
