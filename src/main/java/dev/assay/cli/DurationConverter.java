package dev.assay.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** A duration as people write it on a command line: {@code 90s}, {@code 30m}, {@code 2h}, a number of seconds, or ISO-8601 ({@code PT30M}). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.startsWith("pt") || v.startsWith("p")) {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } else if (v.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(v));
            }
            if (d.isNegative() || d.isZero()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a positive duration");
            }
            return d;
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 90s, 30m, 2h or PT30M");
        }
    }
}
