package io.github.pieeprom.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.testing.Conformance;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SigFileTest {
    private static final String SHA = "eb7576d4e0624c31d4209c7004efa25ecc7b2b912a9195de9804ad72154676ac";

    @Test
    void anUnsignedSigHasTheBytesRpiEepromDigestWritesWithoutAKey() {
        byte[] config = Conformance.read("cases/cfg-netboot.txt");
        assertThat(SigFile.of(config, 1650000000L, Optional.empty()).toByteArray())
                .isEqualTo(Conformance.read("cases/signed/cfg-netboot.unsigned.sig"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cases/signed/cfg-netboot.2711.sig", "cases/signed/cfg-netboot.2712.sig",
            "cases/signed/cfg-netboot.nosoc.sig", "cases/signed/cfg-netboot.unsigned.sig", "test/bootconf.sig"})
    void parsingAndPrintingAReferenceSigGivesItsBytesBack(String file) {
        byte[] bytes = Conformance.read(file);
        assertThat(SigFile.parse(file, bytes).toByteArray()).isEqualTo(bytes);
    }

    @Test
    void parsesEveryFieldOfASignedSigWithTargetSoc() {
        SigFile sig = SigFile.parse("x.sig", Conformance.read("cases/signed/cfg-netboot.2712.sig"));
        assertThat(sig.sha256()).isEqualTo(SHA);
        assertThat(sig.ts()).isEqualTo(1650000000L);
        assertThat(sig.targetSoc()).contains(Soc.BCM2712);
        assertThat(sig.rsa2048().orElseThrow()).hasSize(512).startsWith("68471c0ae3cd5bae");
        assertThat(sig.signature().orElseThrow()).hasSize(256);
        assertThat(sig.matches(Conformance.read("cases/cfg-netboot.txt"))).isTrue();
    }

    @Test
    void acceptsALastLineWithoutItsNewline() {
        SigFile sig = SigFile.parse("x.sig", (SHA + "\nts: 12").getBytes(StandardCharsets.US_ASCII));
        assertThat(sig.text()).isEqualTo(SHA + "\nts: 12\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty                | ''                                                  | x.sig: empty .sig file: expected a SHA-256 line
            uppercase sha        | EB7576D4E0624C31D4209C7004EFA25ECC7B2B912A9195DE9804AD72154676AC\\nts: 1\\n | x.sig:1: expected 64 lowercase hex digits (SHA-256), found "EB7576D4E0624C31D4209C7004EFA25ECC7B2B91..."
            sha256sum line       | SHA  -\\nts: 1\\n                                     | x.sig:1: expected 64 lowercase hex digits (SHA-256), found "eb7576d4e0624c31d4209c7004efa25ecc7b2b91..."
            no ts                | SHA\\n                                              | x.sig:1: no "ts: " line
            ts not a number      | SHA\\nts: soon\\n                                    | x.sig:2: ts: expected decimal seconds since 1970, found "soon"
            tab after colon      | SHA\\nts:\\t1\\n                                     | x.sig:2: expected "ts: ", "target-soc: " or "rsa2048: ", found "ts:\\x091"
            unknown key          | SHA\\nts: 1\\nsha512: 00\\n                          | x.sig:3: expected "ts: ", "target-soc: " or "rsa2048: ", found "sha512: 00"
            blank line           | SHA\\nts: 1\\n\\n                                    | x.sig:3: expected "ts: ", "target-soc: " or "rsa2048: ", found ""
            CRLF                 | SHA\\r\\nts: 1\\r\\n                                 | x.sig:1: expected 64 lowercase hex digits (SHA-256), found "eb7576d4e0624c31d4209c7004efa25ecc7b2b91..."
            second ts            | SHA\\nts: 1\\nts: 2\\n                               | x.sig:3: second ts line
            unknown soc          | SHA\\nts: 1\\ntarget-soc: 2710\\n                    | x.sig:3: target-soc: expected 2711 or 2712, found "2710"
            short signature      | SHA\\nts: 1\\nrsa2048: abcd\\n                       | x.sig:3: rsa2048: expected 512 lowercase hex digits (a 2048-bit signature), found 4 characters
            """)
    void rejectsAMalformedLineNamingFileAndLine(String what, String text, String message) {
        byte[] bytes = text.replace("SHA", SHA).replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t")
                .getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> SigFile.parse("x.sig", bytes)).isInstanceOf(EepromException.class)
                .hasMessage(message);
    }

    @Test
    void aSignatureMustHave256Bytes() {
        SigFile sig = SigFile.of(new byte[0], 0, Optional.empty());
        assertThatThrownBy(() -> sig.withSignature(new byte[128])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an RSA-2048 signature has 256 bytes, not 128");
    }
}
