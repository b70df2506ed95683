package io.github.driftclaims.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} on every command (picocli's standard mixin would add a --version we do not have). */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
