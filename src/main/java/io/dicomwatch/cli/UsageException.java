package io.dicomwatch.cli;

/** A mistake in the options or configuration that the user must fix; exits with {@link ExitCodes#USAGE_ERROR}. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
