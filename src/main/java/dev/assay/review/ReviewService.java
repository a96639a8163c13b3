package dev.assay.review;

import dev.assay.failure.Conflict;
import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.failure.NotPermitted;
import dev.assay.infrastructure.Clocks;
import dev.assay.ledger.Ledger;
import dev.assay.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Comments on an audit's findings and auditors' sign-offs of audits, each with its ledger entry in the same
 * transaction. Who may comment or sign off at all is the caller's roles ({@code security.Permission}); what this
 * service adds is what depends on the audit: it has ended, the finding is one of its, an owner of the model does
 * not sign off its audit (four eyes), an auditor signs an audit off once.
 */
@ApplicationScoped
public class ReviewService {

    /** The longest comment or sign-off statement, in characters (the columns' size). */
    public static final int MAX_TEXT = 4000;

    @Inject
    ReviewRepository reviews;

    @Inject
    Ledger ledger;

    Clock clock = Clocks.UTC_MICROS;

    /**
     * The audit under review, as the caller found it.
     *
     * @param auditId        the audit
     * @param modelVersionId its model version
     * @param ended          whether it has ended (DONE or ERROR): an audit still running has nothing to review yet
     * @param findingRules   the rule ids of its findings, which comments may name
     * @param owners         the people who own the model (none of them signs off its audit)
     */
    public record Subject(String auditId, String modelVersionId, boolean ended, Set<String> findingRules, List<String> owners) {
        public Subject {
            findingRules = Set.copyOf(findingRules);
            owners = List.copyOf(owners);
        }
    }

    /** A thread: its first comment and the replies, oldest first. */
    public record Thread(ReviewComment first, List<ReviewComment> replies) {
        public Thread {
            replies = List.copyOf(replies);
        }

        /** The finding's rule the thread is about; null for the audit as a whole. */
        public String findingRule() {
            return first.findingRule();
        }
    }

    /**
     * Adds a comment: a new thread on {@code findingRule} (null: on the audit as a whole), or, with {@code replyTo}, a
     * reply in that comment's thread (a reply to a reply joins the same thread; its finding is the thread's).
     *
     * @throws InvalidInput with {@code /body}, {@code /finding} or {@code /replyTo} when one is missing or names
     *                      nothing of this audit
     * @throws Conflict     when the audit has not ended
     */
    @Transactional
    public ReviewComment comment(Subject audit, String findingRule, String replyTo, String body, Caller caller) {
        ended(audit);
        List<FieldError> errors = new ArrayList<>();
        String text = text(body, "/body", errors);
        ReviewComment thread = null;
        if (replyTo != null) {
            ReviewComment parent = reviews.comment(replyTo).filter(c -> c.auditId().equals(audit.auditId())).orElse(null);
            if (parent == null) {
                errors.add(FieldError.at("/replyTo", "no comment " + replyTo + " on audit " + audit.auditId()));
            } else {
                thread = parent.threadId() == null ? parent : reviews.comment(parent.threadId()).orElseThrow();
                if (findingRule != null && !findingRule.equals(thread.findingRule())) {
                    errors.add(FieldError.at("/finding", "a reply is on its thread's finding ("
                            + (thread.findingRule() == null ? "the audit as a whole" : thread.findingRule()) + "); leave it out"));
                }
            }
        } else if (findingRule != null && !audit.findingRules().contains(findingRule)) {
            errors.add(FieldError.at("/finding", "audit " + audit.auditId() + " has no finding of rule '" + findingRule
                    + "'; its findings: " + (audit.findingRules().isEmpty() ? "none" : String.join(", ", new TreeSet<>(audit.findingRules())))));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("The comment has " + errors.size() + " problem(s)", errors);
        }
        String finding = thread == null ? findingRule : thread.findingRule();
        ReviewComment c = new ReviewComment(UUID.randomUUID().toString(), audit.auditId(), finding,
                thread == null ? null : thread.id(), caller.name(), caller.actor(), text, clock.instant());
        reviews.add(c);
        JsonObjectBuilder entry = Json.createObjectBuilder().add("comment", c.id()).add("body", c.body());
        if (finding != null) {
            entry.add("finding", finding);
        }
        if (c.threadId() != null) {
            entry.add("thread", c.threadId());
        }
        ledger.append("review.commented", audit.auditId(), caller.actor(), entry.build());
        return c;
    }

