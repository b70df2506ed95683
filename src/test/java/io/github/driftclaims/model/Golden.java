package io.github.driftclaims.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The golden record that {@code tools/golden/make_golden.py} computed with PyTorch. Public so that
 * tests outside this package (the hub's model path) can compare with the same independent numbers.
 */
public record Golden(JsonObject json) {

    public static final Path DIR = Path.of("fixtures", "tiny-random-2l");
    /** The golden tests' tolerance: float32 forward passes in libtorch vs PyTorch. */
    public static final double TOL = 1e-5;

    public static Golden load() {
        try (Reader r = Files.newBufferedReader(DIR.resolve("golden.json"))) {
            return new Golden(JsonParser.parseReader(r).getAsJsonObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonObject run(String kind, String prompt) {
        return json.getAsJsonObject("runs").getAsJsonObject(kind).getAsJsonObject(prompt);
    }

    public int[] tokens(String prompt) {
        JsonArray a = json.getAsJsonObject("tokens").getAsJsonArray(prompt);
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }

    public static HostTensor tensor(JsonElement e) {
        JsonObject o = e.getAsJsonObject();
        JsonArray s = o.getAsJsonArray("shape");
        JsonArray d = o.getAsJsonArray("data");
        long[] shape = new long[s.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = s.get(i).getAsLong();
        }
        float[] data = new float[d.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = d.get(i).getAsFloat();
        }
        return new HostTensor(shape, data);
    }

    /** The golden "pattern" layout, [L, H, T, T], from a one-sequence run that captured both layers' patterns. */
    public static HostTensor patterns(HookedTransformer.Run run) {
        return GoldenForwardTest.stackLayers(run, true);
    }

    /** Largest absolute difference, after checking shapes agree. */
    public static double maxAbsDiff(HostTensor expected, HostTensor actual) {
        if (!java.util.Arrays.equals(expected.shape(), actual.shape())) {
            throw new AssertionError("shape " + actual.shapeString() + " != expected " + expected.shapeString());
        }
        return maxAbsDiff(expected.data(), actual.data());
    }

    public static double maxAbsDiff(float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new AssertionError("length " + actual.length + " != expected " + expected.length);
        }
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs((double) expected[i] - actual[i]));
        }
        return max;
    }
}
