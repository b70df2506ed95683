package io.github.driftclaims.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.UserInputException;
import io.github.driftclaims.hub.HubException;
import io.github.driftclaims.model.ModelLoadException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

@DisplayName("A failing command tells input the user can fix from a bug in the suite")
class FailureKindsTest {

    /** What the handler printed and returned for one exception. */
    record Outcome(int code, String err) {}

    private static Outcome fail(Exception e) throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(CommandLine.Model.CommandSpec.create());
        cl.setErr(new PrintWriter(err, true));
        return new Outcome(Main.failure(e, cl), err.toString());
    }

    static Stream<Exception> userInput() {
        return Stream.of(new UserInputException("--steps 'x': not a step count; pass a number or all"),
                new ModelLoadException(Path.of("model.safetensors"), "truncated", "download it again"),
                new HubException("repo nobody/none: not found on the hub; check the name"));
    }

    static Stream<Exception> bugs() {
        return Stream.of(new IllegalArgumentException("3 token rows but 2 keep masks"),
                new IllegalStateException("closed"), new NullPointerException("weights"));
    }

    @ParameterizedTest(name = "{0} is input the user can fix: one error line, exit 2")
    @MethodSource("userInput")
    void userInputExitsTwo(Exception e) throws Exception {
        Outcome o = fail(e);
        assertThat(o.code()).isEqualTo(Main.INPUT_ERROR);
        assertThat(o.err().lines().toList()).singleElement().asString().isEqualTo("error: " + e.getMessage());
    }

    @ParameterizedTest(name = "{0} is a bug: one line saying so, exit 1, never passed off as bad input")
    @MethodSource("bugs")
    void internalErrorsExitOne(Exception e) throws Exception {
        Outcome o = fail(e);
        assertThat(o.code()).isEqualTo(Main.CHECK_FAILED);
        assertThat(o.err().lines().toList()).singleElement().asString()
                .startsWith("error: unexpected failure: " + e.getClass().getName())
                .contains("(a bug; rerun with -D");
    }

    @Test
    @DisplayName("the commands refuse input only through UserInputException (a plain IllegalArgumentException would exit 1)")
    void commandsThrowUserInputOnly() throws IOException {
        Path cli = Path.of("src/main/java/io/github/driftclaims/cli");
        List<Path> offenders;
        try (Stream<Path> files = Files.list(cli)) {
            offenders = files.filter(p -> {
                try {
                    return Files.readString(p).contains("new IllegalArgumentException(");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(offenders).as("cli classes that throw a plain IllegalArgumentException").isEmpty();
    }
}
