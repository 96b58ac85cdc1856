package org.openml.auth.core.domain;

import java.util.Arrays;
import java.util.Optional;

/** OpenML's user groups ({@code groups.id}): what a user's API key may do in the REST API. */
public enum Group {
    ADMIN(1, "admin"),
    MEMBERS(2, "members"),
    READONLY(3, "readonly");

    private final int id;
    private final String label;

    Group(int id, String label) {
        this.id = id;
        this.label = label;
    }

    public int id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<Group> byId(int id) {
        return Arrays.stream(values()).filter(g -> g.id == id).findFirst();
    }
}
