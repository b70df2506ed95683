package io.github.driftclaims.hub;

/**
 * Everything that can go wrong while resolving or downloading a model from the Hugging Face Hub.
 *
 * <p>Unchecked on purpose: callers (the CLI, the test suite) cannot recover locally, they can only
 * show the message. So every message names the file or repository, what is wrong, and the fix.
 * Messages never contain the HF_TOKEN value.
 */
public final class HubException extends io.github.driftclaims.UserInputException {

    private static final long serialVersionUID = 1L;

    public HubException(String message) {
        this(message, null);
    }

    public HubException(String message, Throwable cause) {
        // One line, printable and bounded, whatever a caller quoted (a server's answer, a cache file).
        super(io.github.driftclaims.Excerpt.message(message, io.github.driftclaims.Excerpt.LINE_CHARS),
                cause);
    }
}
