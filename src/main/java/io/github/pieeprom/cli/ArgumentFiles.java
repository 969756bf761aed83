package io.github.pieeprom.cli;

import io.github.pieeprom.image.ImageFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.InitializationException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code @FILE} words that picocli replaces by the arguments in FILE, checked first: a folder, or a file that is
 * not text (an image named by mistake), is a usage error of one line; picocli would fail on the one and read the
 * other as hundreds of garbled arguments. A word whose file does not exist is left to picocli, which takes it as it
 * is (a file named {@code @x.bin}), and named as missing if nothing takes it.
 */
final class ArgumentFiles {
    /** How much of a file is looked at for a NUL byte, as grep and git tell a binary file. */
    private static final int LOOK = 8192;

    private ArgumentFiles() {
    }

    /** @throws UsageException for the first {@code @FILE} in {@code words} that names a folder or a binary file */
    static void check(List<String> words) {
        for (String word : words) {
            Path file = file(word);
            if (file == null || !Files.exists(file)) continue;
            if (Files.isDirectory(file)) throw unreadable(word, ImageFiles.IS_A_FOLDER);
            if (!Files.isReadable(file)) continue;                          // picocli takes the word as it is
            byte[] head = new byte[LOOK];
            int n;
            try (InputStream in = Files.newInputStream(file)) {
                n = in.readNBytes(head, 0, LOOK);
            } catch (IOException e) {
                throw unreadable(word, EepromCli.ioMessage(e).replaceFirst("^\\Q" + file + "\\E: ", ""));
            }
            for (int i = 0; i < n; i++)
                if (head[i] == 0) throw unreadable(word, "not a text file (a NUL byte at offset %d)".formatted(i));
        }
    }

    /**
     * picocli's failure to read an argument file that {@link #check} could not see, one named inside another: one
     * line, a usage error; null when {@code e} is something else.
     */
    static UsageException failure(InitializationException e) {
        String prefix = "Could not read argument file ";
        while (e.getCause() instanceof InitializationException inner) e = inner;     // the file inside, not around
        if (e.getMessage() == null || !e.getMessage().startsWith(prefix) || !(e.getCause() instanceof IOException io))
            return null;
        String reason = io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
        // FileReader's FileNotFoundException: "NAME (Is a directory)", "NAME (Permission denied)"
        Matcher m = Pattern.compile(".* \\((.*)\\)$").matcher(reason);
        if (m.matches()) reason = m.group(1).equals("Is a directory") ? ImageFiles.IS_A_FOLDER
                : m.group(1).toLowerCase(Locale.ROOT);
        return unreadable(e.getMessage().substring(prefix.length()), reason);
    }

    /**
     * The first word picocli could not place that is an {@code @FILE} whose file does not exist: one line naming it,
     * or null (then picocli's message and its suggestions stand).
     */
    static UsageException missing(UnmatchedArgumentException e, Set<String> words) {
        for (String word : e.getUnmatched()) {
            Path file = words.contains(word) ? file(word) : null;
            if (file != null && !Files.exists(file))
                return unreadable(word, "no such file or folder");
        }
        return null;
    }

    /** The file that {@code word} names as an argument file, or null: {@code @@x} is the word {@code @x}. */
    private static Path file(String word) {
        if (word.length() < 2 || word.charAt(0) != '@' || word.charAt(1) == '@') return null;
        try {
            return Path.of(word.substring(1));
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static UsageException unreadable(String word, String reason) {
        return new UsageException(word + ": cannot read the argument file: " + reason);
    }
}
