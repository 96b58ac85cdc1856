package org.openml.auth.core.port.out;

import org.openml.auth.core.domain.UserId;

/**
 * Whether an account owns uploads (datasets, flows, runs, tasks, studies) in the host's data, so
 * deleting it must anonymise it instead: OpenML's rule. The host implements it; the standalone
 * server looks at OpenML's upload tables where they exist.
 */
public interface AccountUploads {
    /** Assumes every account has uploads: deletion then always anonymises, and nothing loses its uploader. */
    AccountUploads ASSUME_SOME = user -> true;
    /** For hosts that keep no uploads: every account is deleted outright. */
    AccountUploads NONE = user -> false;

    /**
     * Whether {@code user} owns at least one upload.
     *
     * @throws org.openml.auth.core.error.StoreUnavailableException when that cannot be found out
     *     (deletion then refuses rather than guess)
     */
    boolean hasUploads(UserId user);
}
