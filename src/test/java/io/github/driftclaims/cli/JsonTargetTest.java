package io.github.driftclaims.cli;

import static io.github.driftclaims.cli.MainTest.cli;
import static io.github.driftclaims.cli.MainTest.inputError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 29: {@code --json} writes only to a file the run may own, a new path or an existing regular
 * file that is not one of its inputs, and says so before the model loads. The model here has a
 * checkpoint that cannot load: an error naming {@code --json} rather than the checkpoint shows the
 * target was checked first.
 */
@DisplayName("--json writes only to files the run may own, checked before the model loads")
class JsonTargetTest {

    @TempDir
    Path dir;

    private Path model;
    private Path checkpoint;

    @BeforeEach
    void modelThatCannotLoad() throws Exception {
        model = Files.createDirectory(dir.resolve("model"));
        for (String f : List.of("config.json", "tokenizer.json", "tokenizer_config.json")) {
            Files.copy(Path.of("fixtures/tiny-random-2l", f), model.resolve(f));
        }
        checkpoint = Files.writeString(model.resolve("model.safetensors"), "not a checkpoint");
    }

    private String refused(Path target) {
        return inputError(cli("run", "--model", model.toString(), "--json", target.toString()));
    }

    /** Every file under {@code root} with its content, to show that nothing was written or replaced. */
    private static List<String> snapshot(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.sorted().map(f -> {
                try {
                    return f + (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            ? "=" + Files.readString(f).hashCode() : Files.isSymbolicLink(f) ? "->link" : "");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    @DisplayName("control: a new path passes the check, and the run then fails on the checkpoint")
    void newPathReachesTheModel() throws Exception {
        Path target = dir.resolve("out.json");
        assertThat(refused(target)).contains(checkpoint.toString()).doesNotContain("--json");
        assertThat(target).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"config.json", "tokenizer.json", "tokenizer_config.json", "model.safetensors"})
    @DisplayName("an input file of the run is refused and left as it was")
    void inputFileIsRefused(String name) throws Exception {
        List<String> before = snapshot(dir);
        assertThat(refused(model.resolve(name))).contains("'--json'").contains("model's own files");
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    @DisplayName("any existing file in the model directory is refused, and a link to an input is refused as a link")
    void modelDirectoryFileIsRefused() throws Exception {
        Files.writeString(model.resolve("README.md"), "card");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), model.resolve("config.json"));
        List<String> before = snapshot(dir);
        assertThat(refused(model.resolve("README.md"))).contains("'--json'").contains("model's own files");
        assertThat(refused(link)).contains("'--json'").contains("is a link");
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    @DisplayName("a link to a file of its own is refused as a link, not written through or replaced")
    void linkIsRefused() throws Exception {
        Path mine = Files.writeString(dir.resolve("mine.json"), "{}");
        Path link = Files.createSymbolicLink(dir.resolve("out.json"), mine);
        List<String> before = snapshot(dir);
        assertThat(refused(link)).contains("'--json'").contains("is a link");
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    @DisplayName("a named pipe (as a device would be) is refused as not a regular file, and stays a pipe")
    void pipeIsRefused() throws Exception {
        Path fifo = dir.resolve("fifo.json");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThat(refused(fifo)).contains("'--json'").contains("not a regular file");
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(Files.exists(fifo)).isTrue();
    }

    @Test
    @DisplayName("/dev/null is refused as not a regular file")
    void deviceIsRefused() {
        // Only the refusal is asserted: the check never writes, and /dev/null is not replaced by it.
        assertThat(refused(Path.of("/dev/null"))).contains("'--json'").contains("not a regular file");
    }

    @Test
    @DisplayName("a legal 250-byte file name, too long for the temporary file beside it, is refused up front")
    void longNameIsRefused() throws Exception {
        Path target = dir.resolve("a".repeat(245) + ".json");
        assertThat(refused(target)).contains("'--json'").contains("name is too long");
        assertThat(target).doesNotExist();
    }
}
