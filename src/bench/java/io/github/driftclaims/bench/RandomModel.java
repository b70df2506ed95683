package io.github.driftclaims.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.driftclaims.model.DjlRuntime;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.HostTensor;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.StateDict;
import io.github.driftclaims.model.WeightLayout;
import io.github.driftclaims.model.WeightProcessing;
import io.github.driftclaims.model.Weights;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random attention-only models of the two shapes the benchmarks run: the planned toy model and
 * attn-only-2l. The values do not matter for speed; the shapes do. No tokenizer: benchmarks feed ids.
 */
public final class RandomModel {

    /** The planned toy-induction-2l shape. */
    public static final ModelConfig TOY = new ModelConfig(64, 2, 8, 8, 51, 290, "solu_ln", "LN", null);
    /** NeelNanda/attn-only-2l's exact shapes. */
    public static final ModelConfig ATTN_ONLY_2L =
            new ModelConfig(512, 2, 64, 8, 1024, 48262, "solu_ln", "LN", null);

    private RandomModel() {}

    public static ModelConfig byName(String name) {
        return switch (name) {
            case "toy" -> TOY;
            case "attn-only-2l" -> ATTN_ONLY_2L;
            default -> throw new IllegalArgumentException("unknown shape " + name);
        };
    }

    /** A raw checkpoint in TransformerLens key layout: LN weights near 1, everything else small uniform. */
    /** A model directory (config.json, model.safetensors) with {@code c}'s shapes and seeded random weights. */
    public static java.nio.file.Path write(java.nio.file.Path dir, ModelConfig c) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("config.json"), c.toJson().toString());
        io.github.driftclaims.model.Safetensors.write(dir.resolve("model.safetensors"), stateDict(c, 1234));
        return dir;
    }

    public static Map<String, HostTensor> stateDict(ModelConfig c, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, HostTensor> out = new LinkedHashMap<>();
        WeightLayout.shapes(c).forEach((key, shape) -> {
            float[] data = new float[Math.toIntExact(HostTensor.numel(shape))];
            boolean lnWeight = key.endsWith("ln1.w") || key.equals("ln_final.w");
            for (int i = 0; i < data.length; i++) {
                float u = (float) (2 * rng.nextDouble() - 1);
                data[i] = lnWeight ? 1 + 0.1f * u : 0.05f * u;
            }
            out.put(key, new HostTensor(shape, data));
        });
        return out;
    }

    /** Processed weights (from_pretrained's defaults), as ModelLoader.load(files, true) makes them. */
    public static HookedTransformer fromStateDict(ModelConfig c, StateDict state) {
        DjlRuntime.start();
        NDManager manager = NDManager.newBaseManager();
        Weights raw = Weights.fromStateDict(manager, c, state);
        Weights processed = WeightProcessing.process(manager, raw);
        WeightLayout.arrays(raw).values().forEach(NDArray::close);
        return HookedTransformer.ofWeights(manager, processed);
    }

    public static HookedTransformer build(ModelConfig c, long seed) {
        return fromStateDict(c, new StateDict(stateDict(c, seed)));
    }
}
