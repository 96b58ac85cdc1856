package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.testkit.RecordingMailer;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files (deploy/kubernetes, Dockerfile) against the server as it is: probe paths
 * that are real routes, the port it listens on, variables it reads, a grace Kubernetes waits out,
 * secrets from the Secret, and an image that checks /health and maps the archive it made.
 */
class DeployFilesTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    static Map<String, Object> load(String file) throws IOException {
        return new Yaml().load(Files.readString(KUBERNETES.resolve(file)));
    }

    static Map<String, Object> container() throws IOException {
        Map<String, Object> deployment = load("deployment.yaml");
        return map(list(map(map(map(deployment.get("spec")).get("template")).get("spec")).get("containers")).get(0));
    }

    /** The container's env: plain values as set, secret references as a sample value. */
    static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Object o : list(container.get("env"))) {
            Map<String, Object> e = map(o);
            env.put((String) e.get("name"), e.containsKey("value") ? String.valueOf(e.get("value")) : "secret:" + e.get("name"));
        }
        return env;
    }

    @Test
    void theManifestsAreTheFourExpectedKinds() throws IOException {
        assertThat(load("deployment.yaml").get("kind")).isEqualTo("Deployment");
        assertThat(load("service.yaml").get("kind")).isEqualTo("Service");
        assertThat(load("secret.example.yaml").get("kind")).isEqualTo("Secret");
        assertThat(load("pdb.yaml").get("kind")).isEqualTo("PodDisruptionBudget");
        assertThat(map(map(load("pdb.yaml").get("spec")).get("selector")).get("matchLabels"))
                .isEqualTo(map(map(load("deployment.yaml").get("spec")).get("selector")).get("matchLabels"));
    }

    @Test
    void probesPortAndVariablesAreTheServersRealOnes() throws Exception {
        Map<String, Object> container = container();
        Map<String, String> env = env(container);

        // Every variable is one the server reads (a typo would be silently ignored otherwise).
        Map<String, String> sample = new HashMap<>(env);
        sample.put("DATABASE_URL", "mysql://user:pw@db:3306/openml");
        sample.put("NEXTAUTH_SECRET", "a-secret-of-at-least-32-characters-0123456789");
        Set<String> read = AuthServerConfig.variablesRead(sample);
        assertThat(read).containsAll(env.keySet());

        // The named ports are the server's and the metrics' ports, and the probes use them.
        Map<String, Integer> ports = new HashMap<>();
        list(container.get("ports")).forEach(p -> ports.put((String) map(p).get("name"), (Integer) map(p).get("containerPort")));
        assertThat(ports).containsEntry("http", Integer.parseInt(env.get("PORT")))
                .containsEntry("metrics", Integer.parseInt(env.get("AUTH_METRICS_PORT")));
        assertThat(Integer.parseInt(env.get("PORT"))).isEqualTo(AuthServerConfig.DEFAULT_PORT);
        List<String> probePaths = new ArrayList<>();
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
            assertThat(get.get("port")).as(probe).isEqualTo("http");
            probePaths.add("GET " + get.get("path"));
        }
        assertThat(probePaths).contains("GET /health", "GET /ready");

        // Those paths are real routes of the server, which also answers them as the probes expect.
        Map<String, String> run = ServerEnv.sqlite(dir, ServerEnv.freePort());
        java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        try (AuthServer server = AuthServer.create(AuthServerConfig.fromEnv(run), Clock.systemUTC(), new RecordingMailer()).start()) {
            assertThat(server.routes()).containsAll(probePaths);
            // The image's HEALTHCHECK: the jar's own health command.
            assertThat(Main.health(server.port(), quiet, quiet)).isZero();
        }
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        assertThat(Main.health(Integer.parseInt(run.get("PORT")), quiet, new java.io.PrintStream(said, true,
                java.nio.charset.StandardCharsets.UTF_8))).as("nothing listens any more").isEqualTo(1);
        assertThat(said.toString(java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("unhealthy: no answer from http://127.0.0.1:" + run.get("PORT") + "/health (").doesNotContain("null");

        // Kubernetes waits longer than the server drains: the grace, then requests in flight (as long again).
        Duration grace = Duration.parse(env.get("AUTH_SHUTDOWN_GRACE"));
        int terminationGrace = (Integer) map(map(map(load("deployment.yaml").get("spec")).get("template")).get("spec"))
                .get("terminationGracePeriodSeconds");
        assertThat(Duration.ofSeconds(terminationGrace)).isGreaterThan(grace.multipliedBy(2));
    }

    @Test
    void secretsComeFromTheSecretAndTheExampleHoldsEveryKeyTheDeploymentUses() throws IOException {
        Map<String, Object> secret = load("secret.example.yaml");
        Map<String, Object> keys = map(secret.get("stringData"));
        for (Object o : list(container().get("env"))) {
            Map<String, Object> e = map(o);
            String name = (String) e.get("name");
            if (List.of("NEXTAUTH_SECRET", "DATABASE_URL", "SMTP_PASS").contains(name)) {
                assertThat(e).as(name + " must come from the Secret").doesNotContainKey("value");
            }
            if (e.containsKey("valueFrom")) {
                Map<String, Object> ref = map(map(e.get("valueFrom")).get("secretKeyRef"));
                assertThat(ref.get("name")).isEqualTo(map(secret.get("metadata")).get("name"));
                assertThat(keys).as("the example Secret").containsKey((String) ref.get("key"));
            }
        }
    }

    @Test
    void theImageChecksHealthAndMapsTheArchiveItMade() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("HEALTHCHECK").contains("openml-auth-server.jar\", \"health\"]");
        String archive = "/app/openml-auth.jsa";
        assertThat(dockerfile).contains("-XX:ArchiveClassesAtExit=" + archive).contains("-XX:SharedArchiveFile=" + archive);
        assertThat(dockerfile).contains("EXPOSE " + AuthServerConfig.DEFAULT_PORT).contains("ENV PORT=" + AuthServerConfig.DEFAULT_PORT);
    }
}
