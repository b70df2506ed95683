package io.github.driftclaims;

/**
 * The shell command that runs the CLI from a checkout. Every command the project prints (error
 * messages, skip reasons, records) is built here so that all of them have the same form, one that
 * works on a fresh clone: {@code exec:java} alone runs whatever is in target/classes and does not
 * compile, so {@code compile} comes first (an up-to-date check once built).
 */
public final class CliCommand {

    /** The Maven invocation in front of the CLI's arguments; the README shows the same. */
    public static final String MAVEN = "./mvnw -q compile exec:java";

    private CliCommand() {}

    /** {@code ./mvnw -q compile exec:java -Dexec.args="ARGS"}. */
    public static String of(String args) {
        return MAVEN + " -Dexec.args=\"" + args + "\"";
    }
}
