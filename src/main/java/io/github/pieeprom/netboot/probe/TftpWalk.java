package io.github.pieeprom.netboot.probe;

import io.github.pieeprom.netboot.BootReplay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files a Pi fetches, fetched from a TFTP server in its order ({@link BootReplay}: {@code SERIAL/start4.elf}
 * first, or {@code SERIAL/config.txt} on a Pi 5, falling back to the root when it is not there; then config.txt, the
 * fixup file, the device tree, the overlays, kernel and initramfs config.txt names, cmdline.txt), with the findings
 * of each step. A transfer that fails (a TFTP error other than file not found, or no answer) ends the walk, as it
 * ends the Pi's boot attempt.
 * <pre>
 * TftpWalk.Result r = TftpWalk.run(new InetSocketAddress("10.0.0.1", 69), PiModel.PI4, "1234abcd",
 *         TftpWalk.DEFAULT_FILE_TIMEOUT);
 * </pre>
 */
public final class TftpWalk {
    /** The bootloader's default {@code TFTP_FILE_TIMEOUT}: a file that takes longer is given up. */
    public static final Duration DEFAULT_FILE_TIMEOUT = Duration.ofMillis(30_000);

    /** @param files in the order they were asked for, each once */
    public record Result(List<Fetched> files, List<Finding> findings) {
        public Result {
            files = List.copyOf(files);
            findings = List.copyOf(findings);
        }
    }

    private TftpWalk() {
    }

    /** @param fileTimeout the board's {@code TFTP_FILE_TIMEOUT}: a file that takes longer is a {@code slow-file} */
    public static Result run(InetSocketAddress server, PiModel model, String serial, Duration fileTimeout)
            throws IOException {
        long timeoutMs = fileTimeout.toMillis();
        Map<String, Fetched> fetched = new LinkedHashMap<>();
        BootReplay.Result replay;
        try {
            replay = BootReplay.run(model.files, serial + "/", name -> get(server, name, fetched).found(),
                    name -> get(server, name, fetched).text());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<Finding> findings = new ArrayList<>();
        String at = server.getAddress().getHostAddress() + ":" + server.getPort();
        List<Fetched> files = List.copyOf(fetched.values());
        Optional<Fetched> failed = files.stream().filter(f -> f.error().isPresent()).findFirst();
        if (failed.isPresent()) {                  // the Pi stops there: what the walk made of the rest is not real
            findings.add(Finding.fail("tftp-error", "%s: fetching %s failed: %s", at, failed.get().name(),
                    failed.get().error().get()));
            return new Result(files, findings);
        }
        files.stream().filter(Fetched::found).filter(f -> !f.oack()).findFirst().ifPresent(f -> findings.add(
                fetched.values().stream().anyMatch(c -> c.found() && c.name().endsWith("config.txt"))
                        ? Finding.fail("no-oack", "%s sent %s without acknowledging blksize %d: the bootloader ignores a "
                        + "config.txt that comes without an option acknowledgement; let the server accept the "
                        + "options (tftpd-hpa: no -r blksize)", at, f.name(), TftpFetch.BLOCK_SIZE)
                        : Finding.warn("no-oack", "%s sent %s without acknowledging blksize %d: slower, and a config.txt "
                        + "would be ignored; let the server accept the options", at, f.name(), TftpFetch.BLOCK_SIZE)));
        if (!replay.usesFolder()) findings.add(Finding.warn("fell-back-to-root", "%s has no %s/%s: a Pi of serial %s "
                + "takes every file from the root instead (and the root's cmdline.txt); make the folder %s/ if it "
                + "should have its own", at, serial, replay.requests().get(0).path().substring(serial.length() + 1),
                serial, serial));
        String config = fetched.values().stream().filter(f -> f.name().endsWith("config.txt") && f.found())
                .reduce((a, b) -> b).flatMap(Fetched::text).orElse("");
        for (BootReplay.Request r : replay.requests()) {
            if (r.status() != BootReplay.Status.MISSING) continue;
            String base = r.path().substring(r.path().lastIndexOf('/') + 1).replace(".dtbo", "");
            if (!config.isEmpty() && config.contains(base))
                findings.add(Finding.fail("config-names-missing-file", "config.txt names %s, which %s does not have: "
                        + "add the file or change config.txt", r.path(), at));
            else findings.add(Finding.fail("file-missing", "%s has no %s, which a Pi needs: add it (eeprom tftp "
                    + "stage copies a boot partition)", at, r.path()));
        }
        for (Fetched f : files)
            if (f.found() && f.ms() > timeoutMs) findings.add(Finding.fail("slow-file", "%s took %d ms for %s "
                    + "(%d bytes), past TFTP_FILE_TIMEOUT %d ms: the Pi gives it up; serve it faster or raise "
                    + "TFTP_FILE_TIMEOUT", at, f.ms(), f.name(), f.bytes(), timeoutMs));
            else if (f.found() && f.ms() > timeoutMs / 3) findings.add(Finding.warn("slow-file", "%s took %d ms "
                    + "for %s, over a third of TFTP_FILE_TIMEOUT %d ms", at, f.ms(), f.name(), timeoutMs));
        files.stream().filter(f -> f.found() && f.name().endsWith("cmdline.txt")).reduce((a, b) -> b)
                .flatMap(Fetched::text).ifPresent(cmdline -> findings.addAll(RootCheck.of(at, cmdline)));
        return new Result(files, findings);
    }

    private static Fetched get(InetSocketAddress server, String name, Map<String, Fetched> fetched) {
        Fetched f = fetched.get(name);
        if (f != null) return f;
        for (Fetched earlier : fetched.values())      // a failed transfer ends the boot: nothing more is asked
            if (earlier.error().isPresent()) return earlier;
        try {
            f = TftpFetch.fetch(server, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fetched.put(name, f);
        return f;
    }
}
