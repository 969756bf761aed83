package io.github.pieeprom.netboot;

import io.github.pieeprom.EepromException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A kernel command line, {@code cmdline.txt}: one line of arguments separated by spaces. Pure: the text in, the
 * text out.
 * <pre>
 * String netboot = Cmdline.withNfsRoot(Files.readString(boot.resolve("cmdline.txt")), "10.0.0.1:/srv/nfs/pi");
 * Cmdline.sdCardRoot("cmdline.txt", text).ifPresent(warning -&gt; System.err.println("warning: " + warning));
 * </pre>
 */
public final class Cmdline {
    private Cmdline() {
    }

    /**
     * The line with its root on NFS: every {@code root=} (and {@code rootfstype=}) argument's value replaced by
     * {@code SERVER:/PATH} (and {@code nfs}), those and {@code ip=dhcp} added at the end where missing, every
     * other argument kept in its place; one LF at the end. An {@code ip=} already there (a static address) is
     * kept. The kernel mounts {@code root=SERVER:/PATH rootfstype=nfs} as it mounts any non-block file system
     * (Linux 5.12 and later), with the network {@code ip=} configured first.
     */
    public static String withNfsRoot(String cmdline, String nfsRoot) {
        if (!nfsRoot.matches("[^\\s:/,]+:/[^\\s,]*")) throw EepromException.in("--nfs-root",
                "expected SERVER:/PATH such as 10.0.0.1:/srv/nfs/pi, found \"%s\"", EepromException.printable(nfsRoot));
        List<String> out = new ArrayList<>();
        boolean root = false, type = false, ip = false;
        for (String argument : arguments(cmdline)) {
            if (argument.startsWith("root=")) {
                out.add("root=" + nfsRoot);
                root = true;
            } else if (argument.startsWith("rootfstype=")) {
                out.add("rootfstype=nfs");
                type = true;
            } else {
                ip |= argument.startsWith("ip=");
                out.add(argument);
            }
        }
        if (!root) out.add("root=" + nfsRoot);
        if (!type) out.add("rootfstype=nfs");
        if (!ip) out.add("ip=dhcp");
        return String.join(" ", out) + "\n";
    }

    /**
     * A warning when the line still roots on the SD card ({@code root=/dev/mmcblk0p2} or
     * {@code root=PARTUUID=...}, as an SD-card install is): a board booting from the network with it mounts its
     * card, or waits forever without one. The last {@code root=} counts, as in the kernel.
     */
    public static Optional<String> sdCardRoot(String source, String cmdline) {
        String root = null;
        for (String argument : arguments(cmdline)) if (argument.startsWith("root=")) root = argument.substring(5);
        if (root == null || !(root.startsWith("/dev/mmcblk") || root.startsWith("PARTUUID="))) return Optional.empty();
        return Optional.of(("%s: root=%s is the SD card; a board that boots from the network needs its root there "
                + "too (root=/dev/nfs nfsroot=..., or --nfs-root SERVER:/PATH)").formatted(source,
                EepromException.printable(root)));
    }

    private static List<String> arguments(String cmdline) {
        String line = cmdline.strip();
        return line.isEmpty() ? List.of() : List.of(line.split("\\s+"));
    }
}
