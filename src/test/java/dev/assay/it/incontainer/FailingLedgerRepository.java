package dev.assay.it.incontainer;

import dev.assay.ledger.LedgerEntry;
import dev.assay.ledger.LedgerRepository;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/** The real ledger store, with {@link Faults.Point#LEDGER_APPEND} after an entry and its head are written. */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class FailingLedgerRepository implements LedgerRepository {

    @Inject
    @Delegate
    @Any
    LedgerRepository delegate;

    @Inject
    Faults faults;

    @Override
    public void add(LedgerEntry entry) {
        delegate.add(entry);
        faults.after(Faults.Point.LEDGER_APPEND, entry.kind());
    }
}
