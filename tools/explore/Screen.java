import io.github.driftclaims.interp.*;
import io.github.driftclaims.model.*;
import io.github.driftclaims.train.*;
import java.nio.file.Path;
import java.util.*;

/**
 * Recipe exploration for issue 12 (not part of the build): screens trained model directories with the
 * pre-registered verdict rules of fixtures/ensembles/toy-induction-2l/plan.json, so recipes could be
 * compared on discarded seeds before the plan was written. The verdict package in main is the
 * authoritative implementation; this follows the same rules, and its claim 5 and composition numbers
 * (which training.json does not hold) are this program's reading of them.
 *
 * <pre>
 * ./mvnw -q -o compile
 * javac -d /tmp/screen -cp target/classes:$(./mvnw -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout) tools/explore/Screen.java
 * java -Dai.djl.pytorch.num_threads=1 -cp /tmp/screen:target/classes:CLASSPATH Screen MODEL_DIR...
 * </pre>
 * One line per model, and a JSON line per model on stderr.
 */
public class Screen {
    public static void main(String[] args) {
        DjlRuntime.start();
        for (String a : args) {
            try (HookedTransformer m = ModelLoader.load(ModelFiles.fromDirectory(Path.of(a)), true)) {
                System.out.println(screen(a, m));
            }
        }
    }

    static String screen(String name, HookedTransformer m) {
        int[] pool = TrainingData.letterPool();
        CircuitSummary s = CircuitSummary.measure(m, pool);
        double drift = s.baseline().drift();
        AblationSweep.Row top = s.sweep().ranked().get(0);
        double share1 = drift == 0 ? 0 : top.driftReduction() / drift;
        double share2 = s.top2().reductionFraction();
        double share3 = s.top3().reductionFraction();
        List<Head> t2 = s.top2().heads();
        double[][] ind = s.scores().induction();
        double[][] prev = s.scores().previousToken();
        int L = ind.length;
        double best0 = Arrays.stream(prev[0]).max().getAsDouble();
        double best1 = Arrays.stream(ind[L - 1]).max().getAsDouble();
        Head P = t2.stream().filter(h -> h.layer() == 0).findFirst().orElse(null);
        Head I = t2.stream().filter(h -> h.layer() == L - 1).findFirst().orElse(null);
        String c10 = "refuted";
        double pS = Double.NaN, iS = Double.NaN, comp = Double.NaN;
        if (P != null && I != null) {
            pS = prev[0][P.head()];
            iS = ind[L - 1][I.head()];
            comp = 1 - inductionScore(m, pool, I, Ablation.zeroHeads(m.config(), List.of(P))) / iS;
            boolean roles = pS >= 0.5 && iS >= 0.5;
            boolean spec = best0 - pS <= 0.05 && best1 - iS <= 0.05;
            c10 = roles && spec && comp >= 0.5 ? "reproduced" : roles ? "partly" : "refuted";
        }
        // claim 5
        double best5L1 = 0, best5L0 = 0;
        ModelTokenizer tok = m.tokenizer();
        int heads = m.config().nHeads();
        double[] stripe = new double[heads], prevAtt = new double[heads];
        int nStripe = 0, nPrev = 0;
        for (Stimulus st : Stimulus.NOTEBOOK) {
            int[] t = tok.tokensWithBos(st.prompt());
            AttentionPatterns ap = AttentionPatterns.of(m, st.name(), t, Hooks.none());
            int first = t.length - st.symbols().size();
            for (int q = first; q < t.length; q++) {
                for (int h = 0; h < heads; h++) prevAtt[h] += ap.pattern()[0][h][q][q - 1];
                nPrev++;
                int p = -1;
                for (int k = q - 1; k >= first; k--) if (t[k] == t[q]) { p = k; break; }
                if (p >= 0 && p + 1 < q) {
                    for (int h = 0; h < heads; h++) stripe[h] += ap.pattern()[L - 1][h][q][p + 1];
                    nStripe++;
                }
            }
        }
        for (int h = 0; h < heads; h++) {
            best5L1 = Math.max(best5L1, stripe[h] / nStripe);
            best5L0 = Math.max(best5L0, prevAtt[h] / nPrev);
        }
        String c5 = best5L1 >= 0.5 && best5L0 >= 0.5 ? "reproduced" : best5L1 >= 0.25 && best5L0 >= 0.25 ? "partly" : "refuted";
        String c4 = drift >= 0.10 ? "reproduced" : "refuted";
        String c6 = drift >= 0.10 && share1 >= 0.5 ? "reproduced" : "refuted";
        String c7 = drift >= 0.10 && share2 >= 0.8 ? "reproduced" : drift >= 0.10 && share3 >= 0.8 ? "partly" : "refuted";
        boolean story = c4.equals("reproduced") && c5.equals("reproduced") && c6.equals("reproduced")
                && c7.equals("reproduced") && c10.equals("reproduced");
        boolean margin = story && drift >= 0.11 && share1 >= 0.55 && share2 >= 0.88 && pS >= 0.55 && iS >= 0.55
                && best0 - pS <= 0.045 && best1 - iS <= 0.045 && comp >= 0.55 && best5L1 >= 0.55 && best5L0 >= 0.55;
        com.google.gson.JsonObject j = new com.google.gson.JsonObject();
        j.addProperty("model", name);
        j.addProperty("drift", r3(drift));
        j.addProperty("top_head", top.head().toString());
        j.addProperty("top1_share", r3(share1));
        j.addProperty("top2", t2.toString());
        j.addProperty("top2_share", r3(share2));
        j.addProperty("top3_share", r3(share3));
        j.addProperty("P_prev_token", r3(pS));
        j.addProperty("layer0_best_prev_token", r3(best0));
        j.addProperty("I_induction", r3(iS));
        j.addProperty("layer1_best_induction", r3(best1));
        j.addProperty("composition_drop", r3(comp));
        j.addProperty("claim5_stripe", r3(best5L1));
        j.addProperty("claim5_prev", r3(best5L0));
        j.addProperty("claim4", c4); j.addProperty("claim5", c5); j.addProperty("claim6", c6);
        j.addProperty("claim7", c7); j.addProperty("claim10", c10);
        j.addProperty("story", story); j.addProperty("story_with_margin", margin);
        System.err.println("JSON " + j);
        return String.format(Locale.ROOT,
                "%s | drift %.3f top1 %s %.3f top2 %s %.3f top3 %.3f | P %s %.3f (best %.3f) I %s %.3f (best %.3f) comp %.3f | c5 stripe %.3f prev %.3f"
                + " | c4 %s c5 %s c6 %s c7 %s c10 %s | story %s margin %s",
                name, drift, top.head(), share1, t2, share2, share3, P, pS, best0, I, iS, best1, comp, best5L1, best5L0,
                c4, c5, c6, c7, c10, story, margin);
    }

