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

    private PxeMenu() {
    }

    /** The option 43 value offering one menu item of type 0 with {@code text} (at most 252 bytes). */
    public static byte[] option43(String text) {
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        if (t.length > 252) throw new IllegalArgumentException("a PXE menu text has at most 252 bytes: " + text);
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
