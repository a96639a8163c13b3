package dev.assay.review;

import java.util.List;
import java.util.Optional;

/** Comments and sign-offs, insert-only. */
public interface ReviewRepository {

    Optional<ReviewComment> comment(String id);

    /** An audit's comments, oldest first. */
    List<ReviewComment> comments(String auditId);

    void add(ReviewComment comment);

    /** An audit's sign-offs, oldest first. */
    List<SignOff> signOffs(String auditId);

    /** The sign-offs of every audit of a model version, oldest first. */
    List<SignOff> signOffsOfVersion(String modelVersionId);

    void add(SignOff signOff);
}
