package dev.assay.portal;

import dev.assay.infrastructure.Figures;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@link Figures} for templates, as {@code ${fmt}} on every page (Thymeleaf calls instance methods of model
 * objects): the pages write numbers and instants exactly as the PDF does. An instant is written in UTC inside
 * a {@code <time datetime>} element; the portal's {@code local-time.js} rewrites it in the viewer's time zone.
 */
public final class PageFigures {

    static final PageFigures INSTANCE = new PageFigures();

    private PageFigures() {
    }

    public String number(Number v) {
        return Figures.number(v);
    }

    public String count(Number n) {
        return n == null ? "-" : Figures.count(n.longValue());
    }

    public String percent(Number share) {
        return Figures.percent(share == null ? null : share.doubleValue());
    }

    public String pValue(Number p) {
        return Figures.pValue(p == null ? null : p.doubleValue());
    }

    /** "2026-12-02 13:04 UTC" from an instant or its ISO 8601 text (window bounds and expiries come as either). */
    public String utc(Object t) {
        Instant instant = instant(t);
        return instant != null ? Figures.utc(instant) : t == null ? "-" : t.toString();
    }

    /** The machine-readable form for the {@code datetime} attribute; null (no attribute) when it is not an instant. */
    public String iso(Object t) {
        Instant instant = instant(t);
        return instant == null ? null : Figures.iso(instant);
    }

    private static Instant instant(Object t) {
        if (t instanceof Instant i) {
            return i;
        }
        if (t instanceof CharSequence text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
