package dev.assay;

import dev.assay.dataset.DatasetService;
import dev.assay.infrastructure.StartupState;
import dev.assay.report.ReportService;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;

/**
 * Ready when start-up has finished and the database, the dataset store and the signing key are usable.
 * Beside {@link Startup}, not in infrastructure: it asks capabilities (datasets, reports), and the
 * plumbing they build on must not import them back.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Resource(lookup = "jdbc/assay")
    DataSource dataSource;

    @Inject
    DatasetService datasets;

    @Inject
    ReportService reports;

    @Inject
    StartupState startup;

    @Override
    public HealthCheckResponse call() {
        boolean database;
        try (Connection c = dataSource.getConnection()) {
            database = c.isValid(2);
        } catch (Exception e) {
            database = false;
        }
        boolean store = datasets.store().isWritable();
        boolean key;
        try {
            key = reports.keys().keyId() != null;
        } catch (RuntimeException e) {
            key = false;
        }
        return HealthCheckResponse.named("assay")
                .status(startup.isReady() && database && store && key)
                .withData("startup", startup.isReady())
                .withData("database", database)
                .withData("datasetStore", store)
                .withData("signingKey", key)
                .build();
    }
}
