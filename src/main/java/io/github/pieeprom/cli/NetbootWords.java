package io.github.pieeprom.cli;

import io.github.pieeprom.netboot.BootReplay;
import io.github.pieeprom.netboot.LinkMode;
import io.github.pieeprom.netboot.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The lower-case words the network-boot options take: serial|mac|string, hard|symlink|copy, pi4|pi5. */
final class NetbootWords<E> implements ITypeConverter<E> {
    static final NetbootWords<Prefix> PREFIX = new NetbootWords<>(Prefix.values(), Prefix::word);
    static final NetbootWords<LinkMode> LINK = new NetbootWords<>(LinkMode.values(), NetbootWords::lower);
    static final NetbootWords<BootReplay.Model> MODEL = new NetbootWords<>(BootReplay.Model.values(),
            NetbootWords::lower);

    private final E[] values;
    private final Function<E, String> word;

    private NetbootWords(E[] values, Function<E, String> word) {
        this.values = values;
        this.word = word;
    }

    @Override
    public E convert(String text) {
        for (E value : values) if (word.apply(value).equals(text)) return value;
        List<String> words = words();
        throw new TypeConversionException("expected " + String.join(", ", words.subList(0, words.size() - 1))
                + " or " + words.get(words.size() - 1) + ", found '" + text + "'");
    }

    /** The words, in order: what completion offers. */
    List<String> words() {
        List<String> words = new ArrayList<>();
        for (E value : values) words.add(word.apply(value));
        return words;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
