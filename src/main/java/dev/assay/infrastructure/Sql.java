package dev.assay.infrastructure;

/**
 * Quoting for SQL text that cannot be a bind parameter. Every identifier that comes from user data
 * (column names of uploaded files) goes through {@link #identifier}; never concatenate one raw.
 */
public final class Sql {

    private Sql() {
    }

    /** A double-quoted SQL identifier; embedded quotes are doubled, NUL is refused. */
    public static String identifier(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty SQL identifier");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("SQL identifier contains NUL");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A single-quoted SQL string literal; embedded quotes are doubled, NUL is refused. */
    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("SQL literal contains NUL");
        }
        return '\'' + value.replace("'", "''") + '\'';
    }
}
