package dev.assay.it.incontainer;

import dev.assay.audit.AuditRepository;
import dev.assay.audit.AuditResult;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/** The real audit store, with {@link Faults.Point#AUDIT_RESULT} after a result row is written. */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class FailingAuditRepository implements AuditRepository {

    @Inject
    @Delegate
    @Any
    AuditRepository delegate;

    @Inject
    Faults faults;

    @Override
    public void addResult(AuditResult result) {
        delegate.addResult(result);
        faults.after(Faults.Point.AUDIT_RESULT, result.auditId());
    }
}
