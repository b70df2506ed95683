package io.github.driftclaims.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.types.Shape;
import io.github.driftclaims.ReportGroups;
import io.github.driftclaims.interp.EdgeAblation.Edge;
import io.github.driftclaims.model.HookPoint;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.ModelFiles;
import io.github.driftclaims.model.ModelLoader;
import io.github.driftclaims.model.Unembed;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Circuit discovery against cases whose answer is known, on toy-induction-2l seed 0: nothing pruned at tau 0 is the
 * model, everything pruned at tau infinity is the model with every head and the embeddings at their mean (computed here
 * with plain hooks, not through the graph), and a head set kept alone in the graph is {@link Sufficiency}'s "alone".
 * That every edge removed alone moves what it feeds is CircuitDiscoveryClaims' check, on every model it runs on.
 */
@Epic(ReportGroups.SUITE_CHECKS)
@Feature("Circuit discovery")
@DisplayName("Circuit discovery on toy-induction-2l")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CircuitDiscoveryTest {

    /**
     * Nothing removed: every added change is exactly 0, and P(X) differs from the plain forward only by the per-head
     * copies' batching (the suite's identity line).
     */
    static final double SAME = 1e-6;

    /**
     * The same P(X) reached by two arithmetic routes (the graph adds mean - value to the residual each receiver reads;
     * plain hooks replace the value itself): float32 reassociation of the residual moves P(X) by ~1.4e-6 here (and the
     * all-mean run's orderings, identical in exact arithmetic, by ~1e-6), so the line is the suite's uncertainty of one
     * measured input ({@link io.github.driftclaims.verdict.Uncertainty#INPUT}).
     */
    static final double SAME_ROUTE_APART = io.github.driftclaims.verdict.Uncertainty.INPUT;

    private HookedTransformer model;
    private EdgeAblation graph;
    /** The shipped taus and the two extremes in one lockstep run (one forward per edge whatever the taus). */
    private CircuitDiscovery discovery;

    @BeforeAll
    void load() {
        model = ModelLoader.load(ModelFiles.fromDirectory(PathPatchingGoldenTest.MODEL), true);
        graph = EdgeAblation.prepare(model);
        List<Double> taus = new ArrayList<>(List.of(0.0));
        taus.addAll(CircuitDiscovery.TAUS);
        taus.add(Double.POSITIVE_INFINITY);
        discovery = CircuitDiscovery.discover(graph, taus);
    }

    @AfterAll
    void close() {
        model.close();
    }

    @Test
    @DisplayName("the graph has every edge once: embeddings and earlier heads into each head's q, k, v, and into the logits")
    void edges() {
        ModelConfig c = model.config();
        int h = c.nHeads();
        // 2 layers: embeddings -> 2h heads x 3 inputs, layer 0 -> layer 1: h x h x 3, h + h + 1 into the logits
        assertThat(graph.edges()).hasSize(2 * h * 3 + h * h * 3 + 2 * h + 1).doesNotHaveDuplicates();
        assertThat(graph.edges().get(0).receiver()).as("the logits are visited first").isNull();
        assertThat(graph.edges().get(graph.edges().size() - 1)).as("the embeddings into layer 0's last value input last")
                .isEqualTo(new Edge(null, new Head(0, h - 1), PathPatching.Input.V));
    }

    @Test
    @DisplayName("at tau 0 no edge is pruned and the circuit is the model; at tau infinity every edge is, and the circuit "
            + "is every head and the embeddings at their mean")
    void extremes() {
        CircuitDiscovery d = discovery;
        CircuitDiscovery.Pruning none = d.at(0.0);
        CircuitDiscovery.Pruning all = d.at(Double.POSITIVE_INFINITY);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(none.kept()).as("kept at tau 0").containsExactlyElementsOf(graph.edges());
        soft.assertThat(all.kept()).as("kept at tau infinity").isEmpty();
        soft.assertThat(all.heads()).as("heads at tau infinity").isEmpty();
        DriftResult corrupted = allAtMean();
        for (int i = 0; i < d.full().rows().size(); i++) {
            soft.assertThat(none.circuit().rows().get(i).pXNorm()).as("tau 0, %s", d.full().rows().get(i).name())
                    .isCloseTo(d.full().rows().get(i).pXNorm(), within(SAME));
            soft.assertThat(all.circuit().rows().get(i).pXNorm()).as("tau infinity, %s", d.full().rows().get(i).name())
                    .isCloseTo(corrupted.rows().get(i).pXNorm(), within(SAME_ROUTE_APART));
        }
        soft.assertThat(all.circuit().drift()).as("nothing left to tell the orderings apart").isLessThan(SAME_ROUTE_APART);
        soft.assertThat(d.empty().drift()).as("every edge removed").isLessThan(SAME_ROUTE_APART);
        soft.assertThat(d.full().drift()).as("the full model drifts").isGreaterThan(0.1);
        soft.assertAll();
    }

    @Test
    @DisplayName("a head set kept alone in the graph is Sufficiency's circuit alone (every other head's hook_z at its mean)")
    void headsAloneIsSufficiency() {
        Map<String, List<Head>> sets = new LinkedHashMap<>();
        for (Edge e : graph.edges()) {
            if (e.sender() != null) {
                sets.putIfAbsent(e.sender().toString(), List.of(e.sender()));
            }
        }
        sets.put("L0H0 + L1H1", List.of(new Head(0, 0), new Head(1, 1)));
        List<CircuitDiscovery.Candidate> graphs = CircuitDiscovery.candidates(graph, sets);
        Sufficiency s = Sufficiency.measure(model, sets);
        SoftAssertions soft = new SoftAssertions();
        for (int k = 0; k < graphs.size(); k++) {
            for (int i = 0; i < s.full().rows().size(); i++) {
                soft.assertThat(graphs.get(k).alone().rows().get(i).pXNorm()).as("%s alone, %s", graphs.get(k).name(),
                        s.full().rows().get(i).name()).isCloseTo(s.candidates().get(k).alone().rows().get(i).pXNorm(),
                        within(SAME_ROUTE_APART));
            }
        }
        soft.assertAll();
    }

    @Test
    @DisplayName("every kept edge was tested and raised the distance by at least tau, and every removed one is gone")
    void keptEdgesPassedTheirTest() {
        for (CircuitDiscovery.Pruning p : discovery.runs()) {
            assertThat(p.steps()).hasSameSizeAs(graph.edges());
            for (CircuitDiscovery.Step s : p.steps()) {
                assertThat(p.kept().contains(s.edge())).as("%s at tau %s", s.edge(), p.tau()).isEqualTo(!s.removed());
                if (!s.removed()) {
                    assertThat(s.tested()).isTrue();
                    assertThat(s.change()).isGreaterThanOrEqualTo(p.tau());
                }
            }
        }
    }

    /**
     * The 20 orderings with the embeddings (hook_resid_pre of layer 0) and every head's hook_z replaced by their
     * per-position means over the orderings, computed here from one plain capture run.
     */
    private DriftResult allAtMean() {
        ModelConfig c = model.config();
        DriftProbe probe = new DriftProbe(model, Stimulus.allOrderingsOf3X3Y());
        int n = probe.stimuli().size();
        int[][] tokens = probe.allTokens();
        int t = tokens[0].length;
        List<String> names = new ArrayList<>(List.of(HookPoint.residPre(0)));
        for (int l = 0; l < c.nLayers(); l++) {
            names.add(HookPoint.z(l));
        }
        Unembed xy = Unembed.columns(probe.xId(), probe.yId());
        HookedTransformer.Run clean = model.run(tokens, Hooks.none().capturing(names.toArray(String[]::new)), xy);
        Hooks hooks = Hooks.none();
        for (String name : names) {
            float[] all = clean.activation(name).data();
            int per = all.length / n;
            float[] tiled = new float[all.length];
            for (int j = 0; j < per; j++) {
                double sum = 0;
                for (int r = 0; r < n; r++) {
                    sum += all[r * per + j];
                }
                for (int r = 0; r < n; r++) {
                    tiled[r * per + j] = (float) (sum / n);
                }
            }
            long[] shape = name.equals(HookPoint.residPre(0)) ? new long[] {n, t, c.dModel()}
                    : new long[] {n, t, c.nHeads(), c.dHead()};
            hooks = hooks.replacing(name, a -> a.getManager().create(tiled, new Shape(shape)));
        }
        float[][] logits = model.run(tokens, hooks, xy).logitsLast();
        List<Readout> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(Readout.ofPair(probe.stimuli().get(i), logits[i][0], logits[i][1]));
        }
        return DriftResult.of(rows);
    }
}
