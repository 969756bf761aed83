package io.github.pieeprom.netboot;

import io.github.pieeprom.EepromException;

/** How the bootloader names a board's TFTP folder: the {@code TFTP_PREFIX} property. */
public enum Prefix {
    /** {@code TFTP_PREFIX=0}: 8 lower-case hex digits of the serial number, {@code 1234abcd/}. */
    SERIAL("serial", 0),
    /** {@code TFTP_PREFIX=1}: {@code TFTP_PREFIX_STR} verbatim, which ends in {@code /}. */
    STRING("string", 1),
    /** {@code TFTP_PREFIX=2}: the MAC address, lower case with dashes, {@code dc-a6-32-01-36-c2/}. */
    MAC("mac", 2);

    /** {@code TFTP_PREFIX_STR} holds at most this many characters. */
    static final int MAX_STRING_LENGTH = 32;

    private final String word;
    private final int property;

    Prefix(String word, int property) {
        this.word = word;
        this.property = property;
    }

    /** The word users type: serial, string, mac. */
    public String word() {
        return word;
    }

    /** The value of {@code TFTP_PREFIX}. */
    int property() {
        return property;
    }

    /**
     * The prefix a board puts before every file it asks for, with its trailing {@code /}, from what identifies it
     * ({@code origin} names the option in messages): {@code 1234abcd/} for a serial (8 hex digits, or the 16 of
     * {@code /proc/cpuinfo}), {@code dc-a6-32-01-36-c2/} for a MAC, the {@code TFTP_PREFIX_STR} itself.
     */
    public String requestPrefix(String origin, String value) {
        return switch (this) {
            case SERIAL -> Devices.serial(origin, value) + "/";
            case MAC -> macFolder(Devices.mac(origin, value)) + "/";
            case STRING -> requireString(origin, value);
        };
    }

    /** The folder of a MAC ({@code dc:a6:32:01:36:c2}) as the bootloader names it: {@code dc-a6-32-01-36-c2}. */
    static String macFolder(String mac) {
        return mac.replace(':', '-');
    }

    /** A {@code TFTP_PREFIX_STR} as the bootloader takes it: ends in {@code /}, at most 32 characters. */
    static String requireString(String source, String prefix) {
        if (prefix.isEmpty() || !prefix.endsWith("/") || prefix.startsWith("/") || prefix.contains("..")
                || prefix.length() > MAX_STRING_LENGTH || !prefix.matches("[A-Za-z0-9._/-]+"))
            throw EepromException.in(source, "expected a relative folder of letters, digits, "
                    + "., _, - and / that ends in / and holds at most %d characters, found \"%s\"",
                    MAX_STRING_LENGTH, prefix);
        return prefix;
    }
}
