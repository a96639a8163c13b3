package dev.assay.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** Brings the metadata database (H2 or PostgreSQL) to the schema of db/migration. */
@ApplicationScoped
public class Migrations {

    @Resource(lookup = "jdbc/assay")
    DataSource dataSource;

    public void migrate() {
        Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
