package org.openml.auth.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The server's logging, set up in code (Logback finds it through {@code META-INF/services}): one
 * console appender, text or JSON as {@code LOG_FORMAT} says, at {@code LOG_LEVEL}. Logback's XML
 * configuration cost about 50 ms of every start (its parser and model classes); this costs none of
 * that. An operator's own file still wins: with {@code -Dlogback.configurationFile=…} this steps
 * aside and Logback reads that file.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";
    static final String LEVELS = "TRACE, DEBUG, INFO, WARN, ERROR or OFF";

    /**
     * The settings in use: the environment, or what {@link Main} merged from {@code --env-file}
     * before anything logged (after the first log line, Logback is configured and this is not read).
     */
    private static volatile Map<String, String> settings = System.getenv();

    /** Logback makes one through ServiceLoader. */
    public LogSetup() {}

    /** Takes {@code LOG_FORMAT} and {@code LOG_LEVEL} from {@code env} (e.g. with an env file merged in). */
    static void useSettings(Map<String, String> env) {
        settings = Map.copyOf(env);
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        apply(context, setting("LOG_FORMAT").orElse("text"), setting("LOG_LEVEL").orElse("INFO"));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Configures {@code context}: a console appender named after the format, the root logger at
     * {@code level}, and the libraries' chatter (Jetty, Javalin, HikariCP) at WARN. Values that are
     * not valid fall back to text and INFO; the configuration check names them before this runs.
     */
    static void apply(LoggerContext context, String format, String level) {
        boolean json = format.strip().equalsIgnoreCase("json");
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(json ? "json" : "text");
        console.setEncoder(json ? jsonEncoder(context) : textEncoder(context));
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(level(level).orElse(Level.INFO));
        root.addAppender(console);
        for (String quiet : new String[] {"org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari"}) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
    }

    /**
     * One JSON object per line: timestamp, level, threadName, loggerName, mdc (the request id),
     * formattedMessage and throwable; not the raw message with its arguments.
     */
    static JsonEncoder jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }

    /** The level {@code name} names (any case), or empty when it names none. */
    static Optional<Level> level(String name) {
        return switch (name.strip().toUpperCase(Locale.ROOT)) {
            case "TRACE" -> Optional.of(Level.TRACE);
            case "DEBUG" -> Optional.of(Level.DEBUG);
            case "INFO" -> Optional.of(Level.INFO);
            case "WARN" -> Optional.of(Level.WARN);
            case "ERROR" -> Optional.of(Level.ERROR);
            case "OFF" -> Optional.of(Level.OFF);
            default -> Optional.empty();
        };
    }

    /** A system property first (as Logback's XML read them), then the settings. */
    private static Optional<String> setting(String name) {
        String value = System.getProperty(name);
        if (value == null) value = settings.get(name);
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
