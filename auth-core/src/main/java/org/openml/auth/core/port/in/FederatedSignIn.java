package org.openml.auth.core.port.in;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.error.ErrorCode;

/**
 * Signing in with GitHub or Google (OAuth 2.0 authorization code + PKCE; OpenID Connect with a
 * nonce for Google). {@link #start} keeps {@code state}, the PKCE verifier and the nonce in the
 * shared challenge store under the hash of a random browser id that the caller puts in a cookie;
 * {@link #finish} takes them back (once) and signs the user in, links the account by a verified
 * email, or creates it.
 *
 * <p>Account rules: the account linked to the provider account signs in; otherwise an account
 * whose email equals the provider's <em>verified</em> email (ignoring case) is linked (an
 * unconfirmed one is confirmed and its password voided, so whoever registered the address first
 * cannot keep a way in); otherwise an active account is created. An account holds one link (the
 * legacy {@code external_source}/{@code external_id} columns): a second provider never overwrites
 * it, but signs in by verified email. Nothing is written on any refusal.
 */
public interface FederatedSignIn {

    /** How long the browser has between {@link #start} and {@link #finish}. */
    Duration STATE_TTL = Duration.ofMinutes(10);

    /** The configured providers, in configuration order; empty when none is. */
    List<ProviderInfo> providers();

    /**
     * Prepares a sign-in with {@code provider}.
     *
     * @param callbackUrl where to send the browser afterwards; the caller has already checked that it
     *     is on the public origin
     */
    StartResult start(String provider, String callbackUrl);

    /**
     * Completes a sign-in from the provider's redirect back to {@code /api/auth/callback/{provider}}:
     * finds, links or creates the account, writes the audit log (created, linked, reclaimed, signed
     * in; or the refusal) and mails the owner about a new link, then issues the session.
     *
     * @throws org.openml.auth.core.error.AuthException when a store fails; the refusal is in the log first
     */
    FinishResult finish(Callback callback);

    /** The callback URL registered at the provider for {@code provider}: {@code <public URL>/api/auth/callback/<id>}. */
    URI redirectUri(String provider);

    /** A provider as sign-in pages list it. */
    record ProviderInfo(String id, String name) {
        public ProviderInfo {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * The provider's redirect: the browser id from the cookie, the query parameters
     * {@code state}, {@code code}, {@code error}, and the client's address (for the audit log).
     */
    record Callback(String provider, Optional<String> browserId, Optional<String> state, Optional<String> code,
            Optional<String> error, String ipAddress) {
        public Callback {
            Objects.requireNonNull(ipAddress, "ipAddress");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(browserId, "browserId");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String toString() {
            return "Callback[" + provider + ", error=" + error.orElse("-") + "]";
        }
    }

    /** The outcome of {@link #start}. */
    sealed interface StartResult {
        /**
         * Send the browser to {@code location}, after putting {@code browserId} into an HttpOnly,
         * SameSite=Lax cookie that lives {@link #STATE_TTL}.
         */
        record Redirect(URI location, String browserId) implements StartResult {
            @Override
            public String toString() {
                return "Redirect[" + location.getHost() + "]";
            }
        }

        /** No provider with this id is configured. */
        record UnknownProvider() implements StartResult, Refusal {
            @Override
            public ErrorCode code() {
                return ErrorCode.OAUTH_UNKNOWN_PROVIDER;
            }
        }

        /** The provider's configuration could not be fetched (e.g. its discovery document). Nothing stored. */
        record ProviderUnavailable() implements StartResult, Refusal {
            @Override
            public ErrorCode code() {
                return ErrorCode.OAUTH_SIGNIN_FAILED;
            }
        }
    }

    /** How a successful sign-in found the account. */
    enum AccountMatch {
        /** The provider account was already linked to it. */
        LINKED_BEFORE,
        /** Linked now, by verified email. */
        LINKED_BY_EMAIL,
        /** Found by verified email; the account keeps its link to another provider account. */
        MATCHED_BY_EMAIL,
        /**
         * Found by verified email on an account whose address nobody had proven (a passkey sign-up
         * or a registration never confirmed): what a pre-claimer could have set up (passkeys,
         * password, sessions, API key, links) was removed first, then the account was linked.
         */
        RECLAIMED_BY_EMAIL,
        /** Created now. */
        CREATED
    }

    /** The outcome of {@link #finish}. */
    sealed interface FinishResult {
        /** Where the browser goes afterwards (a success target or the sign-in's callbackUrl). */
        String callbackUrl();

        /** Signed in: hand {@code session} to the browser and send it to {@code callbackUrl}. */
        record SignedIn(User user, AccountMatch match, String callbackUrl, IssuedSession session) implements FinishResult {
            public SignedIn {
                Objects.requireNonNull(user, "user");
                Objects.requireNonNull(match, "match");
                Objects.requireNonNull(callbackUrl, "callbackUrl");
                Objects.requireNonNull(session, "session");
            }
        }

        /** A refusal; the adapter sends the browser to its error page with the code. */
        record Refused(ErrorCode code, String callbackUrl) implements FinishResult, Refusal {
            public Refused {
                Objects.requireNonNull(code, "code");
                Objects.requireNonNull(callbackUrl, "callbackUrl");
            }
        }
    }
}
