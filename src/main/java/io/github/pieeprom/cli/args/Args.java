package io.github.pieeprom.cli.args;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The parsed values of one command line, read back by the {@link Arg} constants that defined them. */
public final class Args {
    private final Map<Arg<?>, List<Object>> values;

    Args(IdentityHashMap<Arg<?>, List<Object>> values) {
        this.values = values;
    }

    /** The value given (the last, if given more than once), else the default, else null; a flag gives true or false. */
    @SuppressWarnings("unchecked")
    public <T> T get(Arg<T> arg) {
        List<Object> given = values.get(arg);
        if (given != null && !given.isEmpty()) return (T) given.get(given.size() - 1);
        if (arg.isFlag()) return (T) Boolean.FALSE;
        return arg.defaultText() == null ? null : arg.converter().convert(arg.defaultText());
    }

    /** Every value given, in order; empty when none. */
    @SuppressWarnings("unchecked")
    public <T> List<T> all(Arg<T> arg) {
        List<Object> given = values.get(arg);
        return given == null ? List.of() : (List<T>) List.copyOf(given);
    }

    public boolean has(Arg<?> arg) {
        return values.containsKey(arg);
    }
}
