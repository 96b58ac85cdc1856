package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;

/**
 * {@code callbackUrl} tricks against the routes that send the browser somewhere afterwards:
 * sign-in (JSON {@code url} and the 302 of a plain form post) and sign-out. Each answer is read
 * the way a browser reads a URL (tabs and newlines dropped, backslashes as slashes, scheme-relative
 * {@code //host}), and must land on the public origin. The OAuth start stores its callbackUrl
 * through the same check ({@code GitHubSignInTest} follows it through the provider and back).
 */
class OpenRedirectTest {
    static final String USER = "ada@example.org";

    @RegisterExtension
    static final AttackTarget.PerClass target = new AttackTarget.PerClass(USER);

    static List<String> tricks() {
        String authority = URI.create(target.get().base).getAuthority();
        return List.of(
                "//evil.example", "//evil.example/account", "///evil.example", "////evil.example",
                "/\\evil.example", "\\\\evil.example", "\\/evil.example", "/\\/evil.example",
                " //evil.example", "\t//evil.example", "/\t/evil.example", "/\n/evil.example",
                "https://evil.example", "HTTPS://EVIL.EXAMPLE/", "http://evil.example", "https:evil.example", "https:/evil.example",
                "//evil.example%2F..", "%2F%2Fevil.example", "/%2F%2Fevil.example", "%5C%5Cevil.example",
                "http://" + authority + "@evil.example", "http://" + authority + ":x@evil.example/",
                "http://" + authority + ".evil.example/", "http://evil.example#@" + authority,
                "http://evil.example?@" + authority, "http://evil.example\\@" + authority,
                "http://localhost:1@evil.example", "http://user@evil.example/", "//evil。example", "//ｅｖｉｌ.example",
                "javascript:alert(document.domain)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
                "vbscript:msgbox(1)", "/\r\nLocation: https://evil.example", "/%0d%0aLocation:%20https://evil.example");
    }

    @Test
    void signInNeverSendsTheBrowserOffTheOrigin() {
        List<String> failures = new ArrayList<>();
        for (String trick : tricks()) {
            AuthHttpClient browser = target.get().browser();
            String csrf = browser.csrfToken();
            Response json = browser.postForm("/api/auth/callback/credentials", Map.of("csrfToken", csrf, "email", USER,
                    "password", AttackTarget.PASSWORD, "callbackUrl", trick, "json", "true"));
            check(failures, trick, "sign-in json", json.status() == 200 ? (String) json.json().get("url") : null, json);

            Response form = browser.postForm("/api/auth/callback/credentials", Map.of("csrfToken", csrf, "email", USER,
                    "password", AttackTarget.PASSWORD, "callbackUrl", trick));
            check(failures, trick, "sign-in 302", form.status() == 302 ? form.header("Location").orElse(null) : null, form);
            if (form.headerValues("Location").size() > 1) failures.add(trick + ": several Location headers");

            Response out = browser.postForm("/api/auth/signout", Map.of("csrfToken", csrf, "callbackUrl", trick, "json", "true"));
            check(failures, trick, "sign-out", out.status() == 200 ? (String) out.json().get("url") : null, out);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theBrowserReadingOfUrlsIsRight() {
        assertThat(browserOrigin("/\t/evil.example")).as("a browser drops the tab").isEqualTo("http://evil.example");
        assertThat(browserOrigin("/\\evil.example")).isEqualTo("http://evil.example");
        assertThat(browserOrigin(" //evil.example")).isEqualTo("http://evil.example");
        assertThat(browserOrigin("http://a.example:1@evil.example")).isEqualTo("http://evil.example");
        assertThat(browserOrigin("javascript:alert(1)")).isEqualTo("javascript:");
        assertThat(browserOrigin("/account")).isEqualTo("same");
    }

    void check(List<String> failures, String trick, String where, String url, Response r) {
        String shown = trick.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
        if (r.status() >= 500 || url == null) {
            failures.add(shown + " " + where + ": " + r.status() + " " + r.body());
            return;
        }
        String origin = browserOrigin(url);
        String expected = "http://" + URI.create(target.get().base).getAuthority();
        if (!origin.equals("same") && !origin.equals(expected)) failures.add(shown + " " + where + " -> " + url + " (" + origin + ")");
        if (url.contains("\r") || url.contains("\n")) failures.add(shown + " " + where + ": line break in " + url);
        if (r.headerValues("Set-Cookie").stream().anyMatch(c -> c.contains("evil"))) failures.add(shown + " " + where + ": cookie injected");
    }

    /**
     * The origin a browser would go to for {@code url} on this server's pages: {@code "same"} for a
     * relative URL, else {@code scheme://host[:port]} (or {@code "scheme:"} for non-hierarchical URLs).
     * Mirrors the WHATWG URL parser's clean-ups for http(s): leading/trailing C0 controls and spaces
     * trimmed, tabs and newlines removed, backslashes read as slashes.
     */
    static String browserOrigin(String url) {
        String u = url.replaceAll("^[\\x00-\\x20]+|[\\x00-\\x20]+$", "").replaceAll("[\\t\\r\\n]", "").replace('\\', '/');
        if (u.startsWith("//")) u = "http:" + u;
        int colon = u.indexOf(':');
        int slash = u.indexOf('/');
        if (colon < 0 || (slash >= 0 && slash < colon)) return "same";
        String scheme = u.substring(0, colon).toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) return scheme + ":";
        String rest = u.substring(colon + 1).replaceFirst("^/*", "");
        String authority = rest.split("[/?#]", 2)[0];
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1).toLowerCase();
        if (hostPort.endsWith(":80") && scheme.equals("http")) hostPort = hostPort.substring(0, hostPort.length() - 3);
        return scheme + "://" + hostPort;
    }
}
