package io.github.driftclaims;

/**
 * Input the person running the suite can fix: a flag's value, a file they pointed at, a model that is not
 * there. The CLI reports it as one {@code error:} line and exit 2; any other exception is a bug in the suite,
 * reported as such with exit 1, so that a broken invariant never passes for bad input.
 *
 * <p>An {@link IllegalArgumentException}, because it is one; but the CLI tests for this type, never for its
 * parent, which internal checks throw too. The message names the flag or file, what is wrong and the fix, and
 * quotes input only through {@link Excerpt}.
 */
public class UserInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
