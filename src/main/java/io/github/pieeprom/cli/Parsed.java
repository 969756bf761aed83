package io.github.pieeprom.cli;

import java.util.List;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The values of one parsed command line, read by the names the command's model gives them: an option by one of its
 * names ({@code "--out"}), a positional parameter by its label ({@code "IMAGE"}). A name the model does not have is a
 * bug, not an absent value.
 */
record Parsed(ParseResult result) {
    /** The value given (with the model's default applied), or null. */
    @SuppressWarnings("unchecked")
    <T> T get(String name) {
        return (T) arg(name).getValue();
    }

    /** A flag: given or not. */
    boolean flag(String name) {
        return Boolean.TRUE.equals(arg(name).getValue());
    }

    /** Every value of a repeatable option or a multi-valued parameter, in order; empty when none. */
    <T> List<T> all(String name) {
        List<T> values = get(name);
        return values == null ? List.of() : List.copyOf(values);
    }

    /** Whether the command line gave it (a default does not count). */
    boolean has(String name) {
        ArgSpec arg = arg(name);
        return arg instanceof PositionalParamSpec p ? result.hasMatchedPositional(p.index().min())
                : result.hasMatchedOption(name);
    }

    private ArgSpec arg(String name) {
        if (!name.startsWith("-")) {
            for (PositionalParamSpec p : result.commandSpec().positionalParameters())
                if (p.paramLabel().equals(name)) return p;
        } else if (result.commandSpec().optionsMap().containsKey(name)) {     // a map: findOption interpolates
            return result.commandSpec().optionsMap().get(name);                // every option's names
        }
        throw new IllegalArgumentException(result.commandSpec().qualifiedName() + " has no " + name);
    }
}
