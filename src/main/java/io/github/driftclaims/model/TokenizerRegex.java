package io.github.driftclaims.model;

/**
 * Whether a tokenizer's Split or Replace regex could backtrack catastrophically: the one part of {@link TokenizerCheck}
 * that reads a pattern rather than JSON. A pattern it does not clear still loads, but the tokenizer then runs only in
 * a child process (SECURITY.md).
 */
final class TokenizerRegex {

    private TokenizerRegex() {}

    /** Characters of a Split or Replace regex; GPT-2's is 73, Llama 3's about 120. */
    static final int PATTERN_CHARS = 512;

    /** Unbounded quantifiers ({@code * + {n,}}) in one alternative of a regex (see {@link #check}). */
    static final int QUANTIFIERS_PER_BRANCH = 3;

    /**
     * Why {@code regex} could backtrack catastrophically, or null. A heuristic, stated in SECURITY.md:
     * not cleared (and so run only in a child process) are patterns longer than {@link #PATTERN_CHARS}, backreferences, a quantified group whose
     * body holds a quantifier or an alternation ({@code (a+)+}, {@code (a|a)*}: exponential), and more
     * than {@link #QUANTIFIERS_PER_BRANCH} unbounded quantifiers in one alternative ({@code \s*\s*\s*\s*}:
     * polynomial of that degree in the text's length). Real tokenizers' patterns pass: each alternative
     * of GPT-2's and Llama 3's has one or two.
     */
    static String check(String regex) {
        if (regex.length() > PATTERN_CHARS) {
            return "is " + regex.length() + " characters, more than " + PATTERN_CHARS;
        }
        // For each open group: does its body hold a quantifier or an alternation?
        java.util.ArrayDeque<boolean[]> groups = new java.util.ArrayDeque<>();
        groups.push(new boolean[] {false});
        int unboundedInBranch = 0;
        java.util.ArrayDeque<Integer> branchCounts = new java.util.ArrayDeque<>();
        boolean lastWasGroup = false;
        boolean lastGroupRisky = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            boolean closedGroup = false;
            switch (c) {
                case '\\' -> {
                    if (i + 1 < regex.length() && Character.isDigit(regex.charAt(i + 1)) && regex.charAt(i + 1) != '0') {
                        return "uses a backreference";
                    }
                    if (i + 1 < regex.length() && regex.charAt(i + 1) == 'k') {
                        return "uses a backreference";
                    }
                    i = skipEscape(regex, i);
                }
                case '[' -> i = skipClass(regex, i);
                case '(' -> {
                    groups.push(new boolean[] {false});
                    branchCounts.push(unboundedInBranch);
                }
                case ')' -> {
                    if (groups.size() < 2) {
                        return "has an unbalanced ')'";
                    }
                    lastGroupRisky = groups.pop()[0];
                    groups.peek()[0] |= lastGroupRisky; // ((a+)b)+ repeats a repetition too
                    branchCounts.pop();
                    closedGroup = true;
                }
                case '|' -> {
                    groups.peek()[0] = true;
                    unboundedInBranch = branchCounts.isEmpty() ? 0 : branchCounts.peek();
                }
                case '*', '+', '?', '{' -> {
                    boolean unbounded = c == '*' || c == '+' || (c == '{' && unboundedBrace(regex, i));
                    if (c == '?' && i > 0 && regex.charAt(i - 1) == '(') {
                        break; // (?: (?= (?! (?i: ... : group syntax, not a quantifier
                    }
                    if (lastWasGroup && lastGroupRisky && (unbounded || c == '{')) {
                        return "repeats a group that itself repeats or alternates (nested quantifiers such as (a+)+"
                                + " backtrack exponentially)";
                    }
                    if (unbounded && ++unboundedInBranch > QUANTIFIERS_PER_BRANCH) {
                        return "has more than " + QUANTIFIERS_PER_BRANCH + " unbounded quantifiers in one alternative";
                    }
                    groups.peek()[0] |= c != '?'; // an optional atom alone cannot blow up
                    if (c == '{') {
                        int end = regex.indexOf('}', i);
                        i = end < 0 ? i : end;
                    }
                    // A lazy or possessive suffix (+? ++) belongs to this quantifier.
                    if (i + 1 < regex.length() && (regex.charAt(i + 1) == '?' || regex.charAt(i + 1) == '+')) {
                        i++;
                    }
                }
                default -> { }
            }
            lastWasGroup = closedGroup;
        }
        return groups.size() == 1 ? null : "has an unbalanced '('";
    }

    private static boolean unboundedBrace(String regex, int at) {
        int end = regex.indexOf('}', at);
        return end > 0 && regex.substring(at + 1, end).matches("\\d+,");
    }

    private static int skipEscape(String regex, int at) {
        int i = at + 1;
        if (i < regex.length() && (regex.charAt(i) == 'p' || regex.charAt(i) == 'P') && i + 1 < regex.length()
                && regex.charAt(i + 1) == '{') {
            int end = regex.indexOf('}', i);
            return end < 0 ? regex.length() - 1 : end;
        }
        return Math.min(i, regex.length() - 1);
    }

    private static int skipClass(String regex, int at) {
        int i = at + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        int depth = 1;
        for (; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i = skipEscape(regex, i);
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i;
            }
        }
        return regex.length() - 1;
    }
}
