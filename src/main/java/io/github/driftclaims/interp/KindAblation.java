package io.github.driftclaims.interp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.github.driftclaims.model.HeadMask;
import io.github.driftclaims.model.HookPoint;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.HostTensor;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.Unembed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A {@link DriftProbe}'s stimuli under one {@link AblationKind}: every setting (a set of heads) times every stimulus
 * times every resample as rows of batched forwards, with {@code hook_z} of each row replaced per head as
 * {@code z * keep + replacement * (1 - keep)}: the mean kind's replacement is the head's per-position mean over the
 * reference prompts, the resample kind's the head's z on the row's source prompt. The reference activations come from one clean forward over
 * the reference prompts, made when the kind is prepared. The zero kind, and every setting that ablates no head, run
 * through the probe's own path ({@link DriftProbe#evaluateAll}).
 */
public final class KindAblation {

    /** Rows per forward: the logits of one forward stay under about 16 MB even with a 48k vocabulary. */
    static final long MAX_CELLS_PER_FORWARD = 4_000_000;

    private final DriftProbe probe;
    private final AblationKind kind;
    /** [reference prompt or 0 for the mean][layer]: z as [T, H, E], row-major; null for the zero kind. */
    private final float[][][] reference;
    /** [stimulus][sample]: the index of the row's source prompt in the resample pool, or 0. */
    private final int[][] sources;

    private KindAblation(DriftProbe probe, AblationKind kind, float[][][] reference, int[][] sources) {
        this.probe = probe;
        this.kind = kind;
        this.reference = reference;
        this.sources = sources;
    }

    public DriftProbe probe() {
        return probe;
    }

    public AblationKind kind() {
        return kind;
    }

    /** Which prompt of the resample pool supplies z for stimulus {@code s}, resample {@code k}; 0 for the other kinds. */
    public int source(int s, int k) {
        return sources[s][k];
    }

    /** Runs the reference prompts once (mean, resample) and draws the resample sources from the kind's seed. */
    public static KindAblation prepare(DriftProbe probe, AblationKind kind) {
        return prepare(probe, kind, new HashMap<>());
    }

    /**
     * {@link #prepare(DriftProbe, AblationKind)}, taking the replacement activations from {@code references} when an
     * equal kind was prepared before (and putting them there when not): the later cells' evidence sweep and their
     * tracking step t = 10 have the same length-10 reference, a forward over 1024 strings. The activations depend on
     * the model and the prompt style as well as on the kind, so one map must serve one probe model and style only.
     */
    static KindAblation prepare(DriftProbe probe, AblationKind kind, Map<AblationKind, float[][][]> references) {
        int n = probe.stimuli().size();
        int[][] sources = new int[n][kind.samples()];
        if (kind instanceof AblationKind.Mean m) {
            return new KindAblation(probe, kind, fitting(probe, references.computeIfAbsent(kind,
                    k -> mean(referenceZ(probe, m.distribution())))), sources);
        }
        if (kind instanceof AblationKind.Resample r) {
            Random random = new Random(r.seed());
            for (int s = 0; s < n; s++) {
                List<Integer> others = new ArrayList<>();
                for (int i = 0; i < r.pool().size(); i++) {
                    if (!r.pool().get(i).symbols().equals(probe.stimuli().get(s).symbols())) {
                        others.add(i);
                    }
                }
                for (int k = 0; k < r.resamples(); k++) {
                    sources[s][k] = others.get(random.nextInt(others.size()));
                }
            }
            return new KindAblation(probe, kind, fitting(probe, references.computeIfAbsent(kind,
                    k -> referenceZ(probe, r.pool()))), sources);
        }
        return new KindAblation(probe, kind, null, sources);
    }

    /** Activations taken from the map were checked against their first probe's shape: check them against this one's. */
    private static float[][][] fitting(DriftProbe probe, float[][][] z) {
        ModelConfig c = probe.model().config();
        int expected = probe.tokens(0).length * c.nHeads() * c.dHead();
        if (z[0][0].length != expected) {
            throw new IllegalArgumentException("reference activations of " + z[0][0].length / (c.nHeads() * c.dHead())
                    + " tokens, the stimuli " + probe.tokens(0).length + ": an ablation kind's reference must have "
                    + "the stimuli's shape");
        }
        return z;
    }

