package dev.assay.portal;

import dev.assay.monitoring.Deployment;
import dev.assay.monitoring.WindowService;
import dev.assay.registry.ModelVersion;

import java.time.Instant;

/**
 * A deployment as the portal's tables show it (dashboard, model and version pages): where, which version, since
 * and until when ({@code until} null while it serves), its health in a word and an icon, and its page.
 */
public record DeploymentRow(String environment, String version, String versionLink, Instant since, Instant until,
                            String health, String healthBadge, String link) {

    static DeploymentRow of(Deployment d, ModelVersion v, WindowService windows) {
        var health = windows.health(d.id());
        return new DeploymentRow(d.environment(), v.version(), VersionPages.link(v), d.since(), d.until(), health.id(),
                DeploymentPages.healthBadge(health), "/portal/deployments/" + d.id());
    }
}
