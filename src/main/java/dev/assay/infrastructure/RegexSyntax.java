package dev.assay.infrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Checks a regular expression the way it will run: by DuckDB's RE2 engine, whose syntax differs from
 * java.util.regex (no look-around, no back-references) and whose matching time is linear, so a
 * pattern from a policy can neither fail at audit time nor stall a scan.
 */
public final class RegexSyntax {

    private RegexSyntax() {
    }

    /** Why DuckDB refuses the pattern, or empty when it accepts it. */
    public static Optional<String> error(String pattern) {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("DuckDB JDBC driver is not on the class path", e);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET threads = 1");
            s.executeQuery("SELECT regexp_matches('', " + Sql.literal(pattern) + ")").close();
            return Optional.empty();
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            return Optional.of(message.replaceFirst("^Invalid Input Error: ", "").lines().findFirst().orElse(message));
        }
    }
}
