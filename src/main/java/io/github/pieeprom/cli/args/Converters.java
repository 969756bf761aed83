package io.github.pieeprom.cli.args;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;

/** The converters most commands need. */
public final class Converters {
    // Classes, not lambdas: every command loads these, and a run's first lambda costs several milliseconds on JDK 17.
    public static final Converter<String> STRING = new Converter<>() {
        @Override
        public String convert(String text) {
            return text;
        }
    };
    public static final Converter<Path> PATH = new Converter<>() {
        @Override
        public Path convert(String text) {
            return path(text);
        }
    };
    public static final Converter<Integer> INT = new Converter<>() {
        @Override
        public Integer convert(String text) {
            return integer(text);
        }
    };

    private Converters() {
    }

    /** Values named exactly as the enum's constants. */
    public static <E extends Enum<E>> Converter<E> enumOf(Class<E> type) {
        return text -> {
            for (E e : type.getEnumConstants()) if (e.name().equals(text)) return e;
            throw new IllegalArgumentException("expected one of " + Arrays.toString(type.getEnumConstants())
                    + ", found '" + text + "'");
        };
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a path: '" + text + "' (" + e.getReason() + ")");
        }
    }

    private static Integer integer(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            if (text.matches("[+-]?[0-9]+")) throw new IllegalArgumentException("'" + text + "' is out of range ("
                    + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")");
            throw new IllegalArgumentException("expected a whole number, found '" + text + "'");
        }
    }
}
