package io.github.pieeprom.bootconf;

import io.github.pieeprom.Soc;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A conditional-section filter such as {@code [pi4]}, {@code [board-type=0x14]} or {@code [gpio8=0]}
 * (BOOTCONF.md §2.2). Filters of the same {@link #group()} replace each other; different groups accumulate.
 *
 * @param kind  what the filter tests
 * @param text  the text between the brackets
 * @param group filters with the same group replace each other (for expressions: the variable tested)
 */
public record Filter(Kind kind, String text, String group) {
    public enum Kind {
        /** {@code [all]}: clears every filter. */ ALL,
        /** {@code [none]}: nothing that follows applies, until {@code [all]}. */ NONE,
        /** {@code [config.txt]}: the rest of the file is for the OS {@code config.txt}. */ CONFIG_TXT,
        MODEL, BOARD_TYPE, SERIAL, GPIO, TRYBOOT, EXPRESSION,
        /** {@code [EDID=...]}, {@code [HDMI:n]}: config.txt filters the bootloader does not support. */ UNSUPPORTED,
        UNKNOWN
    }

    /** Whether a filter holds on a board: always, never, or only under a run-time condition (GPIO, serial...). */
    enum Match { APPLIES, DEPENDS, NEVER }

    private static final Pattern BOARD_TYPE = Pattern.compile("board-type=0x([0-9a-fA-F]{1,8})");
    private static final Pattern SERIAL = Pattern.compile("0x[0-9a-fA-F]{1,8}");
    private static final Pattern GPIO = Pattern.compile("gpio[0-9]{1,2}=[01]");
    private static final Pattern EXPRESSION =
            Pattern.compile("(partition|boot_count|boot_arg1)(=|&|<|>)(0x[0-9a-fA-F]{1,8}|[0-9]{1,10})(=(0x[0-9a-fA-F]{1,8}|[0-9]{1,10}))?");

    static Filter parse(String text) {
        Kind kind = switch (text) {
            case "all" -> Kind.ALL;
            case "none" -> Kind.NONE;
            case "config.txt" -> Kind.CONFIG_TXT;
            case "tryboot" -> Kind.TRYBOOT;
            default -> model(text).isPresent() ? Kind.MODEL
                    : BOARD_TYPE.matcher(text).matches() ? Kind.BOARD_TYPE
                    : SERIAL.matcher(text).matches() ? Kind.SERIAL
                    : GPIO.matcher(text).matches() ? Kind.GPIO
                    : text.startsWith("EDID=") || text.startsWith("HDMI:") ? Kind.UNSUPPORTED
                    : null;
        };
        if (kind != null) return new Filter(kind, text, kind.name());
        Matcher m = EXPRESSION.matcher(text);
        boolean expression = m.matches() && (m.group(4) == null || m.group(2).equals("&"));
        return expression ? new Filter(Kind.EXPRESSION, text, m.group(1)) : new Filter(Kind.UNKNOWN, text, text);
    }

    /** Whether this filter holds on a board. */
    Match on(Board board) {
        return switch (kind) {
            case ALL -> Match.APPLIES;
            case MODEL -> board.filters().contains(text) ? Match.APPLIES : Match.NEVER;
            case BOARD_TYPE -> boardType() == board.boardType() ? Match.APPLIES : Match.NEVER;
            case SERIAL, GPIO, TRYBOOT, EXPRESSION -> Match.DEPENDS;
            case NONE, CONFIG_TXT, UNSUPPORTED, UNKNOWN -> Match.NEVER;
        };
    }

    /** The SoC this filter selects, if it selects one. */
    Optional<Soc> soc() {
        if (kind == Kind.MODEL) return model(text).map(Board::soc);
        if (kind == Kind.BOARD_TYPE) return Board.ofBoardType(boardType()).map(Board::soc);
        return Optional.empty();
    }

    /** The one board this filter selects, if it selects exactly one of ours ({@code [cm4]}, {@code [board-type=0x17]}). */
    Optional<Board> board() {
        if (kind == Kind.BOARD_TYPE) return Board.ofBoardType(boardType());
        if (kind == Kind.MODEL && !text.equals("pi4") && !text.equals("pi5")) return model(text);
        return Optional.empty();
    }

    /** The board a model filter names: every model filter is a board's id ({@code [pi4]} also holds on a Pi 400...). */
    private static Optional<Board> model(String text) {
        for (Board board : Board.values()) if (board.id().equals(text)) return Optional.of(board);
        return Optional.empty();
    }

    private long boardType() {
        return Long.parseLong(text.substring("board-type=0x".length()), 16);
    }
}
