package io.github.driftclaims.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Atomic text writes")
class TextFilesTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("replace the file whole and leave no temporary file beside it")
    void replacesWhole() throws IOException {
        Path f = dir.resolve("sub/out.json");
        TextFiles.writeAtomically(f, "one");
        TextFiles.writeAtomically(f, "two");
        assertThat(f).hasContent("two");
        try (var files = Files.list(f.getParent())) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    @DisplayName("that fail at the final move remove their temporary file and leave the target as it was")
    void failedMoveLeavesNothing() throws IOException {
        // A non-empty directory cannot be replaced by a file: the move fails after the text was written.
        Path target = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(target.resolve("keep.txt"), "kept");
        assertThatThrownBy(() -> TextFiles.writeAtomically(target, "text")).isInstanceOf(IOException.class);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
        assertThat(target.resolve("keep.txt")).hasContent("kept");
    }
}
