package org.openml.auth.testkit;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.AccountUploads;

/**
 * {@link AccountUploads} for tests: no account has uploads until {@link #add} says so (then its
 * deletion anonymises it), and {@link #failWith} makes the question fail.
 */
public final class InMemoryAccountUploads implements AccountUploads {
    private final Set<Long> uploaders = ConcurrentHashMap.newKeySet();
    private volatile RuntimeException failure;

    /** Gives {@code user} an upload. */
    public void add(UserId user) {
        uploaders.add(Objects.requireNonNull(user, "user").value());
    }

    /** Makes every question throw {@code failure} (null: answer again). */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public boolean hasUploads(UserId user) {
        RuntimeException f = failure;
        if (f != null) throw f;
        return uploaders.contains(user.value());
    }
}
