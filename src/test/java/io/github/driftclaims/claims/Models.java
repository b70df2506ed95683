package io.github.driftclaims.claims;

import io.github.driftclaims.interp.CircuitEvidence;
import io.github.driftclaims.model.DjlRuntime;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.ModelLoader;
import io.github.driftclaims.report.AllureEnvironment;
import io.github.driftclaims.train.TensorHash;
import io.github.driftclaims.verdict.Measurements;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Loads each model once per test run and measures the notebook's workload on it once; every claim
 * class reads from here. Models live in JUnit's root store, which closes them when the run ends,
 * so nothing is held in static state.
 */
final class Models implements ParameterResolver {

    /** What the claim tests get: a model, the evidence measured on it, and the numbers the rules read. */
    record Loaded(ModelUnderTest which, HookedTransformer model, CircuitEvidence evidence, Measurements measurements) {}

    private static final class Entry implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        final Loaded loaded;

        Entry(Loaded loaded) {
            this.loaded = loaded;
        }

        @Override
        public void close() {
            loaded.model().close();
        }
    }

    /** Resolves a {@link Session} parameter. */
    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == Session.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        return new Session(c.getRoot().getStore(ExtensionContext.Namespace.create(Models.class)));
    }

    /** A handle on the run's loaded models. */
    record Session(ExtensionContext.Store store) {

        Loaded get(ModelUnderTest which) {
            return store.getOrComputeIfAbsent(which, w -> new Entry(load(w)), Entry.class).loaded;
        }
    }

    static Loaded load(ModelUnderTest which) {
        var files = which.files();
        HookedTransformer model = ModelLoader.load(files, true);
        CircuitEvidence evidence = CircuitEvidence.measure(model);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("model." + which.id + ".checkpoint", files.checkpoint().toString());
        env.put("model." + which.id + ".checkpoint.sha256", sha256(files.checkpoint()));
        env.put("model." + which.id + ".processed-weights.sha256", TensorHash.of(model.weights().toHost()));
        env.put("model." + which.id + ".head-score-pool", evidence.pool().description());
        files.provenance().forEach((k, v) -> env.put("model." + which.id + "." + k, v));
        env.put("djl.engine", "PyTorch " + DjlRuntime.libtorchVersion());
        env.put("torch.threads", String.valueOf(ai.djl.pytorch.jni.JniUtils.getNumThreads()));
        env.put("java.runtime", System.getProperty("java.runtime.version"));
        AllureEnvironment.merge(env);
        return new Loaded(which, model, evidence, Measurements.of(evidence));
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
