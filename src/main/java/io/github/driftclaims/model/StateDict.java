package io.github.driftclaims.model;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A checkpoint's tensors by TransformerLens key name, checked against the shapes a config implies.
 * Validation happens here, once, so that the forward pass can trust every shape.
 */
public record StateDict(Map<String, HostTensor> tensors) {

    /** Reads either format, by file name: {@code *.safetensors} or a {@code torch.save} {@code *.pth}. */
    public static StateDict read(Path checkpoint) {
        try (TensorSource source = open(checkpoint)) {
            return new StateDict(source.loadAll());
        }
    }

    /** Opens either format for reading tensor by tensor. */
    public static TensorSource open(Path checkpoint) {
        String name = checkpoint.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".safetensors")) {
            return Safetensors.open(checkpoint);
        }
        if (name.endsWith(".pth") || name.endsWith(".pt") || name.endsWith(".bin")) {
            return TorchCheckpoint.open(checkpoint);
        }
        throw new ModelLoadException(checkpoint, "unknown checkpoint format",
                "use model.safetensors or a torch.save file ending in .pth");
    }

    /**
     * Checks every expected key and shape from the checkpoint's metadata alone, before any value is
     * read; names every problem at once.
     */
    public static void checkShapes(Path source, ModelConfig config, Map<String, long[]> shapes) {
        checkShapes(source, config, shapes, Map.of());
    }

    /**
     * As {@link #checkShapes(Path, ModelConfig, Map)}, naming a needed key whose dtype the reader does
     * not read ({@link TensorSource#unsupported}) as such rather than as missing.
     */
    public static void checkShapes(Path source, ModelConfig config, Map<String, long[]> shapes,
            Map<String, String> unsupported) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, long[]> e : WeightLayout.shapes(config).entrySet()) {
            long[] actual = shapes.get(e.getKey());
            if (actual == null && unsupported.containsKey(e.getKey())) {
                problems.add("key '" + e.getKey() + "' has the unsupported dtype " + unsupported.get(e.getKey())
                        + " (float32, float16 and bfloat16 are read)");
            } else if (actual == null) {
                problems.add("missing key '" + e.getKey() + "' (expected shape " + Arrays.toString(e.getValue()) + ")");
            } else if (!Arrays.equals(actual, e.getValue())) {
                problems.add("key '" + e.getKey() + "' has shape " + Arrays.toString(actual) + ", expected "
                        + Arrays.toString(e.getValue()));
            }
        }
        if (!problems.isEmpty()) {
            throw mismatch(source, problems);
        }
    }

    /** Refuses a tensor holding NaN or infinity, naming the key and the position. */
    public static void checkFinite(Path source, String key, HostTensor t) {
        checkFinite(source, key, FloatBuffer.wrap(t.data()));
    }

    /** As {@link #checkFinite(Path, String, HostTensor)}, over the values from the buffer's position. */
    static void checkFinite(Path source, String key, FloatBuffer values) {
        int base = values.position();
        for (int i = base, n = values.limit(); i < n; i++) {
            float v = values.get(i);
            if (!Float.isFinite(v)) {
                throw mismatch(source, List.of("key '" + key + "' holds a non-finite value (" + v
                        + " at flat index " + (i - base) + ")"));
            }
        }
    }

    private static ModelLoadException mismatch(Path source, List<String> problems) {
        return new ModelLoadException(source, "the checkpoint does not match config.json: "
                + String.join("; ", problems),
                "use the checkpoint and config.json of the same model, in TransformerLens key layout");
    }

    /**
     * Checks every expected key and shape (naming each problem), then every value. Buffers that TransformerLens
     * keeps in its state dict ({@code mask}, {@code IGNORE}) and any other extra key are ignored.
     */
    public StateDict validated(Path source, ModelConfig config) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.forEach((k, t) -> shapes.put(k, t.shape()));
        checkShapes(source, config, shapes);
        Map<String, HostTensor> kept = new LinkedHashMap<>();
        for (String key : WeightLayout.shapes(config).keySet()) {
            checkFinite(source, key, tensors.get(key));
            kept.put(key, tensors.get(key));
        }
        return new StateDict(Map.copyOf(kept));
    }

    public HostTensor get(String key) {
        HostTensor t = tensors.get(key);
        if (t == null) {
            throw new IllegalArgumentException("no tensor " + key);
        }
        return t;
    }
}
