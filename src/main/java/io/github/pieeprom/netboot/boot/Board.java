package io.github.pieeprom.netboot.boot;

import java.time.Instant;
import java.util.List;

/**
 * One board as the boot server saw it: what it said in DHCP (MAC, option 97) and what it fetched over TFTP. Fields
 * not seen yet are "" (or 0, false, empty).
 *
 * @param mac {@code dc:a6:32:01:02:03}, from the DHCP message (empty for a board seen only over TFTP)
 * @param serial the 8 hex digits of option 97 or of its TFTP folder
 * @param revision the board revision from option 97, in hex as {@code /proc/cpuinfo} shows it
 * @param fourcc option 97's {@code RPi4} / {@code RPi5} ("" for the old format)
 * @param ip the address it asked for (option 50) or fetched files from
 * @param dhcp how many DISCOVERs and REQUESTs it sent; {@code offered}: whether this server answered one
 * @param tftp how many files it asked for; {@code files}: those sent whole, in the order first sent
 * @param fellBack whether its folder was missing, so that it took the root's files
 * @param configWithoutOptions whether it fetched config.txt without TFTP options, so without an option acknowledgement
 * @param lastError the last transfer that failed other than a missing file, "file: reason"
 * @param log the file its NETCONSOLE lines go to, under the state folder's {@code logs/}, or ""
 */
public record Board(String mac, String serial, String revision, String fourcc, String ip, Instant firstSeen,
                    Instant lastSeen, int dhcp, boolean offered, int tftp, List<String> files, boolean fellBack,
                    boolean configWithoutOptions, String lastError, String log) {
    public Board {
        files = List.copyOf(files);
    }

    static Board first(Instant now) {
        return new Board("", "", "", "", "", now, now, 0, false, 0, List.of(), false, false, "", "");
    }

    /** The name {@code boot logs} and {@code boot status} use: the serial, else the MAC, else the address. */
    public String id() {
        return !serial.isEmpty() ? serial : !mac.isEmpty() ? mac : ip;
    }

    /** Whether {@code name} (a serial, a MAC with colons or dashes, an address) names this board. */
    public boolean isNamed(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT).replace('-', ':');
        return n.equals(serial) || n.equals(mac) || n.equals(ip);
    }

    Board with(String mac, String serial, String revision, String fourcc, String ip) {
        return new Board(mac, serial, revision, fourcc, ip, firstSeen, lastSeen, dhcp, offered, tftp, files, fellBack,
                configWithoutOptions, lastError, log);
    }

    Board seen(Instant now, int moreDhcp, boolean offeredNow, int moreTftp) {
        return new Board(mac, serial, revision, fourcc, ip, firstSeen, now, dhcp + moreDhcp, offered || offeredNow,
                tftp + moreTftp, files, fellBack, configWithoutOptions, lastError, log);
    }

    Board withTftp(List<String> sent, boolean fell, boolean configNoOptions, String error) {
        return new Board(mac, serial, revision, fourcc, ip, firstSeen, lastSeen, dhcp, offered, tftp, sent, fell,
                configNoOptions, error, log);
    }

    Board withLog(String file) {
        return new Board(mac, serial, revision, fourcc, ip, firstSeen, lastSeen, dhcp, offered, tftp, files, fellBack,
                configWithoutOptions, lastError, file);
    }
}
