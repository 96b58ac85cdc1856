package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs a class's {@code main} in a JVM of its own on this test's class path: for what happens once
 * per JVM (Logback's set-up, loading a native library), which this JVM has already done.
 */
final class ChildJvm {
    private ChildJvm() {}

    /** Its output (stdout and stderr) as lines; fails the test unless it exits with 0 within a minute. */
    static List<String> run(Predicate<String> dropFromEnvironment, Class<?> main, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(dropFromEnvironment);
        Process child = builder.start();
        List<String> lines = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("exits within a minute").isTrue();
        assertThat(child.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }
}
