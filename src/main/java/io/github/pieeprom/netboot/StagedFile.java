package io.github.pieeprom.netboot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A file in a board's folder: a shared boot file linked (or copied) there, or content made for that board. */
public sealed interface StagedFile permits StagedFile.Shared, StagedFile.Generated {
    /** The path inside the board's folder, {@code /}-separated: {@code start4.elf}, {@code overlays/x.dtbo}. */
    String name();

    /** A boot file shared by every board, staged by the plan's {@link LinkMode}. */
    record Shared(String name, Path source) implements StagedFile {
    }

    /** Bytes made for this board: {@code cmdline.txt}, {@code pieeprom.upd}, {@code pieeprom.sig}. */
    final class Generated implements StagedFile {
        private final String name;
        private final byte[] bytes;

        Generated(String name, byte[] bytes) {
            this.name = name;
            this.bytes = bytes.clone();
        }

        @Override
        public String name() {
            return name;
        }

        public byte[] bytes() {
            return bytes.clone();
        }

        /** The bytes as UTF-8 text, for the text files. */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Generated[" + name + ", " + bytes.length + " bytes]";
        }
    }
}
