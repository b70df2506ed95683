package io.github.driftclaims.model;

import ai.djl.ndarray.NDArray;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * An intervention and a read-out, passed to one forward pass as a value (TransformerLens's
 * {@code run_with_hooks} and {@code run_with_cache} in one). Immutable: each method returns a copy.
 *
 * @param replacements hook point name to a function of the activation that returns its replacement
 * @param captures hook point names whose (post-replacement) activation the caller wants back
 */
public record Hooks(Map<String, UnaryOperator<NDArray>> replacements, Set<String> captures) {

    public Hooks {
        replacements = Map.copyOf(replacements);
        captures = Set.copyOf(captures);
    }

    public static Hooks none() {
        return new Hooks(Map.of(), Set.of());
    }

    public Hooks capturing(String... names) {
        Set<String> c = new HashSet<>(captures);
        c.addAll(List.of(names));
        return new Hooks(replacements, c);
    }

    /** Adds a replacement; two replacements on one point compose, the earlier one applied first. */
    public Hooks replacing(String name, UnaryOperator<NDArray> fn) {
        Map<String, UnaryOperator<NDArray>> r = new HashMap<>(replacements);
        UnaryOperator<NDArray> before = r.get(name);
        r.put(name, before == null ? fn : a -> fn.apply(before.apply(a)));
        return new Hooks(r, captures);
    }

    /**
     * Refuses a hook name that is no point of a model with {@code layers} layers, as TransformerLens does:
     * {@code z(5)} on a 2-layer model would otherwise be silently ignored, and an experiment that ablates
     * nothing looks like one whose ablation changed nothing.
     */
    void requireKnown(int layers) {
        if (replacements.isEmpty() && captures.isEmpty()) {
            return;
        }
        Set<String> known = Set.copyOf(HookPoint.all(layers));
        for (String name : replacements.keySet()) {
            if (!known.contains(name)) {
                throw unknown(name, layers);
            }
        }
        for (String name : captures) {
            if (!known.contains(name)) {
                throw unknown(name, layers);
            }
        }
    }

    private static IllegalArgumentException unknown(String name, int layers) {
        return new IllegalArgumentException("no hook point named " + name + " on a model with " + layers
                + " layers; the points are " + HookPoint.all(layers));
    }

    /** Whether {@code name} is replaced or captured: points that cost work to form are formed only then. */
    boolean touches(String name) {
        return replacements.containsKey(name) || captures.contains(name);
    }

    /** Applies the replacement registered at {@code name}, if any, and records it if captured. */
    NDArray at(String name, NDArray activation, Map<String, NDArray> cache) {
        UnaryOperator<NDArray> fn = replacements.get(name);
        NDArray out = fn == null ? activation : fn.apply(activation);
        if (captures.contains(name)) {
            cache.put(name, out);
        }
        return out;
    }
}
