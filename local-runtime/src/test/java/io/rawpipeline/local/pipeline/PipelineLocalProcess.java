package io.rawpipeline.local.pipeline;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What {@code pipeline local} runs ({@link LocalRun}), as a process of its own that a test can kill: arguments are
 * the data folder and the Connect plugin path; the inbox is the data folder's. It prints what the command prints.
 */
final class PipelineLocalProcess {

    private PipelineLocalProcess() {
    }

    public static void main(String[] args) throws Exception {
        new LocalRun(Path.of(args[0]), Path.of(args[1]), null, null).run(new PrintWriter(System.out, true));
    }
}
