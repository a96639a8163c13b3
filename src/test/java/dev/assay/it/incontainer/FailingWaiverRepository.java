package dev.assay.it.incontainer;

import dev.assay.waiver.WaiverDecision;
import dev.assay.waiver.WaiverRepository;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/** The real waiver store, with {@link Faults.Point#WAIVER_DECISION} after a decision row is written. */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class FailingWaiverRepository implements WaiverRepository {

    @Inject
    @Delegate
    @Any
    WaiverRepository delegate;

    @Inject
    Faults faults;

    @Override
    public void decide(WaiverDecision decision) {
        delegate.decide(decision);
        faults.after(Faults.Point.WAIVER_DECISION, decision.waiverId());
    }
}
