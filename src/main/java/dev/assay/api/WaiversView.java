package dev.assay.api;

import java.util.List;

/** The waivers of a version. */
public record WaiversView(List<WaiverView> waivers) {

    public WaiversView {
        waivers = List.copyOf(waivers);
    }
}
