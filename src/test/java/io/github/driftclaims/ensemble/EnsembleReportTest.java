package io.github.driftclaims.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.Margin;
import io.github.driftclaims.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The merge: members' findings files become distributions and the dose-response table, whoever wrote them")
class EnsembleReportTest {

    /** Two ensembles on disk (empty weights files: only their presence counts), the second with a dose. */
    static List<Ensemble> ensembles(Path root) throws IOException {
        List<Ensemble> out = new ArrayList<>();
        String[] names = {"a", "b"};
        int[] sizes = {3, 4};
        for (int i = 0; i < 2; i++) {
            List<Integer> seeds = new ArrayList<>();
            for (int s = 0; s < sizes[i]; s++) {
                Files.createDirectories(root.resolve(names[i]).resolve("seed-" + s));
                Files.writeString(root.resolve(names[i]).resolve("seed-" + s).resolve("model.safetensors"), "");
                seeds.add(s);
            }
            out.add(new Ensemble(names[i], root.resolve(names[i]), Path.of("plan.json"), seeds, i == 1 ? 0.05 : null));
        }
        return out;
    }

    /** Member s: drift 0.1 * (s + 1), ideal 0.2; claim 27 reproduced on seeds 2 and 3; claim 4 fragile on seed 0. */
    static MemberFindings findings(String ensemble, int seed) {
        double drift = 0.1 * (seed + 1);
        double ideal = 0.2;
        List<Finding> fs = List.of(
                new Finding(Claim.DRIFT, drift >= 0.1 ? Verdict.REPRODUCED : Verdict.REFUTED, "drift " + drift,
                        new Margin("drift", drift, 0.1, 1e-5, seed == 0 ? 0.05 : 0.01)),
                new Finding(Claim.EXCESS_DRIFT, drift - ideal >= 0.1 ? Verdict.REPRODUCED : Verdict.REFUTED,
                        "excess " + (drift - ideal)),
                Finding.undetermined(Claim.REAL_TIME_TRACKING, "not seeded"));
        return new MemberFindings(ensemble, seed, fs, Map.of(MemberFindings.DRIFT, drift, MemberFindings.IDEAL_DRIFT,
                ideal, MemberFindings.EXCESS_DRIFT, drift - ideal));
    }

    static void writeAll(List<Ensemble> es, Path folder, Shard shard) throws IOException {
        for (Ensemble.Member m : shard.select(Ensembles.members(es))) {
            findings(m.ensemble().name(), m.seed()).write(folder);
        }
    }

    @Test
    @DisplayName("a findings file reads back as the same findings, margins and numbers")
    void roundTrip(@TempDir Path dir) throws IOException {
        MemberFindings f = findings("a", 0);
        f.write(dir);
        MemberFindings back = MemberFindings.read(MemberFindings.file(dir, "a", 0));
        assertThat(back).isEqualTo(f);
        assertThat(back.finding(Claim.DRIFT).fragile()).isTrue();
        assertThat(back.finding(Claim.REAL_TIME_TRACKING).determined()).isFalse();
        Files.writeString(MemberFindings.file(dir, "a", 0), "{\"ensemble\": 1}");
        assertThatThrownBy(() -> MemberFindings.read(MemberFindings.file(dir, "a", 0)))
                .hasMessageContaining("seed-0.json").hasMessageContaining("rerun the shard");
    }

