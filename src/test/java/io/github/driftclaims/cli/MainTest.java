package io.github.driftclaims.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.report.ExpectedClaims;
import io.github.driftclaims.train.TrainConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The command line")
class MainTest {

    private static final String TINY = "fixtures/tiny-random-2l";

    @TempDir
    Path dir;

    /** One CLI invocation: its exit code and what it printed on each stream. */
    record Result(int code, String out, String err) {}

    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** An input error: exit code 2, nothing on stdout, and exactly one {@code error:} line (no stack trace). */
    static String inputError(Result r) {
        assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).as("stderr").hasSize(1).first().asString().startsWith("error: ");
        return r.err();
    }

    @Test
    @DisplayName("run --json writes the notebook's record in the reference file's structure")
    void runWritesReferenceShapedJson() throws Exception {
        Path out = dir.resolve("run.json");
        Result r = cli("run", "--model", TINY, "--ablate", "1.2", "--json", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Drift (max-min)").contains("Wrote " + out);
        assertThat(r.out()).as("run prints the notebook's tables and measures no verdict: that is the verdicts command")
                .doesNotContain("Verdicts").doesNotContainPattern("(?m)^4 +(reproduced|partly|refuted|not applicable|not determined) ");
        assertThat(r.out().indexOf("Baseline:")).as("the tables in the notebook's order").isLessThan(r.out().indexOf("Single-head"));
        assertThat(r.out().indexOf("Single-head")).isLessThan(r.out().indexOf("Ablating the top"));
        JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        JsonObject ref = JsonParser.parseString(Files.readString(Path.of("fixtures/attn-only-2l/attn-only-2l-notebook-fp32.json")))
                .getAsJsonObject();
        for (String key : new String[] {"baseline", "single_head_sweep", "top2_ablation", "attention_patterns"}) {
            assertThat(o.has(key)).as(key).isTrue();
            assertThat(ref.has(key)).as("reference has " + key).isTrue();
        }
        assertThat(o.getAsJsonObject("baseline").getAsJsonObject("rows").getAsJsonObject("patterned").keySet())
                .containsAll(ref.getAsJsonObject("baseline").getAsJsonObject("rows").getAsJsonObject("patterned").keySet());
        assertThat(o.getAsJsonObject("single_head_sweep").getAsJsonArray("rows")).hasSize(8);
        assertThat(o.getAsJsonObject("top2_ablation").getAsJsonArray("heads")).hasSize(2);
        assertThat(o.getAsJsonObject("requested_ablation").getAsJsonArray("heads").get(0).getAsJsonArray().get(1).getAsInt())
                .isEqualTo(2);
        assertThat(o.getAsJsonObject("attention_patterns").getAsJsonObject("mixed").getAsJsonArray("layer1")).hasSize(4);
        assertThat(dir).isDirectoryContaining(p -> p.equals(out)).isDirectoryNotContaining("glob:**.tmp");
        // tiny-random was not trained by this project: no ideal observer to show, and no JSON fields for it.
        assertThat(r.out()).contains("ideal_p_X").contains("Ideal observer drift: n/a (no training mixture recorded)")
                .contains("Excess drift (model - ideal): n/a (no training mixture recorded)")
                .containsPattern("(?m)^patterned .* n/a$");
        JsonObject baseline = o.getAsJsonObject("baseline");
        assertThat(baseline.has("ideal_drift") || baseline.has("excess_drift")).isFalse();
        assertThat(baseline.getAsJsonObject("rows").getAsJsonObject("patterned").has("ideal_p_X")).isFalse();
        assertThat(o.has("verdicts")).as("run's record has no verdicts: it measured none").isFalse();
    }

    @Test
    @DisplayName("verdicts prints every claim's verdict with claim 4's margin, and none of run's tables")
    void verdictsPrintsTheVerdictTable() {
        Result r = cli("verdicts", "--model", TINY);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).as("the verdict table, one line per claim")
                .contains("Verdicts (rules:").containsPattern("(?m)^4 +(reproduced|partly|refuted|not applicable) ")
                .containsPattern("(?m)^10 +(reproduced|partly|refuted|not applicable) ")
                .containsPattern("(?m)^27 +not determined ");
        assertThat(r.out()).as("claim 4's margin under its verdict: the drift, its line, both uncertainties")
                .containsPattern("(?m)^4 +.*\\n.*\\n {6}margin: drift [0-9.e-]+ vs 0\\.1000: margin [-+][0-9.e-]+ "
                        + "\\(numerical 2\\.0e-05, sampling [0-9.e-]+\\)");
        assertThat(r.out()).doesNotContain("Baseline:").doesNotContain("Single-head");
    }

    @Test
    @DisplayName("run's record, measured table by table, is byte for byte the one the whole notebook run writes")
    void runJsonIsTheNotebookRunsRecord() throws Exception {
        Path out = dir.resolve("run.json");
        Result r = cli("run", "--model", TINY, "--ablate", "1.2,0.0", "--top-k", "3", "--json", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        try (var m = io.github.driftclaims.model.ModelLoader.load(
                io.github.driftclaims.model.ModelFiles.fromDirectory(Path.of(TINY)), true)) {
            var whole = io.github.driftclaims.interp.NotebookRun.of(m, 3, List.of(new io.github.driftclaims.interp.Head(1, 2),
                    new io.github.driftclaims.interp.Head(0, 0)));
            assertThat(Files.readString(out)).isEqualTo(io.github.driftclaims.report.NotebookJson.pretty(
                    io.github.driftclaims.report.NotebookJson.of(m, whole, null)));
        }
    }

    /** tiny-random's files with a training.json that records {@code recipe}, as if the train command had made it. */
    Path tinyTrainedOn(TrainConfig recipe) throws Exception {
        Path model = Files.createDirectory(dir.resolve("tiny-with-recipe"));
        for (String f : new String[] {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"}) {
            Files.copy(Path.of(TINY, f), model.resolve(f));
        }
        JsonObject record = new JsonObject();
        record.add("hyperparameters", recipe.toJson());
        Files.writeString(model.resolve("training.json"), record.toString());
        return model;
    }

    @Test
    @DisplayName("verdicts --json carries every printed verdict with its margin, uncertainty and fragile label, read back as the same finding")
    void verdictsJsonCarriesVerdictsWithTheirMargins() throws Exception {
        Path model = tinyTrainedOn(TrainConfig.toyInduction2h());
        Path out = dir.resolve("verdicts.json");
        Result r = cli("verdicts", "--model", model.toString(), "--json", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject verdicts = JsonParser.parseString(Files.readString(out)).getAsJsonObject().getAsJsonObject("verdicts");
        assertThat(verdicts.keySet()).contains("4", "5", "6", "7", "8", "9", "10", "27", "31", "35");
        for (String number : verdicts.keySet()) {
            JsonObject v = verdicts.getAsJsonObject(number);
            io.github.driftclaims.verdict.Finding f = io.github.driftclaims.report.FindingJson.read(v);
            assertThat(f.claim().number()).isEqualTo(Integer.parseInt(number));
            // The table prints "<number> <verdict>[ (fragile)] <statement>" and the margin's own line.
            assertThat(r.out()).as("claim %s as printed", number).containsPattern("(?m)^" + number + " +"
                    + java.util.regex.Pattern.quote(f.verdictText() + (f.fragile() ? " (fragile)" : "")) + " ");
            if (f.margin() != null) {
                assertThat(v.getAsJsonObject("margin").get("margin").getAsDouble()).isEqualTo(f.margin().margin());
                assertThat(r.out()).contains("      margin: " + f.margin().text());
            }
        }
        assertThat(verdicts.getAsJsonObject("4").has("margin")).as("claim 4's drift margin").isTrue();
        // The ideal observer's claims, with the recorded mixture.
        assertThat(r.out()).containsPattern("(?m)^27 +(reproduced|refuted) .*\\n +excess drift ")
                .containsPattern("(?m)^31 +(reproduced|partly|refuted|not applicable) .*\\n +three orderings, drift of "
                        + "P\\(X\\) - ideal P\\(X\\) ")
                .containsPattern("(?m)^35 +(reproduced|partly|refuted) .*\\n +tracking \\(40 steps\\): MAE to the ideal ");
    }

    @Test
    @DisplayName("run shows the ideal observer of the recorded training mixture beside the baseline, in the table and the JSON")
    void runShowsTheIdealObserver() throws Exception {
        Path model = tinyTrainedOn(TrainConfig.toyInduction2h());
        Path out = dir.resolve("ideal.json");
        Result r = cli("run", "--model", model.toString(), "--json", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject b = JsonParser.parseString(Files.readString(out)).getAsJsonObject().getAsJsonObject("baseline");
        // The default recipe's ideal (IdealObserverTest works it out): 0.990655 on patterned, 1/2 on the other two.
        JsonObject rows = b.getAsJsonObject("rows");
        assertThat(rows.getAsJsonObject("patterned").get("ideal_p_X").getAsDouble()).isCloseTo(0.990655, within(1e-6));
        assertThat(rows.getAsJsonObject("clumped").get("ideal_p_X").getAsDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(rows.getAsJsonObject("mixed").get("ideal_p_X").getAsDouble()).isCloseTo(0.5, within(1e-12));
        double ideal = b.get("ideal_drift").getAsDouble();
        assertThat(ideal).isCloseTo(0.490655, within(1e-6));
        assertThat(b.get("excess_drift").getAsDouble()).isCloseTo(b.get("drift").getAsDouble() - ideal, within(1e-12));
        assertThat(r.out()).containsPattern("(?m)^patterned +X Y X Y X Y .* 0\\.99065[56]$")
                .containsPattern("(?m)^Drift \\(max-min\\) over permutations with same counts: ")
                .containsPattern("(?m)^Ideal observer drift: 0\\.49065[56]\\d$")
                .containsPattern("(?m)^Excess drift \\(model - ideal\\): -?\\d\\.\\d{7}$")
                .containsPattern("(?m)^Drift of P\\(X\\) - ideal P\\(X\\): \\d\\.\\d{7} after ablation \\(baseline: ");
        // The ablated rows carry the ideal and the Beta(1,1) counter beside the model: 3X/3Y's counter is 1/2.
        assertThat(r.out()).containsPattern("(?m)^patterned +X Y X Y X Y +-?\\d\\.\\d{6} +-?\\d+\\.\\d{5} +0\\.99065[56] +0\\.5000$");
        JsonObject top2 = JsonParser.parseString(Files.readString(out)).getAsJsonObject().getAsJsonObject("top2_ablation");
        assertThat(top2.getAsJsonObject("rows").getAsJsonObject("patterned").get("ideal_p_X").getAsDouble())
                .isCloseTo(0.990655, within(1e-6));
        double printed = Double.parseDouble(r.out().lines().filter(l -> l.startsWith("Excess drift (model - ideal): "))
                .findFirst().orElseThrow().substring("Excess drift (model - ideal): ".length()));
        assertThat(printed).isCloseTo(b.get("excess_drift").getAsDouble(), within(1e-7));
    }

    @Test
    @DisplayName("later-cells shows the ideal observer of the recorded mixture beside the model and Beta(1,1)")
    void laterCellsShowTheIdealObserver() throws Exception {
        Path model = tinyTrainedOn(TrainConfig.toyInduction2h());
        Result r = cli("later-cells", "--model", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // 10 X of 10: no X/Y pattern is constant and no letter pattern repeats a letter, so only the coin flips
        // can write it, and the ideal is their Laplace rule, 11/12.
        assertThat(r.out()).containsPattern("(?m)^ +n_X .* ideal_mean$")
                .containsPattern("(?m)^ +10( +\\d\\.\\d{6}){6} +0\\.916667$")
                .containsPattern("(?m)^X X X X Y +\\d\\.\\d{6} -> +\\d\\.\\d{6} \\(ideal 0\\.\\d{6}, Beta\\(1,1\\) 0\\.714286\\)$")
                .containsPattern("(?m)^ *stream .* ideal_p_X$")
                .containsPattern("(?m)^ +0 +1 +[XY]( +\\d\\.\\d{6}){5}$");
    }

    @Test
    @DisplayName("a training.json that records no readable recipe is one error line naming the file, and nothing is written")
    void unreadableTrainingRecord() throws Exception {
        Path model = tinyTrainedOn(TrainConfig.toyInduction2h());
        Files.writeString(model.resolve("training.json"), "{\"hyperparameters\": 3}");
        Path out = dir.resolve("never.json");
        String err = inputError(cli("run", "--model", model.toString(), "--json", out.toString()));
        assertThat(err).contains(model.resolve("training.json").toString()).contains("cannot read the recorded recipe");
        assertThat(out).doesNotExist();
    }

    @Test
    @DisplayName("martingale takes every flag at its smallest allowed value: 4 paths, 40 replicates, n 2, m 5, theta 1")
    void martingaleAtItsEdges() {
        Result r = cli("martingale", "--model", Main.DEFAULT_MODEL, "--paths", "4",
                "--replicates", "40", "--n", "2", "--m", "5", "--theta", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("martingale check at n=2, m=5, theta=1.0");
        // m = n/2 exactly, and theta 0
        Result half = cli("martingale", "--model", Main.DEFAULT_MODEL, "--paths", "4",
                "--replicates", "40", "--n", "10", "--m", "5", "--theta", "0");
        assertThat(half.code()).as(half.err()).isZero();
        assertThat(half.out()).contains("martingale check at n=10, m=5, theta=0.0");
    }

    @Test
    @DisplayName("run --top-k takes 1 and the model's head count")
    void topKAtTheHeadCount() {
        Result one = cli("run", "--model", TINY, "--top-k", "1");
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(one.out()).contains("Ablating the top 1 heads");
        Result r = cli("run", "--model", TINY, "--top-k", "8");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Ablating the top 8 heads").doesNotContain("Verdicts");
    }

    @Test
    @DisplayName("martingale prints every statistic with its interval and writes them as JSON")
    void martingaleWritesJson() throws Exception {
        Path out = dir.resolve("martingale.json");
        Result r = cli("martingale", "--model", Main.DEFAULT_MODEL, "--paths", "40",
                "--n", "16", "--m", "12", "--theta", "0.3", "--replicates", "60", "--seed", "3", "--ablate", "0.1",
                "--json", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("martingale check at n=16, m=12, theta=0.3").contains("T2,5").contains("T3")
                .containsPattern("(?m)^23 +(reproduced|partly|refuted|not applicable) ").containsPattern("(?m)^26 +(reproduced|partly|refuted|not applicable) ");
        JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertThat(o.get("paths").getAsInt()).isEqualTo(40);
        assertThat(o.get("seed").getAsLong()).isEqualTo(3);
        JsonObject cell = o.getAsJsonArray("cells").get(0).getAsJsonObject();
        assertThat(cell.get("m").getAsInt()).isEqualTo(12);
        for (String condition : new String[] {"baseline", "ablated"}) {
            JsonObject stats = cell.getAsJsonObject(condition).getAsJsonObject("statistics");
            assertThat(stats.keySet()).containsExactly("T1", "T2,2", "T2,3", "T2,4", "T2,5", "T3");
            JsonObject t1 = stats.getAsJsonObject("T1");
            assertThat(t1.get("lo").getAsDouble()).isLessThanOrEqualTo(t1.get("hi").getAsDouble());
            assertThat(t1.get("inside").getAsBoolean()).isEqualTo(t1.get("lo").getAsDouble() <= t1.get("value").getAsDouble()
                    && t1.get("value").getAsDouble() <= t1.get("hi").getAsDouble());
        }
        assertThat(o.getAsJsonObject("verdicts").keySet()).containsExactly("23", "24", "25", "26");
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    @DisplayName("ablation-kinds prints each kind's sweep and best pairs, the attribution and claims "
            + "17-22, and writes them as JSON")
    void ablationKindsWritesJson() throws Exception {
        Path out = dir.resolve("kinds.json");
        Result r = cli("ablation-kinds", "--model", Main.DEFAULT_MODEL, "--json", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("== zero ablation: z = 0").contains("== mean ablation: per-position mean z over")
                .contains("== resample ablation").contains("Direct logit attribution")
                .containsPattern("(?m)^17 +(reproduced|partly|refuted|not applicable) ").containsPattern("(?m)^22 +(reproduced|partly|refuted|not applicable) ");
        JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertThat(o.getAsJsonObject("kinds").keySet()).containsExactly("zero", "mean", "resample");
        JsonObject zero = o.getAsJsonObject("kinds").getAsJsonObject("zero");
        assertThat(zero.getAsJsonArray("single_head_sweep")).hasSize(4); // the default's 2 x 2 heads
        // each kind's sweep rows are the notebook sweep's rows, mae_to_bayes included (one writer for both)
        assertThat(zero.getAsJsonArray("single_head_sweep").get(0).getAsJsonObject().keySet())
                .containsExactly("layer", "head", "drift", "mae_to_bayes", "drift_reduction");
        assertThat(r.out()).containsPattern("(?s)== resample ablation.*rank +layer +head +drift +mae_to_bayes +drift_reduction");
        assertThat(zero.get("pairs").getAsInt()).isEqualTo(6);
        assertThat(zero.getAsJsonArray("best_pairs")).hasSize(6);
        assertThat(zero.getAsJsonArray("best_pairs").get(0).getAsJsonObject().get("drift").getAsDouble())
                .isLessThanOrEqualTo(zero.get("greedy_pair_drift").getAsDouble());
        assertThat(o.getAsJsonObject("direct_logit_attribution").keySet()).containsExactly("patterned", "clumped", "mixed");
        assertThat(o.getAsJsonObject("verdicts").keySet()).containsExactly("17", "18", "19", "20", "21", "22");
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    @DisplayName("orderings prints every ordering of 3X/3Y with and without the drift heads, the "
            + "spreads, the later cells' counts' spreads and claim 28, and writes them as JSON")
    void orderingsWritesJson() throws Exception {
        Path out = dir.resolve("orderings.json");
        Result r = cli("orderings", "--model", Main.DEFAULT_MODEL, "--json", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("the drift heads (the zero sweep's top two)")
                .containsPattern("(?m)^XYXYXY +\\d\\.\\d{6} +-?\\d+\\.\\d{4} ").contains("spread (max - min of P(X|{X,Y}))")
                .containsPattern("(?m)^28 +(reproduced|partly|refuted|not applicable) ");
        JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertThat(o.getAsJsonArray("orderings")).hasSize(20);
        assertThat(o.getAsJsonArray("drift_heads")).hasSize(2);
        JsonObject first = o.getAsJsonArray("orderings").get(0).getAsJsonObject();
        assertThat(first.keySet()).containsExactly("ordering", "p_X_norm", "logit_diff", "p_X_norm_ablated",
                "logit_diff_ablated");
        assertThat(first.get("ordering").getAsString()).isEqualTo("XXXYYY");
        // P(X|{X,Y}) is the logistic of the logit difference: one readout, two views of it
        assertThat(first.get("p_X_norm").getAsDouble())
                .isCloseTo(1 / (1 + Math.exp(-first.get("logit_diff").getAsDouble())), within(1e-6));
        double max = 0;
        double min = 1;
        for (var e : o.getAsJsonArray("orderings")) {
            double p = e.getAsJsonObject().get("p_X_norm").getAsDouble();
            max = Math.max(max, p);
            min = Math.min(min, p);
        }
        assertThat(o.get("spread").getAsDouble()).isCloseTo(max - min, within(1e-12));
        // 4X/1Y and n_X = 1..9 of 10: C(5,4) and C(10,k) orderings, each spread its own rows' max - min
        assertThat(r.out()).containsPattern("(?m)^4X/1Y +5 +\\d\\.\\d{6} +\\d\\.\\d{6} ")
                .containsPattern("(?m)^5X/5Y +252 ");
        JsonArray others = o.getAsJsonArray("other_counts");
        assertThat(others.asList().stream().map(e -> e.getAsJsonObject().get("count").getAsString()))
                .containsExactly("4X/1Y", "1X/9Y", "2X/8Y", "3X/7Y", "4X/6Y", "5X/5Y", "6X/4Y", "7X/3Y", "8X/2Y", "9X/1Y");
        assertThat(others.asList().stream().map(e -> e.getAsJsonObject().getAsJsonArray("orderings").size()))
                .containsExactly(5, 10, 45, 120, 210, 252, 210, 120, 45, 10);
        for (var e : others) {
            JsonObject c = e.getAsJsonObject();
            double hi = 0;
            double lo = 1;
            for (var row : c.getAsJsonArray("orderings")) {
                double p = row.getAsJsonObject().get("p_X_norm_ablated").getAsDouble();
                hi = Math.max(hi, p);
                lo = Math.min(lo, p);
            }
            assertThat(c.get("spread_ablated").getAsDouble()).as(c.get("count").getAsString()).isCloseTo(hi - lo,
                    within(1e-12));
        }
        assertThat(o.getAsJsonObject("verdicts").keySet()).containsExactly("28");
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    @DisplayName("patching prints per-head (output and attention pattern) and residual patching in both "
            + "directions and claim 29, and writes every patch as JSON")
    void patchingWritesJson() throws Exception {
        Path out = dir.resolve("patching.json");
        Result r = cli("patching", "--model", Main.DEFAULT_MODEL, "--json", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("clean patterned (X Y X Y X Y)").contains("corrupt clumped (X X X Y Y Y)")
                .contains("hook_pattern (attention)")
                .containsPattern("(?m)^L0H0 +-?\\d+\\.\\d{4} +-?\\d+\\.\\d{4} +-?\\d+\\.\\d{4} +-?\\d+\\.\\d{4}$")
                .contains("Residual stream, denoising").contains("Residual stream, noising")
                .containsPattern("(?m)^blocks\\.1\\.hook_resid_post ")
                .containsPattern("(?m)^29 +(reproduced|partly|refuted|not applicable) ");
        JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        // the default's 2 x 2 heads, the drift heads together, 3 residual points x 9 positions, 2 x 2 heads' patterns
        assertThat(o.getAsJsonArray("denoising")).hasSize(4 + 1 + 3 * 9 + 4);
        assertThat(o.getAsJsonArray("noising")).hasSize(4 + 1 + 3 * 9 + 4);
        for (String d : List.of("denoising", "noising")) {
            assertThat(o.getAsJsonArray(d).asList().stream().map(e -> e.getAsJsonObject())
                    .filter(e -> e.get("component").getAsString().equals("pattern")).map(e -> e.get("hook").getAsString()))
                    .as("%s: each head's hook_pattern", d).containsExactly("blocks.0.attn.hook_pattern",
                            "blocks.0.attn.hook_pattern", "blocks.1.attn.hook_pattern", "blocks.1.attn.hook_pattern");
        }
        JsonObject last = o.getAsJsonArray("denoising").get(4 + 1 + 3 * 9 - 1).getAsJsonObject();
        assertThat(last.get("hook").getAsString()).isEqualTo("blocks.1.hook_resid_post");
        // the final residual at the last position is all the readout sees: patching it moves the whole gap
        assertThat(last.get("normalised").getAsDouble()).isCloseTo(1.0, within(1e-4));
        assertThat(o.getAsJsonObject("verdicts").keySet()).containsExactly("29");
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    @DisplayName("later-cells --cell drift-4x1y --ablation mean ablates the heads that way, says so and records it in the JSON")
    void laterCellUnderMeanAblation() throws Exception {
        Path zero = dir.resolve("zero.json");
        Path mean = dir.resolve("mean.json");
        Result z = cli("later-cells", "--cell", "drift-4x1y", "--model", Main.DEFAULT_MODEL, "--json", zero.toString());
        Result m = cli("later-cells", "--cell", "drift-4x1y", "--model", Main.DEFAULT_MODEL, "--ablation", "mean", "--json",
                mean.toString());
        assertThat(z.code()).as(z.err()).isZero();
        assertThat(m.code()).as(m.err()).isZero();
        assertThat(m.out()).contains("per-position mean z over the 1024 X/Y strings of length 10");
        JsonObject zo = JsonParser.parseString(Files.readString(zero)).getAsJsonObject();
        JsonObject mo = JsonParser.parseString(Files.readString(mean)).getAsJsonObject();
        String style = mo.keySet().stream().filter(k -> k.startsWith("cpu_fp32_")).findFirst().orElseThrow();
        assertThat(mo.getAsJsonObject(style).get("ablation").getAsString()).isEqualTo("mean");
        assertThat(zo.getAsJsonObject(style).get("ablation").getAsString()).isEqualTo("zero");
        JsonObject z41 = zo.getAsJsonObject(style).getAsJsonObject("drift_4x1y").getAsJsonObject("p_X_norm");
        JsonObject m41 = mo.getAsJsonObject(style).getAsJsonObject("drift_4x1y").getAsJsonObject("p_X_norm");
        double moved = 0;
        for (int i = 0; i < 5; i++) {
            assertThat(m41.getAsJsonArray("baseline").get(i).getAsDouble()).as("unablated rows do not depend on the kind")
                    .isCloseTo(z41.getAsJsonArray("baseline").get(i).getAsDouble(), within(1e-6));
            moved = Math.max(moved, Math.abs(m41.getAsJsonArray("ablated").get(i).getAsDouble()
                    - z41.getAsJsonArray("ablated").get(i).getAsDouble()));
        }
        assertThat(moved).as("mean ablation is not zero ablation").isGreaterThan(1e-3);
    }

    @Test
    @DisplayName("the deprecated run --experiment forwards to the command it names, and says so on stderr after the run")
    void deprecatedExperimentForwards() {
        Result r = cli("run", "--model", TINY, "--experiment", "sanity-check");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).as("that cell alone").contains("Sanity check on X Y X Y X Y").doesNotContain("Evidence sweep")
                .doesNotContain("Tracking").doesNotContain("Single-head");
        assertThat(r.err()).isEqualTo("note: run --experiment sanity-check is deprecated; it ran `later-cells --cell "
                + "sanity-check`, the command to use" + System.lineSeparator());
    }

    @Test
    @DisplayName("a bad model directory is one error line naming --model, and no --json file is left behind")
    void badModelWritesNothing() {
        Path out = dir.resolve("run.json");
        String err = inputError(cli("run", "--model", dir.resolve("missing").toString(), "--json", out.toString()));
        assertThat(err).contains("--model").contains("neither a model directory nor a known alias");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    @DisplayName("a --json target that is a directory is refused before the model loads, and nothing is written")
    void jsonDirectoryIsRefused() throws Exception {
        Path target = Files.createDirectories(dir.resolve("taken"));
        String err = inputError(cli("run", "--model", TINY, "--json", target.toString()));
        assertThat(err).contains("'--json': " + target + " is a directory");
        assertThat(target).isEmptyDirectory();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "run --ablte 1.6            | Unknown options: '--ablte', '1.6' (did you mean --ablate?)",
        "run --top-k -1             | Invalid value for option '--top-k': -1 is not a head count",
        "run --top-k abc            | Invalid value for option '--top-k': 'abc' is not an int",
        "run --top-k 99             | Invalid value for option '--top-k': 99 is more than the model's 8 heads",
        "run --ablate a.b           | Invalid value for option '--ablate' (L.H): 'a.b' is not a head; write LAYER.HEAD",
        "run --ablate 3.1           | Invalid value for option '--ablate': L3H1 does not exist in a model with 2 layers of 4 heads; its heads are 0.0 to 1.3",
        "run --ablate 1.2,0.1,1.2   | Invalid value for option '--ablate': lists 1.2 twice",
        "martingale --paths 2 | Invalid value for option '--paths': 2 paths cannot give quartiles",
        "martingale --paths 3 | Invalid value for option '--paths': 3 paths cannot give quartiles",
        "martingale --replicates 39 | Invalid value for option '--replicates': 39 replicates cannot give",
        "martingale --n 1 | Invalid value for option '--n': 1 observed symbols are too few",
        "martingale --m 7 | Invalid value for option '--m': 7 sampled symbols are too few for T2 and T3; pass at least 5 and at least N/2 (8)",
        "martingale --n 2 --m 4 | Invalid value for option '--m': 4 sampled symbols are too few",
        "martingale --theta -0.01 | Invalid value for option '--theta': -0.01 is not a probability",
        "run --top-k 0              | Invalid value for option '--top-k': 0 is not a head count",
        "run --top-k 9              | Invalid value for option '--top-k': 9 is more than the model's 8 heads; pass 1 to 8",
        "martingale --theta 1.5 | Invalid value for option '--theta': 1.5 is not a probability",
        "martingale --m 3 | Invalid value for option '--m': 3 sampled symbols are too few",
        "martingale --replicates 9 | Invalid value for option '--replicates': 9 replicates cannot give",
        "martingale --n 40 --model fixtures/ensembles/toy-induction-2l/seed-0 | --n 40 --m 80 needs",
        "martingale --seed x | Invalid value for option '--seed': 'x' is not a long",
        "later-cells --ablation gaussian | Invalid value for option '--ablation': 'gaussian' is not an ablation kind; pass zero, mean or resample",
        "later-cells --cell tracker | Invalid value for option '--cell': 'tracker' is not a later cell; pass one of evidence-sweep,",
        "later-cells --ablate 1.1,1.1 | Invalid value for option '--ablate': lists 1.1 twice",
        "run --ablation mean        | Unknown options: '--ablation', 'mean'",
        "run --paths 4              | Unknown options: '--paths', '4'",
        "ablation-kinds --ablate 1.1 | Unknown options: '--ablate', '1.1'",
        "patching --ablate 1.1      | Unknown options: '--ablate', '1.1'",
        "orderings --ablate 1.1     | Unknown options: '--ablate', '1.1'",
        "verdicts --top-k 3         | Unknown options: '--top-k', '3'",
        "run --experiment patch     | Invalid value for option '--experiment': 'patch' is not an experiment; pass main,",
        "run --experiment martingale --paths 2 | Invalid value for option '--paths': 2 paths cannot give quartiles",
        "run --experiment orderings --ablate 1.1 | Unknown options: '--ablate', '1.1'",
        "run --model                | Missing required parameter for option '--model'",
        "run stray                  | Unmatched argument at index 1: 'stray'",
        "runn                       | Unmatched argument at index 0: 'runn' (did you mean run?)",
        "fetch                      | Missing required parameter: 'ALIAS'",
        "fetch attn-only-9l         | Unknown model alias 'attn-only-9l'",
        "train --n-heads 0          | Invalid value for option '--n-heads': '0' is less than 1",
        "train --weight-decay abc   | Invalid value for option '--weight-decay': 'abc' is not a number",
        "train --weightDecay 0.1    | Unknown options: '--weightDecay', '0.1' (did you mean --weight-decay?)",
        "train --n-heads 3          | --d-model 64 is not divisible by --n-heads 3",
        "train --p-repeat 1.5       | Invalid value for option '--p-repeat': '1.5' is outside [0, 1]",
        "train --recipe foo         | Invalid value for option '--recipe': 'foo'; use toy-induction or counting-only",
        "train --xy-period-min 1    | X/Y pattern periods must satisfy 2 <= --xy-period-min <= --xy-period-max, not 1 to 2",
        "train --period-max 1       | letter pattern periods must satisfy 1 <= --period-min <= --period-max, not 2 to 1",
        "retrain --steps 7          | --steps 7: a partial retrain can only be compared at the recorded checkpoint step 200",
        "retrain --model fixtures   | fixtures/training.json: cannot read the training record (no such file)",
    })
    @DisplayName("a usage or input error exits with 2 and one error line that names the flag or file")
    void usageErrors(String commandLine, String expected) {
        // The run cases that get as far as the model use the small random one (2 layers of 4 heads).
        String[] argv = (commandLine.startsWith("run --ablate") || commandLine.startsWith("run --top-k")
                ? commandLine + " --model " + TINY : commandLine).split(" +");
        assertThat(inputError(cli(argv))).contains(expected);
    }

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"run", "verdicts", "later-cells", "martingale", "ablation-kinds", "orderings", "patching",
        "path-patching", "circuit", "fetch", "train", "retrain", "expect", "help"})
    @DisplayName("every command has --help, which exits with 0")
    void everyCommandHasHelp(String command) {
        Result r = cli(command, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: drift-claims " + command);
        assertThat(r.err()).isEmpty();
    }

    @Test
    @DisplayName("help lists every command and the exit codes")
    void helpListsCommands() {
        Result r = cli("help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("run ", "verdicts ", "later-cells ", "martingale ", "ablation-kinds ", "orderings ",
                "patching ", "path-patching ", "circuit ", "fetch ", "train ", "retrain ", "expect ", "Exit codes:",
                "./mvnw -q compile exec:java -Dexec.args=");
    }

    @Test
    @DisplayName("every training hyperparameter is a kebab-case option of train")
    void hyperparametersAreKebabCase() {
        String help = cli("train", "--help").out();
        for (RecordComponent rc : TrainConfig.class.getRecordComponents()) {
            assertThat(help).contains(TrainCommand.flag(rc.getName()) + " ");
        }
        assertThat(TrainCommand.flag("nHeads")).isEqualTo("--n-heads");
        assertThat(TrainCommand.flag("weightDecay")).isEqualTo("--weight-decay");
        assertThat(TrainCommand.flag("pXYPattern")).isEqualTo("--p-xy-pattern");
        assertThat(TrainCommand.flag("beta1")).isEqualTo("--beta1");
        assertThat(help).doesNotContainPattern("--[a-z0-9-]*[A-Z]");
    }

    @Test
    @DisplayName("train's kebab-case options reach training.json under TrainConfig's own field names")
    void trainOptionsAreRecorded() throws Exception {
        Path out = dir.resolve("tiny");
        Result r = cli("train", "--out", out.toString(), "--steps", "6", "--checkpoint-step", "6", "--d-model", "16",
                "--n-heads", "4", "--batch", "4", "--seq-len", "12", "--n-ctx", "48", "--warmup-steps", "0",
                "--eval-every", "1000", "--weight-decay", "0.125", "--train-biases", "true");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject hp = JsonParser.parseString(Files.readString(out.resolve("training.json"))).getAsJsonObject()
                .getAsJsonObject("hyperparameters");
        assertThat(hp.get("weightDecay").getAsDouble()).isEqualTo(0.125);
        assertThat(hp.get("nHeads").getAsInt()).isEqualTo(4);
        assertThat(hp.get("trainBiases").getAsBoolean()).isTrue();
        assertThat(TrainConfig.fromJson(hp).steps()).isEqualTo(6);
    }

    @Test
    @DisplayName("retrain exits with 1 when the retrained weights differ from the record")
    void retrainMismatchIsACheckFailure() throws Exception {
        TrainConfig tiny = TrainConfig.toyInduction().with(Map.of("steps", "4", "checkpointStep", "4", "dModel", "16",
                "nHeads", "2", "batch", "4", "seqLen", "12", "nCtx", "16", "warmupSteps", "0", "evalEvery", "1000"));
        JsonObject record = new JsonObject();
        record.add("hyperparameters", tiny.toJson());
        record.addProperty("weights_sha256", "0".repeat(64));
        record.addProperty("checkpoint_sha256", "0".repeat(64));
        Files.writeString(dir.resolve("training.json"), record.toString());
        Result r = cli("retrain", "--model", dir.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("DIFFERENT");
    }

    @Test
    @DisplayName("expect writes a hub alias's record under fixtures/, and --out elsewhere with a command that rewrites it")
    void expectWritesIntoFixtures() throws Exception {
        assertThat(ExpectedClaims.defaultFile("attn-only-2l"))
                .isEqualTo(Path.of("fixtures/attn-only-2l/expected-claims.json").toAbsolutePath());
        assertThat(ExpectedClaims.defaultFile("fixtures/ensembles/toy-induction-2l/seed-0"))
                .isEqualTo(Path.of("fixtures/ensembles/toy-induction-2l/seed-0/expected-claims.json"));
        assertThat(ExpectedClaims.regenerateCommand(ExpectedClaims.modelFor(Path.of("fixtures/attn-only-2l/expected-claims.json")),
                Path.of("fixtures/attn-only-2l/expected-claims.json")))
                .isEqualTo("./mvnw -q compile exec:java -Dexec.args=\"expect --model attn-only-2l\"");

        Path out = dir.resolve("gate.json");
        String toy = "fixtures/ensembles/toy-induction-2l/seed-0";
        Result r = cli("expect", "--model", toy, "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertThat(o.get("regenerate").getAsString())
                .isEqualTo("./mvnw -q compile exec:java -Dexec.args=\"expect --model " + toy + " --out " + out + "\"");
        ExpectedClaims written = ExpectedClaims.read(out);
        assertThat(written.compare(ExpectedClaims.read(Path.of(toy, "expected-claims.json")).values())).isEmpty();
    }

    @Test
    @DisplayName("retrain reads training.json bounded and only as a regular file: a named pipe or a 4 GiB record is"
            + " one error line")
    void trainingRecordIsBounded() throws Exception {
        Path record = dir.resolve("training.json");
        assertThat(new ProcessBuilder("mkfifo", record.toString()).inheritIO().start().waitFor()).isZero();
        String pipe = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> inputError(cli("retrain", "--model", dir.toString())));
        assertThat(pipe).contains(record.toString()).contains("not a regular file");
        Files.delete(record);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(record.toFile(), "rw")) {
            f.setLength(4L << 30); // sparse: no disk, but the heap if it were read
        }
        assertThat(inputError(cli("retrain", "--model", dir.toString()))).contains(record.toString())
                .contains("Limits.CONFIG_BYTES");
    }

    @Test
    @DisplayName("--json naming an existing directory, or no name at all, is an error that writes nothing anywhere")
    void jsonTargetThatIsNotAFile() throws Exception {
        Path target = Files.createDirectory(dir.resolve("out"));
        Files.writeString(target.resolve("keep.txt"), "kept");
        Result r = cli("run", "--model", TINY, "--json", target.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error:").contains("--json").contains("a directory");
        assertThat(target.resolve("keep.txt")).hasContent("kept");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactly("out");
        }

        Path cwdParent = Path.of("").toAbsolutePath().getParent();
        java.util.function.Supplier<java.util.List<String>> tmpFiles = () -> {
            try (var files = Files.list(cwdParent)) {
                return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        var before = tmpFiles.get();
        Result empty = cli("run", "--model", TINY, "--json", "");
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).startsWith("error:").contains("--json").contains("empty");
        assertThat(tmpFiles.get()).as("no temporary file in " + cwdParent).isEqualTo(before);
    }
}
