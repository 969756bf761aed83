package io.github.pieeprom.netboot.dhcp;

import io.github.pieeprom.EepromException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Option 43 as PXE sub-options (PXE 2.1 §2.4), the form the Pi bootloader reads: what dnsmasq's
 * {@code pxe-service=0,"Raspberry Pi Boot"} sends, byte for byte.
 * <pre>
 * 06 01 03                     discovery control: 3 (no broadcast or multicast discovery; use the boot server here)
 * 0a 04 00 50 58 45            menu prompt: timeout 0, "PXE"
 * 09 14 00 00 11 "Raspberry Pi Boot"     boot menu: one item, type 0 (2 bytes), text length, text
 * ff
 * </pre>
 */
public final class PxeMenu {
    public static final int DISCOVERY_CONTROL = 6, BOOT_MENU = 9, MENU_PROMPT = 10;
    /**
     * The longest menu text: option 43 holds 15 bytes besides it (sub-options 6 and 10, the item's type and length,
     * the end mark) and must fit one DHCP option of 255 bytes; a longer one would be split (RFC 3396), which a
     * bootloader need not join.
     */
    public static final int MAX_TEXT = 240;

    private PxeMenu() {
    }

    /**
     * Why {@code text} cannot be a menu item's text, or empty when it can: it is 1 to {@value #MAX_TEXT} printable
     * ASCII characters other than {@code "} and {@code \}. The one rule for every place the text goes: option 43
     * ({@code boot serve}, Kea, ISC dhcpd) and dnsmasq's quoted {@code pxe-service} text, where a {@code "} ends the
     * string and a {@code \} starts an escape ({@code \n} is a newline). The bootloader's {@code PXE_OPTION43} it must
     * match is plain ASCII in practice. The reason names the first character at fault, by position (1-based).
     */
    public static Optional<String> textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\')
                return Optional.of("character %d is %s; a PXE menu text is printable ASCII without \" or \\"
                        .formatted(i + 1, c < 0x20 || c > 0x7e ? "U+%04X".formatted((int) c) : "'" + c + "'"));
        }
        if (text.isEmpty() || text.length() > MAX_TEXT) return Optional.of(
                "a PXE menu text has 1 to %d characters, found %d".formatted(MAX_TEXT, text.length()));
        return Optional.empty();
    }

    /** The option 43 value offering one menu item of type 0 with {@code text} (see {@link #textProblem}). */
    public static byte[] option43(String text) {
        textProblem(text).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream item = new ByteArrayOutputStream();
        item.write(0);
        item.write(0);
        item.write(t.length);
        item.writeBytes(t);
        return DhcpOptions.of().with(DISCOVERY_CONTROL, new byte[] {3})
                .with(MENU_PROMPT, new byte[] {0, 'P', 'X', 'E'}).with(BOOT_MENU, item.toByteArray()).toBytes();
    }

    /**
     * The text of the first boot menu item of an option 43 value, or empty when it has no PXE boot menu (a plain
     * string, say: then the sub-options do not parse, or name no menu).
     */
    public static Optional<String> firstItem(byte[] option43) {
        try {
            byte[] menu = DhcpOptions.decode("option 43", option43).bytes(BOOT_MENU).orElse(null);
            if (menu == null || menu.length < 3 || 3 + (menu[2] & 0xff) > menu.length) return Optional.empty();
            return Optional.of(new String(menu, 3, menu[2] & 0xff, StandardCharsets.ISO_8859_1));
        } catch (EepromException e) {
            return Optional.empty();
        }
    }
}
