package io.github.pieeprom.cli.args;

/**
 * Turns an argument's text into its value. A converter that refuses the text throws
 * {@link IllegalArgumentException} whose message says what was expected; the user sees it after the option's name.
 */
@FunctionalInterface
public interface Converter<T> {
    T convert(String text);
}
