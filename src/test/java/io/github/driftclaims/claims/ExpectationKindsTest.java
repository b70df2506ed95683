package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.report.Pin;
import io.github.driftclaims.verdict.Claim;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 27: each expected verdict says whether it is a hypothesis or a finding pinned from the measurement it checks,
 * and a finding names the commit that pinned it. No model is loaded: the tables alone.
 */
@Epic(ClaimRecord.CHECKS)
@Feature("Expected verdicts")
@DisplayName("Expected verdicts: each is a hypothesis or a pinned finding, and a finding names its commit")
class ExpectationKindsTest {

    @Test
    @DisplayName("every finding names the commit that pinned it, as a short hash and an ISO date")
    void everyFindingHasItsCommit() {
        List<String> missing = new ArrayList<>();
        ExpectedCells.every().forEach((cell, e) -> {
            if (e.kind() == Expected.Kind.FINDING && (e.pin() == null || !e.pin().commit().matches("[0-9a-f]{7,40}")
                    || !e.pin().date().matches("\\d{4}-\\d{2}-\\d{2}"))) {
                missing.add(cell + ": " + e.pin());
            }
            if (e.kind() == Expected.Kind.HYPOTHESIS && e.pin() != null) {
                missing.add(cell + ": a hypothesis with a pin " + e.pin());
            }
        });
        assertThat(missing).as("findings without their commit (find it with git log -S on the finding's numbers and "
                + "add it to Pins)").isEmpty();
        assertThat(ExpectedCells.every().values()).as("the tables hold findings").anyMatch(Expected.Expectation::pinned);
    }

    @Test
    @DisplayName("a basis written as a finding is recorded as one, and one written as a hypothesis is not pinned")
    void kindAgreesWithTheBasis() {
        // The kind is the type; the basis text is prose, but a "finding ..." recorded with put() (a hypothesis) is the
        // mistake a merge of the expectation tables would make.
        List<String> wrong = new ArrayList<>();
        ExpectedCells.every().forEach((cell, e) -> {
            if (e.basis().startsWith("finding") && !e.pinned() || e.basis().startsWith("hypothesis") && e.pinned()) {
                wrong.add(cell + " (" + e.kind() + "): " + e.basis());
            }
        });
        assertThat(wrong).as("expectations whose kind contradicts their basis (state a finding with put.finding(Pins.X, "
                + "...))").isEmpty();
    }

    @Test
    @DisplayName("every cell of the shipped models' matrix columns is held to an expected verdict")
    void everyShippedCellIsHeld() {
        List<String> none = new ArrayList<>();
        for (ModelUnderTest m : ModelUnderTest.values()) {
            for (Claim c : Claim.values()) {
                if (!m.isReal() && ExpectedCells.of(m, PromptStyle.SEQUENCE, c) == null) {
                    none.add(m.id + " claim " + c.number());
                }
            }
        }
        assertThat(none).isEmpty();
    }

    @Test
    @DisplayName("every commit named as a pin is in this repository's history, dated as stated")
    void pinsAreInTheHistory() throws Exception {
        // A source tarball has no history to check against: then, and only then, this is skipped.
        Assumptions.assumeTrue(Files.exists(Path.of(".git")), "no .git here (a source tarball?): the pins cannot be "
                + "checked against the history");
        Assumptions.assumeFalse(git("rev-parse", "--is-shallow-repository").out().strip().equals("true"),
                "a shallow clone lacks the older commits the pins name");
        List<String> bad = new ArrayList<>();
        for (Pin pin : ExpectedCells.every().values().stream().filter(Expected.Expectation::pinned)
                .map(Expected.Expectation::pin).filter(java.util.Objects::nonNull).distinct().toList()) {
            Git inHead = git("merge-base", "--is-ancestor", pin.commit(), "HEAD");
            if (inHead.code() != 0) {
                bad.add(pin.commit() + " is not in HEAD's history (" + inHead.out().strip() + ")");
                continue;
            }
            String date = git("show", "-s", "--format=%ad", "--date=short", pin.commit()).out().strip();
            if (!date.equals(pin.date())) {
                bad.add(pin.commit() + " is dated " + date + ", not " + pin.date());
            }
        }
        assertThat(bad).isEmpty();
        assertThat(Pins.ALL).as("every pin constant is listed in Pins.ALL").doesNotHaveDuplicates();
    }

    record Git(int code, String out) {}

    static Git git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("git %s finished", cmd).isTrue();
        return new Git(p.exitValue(), out);
    }
}
