package io.rawpipeline.local.pipeline;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integration tests' one harness: the parts {@code pipeline demo} runs ({@link LocalPipeline}), started once
 * per test class in a temporary folder, the Connect worker on the plugin path the build made.
 */
public abstract class LocalPipelineTest {

    @TempDir
    protected static Path dataDir;

    protected static LocalPipeline pipeline;

    @BeforeAll
    static void startPipeline() throws Exception {
        pipeline = LocalPipeline.start(dataDir, Path.of(System.getProperty("rawpipeline.plugin.path")),
                System.out::println);
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
        }
    }
}
