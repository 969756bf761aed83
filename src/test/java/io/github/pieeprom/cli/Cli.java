package io.github.pieeprom.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process, as {@code main} does, capturing standard output as bytes and errors as text. */
public final class Cli {
    public record Result(int exit, byte[] stdout, String stderr) {
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private Cli() {
    }

    /** No terminal: a test never stops on a question (a developer's mvn may have one to ask on). */
    static final Secrets NO_TERMINAL = new Secrets() {
        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public char[] ask(String prompt) {
            return null;
        }
    };

    public static Result run(String... args) {
        return run(NO_TERMINAL, args);
    }

    /** With {@code secrets} as the terminal that passphrases are asked on. */
    static Result run(Secrets secrets, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        Console console = new Console(out, new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true),
                new PrintWriter(err, true), secrets);
        int exit = EepromCli.run(console, args);
        console.out().flush();
        return new Result(exit, out.toByteArray(), err.toString());
    }
}
