package dev.assay.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether start-up (migrations, bootstrap, demo seeding) has finished. */
@ApplicationScoped
public class StartupState {

    private volatile boolean ready;

    public boolean isReady() {
        return ready;
    }

    public void markReady() {
        ready = true;
    }
}
