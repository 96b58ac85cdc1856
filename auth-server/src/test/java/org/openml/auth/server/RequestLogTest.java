package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.RecordingMailer;
import org.slf4j.LoggerFactory;

/** A request id on every request, in its answer and its log lines; one access line per request; JSON lines. */
class RequestLogTest {
    @TempDir
    Path dir;
    final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    final AppenderBase<ILoggingEvent> logs = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }
    };
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    AuthServer server;
    AuthHttpClient client;
    int port;

    @BeforeEach
    void start() throws Exception {
        port = ServerEnv.freePort();
        Map<String, String> env = ServerEnv.sqlite(dir, port);
        env.put("AUTH_ACCESS_LOG", "true");
        logs.start();
        root.addAppender(logs);
        server = AuthServer.create(AuthServerConfig.fromEnv(env), Clock.systemUTC(), new RecordingMailer()).start();
        client = new AuthHttpClient(URI.create("http://127.0.0.1:" + port));
    }

    @AfterEach
    void stop() {
        root.detachAppender(logs);
        server.close();
    }

    @Test
    void aRequestForAnotherHostThanNextauthUrlIsWarnedAboutOnce() {
        // NEXTAUTH_URL is http://127.0.0.1:{port}: that host in any case, or another loopback name, is fine.
        for (String host : List.of("127.0.0.1:" + port, "127.0.0.1", "LOCALHOST:" + port, "[::1]:" + port)) {
            client.get("/health", "X-Forwarded-Host", host);
        }
        assertThat(events).noneMatch(e -> e.getFormattedMessage().contains("arrived for host"));

        client.get("/health", "X-Forwarded-Host", "auth.example.org");
        client.get("/health", "X-Forwarded-Host", "other.example.org:8443");
        assertThat(events).filteredOn(e -> e.getFormattedMessage().contains("arrived for host")).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("'auth.example.org'", "NEXTAUTH_URL"));
    }

    @Test
    void aWellFormedRequestIdIsKeptAnythingElseIsReplaced() {
        assertThat(client.get("/health", "X-Request-Id", "trace-42.a:b").header("X-Request-Id")).contains("trace-42.a:b");
        assertThat(client.get("/health").header("X-Request-Id")).get().asString().matches("[0-9a-f]{16}");
        assertThat(client.get("/health", "X-Request-Id", "x".repeat(65)).header("X-Request-Id")).get().asString()
                .matches("[0-9a-f]{16}");
        assertThat(client.get("/health", "X-Request-Id", "a b").header("X-Request-Id")).get().asString().matches("[0-9a-f]{16}");
    }

    @Test
    void eachRequestHasOneAccessLineWithItsRouteTemplateAndTheRequestsLinesCarryItsId() {
        client.postJson("/api/auth/register", Map.of("firstName", "Log", "lastName", "Line", "email", "logged@example.org",
                "password", "correct horse battery staple"), "X-Request-Id", "reg-1");
        client.get("/api/auth/confirm-email?token=" + "ab".repeat(32), "X-Request-Id", "confirm-1");

        List<ILoggingEvent> access = events.stream().filter(e -> e.getLoggerName().equals("org.openml.auth.access")).toList();
        assertThat(access).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).startsWith("POST /api/auth/register 201 ").contains("client=127.0.0.1"))
                .anySatisfy(m -> assertThat(m).startsWith("GET /api/auth/confirm-email 400 "));
        assertThat(access).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("token="));
        // The registration's own line (RegistrationService) carries the request's id.
        assertThat(events).filteredOn(e -> e.getFormattedMessage().startsWith("registered user"))
                .singleElement().satisfies(e -> assertThat(e.getMDCPropertyMap()).containsEntry("requestId", "reg-1"));
        assertThat(access).filteredOn(e -> e.getFormattedMessage().startsWith("GET /api/auth/confirm-email"))
                .singleElement().satisfies(e -> assertThat(e.getMDCPropertyMap()).containsEntry("requestId", "confirm-1"));
    }

    @Test
    void jsonLinesAreOneObjectEachWithTheRequestId() throws Exception {
        client.get("/health", "X-Request-Id", "json-1");
        ILoggingEvent line = events.stream().filter(e -> e.getLoggerName().equals("org.openml.auth.access")).findFirst().orElseThrow();
        // The server's own encoder for LOG_FORMAT=json.
        JsonEncoder encoder = LogSetup.jsonEncoder((LoggerContext) LoggerFactory.getILoggerFactory());

        String json = new String(encoder.encode(line), StandardCharsets.UTF_8);

        assertThat(json.strip()).doesNotContain("\n");
        JsonNode node = new ObjectMapper().readTree(json);
        assertThat(node.get("level").asText()).isEqualTo("INFO");
        assertThat(node.get("mdc").get("requestId").asText()).isEqualTo("json-1");
        assertThat(node.get("formattedMessage").asText()).startsWith("GET /health 200");
        assertThat(node.has("message")).isFalse();
    }
}
