package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's start command, {@code ./openml-auth}: run against a stand-in jar whose main prints
 * the JVM options it was started with, on the JDK that runs the tests. The stand-in exits
 * normally, which is when a JDK 17 writes its archive, as the server does when it stops.
 */
class LauncherTest {
    static final Path LAUNCHER = DocsLinksTest.ROOT.resolve("openml-auth");
    static final int FEATURE = Runtime.version().feature();

    @TempDir
    Path dir;
    Path jar;

    /** The stand-in's main: its JVM options, one per line, then its arguments. */
    public static final class Probe {
        public static void main(String[] args) {
            ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(a -> System.out.println("jvm " + a));
            for (String arg : args) System.out.println("arg " + arg);
        }
    }

    @BeforeEach
    void standIn() throws IOException {
        jar = dir.resolve("openml-auth-server.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Probe.class.getName());
        String entry = Probe.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest);
                InputStream klass = Probe.class.getClassLoader().getResourceAsStream(entry)) {
            j.putNextEntry(new JarEntry(entry));
            klass.transferTo(j);
            j.closeEntry();
        }
    }

    @Test
    void itStartsWithTheReadmesMemoryOptionsAndPassesTheArgumentsOn() throws Exception {
        Run run = launch(Map.of("JAVA_OPTS", "-Dfrom.java.opts=1"), "--env-file", "x.env");
        assertThat(run.exit).isZero();
        assertThat(run.jvm()).contains("-Xmx64m", "-Xms16m", "-Xss512k", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=32m",
                "-XX:MaxMetaspaceSize=80m");
        // JAVA_OPTS come after the defaults, so an operator's -Xmx wins.
        assertThat(run.jvm()).endsWith("-Dfrom.java.opts=1");
        assertThat(run.args()).containsExactly("--env-file", "x.env");
    }

    @Test
    void serveMakesTheArchiveOnceAndEveryLaterStartMapsIt() throws Exception {
        Path archive = dir.resolve("openml-auth-server-jdk" + System.getProperty("java.version") + ".jsa");

        Run first = launch(Map.of());
        assertThat(first.exit).isZero();
        assertThat(archive).isNotEmptyFile();
        assertThat(first.output).doesNotContain("[cds]"); // the JVM's notes on skipped classes stay out of the log

        Run second = launch(Map.of(), "serve");
        assertThat(second.jvm()).contains("-XX:SharedArchiveFile=" + archive);
        if (FEATURE >= 19) {
            assertThat(first.jvm()).contains("-XX:+AutoCreateSharedArchive");
        } else {
            assertThat(first.jvm()).contains("-XX:ArchiveClassesAtExit=" + archive);
            assertThat(second.jvm()).noneMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit"));
            // A rebuilt jar makes the archive stale: the next serve writes it again.
            Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
            assertThat(launch(Map.of()).jvm()).contains("-XX:ArchiveClassesAtExit=" + archive);
        }
    }

    @Test
    void otherCommandsUseAnArchiveButNeverWriteOne() throws Exception {
        Run doctor = launch(Map.of(), "doctor");
        assertThat(doctor.jvm()).noneMatch(a -> a.contains("Archive"));
        assertThat(dir).isDirectoryNotContaining("glob:**.jsa");
        launch(Map.of()); // serve: makes it
        assertThat(launch(Map.of(), "--env-file", ".env", "users", "find", "x").jvm())
                .anyMatch(a -> a.startsWith("-XX:SharedArchiveFile=")).noneMatch(a -> a.contains("AutoCreate") || a.contains("AtExit"));
    }

    @Test
    void theArchiveCanBeLeftOutOrPutElsewhere() throws Exception {
        assertThat(launch(Map.of("OPENML_AUTH_CDS", "off")).jvm()).noneMatch(a -> a.contains("Archive"));
        Path elsewhere = Files.createDirectory(dir.resolve("cds"));
        launch(Map.of("OPENML_AUTH_CDS", elsewhere.toString()));
        assertThat(elsewhere).isDirectoryContaining("glob:**.jsa");
    }

    @Test
    void withoutTheJarItSaysHowToBuildIt() throws Exception {
        Run run = launch(Map.of("OPENML_AUTH_JAR", dir.resolve("missing.jar").toString()));
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.output).contains("no server jar at", "mvn -B -q -DskipTests");
    }

    record Run(int exit, String output) {
        List<String> jvm() {
            return lines("jvm ");
        }

        List<String> args() {
            return lines("arg ");
        }

        private List<String> lines(String prefix) {
            return output.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
        }
    }

    private Run launch(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        environment.put("OPENML_AUTH_JAR", jar.toString());
        environment.remove("JAVA_OPTS");
        environment.remove("OPENML_AUTH_CDS");
        environment.putAll(new HashMap<>(env));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
