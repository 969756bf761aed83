package io.github.pieeprom.netboot.boot;

import io.github.pieeprom.netboot.dhcp.DhcpEvent;
import io.github.pieeprom.netboot.dhcp.DhcpServer;
import io.github.pieeprom.netboot.dhcp.ProxyDhcp;
import io.github.pieeprom.netboot.profile.Change;
import io.github.pieeprom.netboot.profile.Profiles;
import io.github.pieeprom.netboot.tftp.TftpConfig;
import io.github.pieeprom.netboot.tftp.TftpEvent;
import io.github.pieeprom.netboot.tftp.TftpServer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * {@code eeprom boot serve}: the TFTP server, the proxy DHCP responder and a NETCONSOLE receiver in one process, with
 * the board inventory they feed written to the state folder as it changes (by a thread of its own, so that
 * the servers never wait for the disk), and when stopped.
 * <pre>
 * try (BootServer server = BootServer.start(config, tftp -&gt; tftp, Clock.systemUTC(), tftpEvent -&gt; { },
 *         dhcpEvent -&gt; { }, notes::add)) {
 *     server.awaitClose();
 * }
 * </pre>
 */
public final class BootServer implements AutoCloseable {
    private static final long FLUSH_MILLIS = 500;
    /**
     * The least time between two writes of the state: a 100-board storm makes about 1,500 changes in 15 s, and
     * writing the whole inventory after each one cost 0.5 s of CPU (measured with bench/boot-storm.sh). Short enough
     * that {@code boot status}, run right after a board booted, reads it (its JVM takes longer to start).
     */
    private static final long WRITE_GAP_MILLIS = 50;

    private final BootServerConfig config;
    private final Inventory inventory;
    private final Clock clock;
    private final Path state;
    private TftpServer tftp;
    private DhcpServer dhcp;
    private Netconsole netconsole;
    private final Thread flusher;
    private Consumer<String> notes = note -> { };
    private volatile boolean closing;
    private boolean started;
    private FileChannel serving;
    private static final String SERVING = "serving.lock";

    private BootServer(BootServerConfig config, Inventory inventory, Clock clock) {
        this.config = config;
        this.inventory = inventory;
        this.clock = Clock.tick(clock, java.time.Duration.ofMillis(1));     // times in the state: milliseconds
        this.state = BootStateFiles.folder(config.root(), config.state());
        this.flusher = new Thread(this::flushLoop, "boot-state");
    }

