package dev.assay.review;

import dev.assay.failure.Conflict;
import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.failure.NotPermitted;
import dev.assay.ledger.LedgerEntry;
import dev.assay.ledger.MemoryLedger;
import dev.assay.security.Caller;
import dev.assay.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Comments, threads and sign-offs on an in-memory store and ledger: what is refused, and what is recorded. */
class ReviewServiceTest {

    private static final Caller OWNER = new Caller("olivia", Set.of(Role.MODEL_OWNER), "ci-token");
    private static final Caller AUDITOR = new Caller("ada", Set.of(Role.AUDITOR));
    private static final ReviewService.Subject AUDIT = new ReviewService.Subject("a-1", "v-1", true,
            Set.of("four-fifths", "min-accuracy"), List.of("olivia"));

    /** The repository in memory: insert-only, oldest first, as the JPA one orders. */
    private static final class Memory implements ReviewRepository {
        final List<ReviewComment> comments = new ArrayList<>();
        final List<SignOff> signOffs = new ArrayList<>();

        @Override
        public Optional<ReviewComment> comment(String id) {
            return comments.stream().filter(c -> c.id().equals(id)).findFirst();
        }

        @Override
        public List<ReviewComment> comments(String auditId) {
            return comments.stream().filter(c -> c.auditId().equals(auditId)).sorted(Comparator.comparing(ReviewComment::createdAt)).toList();
        }

        @Override
        public void add(ReviewComment comment) {
            comments.add(comment);
        }

        @Override
        public List<SignOff> signOffs(String auditId) {
            return signOffs.stream().filter(s -> s.auditId().equals(auditId)).toList();
        }

        @Override
        public List<SignOff> signOffsOfVersion(String modelVersionId) {
            return signOffs.stream().filter(s -> s.modelVersionId().equals(modelVersionId)).toList();
        }

        @Override
        public void add(SignOff signOff) {
            signOffs.add(signOff);
        }
    }

    private final Memory store = new Memory();
    private final MemoryLedger ledger = new MemoryLedger();
    private ReviewService reviews;
    private final Instant now = Instant.parse("2026-12-02T10:00:00Z");

