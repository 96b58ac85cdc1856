package org.openml.auth.jdbc;

import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openml.auth.core.domain.ExternalIdentity;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.ExternalIdentityStore;

/**
 * {@link ExternalIdentityStore} on the legacy columns {@code users.external_source} and
 * {@code users.external_id} (one link per account). NULL, empty and OpenML's {@code '0000'}
 * placeholder mean "no link". The legacy table has no unique index on the pair: the link is
 * checked and written in one transaction with the account's row locked, and look-ups take the
 * oldest account if legacy data holds a pair twice.
 */
final class JdbcExternalIdentityStore implements ExternalIdentityStore {
    /** What "no link" is in the legacy columns; also used by the schema upgrade. */
    static final String UNLINKED = "(external_source IS NULL OR external_source = '' OR external_source = '0000')";
    private static final String FIND_OWNER =
            "SELECT id FROM users WHERE external_source = :provider AND external_id = :subject ORDER BY id LIMIT 1";
    private static final String FIND_LINK = "SELECT external_source, external_id FROM users WHERE id = :id";
    private static final String LINK = "UPDATE users SET external_source = :provider, external_id = :subject WHERE id = :id AND "
            + UNLINKED;

    private static final String UNLINK = "UPDATE users SET external_source = NULL, external_id = NULL WHERE id = :id AND NOT "
            + UNLINKED;

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final StoreEdge edge;

    JdbcExternalIdentityStore(Jdbi jdbi, Dialect dialect, StoreEdge edge) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.edge = edge;
    }

    private record Link(String source, String id) {
        Optional<ExternalIdentity> identity() {
            if (source == null || source.isEmpty() || source.equals("0000") || id == null || id.isEmpty() || id.equals("0000")) {
                return Optional.empty();
            }
            try {
                return Optional.of(new ExternalIdentity(source, id));
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // a legacy value this system never writes
            }
        }
    }

    @Override
    public Optional<UserId> findUserId(ExternalIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        return edge.call("find an account by its provider link", () -> jdbi.withHandle(h -> owner(h, identity)));
    }

    @Override
    public Optional<ExternalIdentity> findIdentity(UserId user) {
        return edge.call("read an account's provider link", () -> jdbi.withHandle(h -> link(h, user, "")))
                .flatMap(Link::identity);
    }

    @Override
    public LinkResult link(UserId user, ExternalIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        return edge.call("link an account to a provider", () -> jdbi.inTransaction(h -> {
            Optional<Link> current = link(h, user, dialect.forUpdate());
            if (current.isEmpty()) return new LinkResult.UnknownUser();
            Optional<ExternalIdentity> existing = current.get().identity();
            if (existing.isPresent()) {
                return existing.get().equals(identity) ? new LinkResult.Linked() : new LinkResult.UserAlreadyLinked(existing.get());
            }
            Optional<UserId> owner = owner(h, identity);
            if (owner.isPresent() && !owner.get().equals(user)) return new LinkResult.IdentityTaken(owner.get());
            h.createUpdate(LINK).bind("provider", identity.provider()).bind("subject", identity.subject())
                    .bind("id", user.value()).execute();
            return new LinkResult.Linked();
        }));
    }

    @Override
    public boolean unlink(UserId user) {
        Objects.requireNonNull(user, "user");
        return edge.call("unlink an account from its provider",
                () -> jdbi.withHandle(h -> h.createUpdate(UNLINK).bind("id", user.value()).execute() > 0));
    }

    private static Optional<UserId> owner(Handle h, ExternalIdentity identity) {
        return h.createQuery(FIND_OWNER).bind("provider", identity.provider()).bind("subject", identity.subject())
                .mapTo(Long.class).findOne().map(UserId::new);
    }

    private static Optional<Link> link(Handle h, UserId user, String lock) {
        return h.createQuery(FIND_LINK + lock).bind("id", user.value())
                .map((rs, ctx) -> new Link(rs.getString("external_source"), rs.getString("external_id"))).findOne();
    }
}