    /**
     * Starts the servers the config asks for, reading the inventory left by an earlier run. {@code tftpTuning}
     * adds the TFTP limits; the listeners hear every event (for the log) after the inventory has; {@code notes}
     * hears each NETCONSOLE line ({@code netconsole 10.0.0.50: text}) and what went wrong writing the state.
     */
    public static BootServer start(BootServerConfig config, java.util.function.UnaryOperator<TftpConfig> tftpTuning,
                                   Clock clock, Consumer<TftpEvent> tftpLog, Consumer<DhcpEvent> dhcpLog,
                                   Consumer<String> notes) throws IOException {
        Path state = BootStateFiles.folder(config.root(), config.state());
        BootServer server = new BootServer(config, new Inventory(BootStateFiles.read(state)), clock);
        server.notes = notes;
        try {
            InetSocketAddress tftpBind = config.bind() == null ? new InetSocketAddress(config.tftpPort())
                    : new InetSocketAddress(config.bind(), config.tftpPort());
            server.tftp = TftpServer.start(tftpTuning.apply(TftpConfig.of(config.root())).withBind(tftpBind)
                    .withListener(e -> {
                        server.inventory.tftp(e, server.clock.instant());
                        if (e instanceof TftpEvent.Sent sent) server.backFromOneShot(sent.file());
                        tftpLog.accept(e);
                    }));
            if (config.dhcpPort() >= 0) {
                ProxyDhcp proxy = new ProxyDhcp((Inet4Address) config.bind(), config.menuText());
                server.dhcp = DhcpServer.start(new InetSocketAddress(config.bind(), config.dhcpPort()), proxy, e -> {
                    if (e instanceof DhcpEvent.Received r)
                        server.inventory.dhcp(r.packet(), r.answer().isPresent(), server.clock.instant());
                    dhcpLog.accept(e);
                });
            }
            if (config.netconsolePort() >= 0) {
                InetSocketAddress bind = config.bind() == null ? new InetSocketAddress(config.netconsolePort())
                        : new InetSocketAddress(config.bind(), config.netconsolePort());
                server.netconsole = Netconsole.start(bind, (from, line) -> {
                    if (from.getPort() == 0) {                          // the receiver itself failed
                        notes.accept(line);
                        return;
                    }
                    server.file(from, line);
                    notes.accept("netconsole " + from.getAddress().getHostAddress() + ": " + line);
                });
            }
            server.serving = serving(config.root(), state);               // last: a failed start leaves nothing under ROOT
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        server.flusher.start();
        server.started = true;
        return server;
    }

    public InetSocketAddress tftpAddress() {
        return tftp.address();
    }

    public int dhcpPort() {
        return dhcp == null ? -1 : dhcp.port();
    }

    public int netconsolePort() throws IOException {
        return netconsole == null ? -1 : netconsole.port();
    }

    public Path stateFolder() {
        return state;
    }

    /**
     * Whether a boot server runs with the state folder {@code state} ({@link BootStateFiles#folder}): it holds an OS
     * lock on {@code STATE/serving.lock} for as long as it runs (released by the OS if it dies), which is what
     * {@code boot set --once} needs.
     */
    public static boolean isServing(Path state) throws IOException {
        Path lock = state.resolve(SERVING);
        if (!Files.exists(lock)) return false;
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) return true;                              // another process holds it
            held.release();
            return false;
        } catch (OverlappingFileLockException e) {                      // this JVM holds it: a server runs here
            return true;
        }
    }

    /** Takes the lock {@link #isServing} looks for; a second server on the same root is refused. */
    private static FileChannel serving(Path root, Path folder) throws IOException {
        Path state = Files.createDirectories(folder);
        FileChannel channel = FileChannel.open(state.resolve(SERVING), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() != null) return channel;
        } catch (OverlappingFileLockException e) {
            // below
        }
        channel.close();
        throw new IOException(root + ": another eeprom boot serve serves this folder");
    }

    /**
     * A completed transfer of {@code file} ({@code 1234abcd/kernel8.img}): when it is the kernel of the board's
     * one-shot profile ({@code boot set --once}), the board goes back to the profile it had before.
     */
    private void backFromOneShot(String file) {
        try {
            Profiles.fetched(config.root(), file, new Change("boot-server", clock.instant())).ifPresent(s ->
                    notes.accept("board " + s.board() + ": one-shot boot of " + s.from() + " done, back to " + s.to()));
        } catch (IOException | RuntimeException e) {
            notes.accept("cannot put board " + file + " back from its one-shot boot: " + e.getMessage());
        }
    }

    /** Appends a NETCONSOLE line to its board's log, with the time it came. */
    private void file(InetSocketAddress from, String line) {
        Board board = inventory.netconsole(from.getAddress(), clock.instant());
        Path log = BootStateFiles.log(state, board);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, clock.instant() + " " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            notes.accept("cannot write " + log + ": " + e.getMessage());
        }
    }

    private void flushLoop() {
        long written = -1;
        try {
            while (!closing) {
                long changes = inventory.awaitChange(written, FLUSH_MILLIS);
                if (changes == written) continue;
                try {
                    BootStateFiles.write(state, inventory.boards());
                    written = changes;
                    Thread.sleep(WRITE_GAP_MILLIS);             // changes meanwhile go in the next write
                } catch (IOException e) {                       // a full disk, say: tried again at the next change
                    notes.accept("cannot write the state to " + state + ": " + e.getMessage());
                    written = changes;
                }
            }
        } catch (InterruptedException e) {
            // stopping
        }
    }

    /** Blocks until the server has stopped (another thread called {@link #close()}). */
    public void awaitClose() throws InterruptedException {
        if (tftp != null) tftp.awaitClose();
    }

    /**
     * Stops every server, then writes the inventory once more. A state that cannot be written (a full disk) is a
     * note, as while serving: close runs in the signal handler's thread, where an exception is a stack trace.
     */
    @Override
    public void close() {
        closing = true;                                    // the flusher sees it within FLUSH_MILLIS (an interrupt
        try {                                              // would close the file it may be writing)
            if (flusher.isAlive()) flusher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (netconsole != null) netconsole.close();
        } catch (IOException e) {
            // closing a UDP socket has nothing to flush
        }
        if (dhcp != null) dhcp.close();
        if (tftp != null) tftp.close();
        try {
            if (started) BootStateFiles.write(state, inventory.boards());   // a failed start leaves no state file
        } catch (IOException e) {
            notes.accept("cannot write the state to " + state + ": " + e.getMessage());
        }
        try {
            if (serving != null) serving.close();
        } catch (IOException e) {
            // releasing the lock's file: nothing was written to it
        }
    }
}
