package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Json;
import io.github.pieeprom.netboot.tftp.TftpEvent;
import io.github.pieeprom.netboot.tftp.TftpPacket;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code tftp serve} log: a line per request and per outcome, as text or JSON, and the counts for the summary.
 * Events arrive on the server's thread; {@link #summary()} runs after the server stopped.
 */
final class TftpLog {
    private final PrintWriter out;
    private final boolean json;
    private final Clock clock;
    private long requests, sent, sentBytes, notFound, refused, dropped, resent;
    private boolean summarized;

    TftpLog(PrintWriter out, boolean json, Clock clock) {
        this.out = out;
        this.json = json;
        this.clock = clock;
    }

    void started(Path root, InetSocketAddress address) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("root", root.toString());
        fields.put("address", address(address));
        line("listening", null, fields, "serving %s on %s".formatted(root, address(address)));
    }

    void record(TftpEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (event instanceof TftpEvent.Request r) {
            requests++;
            fields.put("kind", r.kind());
            fields.put("mode", r.mode());
            fields.put("options", r.options());
            String options = r.options().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
            line("request", event, fields, "%s %s %s%s".formatted(r.kind(), name(r.file()), r.mode(),
                    options.isEmpty() ? "" : " " + options).stripTrailing());     // a malformed one has no mode
        } else if (event instanceof TftpEvent.Sent s) {
            sent++;
            sentBytes += s.bytes();
            fields.put("bytes", s.bytes());
            fields.put("ms", s.elapsed().toMillis());
            fields.put("resent", s.resent());
            resent += s.resent();
            line("sent", event, fields, "%s: sent %d bytes in %d ms%s".formatted(name(s.file()), s.bytes(),
                    s.elapsed().toMillis(), again(s.resent())));
        } else if (event instanceof TftpEvent.Refused r && r.code() == TftpPacket.Error.NOT_FOUND) {
            notFound++;
            line("not-found", event, fields, name(r.file()) + ": not found");
        } else if (event instanceof TftpEvent.Refused r) {
            refused++;
            fields.put("code", r.code());
            fields.put("reason", r.reason());
            line("refused", event, fields, "%s: refused: %s".formatted(name(r.file()), r.reason()));
        } else if (event instanceof TftpEvent.Dropped d) {
            dropped++;
            fields.put("bytes", d.bytesSent());
            fields.put("resent", d.resent());
            fields.put("reason", d.reason());
            resent += d.resent();
            line("dropped", event, fields, "%s: dropped after %d bytes%s: %s".formatted(name(d.file()), d.bytesSent(),
                    again(d.resent()), d.reason()));
        }
    }

    /** The counts, once (Ctrl-C and the normal end may both ask). */
    synchronized void summary() {
        if (summarized) return;
        summarized = true;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("requests", requests);
        fields.put("sent", sent);
        fields.put("bytes", sentBytes);
        fields.put("notFound", notFound);
        fields.put("refused", refused);
        fields.put("dropped", dropped);
        fields.put("resent", resent);
        line("summary", null, fields, ("summary: %d requests, %d sent (%d bytes), %d not found, %d refused, %d dropped, "
                + "%d packets sent again").formatted(requests, sent, sentBytes, notFound, refused, dropped, resent));
        out.flush();
    }

    private synchronized void line(String kind, TftpEvent event, Map<String, Object> fields, String text) {
        String time = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
        if (json) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("time", time);
            object.put("event", kind);
            if (event != null) {
                object.put("client", address(event.client()));
                object.put("file", event.file());
            }
            object.putAll(fields);
            out.println(Json.line(object));
        } else {
            out.println(event == null ? time + " " + text : "%s %s %s".formatted(time, address(event.client()), text));
        }
        out.flush();
    }

    /** ", N packets sent again" after a transfer that needed retransmissions; nothing after a clean one. */
    private static String again(int resent) {
        return resent == 0 ? "" : ", %d packet%s sent again".formatted(resent, resent == 1 ? "" : "s");
    }

    /** The name as asked for, control characters escaped so that a client cannot forge log lines. */
    private static String name(String file) {
        return file.isEmpty() ? "-" : EepromException.printable(file);
    }

    /** A line of another server in the same process ({@code boot serve}'s DHCP and NETCONSOLE), in this log's form. */
    void note(String kind, String text) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("text", text);
        line(kind, null, fields, text);
    }

    static String address(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        if (!(a.getAddress() instanceof Inet6Address)) return host + ":" + a.getPort();
        return "[" + host.replaceFirst("(^|:)(0(:|$)){2,}", "::") + "]:" + a.getPort();   // ::1, not 0:0:...:1
    }
}
