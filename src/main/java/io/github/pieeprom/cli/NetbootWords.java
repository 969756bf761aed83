package io.github.pieeprom.cli;

import io.github.pieeprom.netboot.BootReplay;
import io.github.pieeprom.netboot.LinkMode;
import io.github.pieeprom.netboot.Prefix;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The lower-case words the network-boot options take: serial|mac|string, hard|symlink|copy, pi4|pi5. */
final class NetbootWords {
    private NetbootWords() {
    }

    static final class PrefixWord implements ITypeConverter<Prefix> {
        @Override
        public Prefix convert(String value) {
            for (Prefix p : Prefix.values()) if (p.word().equals(value)) return p;
            throw new TypeConversionException("expected serial, mac or string, found '" + value + "'");
        }
    }

    static final class LinkWord implements ITypeConverter<LinkMode> {
        @Override
        public LinkMode convert(String value) {
            for (LinkMode m : LinkMode.values()) if (m.name().toLowerCase(Locale.ROOT).equals(value)) return m;
            throw new TypeConversionException("expected hard, symlink or copy, found '" + value + "'");
        }
    }

    static final class ModelWord implements ITypeConverter<BootReplay.Model> {
        @Override
        public BootReplay.Model convert(String value) {
            for (BootReplay.Model m : BootReplay.Model.values()) if (m.name().toLowerCase(Locale.ROOT).equals(value)) return m;
            throw new TypeConversionException("expected pi4 or pi5, found '" + value + "'");
        }
    }
}
