package org.openml.auth.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.UserId;

/**
 * Session tokens cross between this codec and the real next-auth v4 ({@code next-auth/jwt}), both
 * ways, so an OpenML Next.js front end and this server can read each other's cookies.
 *
 * <ul>
 *   <li>{@code next-auth-vectors.json}: a token made once by next-auth's {@code encode()} (see
 *       {@code interop/next-auth/README.md}); needs nothing at test time.</li>
 *   <li>The live tests run {@code node interop/next-auth/{encode,decode}.mjs}. Without node or
 *       {@code interop/next-auth/node_modules} they are skipped locally and fail in CI
 *       ({@code CI=true}), where {@code .ci/run} must install them.</li>
 * </ul>
 */
class NextAuthInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTALL =
            "npm ci --ignore-scripts --no-audit --no-fund --prefix interop/next-auth";

    // ---- (a) the committed next-auth token ----

    @Test
    void aTokenMadeByNextAuthDecodesToItsClaims() throws IOException {
        JsonNode vectors = vectors();
        JsonNode payload = vectors.get("payload");
        NextAuthSessionCodec codec = new NextAuthSessionCodec(vectors.get("secret").asText(), List.of());

        Optional<Session> decoded = codec.decode(vectors.get("token").asText(), Instant.now());

        assertThat(decoded).isPresent();
        assertThat(decoded.get()).isEqualTo(expectedSession(payload));
    }

    @Test
    void theCommittedTokenHasTheClaimsItsNoteDescribes() throws IOException {
        JsonNode vectors = vectors();
        JsonNode claims = vectors.get("claims");
        JsonNode payload = vectors.get("payload");
        claims.fieldNames().forEachRemaining(name -> assertThat(payload.get(name)).as(name).isEqualTo(claims.get(name)));
        assertThat(vectors.at("/producedBy/nextAuthVersion").asText()).startsWith("4.");
        // Made to outlive the project: 100 years from its creation.
        assertThat(Instant.ofEpochSecond(payload.get("exp").asLong())).isAfter(Instant.now().plus(Duration.ofDays(365 * 50)));
    }

    @Test
    void theCommittedTokenIsRefusedUnderAnotherSecretOrAfterItsExpiry() throws IOException {
        JsonNode vectors = vectors();
        String token = vectors.get("token").asText();
        assertThat(new NextAuthSessionCodec("another-secret", List.of()).decode(token, Instant.now())).isEmpty();
        Instant exp = Instant.ofEpochSecond(vectors.at("/payload/exp").asLong());
        NextAuthSessionCodec codec = new NextAuthSessionCodec(vectors.get("secret").asText(), List.of());
        assertThat(codec.decode(token, exp.plusSeconds(16))).isEmpty();
    }

    // ---- (b) live: this codec → next-auth decode() ----

    @Test
    void nextAuthDecodesATokenThisCodecEncoded() throws Exception {
        Path project = requireNodeProject();
        String secret = "openml-java-to-next-auth-" + System.nanoTime();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Session session = new Session(new UserId(4242), "jmuller", "joerg.mueller@example.org", "Jörg Müller",
                Optional.of("https://www.openml.org/img/joerg.png"), Optional.of("0123456789abcdef0123456789abcdef"),
                "Jörg", "Müller", true, now, now.plus(Duration.ofHours(2)), "b1946ac9-2b5e-4f6e-9a77-3f2d2c1e0a11");
        String token = new NextAuthSessionCodec(secret, List.of()).encode(session);

        NodeResult result = runNode(project, "decode.mjs", JSON.createObjectNode().put("secret", secret).put("token", token));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode payload = JSON.readTree(result.stdout());
        ObjectNode expected = JSON.createObjectNode()
                .put("name", "Jörg Müller")
                .put("email", "joerg.mueller@example.org")
                .put("picture", "https://www.openml.org/img/joerg.png")
                .put("sub", "4242")
                .put("userId", "4242")
                .put("username", "jmuller")
                .put("apikey", "0123456789abcdef0123456789abcdef")
                .put("firstName", "Jörg")
                .put("lastName", "Müller")
                .put("isLocalUser", true)
                .put("iat", now.getEpochSecond())
                .put("exp", now.plus(Duration.ofHours(2)).getEpochSecond())
                .put("jti", "b1946ac9-2b5e-4f6e-9a77-3f2d2c1e0a11")
                // Our revocation claim: next-auth keeps unknown claims, so its jwt callback passes it on.
                .put("signedInAt", now.toEpochMilli());
        // Compared as parsed JSON (a re-read makes the number nodes the same kind).
        assertThat(payload).isEqualTo(JSON.readTree(JSON.writeValueAsString(expected)));
    }

    @Test
    void nextAuthRefusesWhatThisCodecRefuses() throws Exception {
        // Proves the decode script is a real check: wrong secret and long-expired tokens fail there too.
        Path project = requireNodeProject();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Session expired = new Session(new UserId(7), "u", "u@example.org", "U", Optional.empty(), Optional.empty(),
                "", "", true, now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(1)), "j");
        String secret = "openml-refusal-" + System.nanoTime();
        String expiredToken = new NextAuthSessionCodec(secret, List.of()).encode(expired);
        String foreignToken = new NextAuthSessionCodec("another-secret", List.of())
                .encode(expired.renewed(now, now.plus(Duration.ofHours(2)), "k"));

        NodeResult expiredResult = runNode(project, "decode.mjs", JSON.createObjectNode().put("secret", secret).put("token", expiredToken));
        NodeResult foreignResult = runNode(project, "decode.mjs", JSON.createObjectNode().put("secret", secret).put("token", foreignToken));

        assertThat(expiredResult.exitCode()).as(expiredResult.stdout()).isEqualTo(1);
        assertThat(foreignResult.exitCode()).as(foreignResult.stdout()).isEqualTo(1);
    }

    // ---- (b') live: next-auth encode() → this codec ----

    @Test
    void thisCodecDecodesATokenNextAuthEncodesNow() throws Exception {
        Path project = requireNodeProject();
        String secret = "openml-next-auth-to-java-" + System.nanoTime();
        ObjectNode claims = JSON.createObjectNode()
                .put("name", "Zoë Ünal").put("email", "zoe@example.org").putNull("picture")
                .put("sub", "31337").put("userId", "31337").put("username", "zunal")
                .put("apikey", "fedcba9876543210fedcba9876543210")
                .put("firstName", "Zoë").put("lastName", "Ünal").put("isLocalUser", false);
        ObjectNode input = JSON.createObjectNode().put("secret", secret).put("maxAge", 7200);
        input.set("token", claims);

        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        NodeResult result = runNode(project, "encode.mjs", input);
        assertThat(result.exitCode()).as(result.stderr()).isZero();

        Optional<Session> decoded = new NextAuthSessionCodec(secret, List.of()).decode(result.stdout().strip(), Instant.now());
        assertThat(decoded).isPresent();
        Session session = decoded.get();
        assertThat(session.userId()).isEqualTo(new UserId(31337));
        assertThat(session.username()).isEqualTo("zunal");
        assertThat(session.email()).isEqualTo("zoe@example.org");
        assertThat(session.name()).isEqualTo("Zoë Ünal");
        assertThat(session.picture()).isEmpty();
        assertThat(session.apiKey()).contains("fedcba9876543210fedcba9876543210");
        assertThat(session.firstName()).isEqualTo("Zoë");
        assertThat(session.lastName()).isEqualTo("Ünal");
        assertThat(session.localUser()).isFalse();
        assertThat(session.issuedAt()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(Duration.between(session.issuedAt(), session.expiresAt())).isEqualTo(Duration.ofSeconds(7200));
        assertThat(session.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    // ---- helpers ----

    private static Session expectedSession(JsonNode payload) {
        return new Session(
                UserId.parse(payload.get("userId").asText()),
                payload.get("username").asText(),
                payload.get("email").asText(),
                payload.get("name").asText(),
                Optional.of(payload.get("picture").asText()),
                Optional.of(payload.get("apikey").asText()),
                payload.get("firstName").asText(),
                payload.get("lastName").asText(),
                payload.get("isLocalUser").asBoolean(),
                Instant.ofEpochSecond(payload.get("iat").asLong()),
                Instant.ofEpochSecond(payload.get("exp").asLong()),
                payload.get("jti").asText());
    }

    private static JsonNode vectors() throws IOException {
        try (InputStream in = NextAuthInteropTest.class.getResourceAsStream("/next-auth-vectors.json")) {
            if (in == null) throw new AssertionError("next-auth-vectors.json is missing from the test resources");
            return JSON.readTree(in);
        }
    }

    /** The project root (the folder holding interop/next-auth) with its node_modules installed, or skip/fail. */
    private static Path requireNodeProject() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path root = null;
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("interop/next-auth"))) {
                root = dir;
                break;
            }
        }
        if (root == null) unavailable("no interop/next-auth folder in " + start + " or above it");
        Path interop = root.resolve("interop/next-auth");
        if (!Files.isDirectory(interop.resolve("node_modules/next-auth"))) {
            unavailable(interop.resolve("node_modules") + " is not installed");
        }
        String version = nodeVersion();
        if (version == null) unavailable("`node` is not on the PATH");
        return interop;
    }

    private static String nodeVersion() {
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("next-auth interop cannot run: " + why + ". In CI, .ci/run must run `" + INSTALL
                    + "` (Node 18+ on the PATH) before the Maven build.");
        }
        Assumptions.abort("next-auth interop skipped: " + why + ". Run `" + INSTALL + "` to enable it.");
    }

    private record NodeResult(int exitCode, String stdout, String stderr) {}

    private static NodeResult runNode(Path interop, String script, JsonNode input) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("next-auth-interop", ".stderr");
        try {
            Process process = new ProcessBuilder("node", script)
                    .directory(interop.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(JSON.writeValueAsBytes(input));
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("node " + script + " did not finish within 60 s");
            }
            return new NodeResult(process.exitValue(), out, Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
