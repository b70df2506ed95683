package io.github.driftclaims.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.driftclaims.model.DjlRuntime;
import io.github.driftclaims.model.HookPoint;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import io.github.driftclaims.model.HostTensor;
import io.github.driftclaims.model.ModelConfig;
import io.github.driftclaims.model.WeightLayout;
import io.github.driftclaims.model.Weights;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains an attention-only toy transformer with DJL autograd on the CPU, through the same
 * {@link HookedTransformer#forward} that inference uses, so the trained model is exactly the model the
 * claims run on.
 *
 * <p>Bit reproducibility: the initial weights and the data come from Java's {@link SplittableRandom}
 * (not the engine's RNG), Adam is written out in {@link Adam}, and libtorch runs on a fixed number of
 * threads for the duration of training (intra-op parallel reductions can change summation order).
 */
public final class ToyTrainer {

    /**
     * One line of the training log. Between evaluations only {@code step} and {@code loss} are set (the rest NaN).
     *
     * @param drift the model's drift over the notebook's three orderings
     * @param idealDrift the ideal observer's drift on the same orderings for this recipe's mixture (constant per run)
     * @param excessDrift drift - idealDrift (claim 27's number)
     * @param bestInduction layer 1's best induction score, on random repeats of the model card's letters
     * @param bestPrevToken layer 0's best previous-token score, on the same letters
     * @param bestInductionXY layer 1's best induction score, on random repeats of X and Y only
     * @param bestPrevTokenXY layer 0's best previous-token score, on X and Y only
     */
    public record LogEntry(int step, double loss, double drift, double idealDrift, double excessDrift,
            double bestInduction, double bestPrevToken, double bestInductionXY, double bestPrevTokenXY) {

        /** A step without evaluation: the loss alone. */
        public static LogEntry lossOnly(int step, double loss) {
            return new LogEntry(step, loss, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN);
        }
    }

    /** Up to this step the curves are logged every {@link #EARLY_INTERVAL} steps: the induction head forms here. */
    static final int EARLY_UNTIL = 500;
    static final int EARLY_INTERVAL = 25;
    static final int LATE_INTERVAL = 100;

    /** What a run produced: the weights, the loss and metric log, and the hash at the checkpoint step. */
    public record Result(Map<String, HostTensor> weights, List<LogEntry> log, double finalLoss,
            String checkpointHash, int stepsRun, double seconds) {}

    private ToyTrainer() {}

    public static ModelConfig modelConfig(TrainConfig c) {
        return new ModelConfig(c.dModel(), c.nLayers(), c.dHead(), c.nHeads(), c.nCtx(),
                ToyVocabulary.build().size(), "attn_only", "LN", "toy-bytelevel");
    }

    /** Seeded initial weights, in TransformerLens layout. */
    static Map<String, HostTensor> initialWeights(TrainConfig c, ModelConfig mc, Gaussian g) {
        Map<String, HostTensor> w = new LinkedHashMap<>();
        // In state-dict order: the Gaussian's draws, and with them every seeded run's bits, follow it.
        for (WeightLayout.Param p : WeightLayout.params(mc)) {
            int n = (int) HostTensor.numel(p.shape());
            float[] data = switch (p.role()) {
                case LN_WEIGHT -> {
                    float[] ones = new float[n];
                    java.util.Arrays.fill(ones, 1f);
                    yield ones;
                }
                case LN_BIAS, ATTN_BIAS, UNEMBED_BIAS -> new float[n];
                case EMBED -> g.fill(n, c.embedStd());
                case POS_EMBED -> g.fill(n, c.posStd());
                case UNEMBED -> g.fill(n, c.unembedStd());
                case ATTN_WEIGHT -> g.fill(n, c.attnStd());
            };
            w.put(p.key(), new HostTensor(p.shape(), data));
        }
        return w;
    }

    /**
     * @param stopAfter run only the first this-many steps of the schedule (for the reproducibility
     *     check), or {@code c.steps()}
     * @param progress receives a log entry after every step with loss only, and full entries at evals
     * @param evaluator computes drift and head scores on the current weights, or null to skip
     */
    public static Result train(TrainConfig c, int stopAfter, Consumer<LogEntry> progress,
            Evaluator evaluator) {
        DjlRuntime.start();
        ModelConfig mc = modelConfig(c);
        SplittableRandom root = new SplittableRandom(c.seed());
        Gaussian gauss = new Gaussian(root.split());
        TrainingData data = new TrainingData(c, root.split());
        int previousThreads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(c.threads());
        long start = System.nanoTime();
        try (NDManager base = NDManager.newBaseManager()) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            Set<String> decayed = new HashSet<>();
            Map<String, HostTensor> initial = initialWeights(c, mc, gauss);
            for (WeightLayout.Param param : WeightLayout.params(mc)) {
                String k = param.key();
                NDArray p = Weights.owned(base, initial.get(k));
                // LayerNorm weights and biases always train; the attention and unembedding biases
                // (b_Q, b_K, b_V, b_O, b_U) only with trainBiases, else they stay zero.
                boolean layerNorm = param.role() == WeightLayout.Role.LN_WEIGHT || param.role() == WeightLayout.Role.LN_BIAS;
                boolean bias = param.role() == WeightLayout.Role.ATTN_BIAS || param.role() == WeightLayout.Role.UNEMBED_BIAS;
                if (layerNorm || !bias || c.trainBiases()) {
                    p.setRequiresGradient(true);
                }
                boolean attnMatrix = param.role() == WeightLayout.Role.ATTN_WEIGHT;
                if (!layerNorm && !bias && ("all".equals(c.decayOn()) || attnMatrix)) {
                    decayed.add(k);
                }
                params.put(k, p);
            }
            // Adam updates the arrays in place, so the typed view stays current.
            Weights weights = WeightLayout.weights(mc, params);
            Adam adam = new Adam(c, decayed);
            NDArray lossMask = lossMask(base, c);
            List<LogEntry> log = new ArrayList<>();
            double loss = Double.NaN;
            String checkpointHash = null;
            for (int step = 0; step < stopAfter; step++) {
                int[][] batch = data.nextBatch();
                try (NDManager scope = base.newSubManager()) {
                    Map<String, NDArray> grads = new LinkedHashMap<>();
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray l = loss(scope, weights, batch, lossMask);
                        gc.backward(l);
                        loss = l.getFloat();
                    }
                    for (Map.Entry<String, NDArray> e : params.entrySet()) {
                        if (e.getValue().hasGradient()) {
                            NDArray g = e.getValue().getGradient();
                            g.attach(scope);
                            grads.put(e.getKey(), g);
                        }
                    }
                    adam.step(scope, params, grads);
                    for (NDArray p : params.values()) {
                        if (p.hasGradient()) {
                            JniUtils.zeroGrad((PtNDArray) p);
                        }
                    }
                }
                int done = step + 1;
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("the loss became " + loss + " at step " + done
                            + "; training diverged. Lower --lr, raise --warmupSteps, or change --seed");
                }
                if (done == c.checkpointStep()) {
                    checkpointHash = TensorHash.of(weights.toHost());
                }
                LogEntry entry = LogEntry.lossOnly(done, loss);
                if (evaluator != null && evaluatesAt(done, stopAfter, c.evalEvery())) {
                    entry = evaluator.evaluate(done, loss, weights);
                    log.add(entry);
                }
                progress.accept(entry);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(weights.toHost(), log, loss, checkpointHash, stopAfter, seconds);
        } finally {
            JniUtils.setNumThreads(previousThreads);
        }
    }

    /**
     * Whether the curves are measured after step {@code done}: every 25 steps up to step 500, every 100 after
     * (the recipe's {@code evalEvery} where it is finer), and at the last step. The evaluator only reads the
     * weights, so how often it runs changes no bit of training (TrainerSmokeTest checks it).
     */
    static boolean evaluatesAt(int done, int stopAfter, int evalEvery) {
        int interval = Math.min(evalEvery, done <= EARLY_UNTIL ? EARLY_INTERVAL : LATE_INTERVAL);
        return done % interval == 0 || done == stopAfter;
    }

    /** Mean next-token cross-entropy over the positions from {@code lossFrom} on. */
    static NDArray loss(NDManager scope, Weights w, int[][] batch, NDArray lossMask) {
        int b = batch.length;
        int t = batch[0].length;
        long[] in = new long[b * (t - 1)];
        long[] target = new long[b * (t - 1)];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t - 1; j++) {
                in[i * (t - 1) + j] = batch[i][j];
                target[i * (t - 1) + j] = batch[i][j + 1];
            }
        }
        NDArray tokens = scope.create(in, new Shape(b, t - 1));
        Map<String, NDArray> cache = new LinkedHashMap<>();
        HookedTransformer.forward(w, tokens, Hooks.none().capturing(HookPoint.LOGITS), cache);
        NDArray logp = cache.get(HookPoint.LOGITS).logSoftmax(-1);                 // [B, T-1, V]
        NDArray picked = logp.gather(scope.create(target, new Shape(b, t - 1, 1)), -1)
                .reshape(b, t - 1);                                                 // log p(target)
        // The slice, its sum and the product would land in lossMask's manager (the run's, alive for
        // every step): three arrays per step, until the end of training. Move the slice into the
        // step's scope; the arrays computed from it follow it there.
        NDArray mask = lossMask.get(new NDIndex("0:" + (t - 1)));
        mask.attach(scope);
        return picked.mul(mask).sum().neg().div(mask.sum().mul(b));
    }

    /** 1 for input positions whose target is at index lossFrom or later, else 0. */
    static NDArray lossMask(NDManager m, TrainConfig c) {
        float[] mask = new float[c.nCtx()];
        for (int j = 0; j < mask.length; j++) {
            mask[j] = j + 1 >= c.lossFrom() ? 1f : 0f;
        }
        return m.create(mask);
    }

    /** Computes the metrics logged with the loss. */
    @FunctionalInterface
    public interface Evaluator {
        LogEntry evaluate(int step, double loss, Weights current);
    }
}