    /**
     * Signs the audit off in {@code caller}'s name with their statement.
     *
     * @throws InvalidInput with {@code /statement} when it is missing or too long
     * @throws Conflict     when the audit has not ended, or the caller has signed it off already
     * @throws NotPermitted when the caller owns the model (four eyes: its owners do not sign off its audits)
     */
    @Transactional
    public SignOff signOff(Subject audit, String statement, Caller caller) {
        ended(audit);
        if (audit.owners().contains(caller.name())) {
            throw new NotPermitted("Four eyes: " + caller.name() + " owns this model; an auditor who does not signs off its audits");
        }
        List<FieldError> errors = new ArrayList<>();
        String text = text(statement, "/statement", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput("The sign-off has " + errors.size() + " problem(s)", errors);
        }
        if (reviews.signOffs(audit.auditId()).stream().anyMatch(s -> s.auditor().equals(caller.name()))) {
            throw new Conflict(caller.name() + " has signed off audit " + audit.auditId() + " already");
        }
        SignOff s = new SignOff(UUID.randomUUID().toString(), audit.auditId(), audit.modelVersionId(), caller.name(),
                caller.actor(), text, clock.instant());
        reviews.add(s);
        ledger.append("audit.signed-off", audit.auditId(), caller.actor(), Json.createObjectBuilder()
                .add("signOff", s.id()).add("modelVersion", s.modelVersionId()).add("statement", s.statement()).build());
        return s;
    }

    /** The audit's threads, in the order they were started, each reply in its thread in the order written. */
    public List<Thread> threads(String auditId) {
        return threads(reviews.comments(auditId));
    }

    /** Comments (oldest first) grouped into threads; a reply whose thread is missing starts its own (never dropped). */
    static List<Thread> threads(List<ReviewComment> comments) {
        Map<String, ReviewComment> firsts = new LinkedHashMap<>();
        Map<String, List<ReviewComment>> replies = new LinkedHashMap<>();
        for (ReviewComment c : comments) {
            if (c.threadId() == null) {
                firsts.put(c.id(), c);
            }
        }
        for (ReviewComment c : comments) {
            if (c.threadId() != null && firsts.containsKey(c.threadId())) {
                replies.computeIfAbsent(c.threadId(), k -> new ArrayList<>()).add(c);
            } else if (c.threadId() != null) {
                firsts.put(c.id(), c);
            }
        }
        return firsts.values().stream().map(f -> new Thread(f, replies.getOrDefault(f.id(), List.of()))).toList();
    }

    public List<SignOff> signOffs(String auditId) {
        return reviews.signOffs(auditId);
    }

    /** Every sign-off of the version's audits, oldest first: what a later report of the version names. */
    public List<SignOff> signOffsOfVersion(String modelVersionId) {
        return reviews.signOffsOfVersion(modelVersionId);
    }

    private static void ended(Subject audit) {
        if (!audit.ended()) {
            throw new Conflict("Audit " + audit.auditId() + " has not ended: review it once it has");
        }
    }

    private static String text(String text, String pointer, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(FieldError.at(pointer, "is required (1-" + MAX_TEXT + " characters)"));
            return null;
        }
        String stripped = text.strip();
        if (stripped.length() > MAX_TEXT) {
            errors.add(FieldError.at(pointer, "must be at most " + MAX_TEXT + " characters (has " + stripped.length() + ")"));
            return null;
        }
        return stripped;
    }
}
