package io.github.driftclaims.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.types.Shape;
import io.github.driftclaims.ReportGroups;
import io.github.driftclaims.interp.ActivationPatching.Component;
import io.github.driftclaims.interp.ActivationPatching.Direction;
import io.github.driftclaims.interp.ActivationPatching.Patch;
import io.github.driftclaims.interp.PathPatching.Input;
import io.github.driftclaims.interp.PathPatching.PathPatch;
import io.github.driftclaims.model.HookPoint;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import io.github.driftclaims.model.Unembed;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Path patching against activation patching on toy-induction-2l seed 0: in a two-layer model a head's output reaches the
 * logits through the later heads' q, k and v inputs and directly, and nowhere else, so the paths must add back up to
 * patching the head's whole output.
 */
@Epic(ReportGroups.SUITE_CHECKS)
@Feature("Path patching")
@DisplayName("Path patching on toy-induction-2l")
class PathPatchingTest {

    /** Float32 noise on a share of a gap of ~4 logits (PatchingGoldenTest's line). */
    static final double TOLERANCE = 1e-5;

    @Test
    @DisplayName("a last-layer head's direct path is its activation patch, and a layer-0 head's every path at once is its "
            + "activation patch")
    void pathsAddUpToTheWholeOutput() {
        try (HookedTransformer m = ModelLoader.load(ModelFiles.fromDirectory(PathPatchingGoldenTest.MODEL), true)) {
            ModelConfig c = m.config();
            PathPatching paths = PathPatching.measure(m);
            ActivationPatching act = ActivationPatching.measure(m, List.of(new Head(0, 0)));
            List<Patch> heads = act.patches(Direction.DENOISING, Component.HEAD);
            for (PathPatch d : paths.direct()) {
                if (d.sender().layer() == c.nLayers() - 1) {
                    assertThat(d.normalised()).as(d.label())
                            .isCloseTo(heads.get(c.nHeads() * d.sender().layer() + d.sender().head()).normalised(),
                                    within(TOLERANCE));
                }
            }
            DriftProbe probe = new DriftProbe(m, Stimulus.NOTEBOOK.subList(0, 2));
            Unembed xy = Unembed.columns(probe.xId(), probe.yId());
            String z0 = HookPoint.z(0);
            float[] zp = m.run(new int[][] {probe.tokens(0)}, Hooks.none().capturing(z0), xy).activation(z0).data();
            float[] zc = m.run(new int[][] {probe.tokens(1)}, Hooks.none().capturing(z0), xy).activation(z0).data();
            float[] wO = m.weights().block(0).W_O().toFloatArray();
            int t = probe.tokens(1).length;
            for (int s = 0; s < c.nHeads(); s++) {
                float[] delta = new float[t * c.dModel()];
                for (int pos = 0; pos < t; pos++) {
                    for (int e = 0; e < c.dHead(); e++) {
                        int zi = (pos * c.nHeads() + s) * c.dHead() + e;
                        for (int d = 0; d < c.dModel(); d++) {
                            delta[pos * c.dModel() + d] += (zp[zi] - zc[zi]) * wO[(s * c.dHead() + e) * c.dModel() + d];
                        }
                    }
                }
                Hooks all = Hooks.none().replacing(HookPoint.residPost(1),
                        a -> a.add(a.getManager().create(delta, new Shape(1, t, c.dModel()))));
                for (Input in : Input.RECEIVER) {
                    all = all.replacing(in.hook(c, 1),
                            a -> a.add(a.getManager().create(delta, new Shape(1, t, 1, c.dModel()))));
                }
                float[] l = m.run(new int[][] {probe.tokens(1)}, all, xy).logitsLast()[0];
                double share = ((double) l[0] - l[1] - paths.ldCorrupt()) / (paths.ldClean() - paths.ldCorrupt());
                assertThat(share).as("L0H%d: every path at once", s).isCloseTo(heads.get(s).normalised(), within(TOLERANCE));
                // ... and no one path alone is the whole effect (they are paths of it, not copies).
                Head sender = new Head(0, s);
                double whole = heads.get(s).normalised();
                assertThat(paths.paths().stream().filter(p -> p.sender().equals(sender)).mapToDouble(PathPatch::normalised))
                        .as("L0H%d's single paths", s).noneMatch(x -> Math.abs(x - whole) < TOLERANCE);
            }
            assertThat(Arrays.stream(Input.values()).map(i -> paths.paths().stream().filter(p -> p.input() == i).count()))
                    .containsExactly(4L, 4L, 4L, 4L);
        }
    }
}
