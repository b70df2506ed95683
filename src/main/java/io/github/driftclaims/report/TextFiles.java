package io.github.driftclaims.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/** Writing the project's text outputs (records, JSON tables) so that a reader never sees half a file. */
public final class TextFiles {

    private TextFiles() {}

    /** Bytes of the longest file name ext4, xfs, btrfs and tmpfs take. */
    static final int NAME_BYTES = 255;

    /** What the temporary file's name adds to the target's: "." before it, up to 20 random digits and ".tmp". */
    static final int TEMP_NAME_EXTRA_BYTES = 1 + 20 + 4;

    /**
     * Why {@link #writeAtomically} must not write {@code file}, or empty when it may: the move would
     * replace whatever is there, so only a new name or an existing regular file is taken. A link (the
     * move would replace the link, not what it points to), a directory, a device, pipe or socket are
     * refused, and so is a name too long for the temporary file beside it (found out only at the end
     * of a run otherwise).
     */
    public static Optional<String> whyNotWritable(Path file) {
        if (file.getFileName() == null) {
            return Optional.of("names no file");
        }
        int nameBytes = file.getFileName().toString().getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes + TEMP_NAME_EXTRA_BYTES > NAME_BYTES) {
            return Optional.of("has a file name of " + nameBytes + " bytes; that name is too long for the temporary "
                    + "file written beside it (at most " + (NAME_BYTES - TEMP_NAME_EXTRA_BYTES) + " bytes)");
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return Optional.empty(); // a new file (or one we cannot see, which the write then reports)
        }
        if (attrs.isSymbolicLink()) {
            return Optional.of("is a link; it is neither followed nor replaced");
        }
        if (attrs.isDirectory()) {
            return Optional.of("is a directory");
        }
        if (!attrs.isRegularFile()) {
            return Optional.of("is not a regular file (a device, named pipe or socket); it is not replaced");
        }
        return Optional.empty();
    }

    /**
     * Writes {@code text} to a temporary file beside {@code file} and moves it into place in one step. On
     * any failure the temporary file is removed and {@code file} is as it was: nothing partial is left.
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        Optional<String> problem = whyNotWritable(file);
        if (problem.isPresent()) {
            throw new IOException(file + " " + problem.get());
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text);
            // Checked again at the last moment: the target may have become a link or a device meanwhile.
            problem = whyNotWritable(file);
            if (problem.isPresent()) {
                throw new IOException(file + " " + problem.get());
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
