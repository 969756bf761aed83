package io.github.pieeprom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.signing.BootloaderKey;
import io.github.pieeprom.signing.PemKeys;
import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.Hashes;
import io.github.pieeprom.testing.Vectors;
import io.github.pieeprom.testing.Vectors.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every row of vectors.tsv through the library API, the options mapped to {@link ImageEdits}. */
class LibraryVectorsTest {

    @TestFactory
    Stream<DynamicTest> everyVectorRowGivesTheReferenceResultThroughTheLibrary() {
        return Vectors.rows().stream().map(row -> DynamicTest.dynamicTest(row.id(), () -> check(row)));
    }

    private static void check(Row row) throws IOException {
        if (row.succeeds()) {
            assertThat(Hashes.sha256(run(row))).as(row.note()).isEqualTo(row.sha256());
        } else {
            assertThatThrownBy(() -> run(row)).as(row.note()).isInstanceOfAny(io.github.pieeprom.EepromException.class,
                    IOException.class, IllegalStateException.class, NumberFormatException.class);
        }
    }

    private static byte[] run(Row row) throws IOException {
        EepromImage image = ImageFiles.read(Conformance.file(row.image()));
        ImageEdits edits = new ImageEdits();
        for (Iterator<String> it = row.args().iterator(); it.hasNext(); ) {
            String arg = it.next();
            switch (arg) {
                case "{IN}", "--out", "{OUT}" -> { }
                case "--config" -> edits.config(read(it.next()));
                case "--digest" -> edits.digest(read(it.next()));
                case "--cacertder" -> edits.cacert(read(it.next()));
                case "--bootcode" -> edits.bootcode(read(it.next()));
                case "--bootsys" -> edits.bootsys(read(it.next()));
                case "--pubkey" -> {
                    String path = it.next();
                    String pem = new String(read(path), StandardCharsets.US_ASCII);
                    edits.pubkey(BootloaderKey.encode(PemKeys.readPublicKey(pem, path), path));
                }
                case "--timestamp" -> {
                    long ts = Long.parseLong(it.next());
                    if (ts < 0 || ts > 0xffff_ffffL) throw new NumberFormatException("out of range: " + ts);
                    edits.timestamp(ts);
                }
                default -> throw new AssertionError("unmapped argument " + arg + " in " + row.id());
            }
        }
        return edits.isEmpty() ? image.bootConfig() : edits.applyTo(image).toByteArray();
    }

    private static byte[] read(String relative) throws IOException {
        return Files.readAllBytes(Conformance.file(relative));
    }

}
