package org.openml.auth.core.usecase;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.IssuedSession;
import org.openml.auth.core.domain.AuditEvent.Outcome;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.ExternalIdentity;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.OAuthProfile;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.Printable;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.AuthException;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.InvalidInputException;
import org.openml.auth.core.port.in.AccountActivity;
import org.openml.auth.core.port.in.FederatedSignIn;
import org.openml.auth.core.port.in.Sessions;
import org.openml.auth.core.port.out.ChallengeStore;
import org.openml.auth.core.port.out.ExternalIdentityStore;
import org.openml.auth.core.port.out.ExternalIdentityStore.LinkResult;
import org.openml.auth.core.port.out.OAuthProvider;
import org.openml.auth.core.port.out.OAuthProvider.ExchangeResult;
import org.openml.auth.core.port.out.RandomSource;
import org.openml.auth.core.port.out.UserStore;

final class FederatedSignInService implements FederatedSignIn {
    private final AccountLocks locks;
    private static final System.Logger LOG = System.getLogger(FederatedSignInService.class.getName());
    /** What OpenML writes into {@code users.password} for accounts without a password; matches no password. */
    static final PasswordHash NO_PASSWORD = new PasswordHash("oauth_no_password");
    private static final String PURPOSE_PREFIX = "oauth:";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final Map<String, OAuthProvider> providers = new LinkedHashMap<>();
    private final UserStore users;
    private final ExternalIdentityStore identities;
    private final ChallengeStore challenges;
    private final Secrets secrets;
    private final RandomSource random;
    private final Clock clock;
    private final URI publicUrl;
    private final AccountReclaim reclaim;
    private final AccountCreation accounts;
    private final Sessions sessions;
    private final AccountActivity activity;

