package io.github.driftclaims.model;

import ai.djl.engine.Engine;

/**
 * Starts the DJL PyTorch engine offline. Without {@code ai.djl.offline} the engine start contacts
 * DJL's servers (native library lookup and telemetry); the project must never need the network to
 * run, so the switch is set here, in code, rather than left to every caller's command line.
 */
public final class DjlRuntime {

    private DjlRuntime() {}

    /** Idempotent. Returns the engine so callers can read its versions. */
    public static Engine start() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        return Engine.getEngine("PyTorch");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    public static String djlVersion() {
        return Engine.getDjlVersion();
    }

    public static String libtorchVersion() {
        return start().getVersion();
    }
}
