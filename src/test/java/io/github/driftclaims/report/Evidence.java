package io.github.driftclaims.report;

import io.qameta.allure.Allure;

/**
 * Attaches evidence to the running Allure test result. Lives with the tests because Allure is a
 * test-scoped dependency; outside a running test Allure only logs that nothing was attached.
 */
public final class Evidence {

    private Evidence() {}

    public static void attachCsv(String name, Csv csv) {
        attachCsv(name, csv.toString());
    }

    public static void attachCsv(String name, String csv) {
        Allure.addAttachment(name, "text/csv", csv, ".csv");
    }

    public static void attachJson(String name, String json) {
        Allure.addAttachment(name, "application/json", json, ".json");
    }

    /** The report shows image/svg+xml attachments inline as images. */
    public static void attachSvg(String name, String svg) {
        Allure.addAttachment(name, "image/svg+xml", svg, ".svg");
    }

    /** Records a parameter on the test (shown in the report, not part of the history id); returns the value. */
    public static <T> T parameter(String name, T value) {
        return Allure.parameter(name, value);
    }
}
