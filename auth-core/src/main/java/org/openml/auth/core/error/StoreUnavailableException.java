package org.openml.auth.core.error;

/** A store could not be reached or failed; thrown by store adapters, wrapped once at their edge. */
public final class StoreUnavailableException extends AuthException {
    public StoreUnavailableException(String detail, Throwable cause) {
        super(ErrorCode.STORE_UNAVAILABLE, detail, cause);
    }
}