    @Test
    @DisplayName("two shards' files merge into the distributions and table of one unsharded run")
    void shardsMergeToTheWhole(@TempDir Path root) throws IOException {
        List<Ensemble> es = ensembles(root.resolve("fixtures"));
        writeAll(es, root.resolve("whole"), Shard.ALL);
        writeAll(es, root.resolve("merged"), new Shard(1, 2));
        writeAll(es, root.resolve("merged"), new Shard(2, 2));
        EnsembleReport whole = EnsembleReport.read(es, root.resolve("whole"));
        EnsembleReport merged = EnsembleReport.read(es, root.resolve("merged"));
        assertThat(merged.distributions()).isEqualTo(whole.distributions());
        assertThat(merged.doseResponse()).isEqualTo(whole.doseResponse());
        assertThat(merged.markdown("x")).isEqualTo(whole.markdown("x"));

        Distribution d4 = whole.distributions().stream().filter(d -> d.ensemble().equals("b")
                && d.claim() == Claim.DRIFT).findFirst().orElseThrow();
        assertThat(d4.count(Verdict.REPRODUCED)).isEqualTo(4);
        assertThat(d4.fragile()).isEqualTo(1);
        assertThat(d4.reproduced()).isEqualTo(ClopperPearson.of(4, 4));
        assertThat(d4.cell()).isEqualTo("reproduced 4/4 · fragile 1/4 · CI [0.398, 1.000]");
        Distribution d16 = whole.distributions().stream().filter(d -> d.ensemble().equals("a")
                && d.claim() == Claim.REAL_TIME_TRACKING).findFirst().orElseThrow();
        assertThat(d16.undetermined()).isEqualTo(3);
        assertThat(d16.cell()).isEqualTo("not determined 3/3 · CI [0.000, 0.708]");
        assertThat(whole.distributionsMarkdown()).contains("| a (3 seeds) | b (4 seeds) |")
                .contains("| 27 " + Claim.EXCESS_DRIFT.title() + " | reproduced 1/3 · refuted 2/3 · CI [0.008, 0.906] | reproduced 2/4 ");
    }

    @Test
    @DisplayName("the dose-response row is the median and range of the members' numbers and claim 27's count")
    void doseResponseFromTheMembers(@TempDir Path root) throws IOException {
        List<Ensemble> es = ensembles(root.resolve("fixtures"));
        writeAll(es, root.resolve("f"), Shard.ALL);
        DoseResponse dr = EnsembleReport.read(es, root.resolve("f")).doseResponse();
        assertThat(dr.rows()).hasSize(1);
        DoseResponse.Row r = dr.rows().get(0);
        // drifts 0.1, 0.2, 0.3, 0.4: median 0.25
        assertThat(r.dose()).isEqualTo(0.05);
        assertThat(r.n()).isEqualTo(4);
        assertThat(r.drift()).isEqualTo(new DoseResponse.Summary((0.2 + 0.30000000000000004) / 2, 0.1, 0.4));
        assertThat(r.excess().min()).isCloseTo(-0.1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(r.claim27()).isEqualTo(2);
        assertThat(r.interval()).isEqualTo(ClopperPearson.of(2, 4));
        assertThat(dr.markdown()).contains("| 0.05 | b | 4 | 0.2500 [0.1000, 0.4000] | 0.2000 [0.2000, 0.2000] | "
                + "0.0500 [-0.1000, 0.2000] | 2/4 | [0.068, 0.932] |");
        assertThat(DoseResponse.Summary.of(new double[] {3, 1, 2})).isEqualTo(new DoseResponse.Summary(2, 1, 3));
    }

    @Test
    @DisplayName("a member without its file, or shards run on different claims, is an error naming them")
    void incompleteOrMixed(@TempDir Path root) throws IOException {
        List<Ensemble> es = ensembles(root.resolve("fixtures"));
        writeAll(es, root.resolve("half"), new Shard(1, 2));
        assertThatThrownBy(() -> EnsembleReport.read(es, root.resolve("half")))
                .hasMessageContaining("lacks the findings of 3 member(s)").hasMessageContaining("a/seed-1")
                .hasMessageContaining("-Dshard=i/n");
        writeAll(es, root.resolve("half"), new Shard(2, 2));
        MemberFindings f = findings("a", 1);
        new MemberFindings("a", 1, f.findings().subList(0, 2), f.numbers()).write(root.resolve("half"));
        assertThatThrownBy(() -> EnsembleReport.read(es, root.resolve("half")))
                .hasMessageContaining("different claims").hasMessageContaining("-Densembles.claims");
    }
}
