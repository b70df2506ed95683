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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Activation patching between two orderings with equal counts (Heimersheim and Nanda, "How to use and interpret
 * activation patching", 2024): the gap between their logit differences (logit_X - logit_Y) is the drift, and patching
 * one component's activation from one run into the other says how much of that gap flows through it.
 *
 * <p>Both directions: denoising runs the corrupt (clumped) prompt with one activation taken from the clean
 * (patterned) run; noising runs the clean prompt with one activation from the corrupt run. Components: each head's
 * output ({@code hook_z}, one head at a time, every position), the drift heads together, the residual stream at
 * each layer ({@code hook_resid_pre} of every layer and the last layer's {@code hook_resid_post}) and position, and each
 * head's attention pattern ({@code hook_pattern}, every query position; the head's values stay the run's own, so the
 * patch asks how much of the gap flows through where the head looks rather than what it reads). The
 * metric is the share of the gap the patch moves toward the source run: (LD_patched - LD_base) / (LD_source - LD_base),
 * 0 no effect, 1 the whole gap; in denoising that is (LD_patched - LD_corrupt) / (LD_clean - LD_corrupt).
 *
 * <p>The two prompts tokenize to equal lengths (the notebook's do), so a position means the same slot in both. Per
 * direction two forwards: the source run captured, then every patch as one row of one batch, each row's
 * replacement chosen by a per-row mask (z x (1 - m) + source x m, so a row that patches nothing is the base run and
 * a patched slice is the source's bit for bit).
 *
 * @param clean the clean run's stimulus (patterned)
 * @param corrupt the corrupt run's stimulus (clumped)
 * @param driftHeads the heads patched together (the zero-ablation sweep's top two)
 * @param patches every patch, denoising first, each direction in the order heads, drift heads, residual, patterns
 */
public record ActivationPatching(Stimulus clean, Stimulus corrupt, List<Head> driftHeads, List<Patch> patches) {

    public ActivationPatching {
        driftHeads = List.copyOf(driftHeads);
        patches = List.copyOf(patches);
    }

    public enum Direction {
        /** Run the corrupt prompt, patch from the clean run. */
        DENOISING,
        /** Run the clean prompt, patch from the corrupt run. */
        NOISING;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Component {
        /** One head's hook_z at every position. */
        HEAD,
        /** The drift heads' hook_z together, every position. */
        DRIFT_HEADS,
        /** The residual stream at one hook point and one position. */
        RESIDUAL,
        /** One head's attention pattern (hook_pattern) at every query position. */
        PATTERN;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * One patched run.
     *
     * @param hook the hook point patched (for the drift heads, each of their layers' hook_z, joined by "+")
     * @param layer the head's layer (a head's z or pattern), or the residual point's index (resid_pre of layer l is l, the last layer's
     *     resid_post is n_layers); -1 for the drift heads
     * @param head the head, -1 unless {@link Component#HEAD} or {@link Component#PATTERN}
     * @param position the position patched; -1 for every position
     * @param ldBase the unpatched run's logit difference (the same batch's unpatched row)
     * @param ldSource the logit difference of the run the activation comes from
     * @param ldPatched the patched run's logit difference
     * @param sourceDiffers whether the tokens the patched slice is computed from differ between the two runs (layer 0's
     *     resid_pre at a position reads that position's token; every later slice every token up to its position), so
     *     that the source activation is not the base run's own (equal inputs give equal activations up to rounding)
     * @param reachesReadout whether the slice can change the last position's logits at all (the last layer's
     *     resid_post at an earlier position cannot)
     */
    public record Patch(Direction direction, Component component, String label, String hook, int layer, int head,
            int position, double ldBase, double ldSource, double ldPatched, boolean sourceDiffers,
            boolean reachesReadout) {

        /** (LD_patched - LD_base) / (LD_source - LD_base); NaN when the two runs do not differ. */
        public double normalised() {
            double gap = ldSource - ldBase;
            return gap == 0 ? Double.NaN : (ldPatched - ldBase) / gap;
        }
    }

    /** Patterned (clean) against clumped (corrupt), the notebook's first two orderings. */
    public static ActivationPatching measure(HookedTransformer model, List<Head> driftHeads) {
        return measure(model, driftHeads, Stimulus.NOTEBOOK.get(0), Stimulus.NOTEBOOK.get(1));
    }

    public static ActivationPatching measure(HookedTransformer model, List<Head> driftHeads, Stimulus clean,
            Stimulus corrupt) {
        if (clean.nX() != corrupt.nX() || clean.nY() != corrupt.nY()) {
            throw new IllegalArgumentException("patching compares orderings with equal counts; " + clean.name() + " and "
                    + corrupt.name() + " differ in counts");
        }
        for (Head h : driftHeads) {
            Ablation.check(model.config(), h);
        }
        DriftProbe probe = new DriftProbe(model, List.of(clean, corrupt));
        if (probe.tokens(0).length != probe.tokens(1).length) {
            throw new IllegalArgumentException(clean.name() + " and " + corrupt.name() + " tokenize to different lengths");
        }
        List<Patch> out = new ArrayList<>();
        out.addAll(direction(model, probe, driftHeads, Direction.DENOISING));
        out.addAll(direction(model, probe, driftHeads, Direction.NOISING));
        return new ActivationPatching(clean, corrupt, driftHeads, out);
    }

    /** The patches of one direction and one component, in measurement order. */
    public List<Patch> patches(Direction d, Component c) {
        return patches.stream().filter(p -> p.direction() == d && p.component() == c).toList();
    }

    /** The drift heads patched together in one direction. */
    public Patch driftHeadsPatch(Direction d) {
        return patches(d, Component.DRIFT_HEADS).get(0);
    }

    /** The residual points patched, in forward order: each layer's resid_pre, then the last layer's resid_post. */
    public static List<String> residualPoints(ModelConfig c) {
        List<String> out = new ArrayList<>();
        for (int l = 0; l < c.nLayers(); l++) {
            out.add(HookPoint.residPre(l));
        }
        out.add(HookPoint.residPost(c.nLayers() - 1));
        return out;
    }

    /** What one row patches: heads at hook_z (every position), or one residual point at one position. */
    private record Spec(Component component, String label, List<Head> heads, int point, int position) {}

    private static List<Patch> direction(HookedTransformer model, DriftProbe probe, List<Head> driftHeads,
            Direction d) {
        ModelConfig c = model.config();
        int[] source = probe.tokens(d == Direction.DENOISING ? 0 : 1);
        int[] base = probe.tokens(d == Direction.DENOISING ? 1 : 0);
        int t = base.length;
        List<String> points = residualPoints(c);
        Unembed xy = Unembed.columns(probe.xId(), probe.yId());

        List<String> captured = new ArrayList<>(points);
        for (int l = 0; l < c.nLayers(); l++) {
            captured.add(HookPoint.z(l));
            captured.add(HookPoint.pattern(l));
        }
        HookedTransformer.Run src = model.run(new int[][] {source},
                Hooks.none().capturing(captured.toArray(String[]::new)), xy);
        double ldSource = src.logitsLast()[0][0] - src.logitsLast()[0][1];
        Map<String, float[]> acts = new LinkedHashMap<>();
        for (String name : captured) {
            acts.put(name, src.activation(name).data());
        }

        List<Spec> specs = new ArrayList<>();
        specs.add(new Spec(null, "none", List.of(), -1, -1));
        for (int l = 0; l < c.nLayers(); l++) {
            for (int h = 0; h < c.nHeads(); h++) {
                Head head = new Head(l, h);
                specs.add(new Spec(Component.HEAD, head.toString(), List.of(head), -1, -1));
            }
        }
        specs.add(new Spec(Component.DRIFT_HEADS, String.join("+", driftHeads.stream().map(Head::toString).toList()),
                driftHeads, -1, -1));
        for (int p = 0; p < points.size(); p++) {
            for (int pos = 0; pos < t; pos++) {
                specs.add(new Spec(Component.RESIDUAL, points.get(p) + "@" + pos, List.of(), p, pos));
            }
        }
        // Last, so that the rows of the other components keep their order (and their golden file's).
        for (int l = 0; l < c.nLayers(); l++) {
            for (int h = 0; h < c.nHeads(); h++) {
                Head head = new Head(l, h);
                specs.add(new Spec(Component.PATTERN, head.toString(), List.of(head), -1, -1));
            }
        }

        int rows = specs.size();
        int e = c.dHead();
        int dm = c.dModel();
        Hooks hooks = Hooks.none();
        for (int l = 0; l < c.nLayers(); l++) {
            float[] zMask = new float[rows * c.nHeads()];
            float[] patternMask = new float[rows * c.nHeads()];
            for (int r = 0; r < rows; r++) {
                float[] mask = specs.get(r).component() == Component.PATTERN ? patternMask : zMask;
                for (Head h : specs.get(r).heads()) {
                    if (h.layer() == l) {
                        mask[r * c.nHeads() + h.head()] = 1f;
                    }
                }
            }
            hooks = patchWhere(hooks, HookPoint.z(l), zMask, new Shape(rows, 1, c.nHeads(), 1),
                    acts.get(HookPoint.z(l)), new Shape(1, t, c.nHeads(), e));
            hooks = patchWhere(hooks, HookPoint.pattern(l), patternMask, new Shape(rows, c.nHeads(), 1, 1),
                    acts.get(HookPoint.pattern(l)), new Shape(1, c.nHeads(), t, t));
        }
        for (int p = 0; p < points.size(); p++) {
            float[] mask = new float[rows * t];
            for (int r = 0; r < rows; r++) {
                Spec s = specs.get(r);
                if (s.component() == Component.RESIDUAL && s.point() == p) {
                    mask[r * t + s.position()] = 1f;
                }
            }
            hooks = patchWhere(hooks, points.get(p), mask, new Shape(rows, t, 1), acts.get(points.get(p)),
                    new Shape(1, t, dm));
        }
        int[][] batch = new int[rows][];
        Arrays.fill(batch, base);
        float[][] logits = model.run(batch, hooks, xy).logitsLast();
        double ldBase = logits[0][0] - logits[0][1];

        List<Patch> out = new ArrayList<>();
        String lastPost = points.get(points.size() - 1);
        for (int r = 1; r < rows; r++) {
            Spec s = specs.get(r);
            double ld = logits[r][0] - logits[r][1];
            if (s.component() == Component.RESIDUAL) {
                String point = points.get(s.point());
                // resid_pre of layer 0 is the token's embedding plus its position's; any later point at a position
                // reads every token up to it (causal attention).
                boolean differs = s.point() == 0 ? source[s.position()] != base[s.position()]
                        : !Arrays.equals(source, 0, s.position() + 1, base, 0, s.position() + 1);
                out.add(new Patch(d, s.component(), s.label(), point, s.point(), -1, s.position(), ldBase, ldSource, ld,
                        differs, !point.equals(lastPost) || s.position() == t - 1));
            } else {
                // A head's output or pattern at every position reads the whole prompt.
                boolean differs = !Arrays.equals(source, base);
                boolean pattern = s.component() == Component.PATTERN;
                String hook = String.join("+", s.heads().stream().map(h -> pattern ? HookPoint.pattern(h.layer())
                        : HookPoint.z(h.layer())).distinct().toList());
                boolean one = s.component() != Component.DRIFT_HEADS;
                out.add(new Patch(d, s.component(), s.label(), hook, one ? s.heads().get(0).layer() : -1,
                        one ? s.heads().get(0).head() : -1, -1, ldBase, ldSource, ld, differs, true));
            }
        }
        return out;
    }

    /** Adds a replacement at {@code name}: rows where {@code mask} is 1 take {@code source}'s value. */
    private static Hooks patchWhere(Hooks hooks, String name, float[] mask, Shape maskShape, float[] source,
            Shape sourceShape) {
        boolean any = false;
        float[] keep = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            any |= mask[i] != 0f;
            keep[i] = 1f - mask[i];
        }
        if (!any) {
            return hooks;
        }
        return hooks.replacing(name, a -> {
            NDManager m = a.getManager();
            NDArray src = m.create(source, sourceShape);
            return a.mul(m.create(keep, maskShape)).add(src.mul(m.create(mask, maskShape)));
        });
    }
}
