package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped logback.xml, loaded into a context of its own as the server's start does. Logback
 * prints its whole start-up status to the console whenever a warning occurred, so the file must
 * load without one in either format (it once printed 29 lines on every start and health check).
 */
class LogbackConfigTest {

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void theShippedConfigurationLoadsWithoutAWarningAndUsesTheChosenFormat(String format) throws Exception {
        URL file = Main.class.getClassLoader().getResource("logback.xml");
        assertThat(file).as("logback.xml in the server jar").isNotNull();
        LoggerContext context = new LoggerContext();
        context.putProperty("LOG_FORMAT", format);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);

        configurator.doConfigure(file);

        assertThat(context.getStatusManager().getCopyOfStatusList())
                .filteredOn(s -> s.getLevel() >= Status.WARN).extracting(Status::getMessage).isEmpty();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender(format)).as("the root logger writes with " + format).isNotNull();
        assertThat(root.getAppender("text".equals(format) ? "json" : "text")).isNull();
        context.stop();
    }
}
