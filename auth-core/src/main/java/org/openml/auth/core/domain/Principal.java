package org.openml.auth.core.domain;

import java.util.Objects;
import java.util.Set;

/**
 * Who an API key belongs to, as other services need it: id, username, email, active flag and
 * OpenML groups (admin / members / readonly decide what the REST API lets the key do).
 */
public record Principal(UserId id, Username username, Email email, boolean active, Set<Group> groups) {
    public Principal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        groups = Set.copyOf(groups);
    }

    public boolean isAdmin() {
        return groups.contains(Group.ADMIN);
    }

    /** Members and admins may write through OpenML's REST API; read-only users may not. */
    public boolean mayWrite() {
        return groups.contains(Group.ADMIN) || groups.contains(Group.MEMBERS);
    }
}
