package dev.assay.policy;

/** The evaluated outcome of a rule for one group. */
public enum Outcome {
    PASS, WARN, FAIL, UNDEFINED;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