    @BeforeEach
    void setUp() {
        reviews = new ReviewService();
        reviews.reviews = store;
        // One instant for every record: the repository keeps insertion order among equal times, as the database's
        // (created_at, id) order would for distinct ones.
        reviews.clock = Clock.fixed(now, ZoneOffset.UTC);
        reviews.ledger = ledger.ledger(Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void repliesJoinTheirThreadAndEachCommentIsInTheLedger() {
        ReviewComment first = reviews.comment(AUDIT, "four-fifths", null, "  Why is the reference group White?  ", AUDITOR);
        ReviewComment general = reviews.comment(AUDIT, null, null, "Overall the data looks recent.", OWNER);
        ReviewComment reply = reviews.comment(AUDIT, null, first.id(), "It has the highest selection rate.", OWNER);
        ReviewComment replyToReply = reviews.comment(AUDIT, null, reply.id(), "Thanks, agreed.", AUDITOR);

        assertEquals("Why is the reference group White?", first.body(), "stripped");
        assertEquals(first.id(), reply.threadId());
        assertEquals(first.id(), replyToReply.threadId(), "a reply to a reply joins the thread");
        assertEquals("four-fifths", replyToReply.findingRule(), "a reply is on its thread's finding");
        assertEquals("olivia", reply.author(), "the person");
        assertEquals("olivia (token ci-token)", reply.writtenBy(), "and the token, for the record");

        List<ReviewService.Thread> threads = reviews.threads("a-1");
        assertEquals(2, threads.size());
        assertEquals(first.id(), threads.get(0).first().id());
        assertEquals(List.of(reply.id(), replyToReply.id()), threads.get(0).replies().stream().map(ReviewComment::id).toList());
        assertEquals(general.id(), threads.get(1).first().id());
        assertNull(threads.get(1).findingRule(), "on the audit as a whole");
        assertTrue(threads.get(1).replies().isEmpty());

        List<LedgerEntry> entries = ledger.entries();
        assertEquals(4, entries.size());
        assertTrue(entries.stream().allMatch(e -> e.kind().equals("review.commented") && e.subject().equals("a-1")));
        assertEquals("{\"body\":\"It has the highest selection rate.\",\"comment\":\"" + reply.id() + "\",\"finding\":\"four-fifths\",\"thread\":\""
                + first.id() + "\"}", entries.get(2).payload());
        assertEquals("olivia (token ci-token)", entries.get(2).actor());
    }

    @Test
    void aCommentNamesAFindingOfTheAuditAndSaysSomething() {
        InvalidInput bad = assertThrows(InvalidInput.class, () -> reviews.comment(AUDIT, "no-such-rule", null, " ", AUDITOR));
        assertEquals(List.of("/body", "/finding"), bad.errors().stream().map(FieldError::pointer).toList());
        assertTrue(bad.errors().get(1).message().contains("its findings: four-fifths, min-accuracy"), bad.errors().toString());

        InvalidInput missing = assertThrows(InvalidInput.class, () -> reviews.comment(AUDIT, null, "c-404", "a reply", AUDITOR));
        assertEquals("/replyTo", missing.errors().get(0).pointer());

        ReviewComment onOther = reviews.comment(new ReviewService.Subject("a-2", "v-1", true, Set.of(), List.of()), null, null,
                "another audit", AUDITOR);
        assertThrows(InvalidInput.class, () -> reviews.comment(AUDIT, null, onOther.id(), "across audits", AUDITOR),
                "a reply stays in its audit");

        ReviewComment first = reviews.comment(AUDIT, "four-fifths", null, "first", AUDITOR);
        InvalidInput elsewhere = assertThrows(InvalidInput.class, () -> reviews.comment(AUDIT, "min-accuracy", first.id(), "moved?", AUDITOR));
        assertEquals("/finding", elsewhere.errors().get(0).pointer());

        assertThrows(InvalidInput.class, () -> reviews.comment(AUDIT, null, null, "x".repeat(ReviewService.MAX_TEXT + 1), AUDITOR));
        assertEquals(ReviewService.MAX_TEXT, reviews.comment(AUDIT, null, null, "x".repeat(ReviewService.MAX_TEXT), AUDITOR).body().length());

        assertThrows(Conflict.class, () -> reviews.comment(new ReviewService.Subject("a-3", "v-1", false, Set.of(), List.of()),
                null, null, "too early", AUDITOR));
        assertEquals(3, ledger.entries().size(), "only what was accepted is recorded");
    }

    @Test
    void anAuditorSignsOffOnceAndNeverAnAuditOfTheirOwnModel() {
        SignOff s = reviews.signOff(AUDIT, "Reviewed the findings and the data's provenance.", AUDITOR);
        assertEquals("ada", s.auditor());
        assertEquals("v-1", s.modelVersionId());
        assertThrows(Conflict.class, () -> reviews.signOff(AUDIT, "again", AUDITOR));

        Caller auditorWhoOwns = new Caller("olivia", Set.of(Role.AUDITOR));
        NotPermitted own = assertThrows(NotPermitted.class, () -> reviews.signOff(AUDIT, "my own model", auditorWhoOwns));
        assertTrue(own.getMessage().contains("owns this model"), own.getMessage());
        assertThrows(InvalidInput.class, () -> reviews.signOff(AUDIT, "", new Caller("bo", Set.of(Role.AUDITOR))));
        assertThrows(Conflict.class, () -> reviews.signOff(new ReviewService.Subject("a-3", "v-1", false, Set.of(), List.of()),
                "running", AUDITOR));

        assertEquals(List.of(s), reviews.signOffs("a-1"));
        assertEquals(List.of(s), reviews.signOffsOfVersion("v-1"));
        List<LedgerEntry> entries = ledger.entries();
        assertEquals(1, entries.size());
        assertEquals("audit.signed-off", entries.get(0).kind());
        assertEquals("ada", entries.get(0).actor());
    }

    @Test
    void aReplyWhoseThreadIsGoneStillShows() {
        ReviewComment orphan = new ReviewComment("c-9", "a-1", null, "c-missing", "ada", "ada", "orphan", now);
        List<ReviewService.Thread> threads = ReviewService.threads(List.of(orphan));
        assertEquals(1, threads.size());
        assertEquals("c-9", threads.get(0).first().id());
    }
}