    static double r3(double v) { return Double.isNaN(v) ? v : Math.round(v * 1000) / 1000.0; }

    /** TransformerLens's induction score of one head (as HeadScores) under the given intervention. */
    static double inductionScore(HookedTransformer model, int[] pool, Head head, Hooks hooks) {
        int length = CircuitSummary.SCORE_LENGTH, batch = CircuitSummary.SCORE_BATCH;
        SplittableRandom rng = new SplittableRandom(CircuitSummary.SCORE_SEED);
        int[][] tokens = new int[batch][2 * length + 1];
        for (int b = 0; b < batch; b++) {
            tokens[b][0] = model.tokenizer().bosId();
            for (int i = 0; i < length; i++) {
                int t = pool[rng.nextInt(pool.length)];
                tokens[b][1 + i] = t;
                tokens[b][1 + length + i] = t;
            }
        }
        HostTensor p = model.run(tokens, hooks.capturing(HookPoint.pattern(head.layer()))).activation(HookPoint.pattern(head.layer()));
        int h = (int) p.shape()[1], t = (int) p.shape()[2], off = 1 - length;
        double sum = 0; int n = 0;
        for (int i = 0; i < batch; i++)
            for (int q = -off; q < t; q++) { sum += p.data()[((i * h + head.head()) * t + q) * t + q + off]; n++; }
        return sum / n;
    }
}
