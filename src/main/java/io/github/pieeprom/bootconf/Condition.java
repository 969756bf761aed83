package io.github.pieeprom.bootconf;

import io.github.pieeprom.Soc;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The filters in force at a line: empty for {@code [all]} (and the lines before the first filter), otherwise the
 * accumulated filters, one per group, such as {@code [pi4][gpio8=0]}.
 */
public record Condition(List<Filter> filters) {
    static final Condition ALL = new Condition(List.of());

    public Condition {
        filters = List.copyOf(filters);
    }

    /** The condition after a {@code [filter]} line. */
    Condition then(Filter filter) {
        if (isConfigTxt()) return this;                                   // [config.txt] runs to the end of the file
        if (filter.kind() == Filter.Kind.ALL) return ALL;
        List<Filter> next = new ArrayList<>(filters);
        next.removeIf(f -> f.group().equals(filter.group()));
        next.add(filter);
        return new Condition(next);
    }

    /** {@code [all]}, or the filters in force such as {@code [pi4][gpio8=0]}. */
    String name() {
        if (filters.isEmpty()) return "[all]";
        StringBuilder name = new StringBuilder();
        for (Filter f : filters) name.append('[').append(f.text()).append(']');
        return name.toString();
    }

    /** Lines under {@code [none]} or {@code [config.txt]}: never the bootloader's own settings. */
    public boolean isParked() {
        for (Filter f : filters) if (f.kind() == Filter.Kind.NONE || f.kind() == Filter.Kind.CONFIG_TXT) return true;
        return false;
    }

    boolean isConfigTxt() {
        for (Filter f : filters) if (f.kind() == Filter.Kind.CONFIG_TXT) return true;
        return false;
    }

    /** Whether lines under this condition apply on a board: every filter must hold. */
    Filter.Match on(Board board) {
        Filter.Match result = Filter.Match.APPLIES;
        for (Filter f : filters) {
            Filter.Match m = f.on(board);
            if (m == Filter.Match.NEVER) return m;
            if (m == Filter.Match.DEPENDS) result = m;
        }
        return result;
    }

    /** The SoC the filters select ({@code [pi4]} means BCM2711), if any. */
    public Optional<Soc> soc() {
        for (Filter f : filters) if (f.soc().isPresent()) return f.soc();       // loops: the validator's hot path
        return Optional.empty();
    }

    /** The single board the filters select ({@code [cm4]}), if any. */
    Optional<Board> board() {
        for (Filter f : filters) if (f.board().isPresent()) return f.board();
        return Optional.empty();
    }
}
