package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.CopyOnWriteArrayList;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.port.out.OAuthProvider.ExchangeResult;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.FakeOAuthProvider;
import org.openml.auth.testkit.TestAuthServer;
import org.slf4j.LoggerFactory;

/**
 * No request can forge a log line: a property over the OAuth callback's parameters (error, state,
 * code, the provider in the path, a provider's own error text), each drawn with line breaks,
 * NEL, U+2028/2029 and ANSI escapes, checked against every line the server logged meanwhile.
 */
class LogInjectionTest {
    static final String NASTY = "\r\n\u0085\u2028\u2029\u001b[31m\u0000\t\u007f";
    static final String FORGED = "2026-01-01 00:00:00 INFO  org.openml.auth - user 1 signed in as admin";

    final FakeOAuthProvider github = new FakeOAuthProvider("github", "GitHub");
    /** Background threads (audit, mail outbox) log too: a list safe to read while they append. */
    final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    final AppenderBase<ILoggingEvent> logs = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }
    };
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    TestAuthServer server;

    @BeforeEach
    void start() {
        logs.start();
        root.addAppender(logs);
        server = TestAuthServer.start((stores, builder) -> builder.oauthProviders(List.of(github)));
    }

    @AfterEach
    void stop() {
        root.detachAppender(logs);
        server.close();
    }

    /** A random string of printable text, the forged line, and the characters that break lines or terminals. */
    static String nasty(Random random) {
        StringBuilder s = new StringBuilder();
        int parts = 1 + random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            switch (random.nextInt(4)) {
                case 0 -> s.append(NASTY.charAt(random.nextInt(NASTY.length())));
                case 1 -> s.append(FORGED);
                case 2 -> s.append((char) random.nextInt(0x20));
                default -> s.append("x").append(random.nextInt(1000));
            }
            s.append(NASTY.charAt(random.nextInt(NASTY.length())));
        }
        return s.toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The callback URL the fake provider would send the browser to, with its parameters replaced by the test's. */
    String stateOf(AuthHttpClient client) {
        String location = client.get("/api/auth/signin/github").header("Location").orElseThrow();
        String query = URI.create(location).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("state=")) return java.net.URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
        }
        throw new AssertionError("no state in " + location);
    }

    @Test
    void noCallbackParameterForgesALogLine() {
        Random random = new Random(20261204);
        for (int i = 0; i < 120; i++) {
            String evil = nasty(random);
            AuthHttpClient client = server.newClient();
            String state = stateOf(client);
            String callback = "/api/auth/callback/github?state=" + enc(state);
            switch (i % 5) {
                case 0 -> client.get(callback + "&error=" + enc(evil));
                case 1 -> client.get("/api/auth/callback/github?state=" + enc(evil) + "&code=c");
                case 2 -> client.get("/api/auth/callback/" + enc(evil) + "?state=" + enc(state) + "&code=c");
                case 3 -> {
                    github.answerExchangesWith(new ExchangeResult.Rejected("provider said: " + evil));
                    client.get(callback + "&code=" + enc(evil));
                }
                default -> {
                    github.answerExchangesWith(new ExchangeResult.Unavailable("provider down: " + evil));
                    client.get(callback + "&code=c");
                }
            }
        }
        assertThat(events).as("the callbacks were logged at all").isNotEmpty();
        List<String> broken = new ArrayList<>();
        for (ILoggingEvent event : events) {
            check(event.getFormattedMessage(), broken);
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) check(t.getMessage(), broken);
        }
        assertThat(broken).as("log lines with a line break or control character").isEmpty();
    }

    private static void check(String text, List<String> broken) {
        if (text == null) return;
        boolean bad = text.chars().anyMatch(c -> (c < 0x20 && c != ' ') || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029);
        if (bad) broken.add(text.replace("\n", "\\n").replace("\r", "\\r"));
    }
}
