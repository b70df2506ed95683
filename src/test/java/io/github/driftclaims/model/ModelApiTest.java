package io.github.driftclaims.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The model package's API at its edges, on the tiny random fixture (d_vocab 37, n_ctx 16): the ids and lengths it
 * takes, the TransformerLens names of its residual hooks, what closing frees, and the weights-only path the
 * benchmarks build their models with.
 */
@DisplayName("The model API at its edges")
class ModelApiTest {

    static HookedTransformer tiny(boolean processed) {
        return ModelLoader.load(ModelFiles.fromDirectory(Golden.DIR), processed);
    }

    @Test
    @DisplayName("takes token ids 0 to d_vocab - 1 and refuses d_vocab and -1, naming the id and the vocabulary size")
    void vocabularyEdges() {
        try (HookedTransformer m = tiny(true)) {
            int v = m.config().dVocab();
            assertThat(m.run(new int[][] {{0, v - 1}}, Hooks.none()).logitsLast()[0]).hasSize(v);
            assertThatThrownBy(() -> m.run(new int[][] {{0, v}}, Hooks.none()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("token id " + v + " is outside the vocabulary of " + v);
            assertThatThrownBy(() -> m.run(new int[][] {{-1, 0}}, Hooks.none()))
                    .hasMessage("token id -1 is outside the vocabulary of " + v);
        }
    }

    @Test
    @DisplayName("names its residual hooks as TransformerLens does, and hook_resid_pre of layer 0 is the two embeddings' sum")
    void residualHooks() {
        assertThat(HookPoint.residPre(1)).isEqualTo("blocks.1.hook_resid_pre");
        assertThat(HookPoint.residPost(0)).isEqualTo("blocks.0.hook_resid_post");
        try (HookedTransformer m = tiny(true)) {
            HookedTransformer.Run r = m.run(new int[][] {{0, 5, 6, 7}}, Hooks.none().capturing(HookPoint.EMBED,
                    HookPoint.POS_EMBED, HookPoint.residPre(0), HookPoint.residPost(0), HookPoint.residPre(1)));
            float[] embed = r.activation(HookPoint.EMBED).data();
            float[] pos = r.activation(HookPoint.POS_EMBED).data();
            float[] pre0 = r.activation(HookPoint.residPre(0)).data();
            for (int i = 0; i < pre0.length; i++) {
                assertThat(pre0[i]).isEqualTo(embed[i] + pos[i]);
            }
            assertThat(r.activation(HookPoint.residPre(1)).data()).isEqualTo(r.activation(HookPoint.residPost(0)).data());
            assertThat(r.activation(HookPoint.residPost(0)).data()).isNotEqualTo(pre0);
        }
    }

    @Test
    @DisplayName("closing a model closes its manager; closing a decoding frees its cache, so it cannot go on")
    void closing() {
        HookedTransformer m = tiny(true);
        int before = m.manager().getManagedArrays().size();
        HookedTransformer.Decoding d = m.decode(new int[][] {{0, 5}}, Hooks.none(), Unembed.FULL, 3);
        assertThat(m.manager().getManagedArrays().size()).as("the cache's buffers").isGreaterThan(before);
        int withCache = m.manager().getManagedArrays().size();
        d.next(new int[] {6});
        assertThat(d.length()).isEqualTo(3);
        assertThat(m.manager().getManagedArrays().size()).as("a step's views of the cache go with its scope")
                .isEqualTo(withCache);
        d.close();
        assertThat(m.manager().getManagedArrays().size()).as("after the decoding is closed").isEqualTo(before);
        assertThatThrownBy(() -> d.next(new int[] {7})).isInstanceOf(RuntimeException.class);
        m.close();
        assertThat(m.manager().isOpen()).isFalse();
    }

    @Test
    @DisplayName("a decoding whose prefill fails leaves no cache behind")
    void failedPrefillFreesTheCache() {
        try (HookedTransformer m = tiny(true)) {
            int before = m.manager().getManagedArrays().size();
            Hooks broken = Hooks.none().replacing(HookPoint.z(1), a -> {
                throw new IllegalStateException("a broken hook");
            });
            assertThatThrownBy(() -> m.decode(new int[][] {{0, 5}}, broken, Unembed.FULL, 3))
                    .hasMessage("a broken hook");
            assertThat(m.manager().getManagedArrays().size()).isEqualTo(before);
        }
    }

    @Test
    @DisplayName("the weights-only path (state dict, then processing that keeps the raw arrays) gives the loader's logits")
    void weightsOnlyPath() {
        int[][] tokens = {{0, 5, 6, 7}, {0, 8, 9, 10}};
        float[][] loaded;
        try (HookedTransformer m = tiny(true)) {
            loaded = m.run(tokens, Hooks.none()).logitsLast();
            assertThat(m.files().config()).isEqualTo(Golden.DIR.resolve("config.json"));
        }
        ModelConfig c = ModelConfig.read(Golden.DIR.resolve("config.json"));
        StateDict state = StateDict.read(Golden.DIR.resolve("model.safetensors")).validated(Golden.DIR, c);
        DjlRuntime.start();
        NDManager manager = NDManager.newBaseManager();
        Weights raw = Weights.fromStateDict(manager, c, state);
        Map<String, HostTensor> rawBefore = raw.toHost();
        int arrays = manager.getManagedArrays().size();
        Weights processed = WeightProcessing.process(manager, raw);
        assertThat(manager.getManagedArrays().size()).as("processing leaves only the processed arrays behind")
                .isEqualTo(arrays + WeightLayout.arrays(processed).size());
        assertThat(processed.ln_final()).as("the final LayerNorm is folded away").isNull();
        assertThat(processed.blocks()).allSatisfy(b -> assertThat(b.ln1()).as("ln1 is folded away").isNull());
        assertThat(WeightLayout.arrays(processed)).doesNotContainKeys("ln_final.w", "blocks.0.ln1.w");
        assertThat(WeightLayout.arrays(raw)).containsKeys("ln_final.w", "blocks.0.ln1.b")
                .hasSize(WeightLayout.params(c).size());
        assertThat(processed.processed()).isTrue();
        assertThat(raw.processed()).isFalse();
        raw.toHost().forEach((k, t) -> assertThat(t.data()).as("raw %s after processing", k)
                .isEqualTo(rawBefore.get(k).data()));
        try (HookedTransformer m = HookedTransformer.ofWeights(manager, processed)) {
            float[][] built = m.run(tokens, Hooks.none()).logitsLast();
            assertThat(m.tokenizer()).isNull();
            assertThat(m.files()).isNull();
            for (int r = 0; r < tokens.length; r++) {
                assertThat(built[r]).containsExactly(loaded[r]);
            }
        }
    }

    @Test
    @DisplayName("a column readout is a value: equal for the same ids in the same order, and says which")
    void unembedIsAValue() {
        assertThat(Unembed.columns(1, 2)).isEqualTo(Unembed.columns(1, 2)).hasSameHashCodeAs(Unembed.columns(1, 2))
                .isNotEqualTo(Unembed.columns(2, 1)).isNotEqualTo(Unembed.FULL);
        assertThat(Unembed.FULL).isEqualTo(new Unembed(null));
        assertThat(Unembed.columns(1, 2)).hasToString("Unembed[1, 2]");
        assertThat(Unembed.FULL).hasToString("Unembed[full]");
        int[] ids = {3, 4};
        Unembed u = Unembed.columns(ids);
        ids[0] = 9;
        assertThat(u.columns()).containsExactly(3, 4);
        assertThat(Arrays.equals(u.columns(), new int[] {3, 4})).isTrue();
    }

    @Test
    @DisplayName("refuses a hook name that is no point of the model, replaced or captured, in a forward pass and a cached step")
    void unknownHookNames() {
        try (HookedTransformer m = tiny(true)) {
            int layers = m.config().nLayers();
            int[][] tokens = {{0, 5, 6}};
            assertThatThrownBy(() -> m.run(tokens, Hooks.none().replacing(HookPoint.z(layers), a -> a.mul(0f))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("no hook point named blocks." + layers + ".attn.hook_z on a model with "
                            + layers + " layers");
            assertThatThrownBy(() -> m.run(tokens, Hooks.none().capturing("blocks.0.attn.hook_q")))
                    .hasMessageContaining("no hook point named blocks.0.attn.hook_q");
            assertThatThrownBy(() -> m.decode(tokens, Hooks.none().replacing("hook_z", a -> a), Unembed.FULL, 1))
                    .hasMessageContaining("no hook point named hook_z");
            // Every named point is accepted, the last layer's included.
            Hooks every = Hooks.none().capturing(HookPoint.all(layers).toArray(String[]::new));
            assertThat(m.run(tokens, every).activation(HookPoint.z(layers - 1))).isNotNull();
        }
    }

    @Test
    @DisplayName("two replacements on one hook point compose, the earlier one first")
    void replacementsCompose() {
        try (HookedTransformer m = tiny(true)) {
            int[][] tokens = {{0, 5, 6}};
            Hooks twice = Hooks.none().capturing(HookPoint.z(0))
                    .replacing(HookPoint.z(0), a -> a.mul(2f)).replacing(HookPoint.z(0), a -> a.add(1f));
            float[] plain = m.run(tokens, Hooks.none().capturing(HookPoint.z(0))).activation(HookPoint.z(0)).data();
            float[] z = m.run(tokens, twice).activation(HookPoint.z(0)).data();
            for (int i = 0; i < z.length; i++) {
                assertThat(z[i]).isEqualTo(plain[i] * 2f + 1f);
            }
        }
    }

    @Test
    @DisplayName("the weights reader checks the shapes itself, not only through the loader")
    void readerChecksShapes() {
        ModelConfig c = ModelConfig.read(Golden.DIR.resolve("config.json"));
        ModelConfig wider = new ModelConfig(c.dModel(), c.nLayers(), c.dHead(), c.nHeads(), c.nCtx(), c.dVocab() + 1,
                c.actFn(), c.normalizationType(), c.tokenizerName());
        Path file = Golden.DIR.resolve("model.safetensors");
        DjlRuntime.start();
        try (NDManager manager = NDManager.newBaseManager(); TensorSource source = StateDict.open(file)) {
            assertThatThrownBy(() -> Weights.fromSource(manager, wider, source, file))
                    .isInstanceOf(ModelLoadException.class).hasMessageContaining("embed.W_E");
        }
    }

    @Test
    @DisplayName("a KV cache driven through the public forward and step refuses a position past its capacity")
    void cacheCapacity() {
        try (HookedTransformer m = tiny(true); KvCache kv = new KvCache(m.manager(), m.config(), 1, 3);
                NDManager scope = m.manager().newSubManager()) {
            Weights w = m.weights();
            HookedTransformer.forward(w, scope.create(new long[] {0, 5}, new ai.djl.ndarray.types.Shape(1, 2)),
                    Hooks.none(), new java.util.HashMap<>(), Unembed.FULL, kv);
            HookedTransformer.step(w, kv, scope.create(new long[] {6}, new ai.djl.ndarray.types.Shape(1, 1)),
                    Hooks.none(), new java.util.HashMap<>(), Unembed.FULL);
            assertThat(kv.length()).isEqualTo(3);
            assertThatThrownBy(() -> HookedTransformer.step(w, kv, scope.create(new long[] {7},
                    new ai.djl.ndarray.types.Shape(1, 1)), Hooks.none(), new java.util.HashMap<>(), Unembed.FULL))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the KV cache holds 3 positions; 4 were asked for");
        }
    }
}
