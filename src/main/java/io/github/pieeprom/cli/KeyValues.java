package io.github.pieeprom.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Repeated {@code NAME=VALUE} options, such as {@code --set} and {@code --var}; a later name wins. */
final class KeyValues {
    private KeyValues() {
    }

    /** {@code word} names the left side in the error: {@code KEY} for properties, {@code NAME} for variables. */
    static Map<String, String> parse(String option, String word, List<String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq <= 0) throw new UsageException(option + " expects " + word + "=VALUE, found \"" + v + "\"");
            out.put(v.substring(0, eq), v.substring(eq + 1));
        }
        return out;
    }
}
