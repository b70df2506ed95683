package io.github.driftclaims.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.driftclaims.ProjectFiles;
import io.github.driftclaims.train.PortableNumerics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@DisplayName("The command line from a working directory outside the project")
// Each case is a child JVM (a few seconds): beside the other classes, it uses the second core.
@Execution(ExecutionMode.CONCURRENT)
class AnyDirectoryTest {

    @TempDir
    Path cwd;

    /** The CLI in a child JVM (the working directory is per process), started in {@link #cwd}. */
    private MainTest.Result childCli(List<String> jvmFlags, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(PortableNumerics.childCommand(Main.class.getName(), List.of(args)));
        cmd.addAll(1, jvmFlags);
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).directory(cwd.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the CLI did not finish in 120 s: " + cmd);
            }
            return new MainTest.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private List<Path> leftInWorkingDirectory() throws IOException {
        try (Stream<Path> files = Files.list(cwd)) {
            return files.toList();
        }
    }

    @Test
    @DisplayName("run with no model prints the default model's drift table, reading the later cells' reference from the "
            + "project, and --json writes where the user is")
    void mainJobRunsFromATemporaryDirectory() throws Exception {
        // The main job also measures the later cells (claims 12-16), which read the notebook's recorded orderings.
        MainTest.Result r = childCli(List.of(), "run", "--json", "out.json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Drift (max-min) over permutations with same counts: ");
        assertThat(r.err()).doesNotContain("error:");
        assertThat(leftInWorkingDirectory()).containsExactly(cwd.resolve("out.json"));
        assertThat(Files.readString(cwd.resolve("out.json"))).contains("single_head_sweep");
    }

    @Test
    @DisplayName("a driftclaims.home that is not the project is one error line naming the property and the fix, exit code 2")
    void aWrongExplicitBaseIsAnInputError() throws Exception {
        MainTest.Result r = childCli(List.of("-D" + ProjectFiles.PROPERTY + "=" + cwd), "run");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1).first().asString().startsWith("error: -D" + ProjectFiles.PROPERTY + " '")
                .contains("is not the project directory").contains("set it to the directory holding them");
    }
}
