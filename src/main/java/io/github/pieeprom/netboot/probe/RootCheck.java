package io.github.pieeprom.netboot.probe;

import io.github.pieeprom.netboot.Cmdline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the root filesystem cmdline.txt names answers: {@code nfsroot=SERVER:/path} on the NFS port 2049,
 * {@code ISCSI_TARGET_IP=SERVER} (initramfs-tools' iSCSI) on {@code ISCSI_TARGET_PORT} or 3260, each with a TCP
 * connect of {@value #CONNECT_MS} ms; and a root still on the SD card.
 */
final class RootCheck {
    static final int CONNECT_MS = 2000, NFS_PORT = 2049, ISCSI_PORT = 3260;

    private RootCheck() {
    }

    static List<Finding> of(String server, String cmdline) {
        List<Finding> out = new ArrayList<>();
        Cmdline.sdCardRoot(server + " cmdline.txt", cmdline).ifPresent(m -> out.add(Finding.warn("cmdline-sd-root", "%s", m)));
        String iscsiHost = null;
        int iscsiPort = ISCSI_PORT;
        for (String word : cmdline.strip().split("\\s+")) {
            if (word.startsWith("nfsroot=")) {
                String value = word.substring("nfsroot=".length());
                int colon = value.indexOf(':');
                if (colon > 0) check(server, "nfsroot", value.substring(0, colon), NFS_PORT, out);
            } else if (word.startsWith("ISCSI_TARGET_IP=")) {
                iscsiHost = word.substring("ISCSI_TARGET_IP=".length());
            } else if (word.startsWith("ISCSI_TARGET_PORT=") && word.substring(18).matches("\\d{1,5}")) {
                iscsiPort = Integer.parseInt(word.substring(18));
            }
        }
        if (iscsiHost != null && !iscsiHost.isEmpty()) check(server, "iSCSI target", iscsiHost, iscsiPort, out);
        return out;
    }

    private static void check(String server, String what, String host, int port, List<Finding> out) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_MS);
        } catch (IOException e) {
            out.add(Finding.fail("cmdline-root-unreachable", "%s cmdline.txt roots on the %s %s, which does not answer "
                    + "on TCP port %d (%s): start the server, open the port, or fix the address", server, what, host,
                    port, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}
