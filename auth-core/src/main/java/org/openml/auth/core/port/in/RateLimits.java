package org.openml.auth.core.port.in;

/**
 * Per-client-address limits for the routes attackers hammer. The HTTP adapter calls these before
 * doing the work; the per-account sign-in lock and the per-inbox mail limit live in the use cases
 * themselves ({@link PasswordSignIn}, {@link PasswordReset}, {@link Registration}).
 *
 * <p>{@code client} is the caller's address as the adapter resolved it (trusted proxies applied).
 * IPv6 addresses are counted per /64, the block one subscriber usually holds.
 */
public interface RateLimits {

    /**
     * The routes limited per client address, each request counted. ({@code SIGN_IN} counts every
     * request; the credentials route counts only refusals, through {@link #checkSignInClient}.)
     */
    enum Action {
        SIGN_IN, REGISTER, CHECK_EMAIL, ACCOUNT_MAIL, PASSKEY
    }

    /**
     * Counts one request of {@code action} from {@code client} on the shared counters. A client
     * found over its limit is remembered on this node until its window ends and refused from
     * memory meanwhile (no store I/O).
     *
     * @throws org.openml.auth.core.error.RateLimitedException when {@code client} is over its limit
     * @throws org.openml.auth.core.error.StoreUnavailableException when the counters cannot be reached
     */
    void admit(Action action, String client);

    /**
     * Refuses a client that presented too many wrong API keys lately, from this node's memory only:
     * no store I/O, so valid keys cost nothing extra.
     *
     * @throws org.openml.auth.core.error.RateLimitedException when {@code client} is blocked
     */
    void checkApiKeyClient(String client);

    /**
     * Counts one wrong API key from {@code client} (shared by all nodes); once over the limit the
     * client is remembered on this node as blocked until its window ends.
     *
     * @throws org.openml.auth.core.error.RateLimitedException when this failure put {@code client} over the limit
     */
    void apiKeyFailed(String client);

    /**
     * Refuses a client address that had too many password sign-ins refused lately (wrong
     * credentials, paused accounts, failed CSRF checks): from this node's memory when it already
     * knows, else by one read of the shared counter. Successful sign-ins are not counted, so a
     * class behind one NAT address all signs in (the per-account pause stays as it is).
     *
     * @throws org.openml.auth.core.error.RateLimitedException when {@code client} is over its limit
     * @throws org.openml.auth.core.error.StoreUnavailableException when the counters cannot be reached
     */
    void checkSignInClient(String client);

    /**
     * Counts one refused password sign-in from {@code client} (shared by all nodes); once over
     * the limit the client is remembered on this node until its window ends. Never refuses the
     * request it counts: that one gets its own answer.
     *
     * @throws org.openml.auth.core.error.StoreUnavailableException when the counters cannot be reached
     */
    void signInRefused(String client);
}
