package io.github.driftclaims.bench;

import ai.djl.pytorch.jni.JniUtils;
import io.github.driftclaims.model.DjlRuntime;

/** Starts the engine and insists on one intra-op and one inter-op thread: every figure is single-core. */
final class Threads {

    private Threads() {}

    static void startSingleThreaded() {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        DjlRuntime.start();
        if (JniUtils.getNumThreads() != 1) {
            throw new IllegalStateException("libtorch runs " + JniUtils.getNumThreads()
                    + " intra-op threads; the benchmark needs 1 (set ai.djl.pytorch.num_threads=1 before engine start)");
        }
    }
}
