package io.rawpipeline.local.pipeline;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Sends the parts' logs to a file, so the terminal shows the command's progress and only errors besides. */
public final class LogFile {

    private LogFile() {
    }

    public static void redirectTo(Path file) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        FileAppender appender = FileAppender.newBuilder()
                .setName("pipeline-log")
                .withFileName(file.toString())
                .setLayout(PatternLayout.newBuilder().withConfiguration(config)
                        .withPattern("%d{ISO8601} %-5level [%t] %c{1.} - %msg%n").build())
                .setConfiguration(config)
                .build();
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        for (Appender console : root.getAppenders().values()) {
            root.removeAppender(console.getName());
            root.addAppender(console, Level.ERROR, null);
        }
        root.addAppender(appender, null, null);
        // the in-process broker logs retried client requests as errors; clients report what really fails
        LoggerConfig broker = new LoggerConfig("kafka", Level.WARN, false);
        broker.addAppender(appender, null, null);
        config.addLogger("kafka", broker);
        context.updateLoggers();
    }
}
