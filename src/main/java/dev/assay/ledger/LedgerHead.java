package dev.assay.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The last entry's number and hash; locked by each append. */
@Entity
@Table(name = "ledger_head")
public class LedgerHead {

    @Id
    private int id;

    @Column(nullable = false)
    private long seq;

    @Column(nullable = false)
    private String hash;

    protected LedgerHead() {
    }

    long seq() {
        return seq;
    }

    String hash() {
        return hash;
    }

    void advance(long newSeq, String newHash) {
        this.seq = newSeq;
        this.hash = newHash;
    }
}
