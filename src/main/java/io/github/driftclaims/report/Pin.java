package io.github.driftclaims.report;

/**
 * The commit that pinned an expected verdict from a measurement (a "finding"): the cell's expectation was recorded
 * from the number it now checks, so a green cell there means "nothing moved", not "the hypothesis held" (issue 27).
 *
 * @param commit the short hash, as {@code git log --format=%h} prints it
 * @param date the commit's date, ISO (2026-12-02)
 */
public record Pin(String commit, String date) {

    /**
     * The mark a pinned cell carries in the Markdown tables (reports/verdicts.md, the README): one ASCII byte, because
     * the README has a size limit and over a hundred pinned cells (a dagger is three bytes in UTF-8).
     */
    public static final String MARK = "^";

    /** The verdict page's mark, a superscript dagger with the commit in its tooltip. */
    public static final String HTML_MARK = "†";

    /** The legend line under a table with marks. */
    public static final String LEGEND = MARK + ": a pinned finding, the expected verdict recorded from the measurement "
            + "it checks (its commit is in the cell's reasons); unmarked: a hypothesis stated beforehand, or no expected "
            + "verdict (counts under \"Expected verdicts\").";

    /** "pinned by 72e1921 (2026-12-02)", for a cell's title and the reason lists. */
    public String text() {
        return "pinned by " + commit + " (" + date + ")";
    }
}
