package dev.assay.infrastructure;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one number formatter, against strings worked out by hand. */
class FiguresTest {

    @Test
    void numbersKeepFourSignificantDigitsWithTwoToFourDecimals() {
        assertEquals("0", Figures.number(0.0));
        assertEquals("0", Figures.number(-0.0), "no sign on nothing");
        assertEquals("0.6253", Figures.number(0.62534));
        assertEquals("-0.2500", Figures.number(-0.25), "trailing zeros kept: the precision is the same in every cell");
        assertEquals("1.235", Figures.number(1.23456), "half up, three decimals from 1");
        assertEquals("12.35", Figures.number(12.3456));
        assertEquals("12,345.68", Figures.number(12345.678), "never fewer than two decimals; thousands separated");
        assertEquals("0.0123", Figures.number(0.0123456), "at most four decimals");
        assertEquals("0.0012", Figures.number(0.001234));
        assertEquals("1.000", Figures.number(0.99995), "rounding carried into the next magnitude keeps four digits, not five");
        assertEquals("0.9999", Figures.number(0.99994));
        assertEquals("-3.142", Figures.number(-Math.PI));
    }

    @Test
    void tinyValuesNeverReadAsZeroAndMissingOnesNeverAsNumbers() {
        assertEquals("1.0e-12", Figures.number(1e-12));
        assertEquals("1.2e-4", Figures.number(0.00012));
        assertEquals("-1.0e-5", Figures.number(-0.00001));
        assertEquals("undefined", Figures.number(Double.NaN));
        assertEquals("undefined", Figures.number(Double.POSITIVE_INFINITY));
        assertEquals("undefined", Figures.number((Double) null));
        assertEquals("undefined", Figures.number((Number) null));
        assertEquals("0.5000", Figures.number((Number) 0.5f));
    }

    @Test
    void chosenValuesAsWritten() {
        assertEquals("0.8", Figures.plain(0.8));
        assertEquals("1", Figures.plain(1.0));
        assertEquals("0", Figures.plain(-0.0));
        assertEquals("0.25", Figures.plain(0.25));
        assertEquals("undefined", Figures.plain(Double.NaN));
    }

    @Test
    void countsHaveThousandsSeparators() {
        assertEquals("1,234,567", Figures.count(1234567));
        assertEquals("0", Figures.count(0));
        assertEquals("999", Figures.count(999L));
        assertEquals("-1,000", Figures.count(-1000));
        assertEquals("-", Figures.count((Long) null));
    }

    @Test
    void sharesArePercentages() {
        assertEquals("12.3%", Figures.percent(0.1234));
        assertEquals("100.0%", Figures.percent(1.0));
        assertEquals("0%", Figures.percent(0.0));
        assertEquals("0.50%", Figures.percent(0.005), "two significant digits under 1%");
        assertEquals("0.012%", Figures.percent(0.00012345));
        assertEquals("1.0%", Figures.percent(0.00995), "0.995% rounds up into one decimal");
        assertEquals("1.0%", Figures.percent(0.0104));
        assertEquals("< 0.001%", Figures.percent(1e-7));
        assertEquals("-4.2%", Figures.percent(-0.0415));
        assertEquals("undefined", Figures.percent(Double.NaN));
        assertEquals("undefined", Figures.percent(null));
    }

    @Test
    void pValuesBelowTheSmallestWrittenAreSaidSo() {
        assertEquals("< 0.0001", Figures.pValue(1e-12));
        assertEquals("< 0.0001", Figures.pValue(0.0));
        assertEquals("0.0001", Figures.pValue(0.0001));
        assertEquals("0.0312", Figures.pValue(0.03124));
        assertEquals("1.0000", Figures.pValue(0.99995));
        assertEquals("p < 0.0001", Figures.pStatement(1e-12));
        assertEquals("p = 0.0500", Figures.pStatement(0.05));
        assertEquals("undefined", Figures.pValue(Double.NaN));
    }

    @Test
    void intervalsAndInstants() {
        assertEquals("[0.4136, 0.5211]", Figures.interval(0.41361, 0.52105));
        assertEquals("-", Figures.interval(0.4, null));
        assertEquals("-", Figures.interval(Double.NaN, 0.5));
        assertEquals("2026-12-02 13:04 UTC", Figures.utc(Instant.parse("2026-12-02T13:04:59.900Z")));
        assertEquals("2026-12-02T13:04:59.900Z", Figures.iso(Instant.parse("2026-12-02T13:04:59.900Z")));
        assertEquals("-", Figures.utc(null));
    }
}
