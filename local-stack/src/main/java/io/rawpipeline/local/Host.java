package io.rawpipeline.local;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a child process runs: the address it listens on and reached at, and the command that launches a program
 * there ({@code ip netns exec <name>} for a {@link NetworkNamespace}, nothing for this machine's loopback).
 */
public record Host(String address, List<String> launcher) {

    public static final Host LOOPBACK = new Host("127.0.0.1", List.of());

    public Host {
        launcher = List.copyOf(launcher);
    }

    /** {@code command} as launched on this host. */
    public List<String> command(List<String> command) {
        List<String> launched = new ArrayList<>(launcher);
        launched.addAll(command);
        return launched;
    }
}
