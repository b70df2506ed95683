package io.github.driftclaims.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.StateDict;
import io.github.driftclaims.model.TensorSource;
import io.github.driftclaims.model.WeightLayout;
import io.github.driftclaims.model.WeightProcessing;
import io.github.driftclaims.model.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a fresh JVM by BenchMain: times the load of a checkpoint after the engine is up, step by
 * step as ModelLoader.load does it, and reads the process's peak RSS (VmHWM) before and after.
 */
public final class LoadCheckpoint {

    private LoadCheckpoint() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Threads.startSingleThreaded();
        System.out.println("vmhwm_after_engine_mib=" + vmHwmMib());
        long t0 = System.nanoTime();
        ModelConfig c = ModelConfig.read(dir.resolve("config.json"));
        Path file = dir.resolve("model.safetensors");
        // The loader's path: header first, then each tensor read, checked and moved to libtorch in turn.
        TensorSource source = StateDict.open(file);
        long t1 = System.nanoTime();
        StateDict.checkShapes(file, c, source.shapes());
        long t2 = System.nanoTime();
        NDManager manager = NDManager.newBaseManager();
        Weights weights = Weights.fromSource(manager, c, source, file);
        source.close();
        long t3 = System.nanoTime();
        Weights processed = WeightProcessing.processConsuming(manager, weights);
        long t4 = System.nanoTime();
        System.out.println("file_mb=" + Files.size(file) / 1e6);
        System.out.println("read_ms=" + FirstResult.ms(t1 - t0));
        System.out.println("validate_ms=" + FirstResult.ms(t2 - t1));
        System.out.println("to_native_ms=" + FirstResult.ms(t3 - t2));
        System.out.println("process_ms=" + FirstResult.ms(t4 - t3));
        System.out.println("total_ms=" + FirstResult.ms(t4 - t0));
        System.out.println("vmhwm_mib=" + vmHwmMib());
        System.out.println("params=" + WeightLayout.arrays(processed).size());
        manager.close();
    }

    static double vmHwmMib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }
}
