package io.github.pieeprom.netboot.boot;

import io.github.pieeprom.testing.Peers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One Ethernet link of network namespaces for a test: a bridge in a namespace of its own and a host namespace per
 * name, each with an {@code eth0} on the bridge. Removed on close (the veths go with their namespaces). Where
 * namespaces cannot be made the test skips, and fails in CI.
 */
final class TestNetwork implements AutoCloseable {
    private final String id = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36);
    private final Map<String, String> namespaces = new LinkedHashMap<>();
    private final String lan = "pe-" + id + "-lan";

    private TestNetwork() {
    }

    static TestNetwork create(String... hosts) {
        Peers.require(Peers.run("ip", "-V").exit() == 0, "ip (Debian package iproute2) is not installed");
        TestNetwork net = new TestNetwork();
        Peers.Run probe = Peers.run("ip", "netns", "add", net.lan);
        Peers.require(probe.exit() == 0, "cannot make a network namespace: " + probe.stderr().strip());
        net.namespaces.put("lan", net.lan);
        try {
            net.must("ip", "-n", net.lan, "link", "add", "br0", "type", "bridge");
            net.must("ip", "-n", net.lan, "link", "set", "br0", "up");
            for (String host : hosts) net.addHost(host);
            return net;
        } catch (RuntimeException | Error e) {
            net.close();
            throw e;
        }
    }

    private void addHost(String host) {
        String ns = "pe-" + id + "-" + host, a = "a" + id + host, b = "b" + id + host;
        must("ip", "netns", "add", ns);
        namespaces.put(host, ns);
        must("ip", "link", "add", a.substring(0, Math.min(15, a.length())), "type", "veth", "peer", "name",
                b.substring(0, Math.min(15, b.length())));
        a = a.substring(0, Math.min(15, a.length()));
        b = b.substring(0, Math.min(15, b.length()));
        must("ip", "link", "set", a, "netns", ns);
        must("ip", "-n", ns, "link", "set", a, "name", "eth0");
        must("ip", "link", "set", b, "netns", lan);
        must("ip", "-n", lan, "link", "set", b, "master", "br0");
        must("ip", "-n", lan, "link", "set", b, "up");
        must("ip", "-n", ns, "link", "set", "lo", "up");
    }

    /** Brings the host's eth0 up with {@code mac}, the address {@code cidr} (or none, with a route for broadcasts). */
    TestNetwork up(String host, String mac, String cidr) {
        String ns = namespaces.get(host);
        must("ip", "-n", ns, "link", "set", "eth0", "address", mac);
        must("ip", "-n", ns, "link", "set", "eth0", "up");
        if (cidr != null) must("ip", "-n", ns, "addr", "add", cidr, "dev", "eth0");
        else must("ip", "-n", ns, "route", "add", "default", "dev", "eth0");   // a DHCP client's broadcasts need one
        return this;
    }

    String namespace(String host) {
        return namespaces.get(host);
    }

    /** {@code command} as run inside the host's namespace. */
    List<String> in(String host, String... command) {
        List<String> out = new ArrayList<>(List.of("ip", "netns", "exec", namespaces.get(host)));
        out.addAll(List.of(command));
        return out;
    }

    private void must(String... command) {
        Peers.Run r = Peers.run(command);
        if (r.exit() != 0) throw new AssertionError(String.join(" ", command) + ": " + r.stderr().strip());
    }

    @Override
    public void close() {
        for (String ns : namespaces.values()) Peers.run("ip", "netns", "del", ns);
    }
}
