package io.github.driftclaims.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tiny CSV builder (RFC 4180 quoting, "\n" line ends) for evidence tables attached to test results.
 *
 * <p>Numbers are written with {@link Float#toString}/{@link Double#toString}, i.e. the shortest text that
 * reads back to the same value: a claim's evidence must be re-checkable from the CSV, so no rounding.
 * {@code null} is written as an empty field. Instances are builders and not thread-safe.
 */
public final class Csv {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    private Csv(List<String> header) {
        this.header = header;
    }

    public static Csv withHeader(String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("a CSV needs at least one column");
        }
        return new Csv(List.of(columns));
    }

    /** Appends a row; it must have exactly one value per header column. */
    public Csv row(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException("row has " + values.length + " values for " + header.size()
                    + " columns " + header + ": " + Arrays.toString(values));
        }
        List<String> row = new ArrayList<>(values.length);
        for (Object value : values) {
            row.add(text(value));
        }
        rows.add(row);
        return this;
    }

    public int rowCount() {
        return rows.size();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        line(out, header);
        for (List<String> row : rows) {
            line(out, row);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(fields.get(i)));
        }
        out.append('\n');
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Float f) {
            return Float.toString(f);
        }
        if (value instanceof Double d) {
            return Double.toString(d);
        }
        return value.toString();
    }

    /** Quotes a field only when it must be: separators, quotes, line breaks, or edge spaces some readers trim. */
    static String quote(String field) {
        boolean needs = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0 || (!field.isEmpty()
                && (Character.isWhitespace(field.charAt(0)) || Character.isWhitespace(field.charAt(field.length() - 1))));
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
