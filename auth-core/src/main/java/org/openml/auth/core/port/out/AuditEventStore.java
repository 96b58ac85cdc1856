package org.openml.auth.core.port.out;

import java.time.Instant;
import java.util.List;
import org.openml.auth.core.domain.AuditEvent;
import org.openml.auth.core.domain.UserId;

/**
 * The audit log: each account's security events, newest first. Bounded per account: every
 * {@link #append} also drops that account's events beyond the newest {@code keepPerUser} and
 * those older than {@code dropBefore}, so the log never grows past a fixed size per account.
 * Events go with their account when it is deleted (SQL: {@code ON DELETE CASCADE}).
 *
 * <p>Implementations throw {@link org.openml.auth.core.error.StoreUnavailableException} when the
 * store fails and never return null.
 */
public interface AuditEventStore {

    /**
     * Appends {@code event}, then removes the account's events older than {@code dropBefore} and
     * all but its newest {@code keepPerUser} (the new one included). The event is written first:
     * when appends for one account race, an implementation may leave the trimming to the next
     * append rather than fail, so the bound holds again after any append that runs alone.
     *
     * @throws IllegalArgumentException when {@code keepPerUser} is below 1
     */
    void append(AuditEvent event, int keepPerUser, Instant dropBefore);

    /**
     * The account's newest events, at most {@code limit}, newest first (by time, then by order of
     * appending). Empty for an account without events or an unknown account.
     *
     * @throws IllegalArgumentException when {@code limit} is below 1
     */
    List<AuditEvent> recent(UserId user, int limit);
}