    /** The per-position mean over the prompts of each layer's z: [1][layer][T * H * E]. */
    private static float[][][] mean(float[][][] z) {
        int layers = z[0].length;
        float[][][] mean = new float[1][layers][];
        for (int l = 0; l < layers; l++) {
            double[] sum = new double[z[0][l].length];
            for (float[][] prompt : z) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += prompt[l][i];
                }
            }
            mean[0][l] = new float[sum.length];
            for (int i = 0; i < sum.length; i++) {
                mean[0][l][i] = (float) (sum[i] / z.length);
            }
        }
        return mean;
    }

    /** Every layer's clean hook_z on each reference prompt, written as the probe writes its stimuli. */
    private static float[][][] referenceZ(DriftProbe probe, List<Stimulus> prompts) {
        HookedTransformer model = probe.model();
        int layers = model.config().nLayers();
        DriftProbe ref = probe.with(prompts);
        int t = probe.tokens(0).length;
        int[][] tokens = new int[prompts.size()][];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = ref.tokens(i);
            if (tokens[i].length != t) {
                throw new IllegalArgumentException("reference prompt '" + prompts.get(i).spaced() + "' is "
                        + tokens[i].length + " tokens, the stimuli " + t + ": an ablation kind's reference must have "
                        + "the stimuli's shape");
            }
        }
        String[] names = new String[layers];
        for (int l = 0; l < layers; l++) {
            names[l] = HookPoint.z(l);
        }
        // Only z is read: two columns of W_U keep a 1024-prompt reference (the later cells' 10-symbol strings) from
        // computing 1024 full-vocabulary rows it would throw away.
        HookedTransformer.Run run = model.run(tokens, Hooks.none().capturing(names), Unembed.columns(probe.xId(),
                probe.yId()));
        float[][][] out = new float[prompts.size()][layers][];
        for (int l = 0; l < layers; l++) {
            HostTensor z = run.activation(names[l]);                                  // [P, T, H, E]
            int per = z.data().length / prompts.size();
            for (int p = 0; p < prompts.size(); p++) {
                out[p][l] = java.util.Arrays.copyOfRange(z.data(), p * per, (p + 1) * per);
            }
        }
        return out;
    }

    /**
     * One readout set per setting, each stimulus averaged over the kind's samples. The zero kind is the probe's own
     * batched path ({@link DriftProbe#evaluateAll}), and so is every setting that ablates nothing under any kind (it
     * is the same forward whatever the kind would put in): the unablated rows are then one computation, not two
     * batchings of it that agree only to float32 rounding, and resample does not repeat them per sample.
     */
    public List<DriftResult> evaluateAll(List<? extends Collection<Head>> settings) {
        return evaluateAll(settings, MAX_CELLS_PER_FORWARD);
    }

    /** @param maxCells the forwards' size bound (a test makes it small to cross the chunk boundaries) */
    List<DriftResult> evaluateAll(List<? extends Collection<Head>> settings, long maxCells) {
        if (kind instanceof AblationKind.Zero) {
            return probe.evaluateAll(settings);
        }
        List<Collection<Head>> ablating = new ArrayList<>();
        for (Collection<Head> s : settings) {
            if (!s.isEmpty()) {
                ablating.add(s);
            }
        }
        List<DriftResult> replaced = ablating.isEmpty() ? List.of() : evaluateReplaced(ablating, maxCells);
        DriftResult none = settings.stream().anyMatch(Collection::isEmpty)
                ? probe.evaluateAll(List.of(List.<Head>of())).get(0) : null;
        List<DriftResult> out = new ArrayList<>();
        int next = 0;
        for (Collection<Head> s : settings) {
            out.add(s.isEmpty() ? none : replaced.get(next++));
        }
        return out;
    }

    /** Settings that each ablate at least one head, their z replaced as the kind says, in batched forwards. */
    private List<DriftResult> evaluateReplaced(List<? extends Collection<Head>> settings, long maxCells) {
        ModelConfig c = probe.model().config();
        int n = probe.stimuli().size();
        int samples = kind.samples();
        int perSetting = n * samples;
        int rows = settings.size() * perSetting;
        int t = probe.tokens(0).length;
        long cellsPerRow = Math.max(c.dVocab(), (long) t * c.nHeads() * c.dHead() * c.nLayers());
        int chunk = (int) Math.max(1, Math.min(rows, maxCells / cellsPerRow));
        for (Collection<Head> s : settings) {
            s.forEach(h -> Ablation.check(c, h));
        }
        float[][] logits = new float[rows][];
        for (int from = 0; from < rows; from += chunk) {
            int to = Math.min(rows, from + chunk);
            int[][] batch = new int[to - from][];
            for (int r = from; r < to; r++) {
                batch[r - from] = probe.tokens((r / samples) % n);
            }
            float[][] out = probe.model().run(batch, hooks(c, settings, from, to, t)).logitsLast();
            System.arraycopy(out, 0, logits, from, out.length);
        }
        List<DriftResult> results = new ArrayList<>();
        for (int a = 0; a < settings.size(); a++) {
            List<Readout> readouts = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                List<Readout> each = new ArrayList<>();
                for (int k = 0; k < samples; k++) {
                    each.add(Readout.of(probe.stimuli().get(s), logits[(a * n + s) * samples + k], probe.xId(),
                            probe.yId()));
                }
                readouts.add(Readout.mean(each));
            }
            results.add(DriftResult.of(readouts));
        }
        return results;
    }

    /** The hook_z replacements of rows [from, to): a keep mask per row and head, and the values put in. */
    private Hooks hooks(ModelConfig c, List<? extends Collection<Head>> settings, int from, int to, int t) {
        int n = probe.stimuli().size();
        int samples = kind.samples();
        int h = c.nHeads();
        int e = c.dHead();
        int rows = to - from;
        Hooks hooks = Hooks.none();
        for (int l = 0; l < c.nLayers(); l++) {
            float[] keep = new float[rows * h];
            java.util.Arrays.fill(keep, 1f);
            float[] put = new float[rows * t * h * e];
            boolean any = false;
            for (int r = from; r < to; r++) {
                int a = r / (n * samples);
                int s = (r / samples) % n;
                int k = r % samples;
                for (Head head : settings.get(a)) {
                    if (head.layer() != l) {
                        continue;
                    }
                    any = true;
                    keep[(r - from) * h + head.head()] = 0f;
                    float[] z = reference[kind instanceof AblationKind.Resample ? sources[s][k] : 0][l];
                    for (int p = 0; p < t; p++) {
                        int at = ((p * h) + head.head()) * e;
                        System.arraycopy(z, at, put, (((r - from) * t + p) * h + head.head()) * e, e);
                    }
                }
            }
            if (any) {
                int layer = l;
                hooks = hooks.replacing(HookPoint.z(layer), z -> {
                    NDArray kept = HeadMask.apply(z, keep, rows, h);
                    return kept.add(z.getManager().create(put, new Shape(rows, t, h, e)));
                });
            }
        }
        return hooks;
    }
}
