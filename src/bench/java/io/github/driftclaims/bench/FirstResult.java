package io.github.driftclaims.bench;

import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.ModelTokenizer;
import io.github.driftclaims.model.StateDict;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Run in a fresh JVM by BenchMain: engine start, load of a model directory (config.json +
 * model.safetensors, processed as ModelLoader does), one 9-token forward. Prints {@code key=value}
 * lines; {@code first_result} is printed the moment the logits are in Java, so the parent can time
 * process spawn to first result.
 */
public final class FirstResult {

    private FirstResult() {}

    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainAt = System.currentTimeMillis();
        Path dir = Path.of(args[0]);
        long t0 = System.nanoTime();
        Threads.startSingleThreaded();
        long t1 = System.nanoTime();
        ModelConfig c = ModelConfig.read(dir.resolve("config.json"));
        Path file = dir.resolve("model.safetensors");
        StateDict state = StateDict.read(file).validated(file, c);
        HookedTransformer model = RandomModel.fromStateDict(c, state);
        long t2 = System.nanoTime();
        int[] ids = new int[Workload.TOKENS];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i * 7 % c.dVocab();
        }
        float[][] logits = model.run(new int[][] {ids}, Hooks.none()).logitsLast();
        long t3 = System.nanoTime();
        long doneAt = System.currentTimeMillis();
        System.out.println("first_result=" + logits[0][0]);
        System.out.flush();
        System.out.println("jvm_to_main_ms=" + (mainAt - jvmStart));
        System.out.println("engine_start_ms=" + ms(t1 - t0));
        System.out.println("load_ms=" + ms(t2 - t1));
        System.out.println("forward_ms=" + ms(t3 - t2));
        System.out.println("jvm_start_to_result_ms=" + (doneAt - jvmStart));
        if (args.length > 1) {
            long t4 = System.nanoTime();
            try (ModelTokenizer tok = ModelTokenizer.load(Path.of(args[1]), null)) {
                tok.tokensWithBos("Sequence: X Y X Y X Y");
            }
            System.out.println("tokenizer_ms=" + ms(System.nanoTime() - t4));
        }
        model.close();
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
