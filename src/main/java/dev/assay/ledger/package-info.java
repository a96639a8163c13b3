/**
 * The ledger: an append-only, hash-chained record of every audit, decision, waiver event and policy
 * version. Each entry's hash covers its content and the previous entry's hash, so changing or
 * deleting any stored row breaks the chain from that entry on, and {@link dev.assay.ledger.LedgerChain}
 * finds the first bad entry. Entries are stored through {@link dev.assay.ledger.LedgerRepository}, whose
 * head lock makes concurrent appends line up; {@link dev.assay.ledger.LedgerExport} writes the chain as
 * JSON Lines that can be checked offline.
 */
package dev.assay.ledger;
