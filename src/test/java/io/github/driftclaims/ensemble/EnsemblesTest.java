package io.github.driftclaims.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The ensemble registry lists what the pre-registration plans list")
class EnsemblesTest {

    @Test
    @DisplayName("plan 1's toy recipe and controls, then plan 2's recipes, with plan 2's doses and seeds")
    void shippedPlans() {
        List<Ensemble> all = Ensembles.registered(Path.of(""));
        assertThat(all).extracting(Ensemble::name).containsExactly("toy-induction-2l", "counting-only-2l",
                "markov-switch-2l", "letters-only-2l", "xy-dose-0.01-2l", "xy-dose-0.05-2l", "letters-only-8h");
        Ensemble toy = all.get(0);
        assertThat(toy.dir()).isEqualTo(Path.of("fixtures", "ensembles", "toy-induction-2l"));
        assertThat(toy.dose()).as("plan 2 reuses plan 1's recipe as its top dose").isEqualTo(0.5);
        assertThat(all.get(1).dose()).isNull();
        assertThat(all.get(3).dose()).isEqualTo(0.0);
        assertThat(all.get(3).plan()).isEqualTo(Ensembles.PLANS.get(1));
        assertThat(all.get(6).dose()).as("the 8-head recipe is not a step of the series").isNull();
        assertThat(all.get(3).seeds()).hasSize(8);
        List<Ensemble.Member> members = Ensembles.members(all);
        assertThat(members).extracting(Ensemble.Member::id).doesNotHaveDuplicates().startsWith(
                "toy-induction-2l/seed-0", "toy-induction-2l/seed-1");
        assertThat(members).allMatch(m -> Files.isRegularFile(m.dir().resolve("model.safetensors")));
    }

    @Test
    @DisplayName("members are the seed-N folders with weights, by seed number; a planned seed without weights is unshipped")
    void membersOnDisk(@TempDir Path dir) throws IOException {
        for (String s : new String[] {"seed-10", "seed-2", "seed-3", "notes"}) {
            Files.createDirectories(dir.resolve(s));
        }
        Files.writeString(dir.resolve("seed-10/model.safetensors"), "");
        Files.writeString(dir.resolve("seed-2/model.safetensors"), "");
        Files.writeString(dir.resolve("notes/model.safetensors"), "");
        Ensemble e = new Ensemble("x", dir, Path.of("plan.json"), List.of(2, 3, 10), null);
        assertThat(e.members()).extracting(Ensemble.Member::seed).containsExactly(2, 10);
        assertThat(e.unshipped()).containsExactly(3);
        assertThat(new Ensemble("y", dir.resolve("absent"), Path.of("p"), List.of(0), null).members()).isEmpty();
    }

    @Test
    @DisplayName("a plan whose recipe names no seed-<N> folder is an error naming the plan")
    void badPlan(@TempDir Path root) throws IOException {
        Path plan1 = root.resolve(Ensembles.PLANS.get(0));
        Path plan2 = root.resolve(Ensembles.PLANS.get(1));
        Files.createDirectories(plan1.getParent());
        Files.createDirectories(plan2.getParent());
        Files.writeString(plan1, "{\"toy\": {\"name\": \"t\", \"where\": \"fixtures/ensembles/t\", \"seeds\": [0]}}");
        Files.writeString(plan2, "{}");
        assertThatThrownBy(() -> Ensembles.registered(root)).hasMessageContaining(plan1.toString())
                .hasMessageContaining("seed-<N>");
        Files.writeString(plan2, "not json");
        Files.writeString(plan1, "{}");
        assertThatThrownBy(() -> Ensembles.registered(root)).hasMessageContaining(plan2.toString())
                .hasMessageContaining("restore it from git");
    }
}
