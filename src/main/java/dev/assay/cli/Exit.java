package dev.assay.cli;

/**
 * What the client's exit status means, the same for every command, so a CI step can tell a verdict from
 * a breakage: a failed gate or an invalid signature is 1, while a typo, an unreachable server or a
 * server's refusal is 2 (the build should stop either way, but for a different person to look at).
 */
public final class Exit {

    /** The gate is met, the signature or ledger is valid, the command did what it was asked. */
    public static final int OK = 0;

    /** The gate is not met (FAIL, or WARN or NONE where PASS is required), or a signature or ledger is invalid. */
    public static final int FAIL = 1;

    /** Usage error, unreadable input, unreachable server, or an answer that is an error (printed readably). */
    public static final int ERROR = 2;

    private Exit() {
    }
}
