package dev.assay.cli;

import picocli.CommandLine.Parameters;

/** The two positional arguments that name a model version: {@code MODEL VERSION}. */
final class VersionArguments {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model, e.g. credit-risk.")
    String model;

    @Parameters(index = "1", paramLabel = "VERSION", description = "Its version, e.g. 1.4.0.")
    String version;

    /** {@code /api/v1/models/{model}/versions/{version}}. */
    String path() {
        return Server.versionPath(model, version);
    }

    @Override
    public String toString() {
        return model + " " + version;
    }
}
