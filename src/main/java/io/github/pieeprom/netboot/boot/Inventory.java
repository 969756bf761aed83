package io.github.pieeprom.netboot.boot;

import io.github.pieeprom.netboot.dhcp.DhcpPacket;
import io.github.pieeprom.netboot.dhcp.PiFacts;
import io.github.pieeprom.netboot.dhcp.PiGuid;
import io.github.pieeprom.netboot.tftp.TftpEvent;
import io.github.pieeprom.netboot.tftp.TftpPacket;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The boards a boot server has seen, built from what they send: DHCP messages (MAC, option 97, the address asked
 * for), TFTP requests (the address, the serial folder, the files) and NETCONSOLE datagrams. Pure and thread-safe:
 * the servers' threads call it with the time of each event; {@link BootServer} writes {@link #boards()} out.
 * <pre>
 * Inventory inventory = new Inventory(List.of());
 * inventory.dhcp(discover, true, now);
 * inventory.tftp(new TftpEvent.Request(client, "5b154510/start4.elf", "RRQ", "octet", Map.of()), now);
 * </pre>
 */
public final class Inventory {
    /** A Pi's first request names its folder: 8 hex digits (TFTP_PREFIX=0), then the file. */
    private static final Pattern SERIAL_FILE = Pattern.compile("([0-9a-f]{8})/(.+)");
    private static final Pattern FIRST_FILES = Pattern.compile("start4?\\.elf|config\\.txt");

    private final List<Board> boards;
    private long changes;

    public Inventory(List<Board> known) {
        this.boards = new ArrayList<>(known);
    }

    /** The boards, first seen first. */
    public synchronized List<Board> boards() {
        return List.copyOf(boards);
    }

    /**
     * Waits until the inventory has changed since {@code seen} (a value this returned before; -1 at first), at most
     * {@code millis}; returns the count of changes, which grows with each.
     */
    public synchronized long awaitChange(long seen, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (changes == seen && System.nanoTime() < end) wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
        return changes;
    }

    /** A DHCP request from a Pi (by option 60 and 97, or by its MAC): other clients are not boards. */
    public synchronized void dhcp(DhcpPacket request, boolean offered, Instant now) {
        Optional<PiGuid> guid = request.options().bytes(DhcpPacket.CLIENT_GUID).flatMap(PiGuid::parse);
        boolean piGuid = guid.map(g -> g.fourcc().equals(PiFacts.FOURCC_PI4) || g.fourcc().equals(PiFacts.FOURCC_PI5))
                .orElse(false);
        if (request.op() != DhcpPacket.BOOTREQUEST || !(piGuid || PiFacts.isPi(request) || PiFacts.hasPiMac(request.chaddr())
                || find(b -> b.mac().equals(request.chaddr())) >= 0))
            return;
        int at = find(b -> b.mac().equals(request.chaddr()));
        String serial = guid.map(PiGuid::serial).orElse("");
        if (at < 0 && !serial.isEmpty()) at = find(b -> b.serial().equals(serial) && b.mac().isEmpty());
        Board board = at < 0 ? Board.first(now) : boards.get(at);
        String ip = request.options().address(DhcpPacket.REQUESTED_ADDRESS).map(InetAddress::getHostAddress)
                .orElse(request.ciaddr().isAnyLocalAddress() ? board.ip() : request.ciaddr().getHostAddress());
        board = board.with(request.chaddr(), serial.isEmpty() ? board.serial() : serial,
                guid.map(PiGuid::revisionHex).filter(r -> !r.isEmpty()).orElse(board.revision()),
                guid.map(PiGuid::fourcc).filter(f -> !f.isEmpty()).orElse(board.fourcc()), ip).seen(now, 1, offered, 0);
        put(at, board);
    }

    /** A TFTP event: the board is found by its address, or by the serial folder of its first request. */
    public synchronized void tftp(TftpEvent event, Instant now) {
        String ip = event.client().getAddress().getHostAddress();
        Matcher m = SERIAL_FILE.matcher(event.file());
        String serial = m.matches() ? m.group(1) : "";
        int at = find(b -> b.ip().equals(ip));
        if (at < 0 && !serial.isEmpty()) at = find(b -> b.serial().equals(serial));
        if (at < 0 && !(event instanceof TftpEvent.Request)) return;     // an outcome of a request made before a restart
        Board board = at < 0 ? Board.first(now) : boards.get(at);
        board = board.with(board.mac(), board.serial().isEmpty() ? serial : board.serial(), board.revision(),
                board.fourcc(), ip);
        String name = m.matches() ? m.group(2) : event.file();
        List<String> files = new ArrayList<>(board.files());
        boolean fell = board.fellBack(), configNoOptions = board.configWithoutOptions();
        String error = board.lastError();
        if (event instanceof TftpEvent.Request r) {
            board = board.seen(now, 0, false, 1);
            if (name.equals("config.txt") && r.options().isEmpty()) configNoOptions = true;
        } else if (event instanceof TftpEvent.Sent s) {
            if (!files.contains(s.file())) files.add(s.file());
        } else if (event instanceof TftpEvent.Refused r) {
            if (r.code() != TftpPacket.Error.NOT_FOUND) error = r.file() + ": " + r.reason();
            else if (m.matches() && FIRST_FILES.matcher(name).matches()
                    && board.files().stream().noneMatch(f -> f.startsWith(m.group(1) + "/")))
                fell = true;
        } else if (event instanceof TftpEvent.Dropped d) {
            error = d.file() + ": " + d.reason();
        }
        put(at, board.withTftp(files, fell, configNoOptions, error));
    }

    /** A NETCONSOLE datagram from {@code source}: the board it came from, and its log file's name under logs/. */
    public synchronized Board netconsole(InetAddress source, Instant now) {
        String ip = source.getHostAddress();
        int at = find(b -> b.ip().equals(ip));
        Board board = at < 0 ? Board.first(now).with("", "", "", "", ip) : boards.get(at);
        if (board.log().isEmpty()) board = board.withLog(board.id().replace(':', '-') + ".log");
        board = board.seen(now, 0, false, 0);
        put(at, board);
        return board;
    }

    private int find(java.util.function.Predicate<Board> test) {
        for (int i = 0; i < boards.size(); i++) if (test.test(boards.get(i))) return i;
        return -1;
    }

    private void put(int at, Board board) {
        if (at < 0) boards.add(board);
        else boards.set(at, board);
        changes++;
        notifyAll();
    }
}
