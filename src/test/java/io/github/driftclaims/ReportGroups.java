package io.github.driftclaims;

import io.qameta.allure.Allure;
import io.qameta.allure.util.ResultsUtils;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The two top-level groups of the Allure report's Behaviors view: the notebook's claims, decided by a rule on a
 * model's numbers, and every other test, which checks the suite itself (goldens, the regression gate, the README,
 * loaders, the hub client). A failing suite check is a defect of the suite, never a refuted claim, so the two are
 * kept apart here and in {@code allure/categories.json}.
 *
 * <p>Registered for every test through JUnit's extension autodetection: after each test, one that no claim record
 * and no {@code @Epic} has filed is filed under {@link #SUITE_CHECKS}.
 */
public final class ReportGroups implements AfterEachCallback {

    public static final String CLAIMS = "Claims";
    public static final String SUITE_CHECKS = "Suite checks";

    /** Files the running test under {@code epic} unless something filed it already. */
    public static void fileUnder(String epic) {
        Allure.getLifecycle().updateTestCase(r -> {
            if (r.getLabels().stream().noneMatch(l -> ResultsUtils.EPIC_LABEL_NAME.equals(l.getName()))) {
                r.getLabels().add(ResultsUtils.createEpicLabel(epic));
            }
        });
    }

    @Override
    public void afterEach(ExtensionContext context) {
        fileUnder(SUITE_CHECKS);
    }
}
