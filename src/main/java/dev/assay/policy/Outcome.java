package dev.assay.policy;

import java.util.Locale;

/** The evaluated outcome of a rule for one group. */
public enum Outcome {
    PASS, WARN, FAIL, UNDEFINED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
