package dev.assay.audit;

/** The version of Assay that wrote a report (from the build). */
public final class AssayVersion {

    public static final String VALUE = read();

    private AssayVersion() {
    }

    private static String read() {
        String v = AssayVersion.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
