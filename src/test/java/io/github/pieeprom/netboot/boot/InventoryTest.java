package io.github.pieeprom.netboot.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.netboot.dhcp.PiFacts;
import io.github.pieeprom.netboot.dhcp.PiGuid;
import io.github.pieeprom.netboot.tftp.TftpEvent;
import io.github.pieeprom.netboot.tftp.TftpPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inventory from a board's events, the diagnoses, and the state file's text. */
class InventoryTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final String MAC = "dc:a6:32:2e:f8:ed";

    @Test
    void aBoardWithoutAFolderIsFoundByItsAddressAndSaidToHaveFallenBack() throws Exception {
        Inventory inventory = new Inventory(List.of());
        PiGuid guid = PiGuid.of("RPi4", 0xa03111, MAC, "5b154510");
        inventory.dhcp(PiFacts.discover(1, MAC, guid), true, T0);
        inventory.dhcp(PiFacts.request(1, MAC, guid, ip("10.0.0.50"), ip("10.0.0.2")), false, T0.plusSeconds(1));
        InetSocketAddress client = new InetSocketAddress("10.0.0.50", 40000);
        inventory.tftp(new TftpEvent.Request(client, "5b154510/start4.elf", "RRQ", "octet", Map.of("tsize", "0")), T0);
        inventory.tftp(new TftpEvent.Refused(client, "5b154510/start4.elf", TftpPacket.Error.NOT_FOUND, "not found"), T0);
        inventory.tftp(new TftpEvent.Request(client, "config.txt", "RRQ", "octet", Map.of()), T0.plusSeconds(2));
        inventory.tftp(new TftpEvent.Sent(client, "config.txt", 40, Duration.ofMillis(3), 0), T0.plusSeconds(2));
        inventory.tftp(new TftpEvent.Dropped(client, "kernel8.img", 1468, 2, "stalled"), T0.plusSeconds(3));

        Board board = inventory.boards().get(0);
        assertThat(inventory.boards()).hasSize(1);
        assertThat(board).extracting(Board::mac, Board::serial, Board::revision, Board::fourcc, Board::ip, Board::dhcp,
                Board::offered, Board::tftp, Board::files, Board::fellBack, Board::configWithoutOptions,
                Board::lastError).containsExactly(MAC, "5b154510", "a03111", "RPi4", "10.0.0.50", 2, true, 2,
                List.of("config.txt"), true, true, "kernel8.img: stalled");
        assertThat(Diagnosis.of(board, Map.of("5b154510", "/srv/images/gone"))).containsExactly(
                "its folder 5b154510/ is a symlink to /srv/images/gone, which does not exist",
                "fell back to the root: no folder 5b154510/ here, so it took the root's files (and its cmdline.txt)",
                "fetched config.txt without TFTP options, so without an option acknowledgement: the bootloader may "
                        + "ignore a config.txt that came so",
                "last transfer error: kernel8.img: stalled");
    }

    @Test
    void aPcAndALaptopAreNoBoardsAndNetconsoleLinesFromAnUnknownAddressGetABoardOfTheirOwn() throws Exception {
        Inventory inventory = new Inventory(List.of());
        PiGuid none = new PiGuid("", 0, "", "00000001");
        var pc = PiFacts.discover(1, "00:1b:21:00:00:01", none);
        inventory.dhcp(new io.github.pieeprom.netboot.dhcp.DhcpPacket(pc.op(), pc.htype(), 0, 1, 0, 0, pc.ciaddr(),
                pc.yiaddr(), pc.siaddr(), pc.giaddr(), pc.chaddr(), "", "", pc.options()
                .without(97).with(60, "PXEClient:Arch:00007:UNDI:003016")), false, T0);
        assertThat(inventory.boards()).isEmpty();
        Board b = inventory.netconsole(InetAddress.getByName("10.0.0.9"), T0);
        assertThat(b.id()).isEqualTo("10.0.0.9");
        assertThat(b.log()).isEqualTo("10.0.0.9.log");
    }

    @Test
    void theStateFileReadsBackAsWrittenAndABrokenLineIsNamed() {
        Board b = new Board(MAC, "5b154510", "a03111", "RPi4", "10.0.0.50", T0, T0.plusSeconds(5), 2, true, 3,
                List.of("config.txt", "a,b%c\td"), true, false, "x: tab\there", "5b154510.log");
        String text = BootState.write(List.of(b));
        assertThat(text).startsWith("# eeprom boot state 1\nmac=dc:a6:32:2e:f8:ed\tserial=5b154510\t")
                .contains("\tfiles=config.txt,a%2Cb%25c%09d\t");
        assertThat(BootState.read("boards.tsv", text)).containsExactly(b);
        assertThatThrownBy(() -> BootState.read("boards.tsv", text.replace("dhcp=2", "dhcp=two")))
                .isInstanceOf(EepromException.class)
                .hasMessage("boards.tsv:2: a time, count or escape does not parse: For input string: \"two\"");
        assertThatThrownBy(() -> BootState.read("boards.tsv", "mac=x\n")).isInstanceOf(EepromException.class)
                .hasMessage("boards.tsv:1: expected \"# eeprom boot state 1\", found \"mac=x\"");
    }

    private static Inet4Address ip(String text) throws Exception {
        return (Inet4Address) InetAddress.getByName(text);
    }
}
