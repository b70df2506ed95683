package io.github.driftclaims.model;

import io.github.driftclaims.Excerpt;
import io.github.driftclaims.UserInputException;
import java.nio.file.Path;

/**
 * A model file that cannot be used. The message always names the file, what is wrong with it and
 * what to do about it, because the person reading it is usually running a suite, not debugging.
 */
public final class ModelLoadException extends UserInputException {

    public ModelLoadException(Path file, String problem, String fix) {
        this(file, problem, fix, null);
    }

    public ModelLoadException(Path file, String problem, String fix, Throwable cause) {
        // Every message passes through Excerpt: one line, printable, bounded, whatever a caller quoted.
        super(Excerpt.message(String.valueOf(file), Excerpt.LINE_CHARS) + ": " + Excerpt.message(problem)
                + (fix == null || fix.isEmpty() ? "" : ". Fix: " + Excerpt.message(fix)), cause);
    }
}
