package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/**
 * The server's logging set-up, on a context of its own as Logback's start-up gives it. Logback
 * prints its whole start-up status to the console whenever a warning occurred, so the set-up must
 * make none in either format (the XML file it replaced once printed 29 lines on every start).
 */
class LogSetupTest {
    private final LoggerContext context = new LoggerContext();

    LogSetupTest() {
        // As Logback's start-up does for its own context (its MDC: where the request id is).
        context.setMDCAdapter(MDC.getMDCAdapter());
    }

    @AfterEach
    void stop() {
        context.stop();
        LogSetup.useSettings(System.getenv());
    }

    @Test
    void textLinesCarryTimeLevelThreadLoggerAndMessage() {
        LogSetup.apply(context, "text", "INFO");
        String out = capture("text", () -> context.getLogger("org.openml.auth.Example").info("hello {}", "there"));

        assertThat(out).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  \\[[^]]+\\]"
                + " org.openml.auth.Example - hello there\\R");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void jsonLinesAreOneObjectEachWithTheRequestIdAndNoRawMessage() throws Exception {
        LogSetup.apply(context, "json", "INFO");
        MDC.put("requestId", "r-1");
        String out;
        try {
            out = capture("json", () -> context.getLogger("org.openml.auth.Example").warn("hello {}", "there"));
        } finally {
            MDC.remove("requestId");
        }

        assertThat(out.strip()).doesNotContain("\n");
        JsonNode line = new ObjectMapper().readTree(out);
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("loggerName").asText()).isEqualTo("org.openml.auth.Example");
        assertThat(line.get("formattedMessage").asText()).isEqualTo("hello there");
        assertThat(line.get("mdc").get("requestId").asText()).isEqualTo("r-1");
        assertThat(line.has("message")).isFalse();
        assertThat(line.has("arguments")).isFalse();
        assertThat(warnings()).isEmpty();
    }

    @Test
    void theRootLevelIsLogLevelAndTheLibrariesSayOnlyWarnings() {
        LogSetup.apply(context, "text", "debug");

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.javalin.Javalin").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.zaxxer.hikari.pool.HikariPool").getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void theSettingsComeFromTheEnvironmentMainGives() {
        LogSetup.useSettings(Map.of("LOG_FORMAT", "json", "LOG_LEVEL", "WARN"));
        LogSetup setup = new LogSetup();
        setup.setContext(context);

        assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("json")).isNotNull();
        assertThat(root.getAppender("text")).isNull();
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
    }

    /** In JVMs of their own, as the server starts: Logback is configured once, at the first log line. */
    @Test
    void anEnvFileSetsTheFormatAndTheLevel(@TempDir Path dir) throws Exception {
        List<String> json = initDb(dir, "LOG_FORMAT=json\nLOG_LEVEL=info\n");
        List<JsonNode> logged = new java.util.ArrayList<>();
        for (String line : json) if (line.startsWith("{")) logged.add(new ObjectMapper().readTree(line));
        assertThat(logged).as(String.join("\n", json))
                .anySatisfy(l -> assertThat(l.get("loggerName").asText()).isEqualTo("org.openml.auth.jdbc.JdbcStores"));

        List<String> quiet = initDb(dir, "LOG_FORMAT=text\nLOG_LEVEL=error\n");
        assertThat(quiet).as("no INFO line at LOG_LEVEL=error").noneMatch(l -> l.contains(" INFO "));
        assertThat(quiet).as("init-db's own report").anyMatch(l -> l.startsWith("Schema ready in"));
    }

    /** The output lines of {@code init-db} run with {@code settings} in an env file. */
    private static List<String> initDb(Path dir, String settings) throws Exception {
        Path envFile = dir.resolve(".env.local");
        Files.writeString(envFile, settings + "SQLITE_PATH=" + dir.resolve("auth.db") + "\n");
        // The environment would win over the file.
        return ChildJvm.run(k -> k.startsWith("LOG_") || k.startsWith("MYSQL_") || k.equals("DATABASE_URL"),
                Main.class, "--env-file", envFile.toString(), "init-db");
    }

    @Test
    void anOperatorsOwnLogbackFileWins() {
        System.setProperty("logback.configurationFile", "/etc/openml-auth/logback.xml");
        try {
            LogSetup setup = new LogSetup();
            setup.setContext(context);
            assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
        } finally {
            System.clearProperty("logback.configurationFile");
        }
    }

    @Test
    void logbackFindsItAsAService() {
        assertThat(ServiceLoader.load(Configurator.class, Main.class.getClassLoader()).stream().<Class<?>>map(p -> p.type()))
                .contains(LogSetup.class);
    }

    @Test
    void levelsAreReadInAnyCaseAndNothingElseIsALevel() {
        assertThat(LogSetup.level(" warn ")).contains(Level.WARN);
        assertThat(LogSetup.level("Off")).contains(Level.OFF);
        assertThat(LogSetup.level("verbose")).isEmpty();
        assertThat(LogSetup.level("")).isEmpty();
    }

    /** What the console appender named {@code name} writes while {@code logging} runs. */
    private String capture(String name, Runnable logging) {
        @SuppressWarnings("unchecked")
        OutputStreamAppender<?> console = (OutputStreamAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(name);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        console.setOutputStream(out);
        logging.run();
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<String> warnings() {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() >= Status.WARN).map(Status::getMessage).toList();
    }
}
