package io.rawpipeline.bench;

import io.rawpipeline.local.pipeline.LocalPipeline;
import io.rawpipeline.local.pipeline.LogFile;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** The local pipeline a benchmark runs on: in an emptied data folder, its logs in a file there, not on the console. */
public final class BenchPipeline {

    private BenchPipeline() {
    }

    public static LocalPipeline start(Path dataDir, Path pluginPath, PrintWriter progress) throws Exception {
        emptyWithLogFile(dataDir, "pipeline.log", progress);
        PrintStream stdout = System.out;
        System.setOut(System.err); // formatting the broker's storage prints to stdout
        try {
            return LocalPipeline.start(dataDir, pluginPath, line -> {
                progress.println(line);
                progress.flush();
            });
        } finally {
            System.setOut(stdout);
        }
    }

    /** Empties the data folder and sends the logs to {@code logs/<logFile>} in it, saying so on {@code progress}. */
    public static void emptyWithLogFile(Path dataDir, String logFile, PrintWriter progress) throws Exception {
        LocalPipeline.deleteData(dataDir);
        Path log = dataDir.resolve("logs").resolve(logFile);
        Files.createDirectories(log.getParent());
        LogFile.redirectTo(log);
        progress.println("logs in " + log);
        progress.flush();
    }
}
