package io.github.driftclaims;

/**
 * The one way an error message quotes what it read from an input, and the one bound on a message
 * as a whole. Input files are hostile: a message that echoed them could print a secret (a ref
 * linked to {@code /proc/self/environ}), fill a terminal (a 1 MB config value), or drive it (an
 * escape sequence in a token string retitles and clears it). So a quote is a short excerpt with
 * everything but printable ASCII escaped, and a whole message is printable and bounded.
 */
public final class Excerpt {

    private Excerpt() {}

    /** Characters of input text an error message quotes. */
    public static final int CHARS = 40;

    /** Characters of what an error message says is wrong (its file name and fix come on top). */
    public static final int MESSAGE_CHARS = 400;

    /** Characters of one printed error line as a whole: a long path, the problem and the fix. */
    public static final int LINE_CHARS = 1600;

    /**
     * {@code text} quoted for a message: its first {@link #CHARS} characters in single quotes, each
     * character outside printable ASCII (controls, non-ASCII, quotes and backslashes) written as
     * {@code \\uXXXX}, and a note of how long the rest is. Never the whole of a long input.
     */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(CHARS * 2).append('\'');
        int n = Math.min(text.length(), CHARS);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        b.append('\'');
        if (text.length() > n) {
            b.append("... (").append(text.length()).append(" characters in all)");
        }
        return b.toString();
    }

    /**
     * A whole message made safe to print on one terminal line: line breaks become spaces, other
     * control and format characters (escape sequences, bidirectional overrides) are escaped, and a
     * message longer than {@link #MESSAGE_CHARS} is cut there. Printable non-ASCII stays (file names).
     */
    public static String message(String text) {
        return message(text, MESSAGE_CHARS);
    }

    /** As {@link #message(String)}, cut at {@code limit} characters. */
    public static String message(String text, int limit) {
        if (text == null) {
            return "";
        }
        // Only a bounded prefix is ever looked at: a 20 MB message costs no more than a short one.
        boolean longer = text.length() > 4L * limit;
        String oneLine = (longer ? text.substring(0, 4 * limit) : text).strip().replaceAll("\\s*\\R\\s*", " ");
        StringBuilder b = new StringBuilder(Math.min(oneLine.length(), limit) + 48);
        int i = 0;
        for (; i < oneLine.length() && b.length() < limit; i++) {
            char c = oneLine.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.SURROGATE || type == Character.PRIVATE_USE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (i < oneLine.length() || longer) {
            b.setLength(Math.min(b.length(), limit));
            b.append("... (cut at ").append(limit).append(" characters)");
        }
        return b.toString();
    }
}
