package io.github.pieeprom.cli;

import io.github.pieeprom.cli.args.Converter;
import io.github.pieeprom.netboot.BootReplay;
import io.github.pieeprom.netboot.LinkMode;
import io.github.pieeprom.netboot.Prefix;
import java.util.Locale;
import java.util.function.Function;

/** The lower-case words the network-boot options take: serial|mac|string, hard|symlink|copy, pi4|pi5. */
final class NetbootWords {
    static final Converter<Prefix> PREFIX = words(Prefix.values(), Prefix::word, "serial, mac or string");
    static final Converter<LinkMode> LINK = words(LinkMode.values(), NetbootWords::lower, "hard, symlink or copy");
    static final Converter<BootReplay.Model> MODEL =
            words(BootReplay.Model.values(), NetbootWords::lower, "pi4 or pi5");

    private NetbootWords() {
    }

    private static <E> Converter<E> words(E[] values, Function<E, String> word, String expected) {
        return text -> {
            for (E value : values) if (word.apply(value).equals(text)) return value;
            throw new IllegalArgumentException("expected " + expected + ", found '" + text + "'");
        };
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
