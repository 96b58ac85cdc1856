package org.openml.auth.oauth;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.ExternalIdentity;
import org.openml.auth.core.domain.OAuthProfile;
import org.openml.auth.core.port.out.OAuthProvider;

/**
 * GitHub's OAuth app flow (not OpenID Connect: GitHub issues no ID token). The account is the
 * numeric {@code id} of {@code GET /user}; the email is the primary one of
 * {@code GET /user/emails}, verified only when GitHub says so.
 */
final class GitHubProvider implements OAuthProvider {
    static final String SCOPES = "read:user user:email";

    private final OAuthClientConfig config;
    private final ProviderHttp http;

    GitHubProvider(OAuthClientConfig config, HttpClient client) {
        this.config = config;
        this.http = new ProviderHttp(client);
    }

    @Override
    public String id() {
        return "github";
    }

    @Override
    public String displayName() {
        return "GitHub";
    }

    @Override
    public URI authorizationUrl(AuthorizationRequest request) {
        return URI.create(config.baseUrl() + "/login/oauth/authorize?client_id=" + ProviderHttp.enc(config.clientId())
                + "&redirect_uri=" + ProviderHttp.enc(request.redirectUri().toString())
                + "&scope=" + ProviderHttp.enc(SCOPES)
                + "&state=" + ProviderHttp.enc(request.state())
                + "&code_challenge=" + ProviderHttp.enc(request.codeChallenge()) + "&code_challenge_method=S256"
                + "&allow_signup=true");
    }

    @Override
    public ExchangeResult exchange(CodeExchange exchange) {
        try {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("client_id", config.clientId());
            form.put("client_secret", config.clientSecret());
            form.put("code", exchange.code());
            form.put("redirect_uri", exchange.redirectUri().toString());
            form.put("code_verifier", exchange.codeVerifier());
            Map<String, Object> token = http.postForm(URI.create(config.baseUrl() + "/login/oauth/access_token"), form);
            // GitHub answers refused codes with 200 and an error object.
            String accessToken = ProviderHttp.text(token, "access_token");
            if (accessToken.isEmpty()) {
                String error = ProviderHttp.text(token, "error");
                return new ExchangeResult.Rejected("token endpoint refused the code (" + (error.isEmpty() ? "no access_token" : error) + ")");
            }
            String[] auth = {"Authorization", "Bearer " + accessToken, "Accept", "application/vnd.github+json",
                    "X-GitHub-Api-Version", "2022-11-28"};
            Map<String, Object> user = http.getObject(URI.create(config.apiUrl() + "/user"), auth);
            String id = ProviderHttp.text(user, "id");
            if (id.isEmpty()) return new ExchangeResult.Rejected("/user has no id");
            Optional<Email> email = Optional.empty();
            boolean verified = false;
            List<Object> emails = http.getArray(URI.create(config.apiUrl() + "/user/emails"), auth);
            for (Object o : emails) {
                if (o instanceof Map<?, ?> e && Boolean.TRUE.equals(e.get("primary")) && e.get("email") instanceof String address) {
                    email = Email.parse(address);
                    verified = email.isPresent() && Boolean.TRUE.equals(e.get("verified"));
                }
            }
            if (email.isEmpty()) email = Email.parse(ProviderHttp.text(user, "email")); // public profile email: unverified
            String name = ProviderHttp.text(user, "name");
            String avatar = ProviderHttp.text(user, "avatar_url");
            return new ExchangeResult.Verified(new OAuthProfile(new ExternalIdentity(id(), id), email, verified, "", "",
                    name.isEmpty() ? ProviderHttp.text(user, "login") : name, avatar.isEmpty() ? Optional.empty() : Optional.of(avatar)));
        } catch (ProviderHttp.Unavailable e) {
            return new ExchangeResult.Unavailable(e.getMessage());
        } catch (ProviderHttp.Refused e) {
            return new ExchangeResult.Rejected(e.getMessage());
        } catch (IllegalArgumentException e) {
            return new ExchangeResult.Rejected("unusable profile: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "GitHubProvider[" + config.baseUrl() + "]";
    }
}
