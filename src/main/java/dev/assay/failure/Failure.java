package dev.assay.failure;

/**
 * A request Assay refuses, with a detail written for the person who sent it. Sealed: the edges map
 * every kind to an answer, and a new kind must be added there too. Unchecked, like the JPA and JSON
 * exceptions around it, because every layer between the thrower and the edge would only pass it on.
 */
public abstract sealed class Failure extends RuntimeException
        permits InvalidInput, NotFound, Conflict, TooLarge, Malformed, NotPermitted {

    protected Failure(String detail) {
        super(detail);
    }

    /** The sentence shown to the caller. */
    public String detail() {
        return getMessage();
    }
}
