package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.ReportGroups;
import io.github.driftclaims.report.AllureSingleFile;
import io.github.driftclaims.report.Evidence;
import io.github.driftclaims.verdict.Finding;
import io.qameta.allure.Allure;
import java.util.Locale;

/**
 * How every claim test reports: labels (epic = {@link ReportGroups#CLAIMS}, feature = the claim, story = the
 * model; the verdict page, reports/index.html, shows them by verdict), the verdict as a parameter and a tag, the
 * rule's reason as an attachment, and the verdict checked against what is expected for that model.
 */
final class ClaimRecord {

    /** The epic of the tests that check facts about stimuli and the suite itself rather than decide a claim. */
    static final String CHECKS = ReportGroups.SUITE_CHECKS;

    /**
     * How a claim's verdict failure reads; allure/categories.json files a failure whose message starts so under
     * "Claim verdict differs from the expected one" (CategoriesTest holds the two together).
     */
    static final String VERDICT_MESSAGE = "verdict of claim %d (%s); expected because %s";

    private ClaimRecord() {}

    static void on(ModelUnderTest model) {
        ReportGroups.fileUnder(ReportGroups.CLAIMS);
        Allure.story(model.id);
        Allure.parameter("model description", model.description);
    }

    static double number(String name, double value) {
        Evidence.parameter(name, String.format(Locale.ROOT, "%.7f", value));
        return value;
    }

    /** Records the rule's finding, then requires its verdict to be the expected one. */
    static void verdict(Finding actual, Expected.Expectation expected) {
        ReportGroups.fileUnder(ReportGroups.CLAIMS);
        Allure.parameter("verdict", actual.verdictText());
        // Whether a pass means "the hypothesis held" or only "nothing moved" (issue 27). A tag, not a parameter: the
        // verdict page matches a cell's test by its parameters.
        Allure.label("tag", expected.pinned() ? "expected: pinned finding" : "expected: hypothesis");
        Allure.label("tag", "verdict: " + actual.verdictText());
        // How the verdict page finds this test for its matrix cell (claim number + story + parameters).
        Allure.label(AllureSingleFile.CLAIM_LABEL, String.valueOf(actual.claim().number()));
        Allure.addAttachment("verdict", "text/plain", "claim " + actual.claim().number() + ": " + actual.claim().statement()
                + "\nverdict: " + actual.verdictText() + " (expected: " + expected.verdictText() + ", "
                + (expected.pinned() ? expected.pin().text() + ", " : "") + expected.basis()
                + ")\n" + actual.reasonWithMargin() + "\n", ".txt");
        assertThat(actual.verdict()).as(VERDICT_MESSAGE, actual.claim().number(),
                actual.reason(), expected.basis()).isEqualTo(expected.verdict());
    }
}
