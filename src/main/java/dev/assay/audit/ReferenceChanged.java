package dev.assay.audit;

import dev.assay.dataset.Dataset;
import dev.assay.dataset.Reference;

import java.util.List;

/**
 * A dataset by reference whose content is no longer the one pinned when it was registered: its audit is not
 * reported on, and fails with this message, which names every change ({@link dev.assay.dataset.ReferencePin#changesSince}).
 */
final class ReferenceChanged extends RuntimeException {

    ReferenceChanged(Dataset dataset, Reference reference, List<String> changes) {
        super("dataset " + dataset.id() + " (" + reference.kind().key() + " " + reference.name() + ") changed since it was pinned at "
                + dataset.createdAt() + ": " + String.join("; ", changes.subList(0, Math.min(10, changes.size())))
                + (changes.size() > 10 ? "; and " + (changes.size() - 10) + " more change(s)" : "")
                + ". Assay does not report on content other than the one pinned: register the " + reference.kind().key()
                + " again to audit what it holds now");
    }
}
