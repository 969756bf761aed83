package io.github.pieeprom.cli.args;

import java.util.List;

/**
 * One option or positional parameter of a command: its names, how its text becomes a value, and its help. Values
 * are immutable; each {@code with} method returns a changed copy, so a command declares its arguments as constants
 * and reads them back from {@link Args} by the same constant.
 *
 * @param names     option names ({@code -o}, {@code --out}); empty for a positional parameter
 * @param label     the value's name in help ({@code FILE}); null for a flag
 * @param converter turns the text into the value; null for a flag
 * @param isRequired  an option that must be given, or a positional parameter that must be present
 * @param isRepeatable an option that may be given many times, or a positional parameter that takes the rest
 * @param isGreedy    an option whose one name takes every following argument up to the next option
 * @param split     a separator that splits one value into many ({@code ,}), or null
 * @param defaultText the text used when the argument is absent, or null
 */
public record Arg<T>(List<String> names, String label, String description, Converter<T> converter, boolean isRequired,
        boolean isRepeatable, boolean isGreedy, String split, String defaultText) {

    /** An option that is present or not: {@code --all}. */
    public static Arg<Boolean> flag(String... names) {
        return new Arg<>(List.of(names), null, "", null, false, false, false, null, null);
    }

    /** An option with a value: {@code option(Converters.PATH, "FILE", "-o", "--out")}. */
    public static <T> Arg<T> option(Converter<T> converter, String label, String... names) {
        return new Arg<>(List.of(names), label, "", converter, false, false, false, null, null);
    }

    /** A positional parameter, required unless {@link #optional()}. Positional parameters are taken in order. */
    public static <T> Arg<T> positional(Converter<T> converter, String label) {
        return new Arg<>(List.of(), label, "", converter, true, false, false, null, null);
    }

    public Arg<T> help(String text) {
        return new Arg<>(names, label, text, converter, isRequired, isRepeatable, isGreedy, split, defaultText);
    }

    public Arg<T> required() {
        return new Arg<>(names, label, description, converter, true, isRepeatable, isGreedy, split, defaultText);
    }

    public Arg<T> optional() {
        return new Arg<>(names, label, description, converter, false, isRepeatable, isGreedy, split, defaultText);
    }

    /** Many values: an option given many times, or a positional parameter that takes every remaining argument. */
    public Arg<T> repeatable() {
        return new Arg<>(names, label, description, converter, isRequired, true, isGreedy, split, defaultText);
    }

    /** {@code --serial A B C}: one name, every following argument up to the next option. */
    public Arg<T> greedy() {
        return new Arg<>(names, label, description, converter, isRequired, true, true, split, defaultText);
    }

    /** {@code --only a,b}: each value is split at {@code separator}. */
    public Arg<T> split(String separator) {
        return new Arg<>(names, label, description, converter, isRequired, true, isGreedy, separator, defaultText);
    }

    public Arg<T> defaultValue(String text) {
        return new Arg<>(names, label, description, converter, isRequired, isRepeatable, isGreedy, split, text);
    }

    public boolean isFlag() {
        return converter == null;
    }

    public boolean isPositional() {
        return names.isEmpty();
    }

    /** How the user names this argument in a message: {@code '--out'} or {@code 'IMAGE'}. */
    public String displayName() {
        return isPositional() ? label : names.get(names.size() - 1);
    }
}
