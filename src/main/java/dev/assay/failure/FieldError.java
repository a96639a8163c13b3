package dev.assay.failure;

/**
 * One validation error: where (a JSON pointer into the submitted document, or a line and column of
 * its text, or both) and what is wrong. A plain value: how it is written out is the edge's business.
 */
public record FieldError(String pointer, Long line, Long column, String message) {

    public static FieldError at(String pointer, String message) {
        return new FieldError(pointer, null, null, message);
    }

    public static FieldError atLine(long line, Long column, String message) {
        return new FieldError(null, line, column, message);
    }
}
