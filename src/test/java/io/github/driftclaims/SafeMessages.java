package io.github.driftclaims;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one test of whether an error message is safe to print (issue 29): no planted secret, no raw control character
 * (C0, DEL or C1: an escape sequence could retitle or clear a terminal), and bounded in length. Used by
 * ErrorExcerptTest's refusals and by every input fuzzer, so that they hold messages to the same line.
 */
public final class SafeMessages {

    /** C0 controls, DEL and the C1 controls: what Excerpt escapes and a printed message must never carry raw. */
    private static final Pattern RAW_CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f-\\x9f]");

    private SafeMessages() {}

    /**
     * Why {@code message} is not safe to print, or empty when it is.
     *
     * @param maxChars the longest message allowed
     * @param secrets strings planted in the input that must never reach the message
     */
    public static Optional<String> problem(String message, int maxChars, String... secrets) {
        for (String s : secrets) {
            if (message.contains(s)) {
                return Optional.of("it quotes the planted " + Excerpt.of(s));
            }
        }
        if (RAW_CONTROL.matcher(message).find()) {
            return Optional.of("it carries a raw control character");
        }
        if (message.length() > maxChars) {
            return Optional.of("it is " + message.length() + " characters long, over " + maxChars);
        }
        return Optional.empty();
    }
}
