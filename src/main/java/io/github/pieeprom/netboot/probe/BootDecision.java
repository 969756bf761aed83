package io.github.pieeprom.netboot.probe;

import io.github.pieeprom.netboot.dhcp.DhcpPacket;
import io.github.pieeprom.netboot.dhcp.PiFacts;
import io.github.pieeprom.netboot.dhcp.PxeMenu;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a Pi bootloader makes of the DHCP answers to its DISCOVER (docs/dhcp.md §3): the address from the first answer
 * with a yiaddr, the boot server from the answer with option 60 {@code PXEClient} and an option 43 PXE boot menu whose
 * first item begins with {@code PXE_OPTION43}, the TFTP server from that answer's siaddr, else option 66, else option
 * 54. Pure: the answers are given.
 * <pre>
 * BootDecision d = BootDecision.of(answers, "2c:cf:67:01:02:03", PiFacts.FOURCC_PI5, PiFacts.MENU_TEXT);
 * boolean boots = d.boots();     // no FAIL finding
 * </pre>
 *
 * @param tftpServer where the Pi would fetch its files, when a boot answer names one
 */
public record BootDecision(Optional<DhcpAnswer> address, Optional<DhcpAnswer> boot, Optional<Inet4Address> tftpServer,
                           List<Finding> findings) {
    public BootDecision {
        findings = List.copyOf(findings);
    }

    public boolean boots() {
        return findings.stream().noneMatch(f -> f.severity() == Finding.Severity.FAIL);
    }

    /**
     * @param mac    the MAC the probe sent as chaddr
     * @param fourcc the FourCC option 97 carried ({@code RPi4}, {@code RPi5})
     * @param menu   the menu text the bootloader looks for ({@code PXE_OPTION43}, default {@link PiFacts#MENU_TEXT})
     */
    public static BootDecision of(List<DhcpAnswer> answers, String mac, String fourcc, String menu) {
        List<Finding> findings = new ArrayList<>();
        List<DhcpAnswer> offers = answers.stream().filter(a -> a.packet().op() == DhcpPacket.BOOTREPLY
                && a.packet().messageType().orElse(DhcpPacket.OFFER) == DhcpPacket.OFFER).toList();
        if (offers.isEmpty()) {
            findings.add(Finding.fail("no-dhcp-answer", "no DHCP server answered the DISCOVER: is a DHCP server (or a "
                    + "proxy beside one) running on this link, and does it answer PXE clients?"));
            return new BootDecision(Optional.empty(), Optional.empty(), Optional.empty(), findings);
        }
        Optional<DhcpAnswer> address = offers.stream().filter(a -> !a.packet().yiaddr().isAnyLocalAddress()).findFirst();
        if (address.isEmpty()) findings.add(Finding.fail("no-address", "answers came from %s but none offers an "
                + "address (yiaddr 0.0.0.0 in each): a proxy needs a DHCP server beside it that hands out addresses",
                servers(offers)));
        List<DhcpAnswer> bootAnswers = new ArrayList<>();
        for (DhcpAnswer a : offers) {
            DhcpPacket p = a.packet();
            boolean pxe = p.options().text(DhcpPacket.VENDOR_CLASS).orElse("").startsWith(PiFacts.PXE_CLIENT);
            Optional<byte[]> option43 = p.options().bytes(DhcpPacket.VENDOR_OPTIONS);
            if (option43.isEmpty()) continue;
            Optional<String> item = PxeMenu.firstItem(option43.get());
            String plain = new String(option43.get(), StandardCharsets.ISO_8859_1);
            if (item.isPresent() && item.get().startsWith(menu)) {
                if (pxe) bootAnswers.add(a);
                else findings.add(Finding.fail("no-pxeclient", "%s sends a PXE boot menu but option 60 is not "
                        + "PXEClient: add option 60 \"PXEClient\" to its answer", a.server()));
            } else if (item.isPresent()) {
                findings.add(Finding.fail("option43-menu-mismatch", "%s offers the boot menu item \"%s\", the "
                        + "bootloader looks for one beginning with \"%s\" (PXE_OPTION43): change the menu text "
                        + "(dnsmasq: pxe-service=0,\"%s\") or PXE_OPTION43", a.server(), item.get(), menu, menu));
            } else if (plain.contains(menu)) {
                // documentation#1686 (2020): a plain string did not boot a Pi 4; firmware#1850 (2023): it reached
                // TFTP. Which releases accept it is unknown (docs/probe.md), so a Pi may boot: warn.
                findings.add(Finding.warn("option43-plain-string", "%s sends option 43 as the plain string \"%s\", "
                        + "not as PXE sub-options: some bootloader releases ignore it; send a PXE boot menu "
                        + "(dnsmasq: pxe-service=0,\"%s\")", a.server(), plain, menu));
                if (pxe) bootAnswers.add(a);
            }
        }
        if (bootAnswers.isEmpty()) {
            if (findings.stream().noneMatch(f -> f.code().startsWith("option43") || f.code().equals("no-pxeclient")))
                findings.add(Finding.fail("no-boot-answer", "answers came from %s but none offers PXE boot (option 60 "
                        + "PXEClient and option 43 with the menu \"%s\"): %s", servers(offers), menu, matchHint(mac, fourcc)));
            else if (findings.stream().noneMatch(f -> f.severity() == Finding.Severity.FAIL))
                findings.add(Finding.fail("no-boot-answer", "no answer from %s has option 60 PXEClient with its "
                        + "option 43: add option 60 \"PXEClient\"", servers(offers)));
            return new BootDecision(address, Optional.empty(), Optional.empty(), findings);
        }
        if (bootAnswers.size() > 1) findings.add(Finding.warn("two-boot-servers", "%s all offer PXE boot: which one a "
                + "Pi takes depends on which answers first; keep one", servers(bootAnswers)));
        DhcpAnswer boot = bootAnswers.get(0);
        Optional<Inet4Address> tftp = tftpServer(boot.packet());
        if (tftp.isEmpty()) findings.add(Finding.fail("no-tftp-server", "the boot answer from %s names no TFTP server "
                + "(siaddr 0.0.0.0, no option 66 or 54 with an address): set next-server / siaddr to the TFTP "
                + "server", boot.server()));
        return new BootDecision(address, Optional.of(boot), tftp, findings);
    }

    /** siaddr, else option 66 when it is an address, else option 54 (docs/dhcp.md §3: send the same in all three). */
    static Optional<Inet4Address> tftpServer(DhcpPacket p) {
        if (!p.siaddr().isAnyLocalAddress()) return Optional.of(p.siaddr());
        Optional<Inet4Address> named = p.options().text(DhcpPacket.TFTP_SERVER).flatMap(BootDecision::literal);
        return named.isPresent() ? named : p.options().address(DhcpPacket.SERVER_ID).filter(a -> !a.isAnyLocalAddress());
    }

    private static Optional<Inet4Address> literal(String text) {
        String t = text.replace("\0", "").strip();
        if (!t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) return Optional.empty();
        try {
            return Optional.of((Inet4Address) InetAddress.getByName(t));
        } catch (UnknownHostException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** Whether a server matching Pis by MAC prefix or by option 97 would have taken this board for one. */
    private static String matchHint(String mac, String fourcc) {
        String prefix = mac.toLowerCase(java.util.Locale.ROOT).substring(0, Math.min(8, mac.length()));
        String macPart = PiFacts.hasPiMac(mac) ? "a MAC-prefix list matches %s only if it has %s%s".formatted(mac,
                prefix, prefix.equals("2c:cf:67") ? " (Pi 5 / CM5, missing from many lists)" : "")
                : "MAC %s has no Raspberry Pi prefix, so a MAC-prefix list would not match it".formatted(mac);
        return macPart + "; an option 97 match on \"%s\" would (dnsmasq: dhcp-match=set:pi,97,0:%s)"
                .formatted(fourcc, hexColons(fourcc));
    }

    private static String hexColons(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) out.append(out.isEmpty() ? "" : ":").append("%02x".formatted(b));
        return out.toString();
    }

    private static String servers(List<DhcpAnswer> answers) {
        return String.join(", ", answers.stream().map(DhcpAnswer::server).distinct().toList());
    }
}