    FederatedSignInService(List<OAuthProvider> providers, UserStore users, ExternalIdentityStore identities,
            ChallengeStore challenges, Secrets secrets, RandomSource random, Clock clock, URI publicUrl,
            AccountReclaim reclaim, AccountCreation accounts, Sessions sessions, AccountActivity activity, AccountLocks locks) {
        this.locks = locks;
        this.sessions = sessions;
        this.activity = activity;
        this.reclaim = reclaim;
        this.accounts = accounts;
        for (OAuthProvider p : providers) {
            if (this.providers.putIfAbsent(p.id(), p) != null) throw new IllegalArgumentException("two providers with id " + p.id());
            new ExternalIdentity(p.id(), "check"); // the id must fit external_source
        }
        this.users = users;
        this.identities = identities;
        this.challenges = challenges;
        this.secrets = secrets;
        this.random = random;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    @Override
    public List<ProviderInfo> providers() {
        return providers.values().stream().map(p -> new ProviderInfo(p.id(), p.displayName())).toList();
    }

    @Override
    public URI redirectUri(String provider) {
        return URI.create(publicUrl + "/api/auth/callback/" + provider);
    }

    @Override
    public StartResult start(String providerId, String callbackUrl) {
        OAuthProvider provider = providers.get(providerId);
        if (provider == null) return new StartResult.UnknownProvider();
        String state = randomText();
        String verifier = randomText();
        String nonce = randomText();
        URI location;
        try {
            location = provider.authorizationUrl(new OAuthProvider.AuthorizationRequest(redirectUri(providerId), state,
                    challengeOf(verifier), Optional.of(nonce)));
        } catch (AuthException | IllegalStateException e) {
            LOG.log(Level.WARNING, "cannot start signing in with {0}: {1}", providerId, Printable.of(e.getMessage(), 300));
            return new StartResult.ProviderUnavailable();
        }
        OneTimeToken browserId = secrets.newToken();
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("state", state);
        payload.put("verifier", verifier);
        payload.put("nonce", nonce);
        payload.put("callbackUrl", callbackUrl == null || callbackUrl.length() > 2048 ? publicUrl.toString() : callbackUrl);
        Instant now = clock.instant();
        challenges.put(browserId.hash(), PURPOSE_PREFIX + providerId, encode(payload), now.plus(STATE_TTL));
        return new StartResult.Redirect(location, browserId.value());
    }

    @Override
    public FinishResult finish(Callback callback) {
        Optional<Method> method = Method.ofProvider(callback.provider());
        Object outcome;
        try {
            outcome = match(callback);
        } catch (RuntimeException e) {
            // No verified account behind a failed callback: the application log is its trail.
            method.ifPresent(m -> activity.signInFailed(null, m, callback.ipAddress()));
            throw e;
        }
        if (outcome instanceof FinishResult.Refused refused) {
            method.ifPresent(m -> activity.signInFailed(null, m, callback.ipAddress()));
            return refused;
        }
        Found found = (Found) outcome;
        if (locks.locked(found.user().id())) {
            method.ifPresent(m -> activity.signInFailed(null, m, callback.ipAddress()));
            return new FinishResult.Refused(ErrorCode.ACCOUNT_DISABLED, found.callbackUrl());
        }
        method.ifPresent(m -> recordSignIn(found, m, callback.ipAddress()));
        IssuedSession session = method.map(m -> sessions.issue(found.user(), m)).orElseGet(() -> sessions.issue(found.user()));
        return new FinishResult.SignedIn(found.user(), found.match(), found.callbackUrl(), session);
    }

    /** One audit row per event: what happened to the account, then the sign-in. */
    private void recordSignIn(Found found, Method method, String ip) {
        UserId user = found.user().id();
        Optional<String> provider = Optional.of(method == Method.GITHUB ? "GitHub" : "Google");
        switch (found.match()) {
            case CREATED -> activity.record(user, Type.ACCOUNT_CREATED, method, Outcome.SUCCESS, ip, provider);
            case LINKED_BY_EMAIL -> activity.record(user, Type.ACCOUNT_LINKED, method, Outcome.SUCCESS, ip, provider);
            case RECLAIMED_BY_EMAIL -> {
                activity.record(user, Type.ACCOUNT_RECLAIMED, method, Outcome.SUCCESS, ip, provider);
                activity.record(user, Type.ACCOUNT_LINKED, method, Outcome.SUCCESS, ip, provider);
            }
            case LINKED_BEFORE, MATCHED_BY_EMAIL -> { }
        }
        activity.record(user, Type.SIGN_IN, method, Outcome.SUCCESS, ip, Optional.empty());
    }

    /** An account the callback signs in to, before the audit and the session. */
    private record Found(User user, AccountMatch match, String callbackUrl) {}

    /** The callback's checks and the account rules: a {@link Found} or a {@link FinishResult.Refused}. */
    private Object match(Callback callback) {
        String home = publicUrl.toString();
        OAuthProvider provider = providers.get(callback.provider());
        if (provider == null) return new FinishResult.Refused(ErrorCode.OAUTH_UNKNOWN_PROVIDER, home);
        Optional<String> browserId = callback.browserId().map(String::strip).filter(OneTimeToken::isWellFormed);
        if (browserId.isEmpty()) {
            LOG.log(Level.INFO, "{0} callback without the sign-in cookie (expired, other browser, or forged)", provider.id());
            return new FinishResult.Refused(ErrorCode.OAUTH_CALLBACK_FAILED, home);
        }
        Optional<String> stored = challenges.take(new OneTimeToken(browserId.get()).hash(), PURPOSE_PREFIX + provider.id(),
                clock.instant());
        if (stored.isEmpty()) {
            LOG.log(Level.INFO, "{0} callback whose sign-in state is unknown, used or expired", provider.id());
            return new FinishResult.Refused(ErrorCode.OAUTH_CALLBACK_FAILED, home);
        }
        Map<String, String> state = decode(stored.get());
        if (callback.state().isEmpty() || !constantTimeEquals(state.get("state"), callback.state().get())) {
            LOG.log(Level.INFO, "{0} callback with a state that does not match this browser''s", provider.id());
            return new FinishResult.Refused(ErrorCode.OAUTH_CALLBACK_FAILED, home);
        }
        if (callback.error().isPresent()) {
            String error = callback.error().get();
            // The error is the query parameter as the browser sent it: anyone can put a line break in it.
            LOG.log(Level.INFO, "{0} answered with error {1}", provider.id(), Printable.of(error));
            return new FinishResult.Refused("access_denied".equals(error) ? ErrorCode.OAUTH_ACCESS_DENIED
                    : ErrorCode.OAUTH_CALLBACK_FAILED, home);
        }
        if (callback.code().isEmpty() || callback.code().get().isBlank()) {
            return new FinishResult.Refused(ErrorCode.OAUTH_CALLBACK_FAILED, home);
        }
        ExchangeResult exchanged = provider.exchange(new OAuthProvider.CodeExchange(redirectUri(provider.id()),
                callback.code().get(), state.get("verifier"), Optional.ofNullable(state.get("nonce"))));
        if (exchanged instanceof ExchangeResult.Unavailable u) {
            LOG.log(Level.WARNING, "{0} is unavailable: {1}", provider.id(), Printable.of(u.reason(), 300));
            return new FinishResult.Refused(ErrorCode.OAUTH_PROVIDER_UNAVAILABLE, home);
        }
        if (exchanged instanceof ExchangeResult.Rejected r) {
            LOG.log(Level.WARNING, "{0} sign-in rejected: {1}", provider.id(), Printable.of(r.reason(), 300));
            return new FinishResult.Refused(ErrorCode.OAUTH_CALLBACK_FAILED, home);
        }
        OAuthProfile profile = ((ExchangeResult.Verified) exchanged).profile();
        if (!profile.identity().provider().equals(provider.id())) {
            LOG.log(Level.ERROR, "provider {0} returned a profile of {1}", provider.id(), profile.identity().provider());
            return new FinishResult.Refused(ErrorCode.OAUTH_CALLBACK_FAILED, home);
        }
        String callbackUrl = state.getOrDefault("callbackUrl", home);
        Object result = signIn(profile, callbackUrl, home);
        if (result instanceof Found signedIn) {
            users.recordSignIn(signedIn.user().id(), clock.instant());
            LOG.log(Level.INFO, "user {0} signed in with {1} ({2})", signedIn.user().id(), provider.id(), signedIn.match());
        } else {
            LOG.log(Level.INFO, "{0} sign-in of {1} refused: {2}", provider.id(), Printable.of(profile.toString(), 200), ((FinishResult.Refused) result).code().code());
        }
        return result;
    }

    /** The account rules; writes only on the way to a {@link FinishResult.SignedIn}. */
    private Object signIn(OAuthProfile profile, String callbackUrl, String home) {
        Optional<User> linked = identities.findUserId(profile.identity()).flatMap(users::findById);
        if (linked.isPresent()) {
            if (!linked.get().active()) return new FinishResult.Refused(ErrorCode.ACCOUNT_DISABLED, home);
            return new Found(linked.get(), AccountMatch.LINKED_BEFORE, callbackUrl);
        }
        if (profile.email().isEmpty()) return new FinishResult.Refused(ErrorCode.OAUTH_NO_EMAIL, home);
        Email email = profile.email().get();
        Optional<User> sameEmail = Accounts.byEmail(users, email);
        if (!profile.emailVerified()) {
            // An unverified address proves nothing: never link it, and do not let it claim the address either.
            return new FinishResult.Refused(sameEmail.isPresent() ? ErrorCode.OAUTH_ACCOUNT_NOT_LINKED
                    : ErrorCode.OAUTH_EMAIL_NOT_VERIFIED, home);
        }
        if (sameEmail.isPresent()) return linkByEmail(sameEmail.get(), profile, callbackUrl, home);
        return create(profile, email, callbackUrl, home);
    }

    private Object linkByEmail(User user, OAuthProfile profile, String callbackUrl, String home) {
        // Pre-account takeover: whoever signed up with this address (a password never confirmed, a
        // passkey sign-up, which proves no mailbox) may not own it. The provider proved who does:
        // remove everything the pre-claimer could hold before the owner gets the account.
        boolean reclaimed = reclaim.addressUnproven(user);
        if (reclaimed) {
            reclaim.reclaim(user, NO_PASSWORD, profile.identity().provider());
        } else {
            Optional<ExternalIdentity> existing = identities.findIdentity(user.id());
            if (existing.isPresent()) {
                // One link per account (legacy columns): keep it, sign in by the verified address.
                if (!user.active()) return new FinishResult.Refused(ErrorCode.ACCOUNT_DISABLED, home);
                return new Found(user, AccountMatch.MATCHED_BY_EMAIL, callbackUrl);
            }
        }
        LinkResult link = identities.link(user.id(), profile.identity());
        if (link instanceof LinkResult.IdentityTaken || link instanceof LinkResult.UnknownUser) {
            // A concurrent sign-in linked this provider account elsewhere, or the account vanished.
            return new FinishResult.Refused(ErrorCode.OAUTH_ACCOUNT_NOT_LINKED, home);
        }
        User fresh = users.findById(user.id()).orElse(user);
        if (link instanceof LinkResult.UserAlreadyLinked) {
            if (!fresh.active()) return new FinishResult.Refused(ErrorCode.ACCOUNT_DISABLED, home);
            return new Found(fresh, AccountMatch.MATCHED_BY_EMAIL, callbackUrl);
        }
        return new Found(fresh, reclaimed ? AccountMatch.RECLAIMED_BY_EMAIL : AccountMatch.LINKED_BY_EMAIL,
                callbackUrl);
    }

    private Object create(OAuthProfile profile, Email email, String callbackUrl, String home) {
        String[] names = names(profile);
        Optional<User> created;
        try {
            created = create(email, names[0], names[1]);
        } catch (InvalidInputException e) {
            String first = latin1(names[0]);
            String last = latin1(names[1]);
            if (e.code() != ErrorCode.UNSUPPORTED_CHARACTERS || (first.equals(names[0]) && last.equals(names[1]))) throw e;
            // The legacy table is latin1: keep what it can hold of the provider's names.
            created = create(email, first, last);
        }
        if (created.isEmpty()) {
            // A concurrent sign-up took the address between our look-up and the insert.
            return new FinishResult.Refused(ErrorCode.OAUTH_ACCOUNT_NOT_LINKED, home);
        }
        LinkResult link = identities.link(created.get().id(), profile.identity());
        if (!(link instanceof LinkResult.Linked)) {
            LOG.log(Level.WARNING, "new user {0} could not be linked to {1}: {2}", created.get().id(),
                    profile.identity().provider(), link);
        }
        return new Found(created.get(), AccountMatch.CREATED, callbackUrl);
    }

    private Optional<User> create(Email email, String first, String last) {
        Instant now = clock.instant();
        UsernamePolicy.Candidates usernames = UsernamePolicy.ofNames(first, last, email, now);
        return accounts.create(new NewUser(usernames.get(0), email, first, last, NO_PASSWORD, true, secrets.newApiKey(), null,
                now), usernames);
    }

    /** Given and family name, else the display name split at its last space; each cut to 50 characters. */
    static String[] names(OAuthProfile profile) {
        String first = profile.firstName();
        String last = profile.lastName();
        if (first.isEmpty() && last.isEmpty() && !profile.name().isEmpty()) {
            String name = profile.name();
            int space = name.lastIndexOf(' ');
            first = space < 0 ? name : name.substring(0, space).strip();
            last = space < 0 ? "" : name.substring(space + 1).strip();
        }
        return new String[] {cut(first), cut(last)};
    }

    private static String cut(String s) {
        return s.length() > NewUser.MAX_NAME_LENGTH ? s.substring(0, NewUser.MAX_NAME_LENGTH) : s;
    }

    private static String latin1(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().filter(c -> c <= 0xFF).forEach(out::appendCodePoint);
        return out.toString().strip();
    }

    private String randomText() {
        return B64URL.encodeToString(random.bytes(32));
    }

    /** PKCE S256: BASE64URL(SHA-256(ASCII(verifier))). */
    static String challengeOf(String verifier) {
        try {
            return B64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static boolean constantTimeEquals(String expected, String presented) {
        if (expected == null || presented == null) return false;
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> {
            if (out.length() > 0) out.append('&');
            out.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return out.toString();
    }

    private static Map<String, String> decode(String payload) {
        Map<String, String> values = new HashMap<>();
        for (String pair : payload.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
