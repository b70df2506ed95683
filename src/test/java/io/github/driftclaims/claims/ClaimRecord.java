package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.report.Evidence;
import io.qameta.allure.Allure;
import java.util.Locale;

/**
 * How every claim test reports: labels (epic = the notebook, feature = the claim, story = the model),
 * the verdict as a parameter and a tag, and the verdict checked against what is expected for that
 * model (so the negative control's refutations are expected results, not failures).
 */
final class ClaimRecord {

    static final String EPIC = "toy_induction notebook (attn-only-2l drift)";

    private ClaimRecord() {}

    static void on(ModelUnderTest model) {
        Allure.story(model.id);
        Allure.parameter("model description", model.description);
    }

    static double number(String name, double value) {
        Evidence.parameter(name, String.format(Locale.ROOT, "%.7f", value));
        return value;
    }

    /** Records the verdict with the sentence it rests on, then requires it to be the expected one. */
    static void verdict(Verdict actual, Verdict expected, String statement) {
        Allure.parameter("verdict", actual.toString());
        Allure.label("tag", "verdict: " + actual);
        Allure.addAttachment("verdict", "text/plain", "verdict: " + actual + " (expected: " + expected + ")\n"
                + statement + "\n", ".txt");
        assertThat(actual).as("verdict (%s)", statement).isEqualTo(expected);
    }
}
