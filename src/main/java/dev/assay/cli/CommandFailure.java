package dev.assay.cli;

/**
 * Why a command stopped without a verdict (exit {@link Exit#ERROR}): its message is what the person reads,
 * already readable (a server's problem with its field errors, a file that cannot be read), never a token.
 */
final class CommandFailure extends RuntimeException {

    CommandFailure(String message) {
        super(message);
    }

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
