package io.github.driftclaims.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writing the project's text outputs (records, JSON tables) so that a reader never sees half a file. */
public final class TextFiles {

    private TextFiles() {}

    /**
     * Writes {@code text} to a temporary file beside {@code file} and moves it into place in one step. On
     * any failure the temporary file is removed and {@code file} is as it was: nothing partial is left.
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
