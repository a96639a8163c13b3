package dev.assay.metric.privacy;

import dev.assay.metric.MetricValue;

import java.util.Locale;
import java.util.Map;

/**
 * {@code pii_detected}: for a text or date column, the share of sampled values recognized as the most
 * frequent kind of personal data (e-mail, phone, US SSN, payment card, IBAN, IP address, date: each value
 * validated by {@link PiiRecognizers}, in the regions of the audit's {@code phoneRegions}); the
 * kind and the share are reported, never a value. A column is flagged ("flagged" in the note) when the
 * share reaches one half. Dates are reported as DATE_OF_BIRTH when the column's name says so.
 */
public final class PiiDetected {

    public static final String ID = "pii_detected";
    public static final double FLAG_SHARE = 0.5;

    private PiiDetected() {
    }

    public static MetricValue of(String column, PiiSampler.PiiState state) {
        if (state == null) {
            return MetricValue.undefined(ID, column, null, 0, "not a text or date column: not scanned", null);
        }
        if (state.sampled() == 0) {
            return MetricValue.undefined(ID, column, null, 0, "no values to scan", null);
        }
        Map.Entry<String, Long> top = state.entities().entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
        if (top == null) {
            return MetricValue.defined(ID, column, null, 0, null, state.sampled(), null).withNote("no personal data recognized");
        }
        String entity = top.getKey();
        String name = column.toLowerCase(Locale.ROOT);
        if (entity.equals("DATE_TIME") && (name.contains("birth") || name.equals("dob") || name.contains("_dob"))) {
            entity = "DATE_OF_BIRTH";
        }
        double share = (double) top.getValue() / state.sampled();
        return MetricValue.defined(ID, column, null, share, null, state.sampled(), null).withNote(String.format(Locale.ROOT,
                "%s in %.1f%% of %d sampled values%s", entity, 100 * share, state.sampled(), share >= FLAG_SHARE ? "; flagged" : ""));
    }
}
