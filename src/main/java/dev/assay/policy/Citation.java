package dev.assay.policy;

/** The regulation a rule serves. */
public record Citation(String regulation, String article, String url) {
}
