package io.rawpipeline.bench.parse;

import java.nio.file.Path;

/** One way of reading every row of the benchmark file. */
interface Contender extends AutoCloseable {

    String name();

    /** Reads the whole file and returns how many rows it read, so a contender that skips rows is caught. */
    long run(Path file) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
