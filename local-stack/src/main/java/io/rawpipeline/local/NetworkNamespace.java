package io.rawpipeline.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A host of its own on this machine: a Linux network namespace joined to this one by a veth pair (iproute2; needs
 * root). A process launched there is reached at {@link #host()}'s address; {@link #cut()} takes its link down, so
 * connections to it hang (as across a network partition) instead of being refused (as by a dead process).
 */
public final class NetworkNamespace implements AutoCloseable {

    private final String name;
    private final String outside;
    private final String inside;
    private final Host host;

    private NetworkNamespace(String name, int subnet) {
        this.name = name;
        this.outside = name + "-out";
        this.inside = name + "-in";
        this.host = new Host("10.213." + subnet + ".2", List.of("ip", "netns", "exec", name));
    }

    /**
     * Creates namespace {@code name} (at most 11 characters: it names the veth ends too) with address
     * 10.213.{@code subnet}.2 ({@code subnet} 0 to 255), this machine's side being .1. A namespace of that name left
     * by an earlier run is replaced.
     */
    public static NetworkNamespace create(String name, int subnet) throws IOException {
        NetworkNamespace namespace = new NetworkNamespace(name, subnet);
        namespace.delete();
        try {
            ip("netns", "add", name);
            ip("link", "add", namespace.outside, "type", "veth", "peer", "name", namespace.inside);
            ip("link", "set", namespace.inside, "netns", name);
            ip("addr", "add", "10.213." + subnet + ".1/30", "dev", namespace.outside);
            ip("link", "set", namespace.outside, "up");
            namespace.inNamespace("addr", "add", namespace.host.address() + "/30", "dev", namespace.inside);
            namespace.inNamespace("link", "set", namespace.inside, "up");
            namespace.inNamespace("link", "set", "lo", "up");
        } catch (IOException e) {
            namespace.delete();
            throw e;
        }
        return namespace;
    }

    /** Whether this machine lets a process make namespaces (root and iproute2). */
    public static boolean available() {
        try {
            ip("netns", "list");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public Host host() {
        return host;
    }

    /** Drops every packet to and from the namespace, without telling either side. */
    public void cut() throws IOException {
        inNamespace("link", "set", inside, "down");
    }

    public void restore() throws IOException {
        inNamespace("link", "set", inside, "up");
    }

    @Override
    public void close() {
        delete();
    }

    private void delete() {
        try {
            // deleting the namespace deletes the veth pair with it
            ip("netns", "delete", name);
        } catch (IOException absent) {
            // nothing to delete
        }
    }

    private void inNamespace(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("netns", "exec", name, "ip"));
        command.addAll(List.of(args));
        ip(command.toArray(String[]::new));
    }

    private static void ip(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("Cannot run " + String.join(" ", command) + " (is iproute2 installed?): " + e, e);
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted running " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output
                    + (output.contains("Operation not permitted") ? " (network namespaces need root)" : ""));
        }
    }
}
