package io.rawpipeline.bench;

import io.rawpipeline.local.pipeline.Memory;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.stream.Collectors;

/** What every benchmark prints first and measures with: the JVM and machine it ran on, and this process's CPU time. */
public final class BenchEnvironment {

    private BenchEnvironment() {
    }

    public static void print(PrintWriter out) {
        Runtime runtime = Runtime.getRuntime();
        String collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
        out.printf(Locale.ROOT, "JVM:     %s %s (%s), max heap %d MB, GC %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), System.getProperty("java.vm.vendor"),
                runtime.maxMemory() >> 20, collectors);
        out.printf(Locale.ROOT, "Machine: %s %s, %d cores available%n", System.getProperty("os.name"),
                System.getProperty("os.arch"), runtime.availableProcessors());
    }

    /** Peak resident memory of this JVM and of the other processes given (the registry's), summed. */
    public static long peakRssBytes(long... otherPids) {
        long bytes = Memory.peakRssBytes(ProcessHandle.current().pid());
        for (long pid : otherPids) {
            bytes += Memory.peakRssBytes(pid);
        }
        return bytes;
    }

    /** CPU time of this whole process (every thread), in nanoseconds. */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
