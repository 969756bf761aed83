package io.github.pieeprom.cli;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Where a passphrase is asked for: a terminal, with the prompt on it and echo off. Never standard output, which may
 * be the image or .sig being written ({@code -o -}).
 */
interface Secrets {
    /** The terminal's: {@code System.console()} when the JVM has one, else {@code /dev/tty}. */
    Secrets TERMINAL = new Secrets() {
        @Override
        public boolean interactive() {
            java.io.Console console = System.console();
            return console != null && isTerminal(console);
        }

        @Override
        public char[] ask(String prompt) throws IOException {
            return askTerminal(prompt);
        }
    };

    /**
     * Whether standard input and output are both the terminal: a run someone is typing at, which may ask for what
     * it was not told to ask for (an encrypted key's passphrase). A script's run, with either redirected, is never
     * stopped by a question it did not ask for.
     */
    boolean interactive();

    /**
     * The line typed after {@code prompt}, echo off; null when there is no terminal to ask on.
     *
     * @throws IOException when the terminal cannot be read, or its echo not turned off
     */
    char[] ask(String prompt) throws IOException;

    private static char[] askTerminal(String prompt) throws IOException {
        java.io.Console console = System.console();
        // JDK 17 has one only when standard input and output are both the terminal; JDK 22 and later have one
        // even when they are redirected, and say which by isTerminal() (looked up: the baseline is JDK 17).
        if (console != null && isTerminal(console)) return console.readPassword("%s", prompt);
        return askDevTty(prompt);
    }

    private static boolean isTerminal(java.io.Console console) {
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException before22) {
            return true;
        }
    }

    /**
     * Standard input or output is not the terminal (a piped image, {@code -o -}): the process's controlling
     * terminal, {@code /dev/tty}, as ssh and gpg ask; its echo turned off by {@code stty} while the line is typed.
     */
    private static char[] askDevTty(String prompt) throws IOException {
        File tty = new File("/dev/tty");
        InputStream in;
        try {
            in = new FileInputStream(tty);                       // fails without a controlling terminal (ENXIO)
        } catch (IOException noTerminal) {
            return null;
        }
        try (in; OutputStream out = new FileOutputStream(tty)) {
            if (!stty(tty, "-echo")) throw new IOException("/dev/tty: cannot turn echo off (stty -echo failed)");
            Thread restore = new Thread(new Runnable() {               // Ctrl-C at the prompt: echo back on
                @Override
                public void run() {
                    stty(tty, "echo");
                }
            });
            Runtime.getRuntime().addShutdownHook(restore);
            try {
                out.write(prompt.getBytes(Charset.defaultCharset()));
                out.flush();
                return readLine(in);
            } finally {
                stty(tty, "echo");
                try {
                    Runtime.getRuntime().removeShutdownHook(restore);
                } catch (IllegalStateException shuttingDown) {      // the hook runs, or has run
                }
                out.write('\n');                                 // the Enter typed was not echoed
                out.flush();
            }
        }
    }

    private static boolean stty(File tty, String setting) {
        try {
            Process p = new ProcessBuilder("stty", setting).redirectInput(tty).redirectOutput(Redirect.DISCARD)
                    .redirectError(Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One line, without its end; bytes as the terminal's charset gives them. */
    private static char[] readLine(InputStream in) throws IOException {
        byte[] line = new byte[64];
        int n = 0;
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
            if (n == line.length) {
                byte[] old = line;
                line = Arrays.copyOf(line, n * 2);
                Arrays.fill(old, (byte) 0);
            }
            line[n++] = (byte) b;
        }
        if (n > 0 && line[n - 1] == '\r') n--;
        var chars = Charset.defaultCharset().decode(java.nio.ByteBuffer.wrap(line, 0, n));
        char[] secret = new char[chars.remaining()];
        chars.get(secret);
        Arrays.fill(line, (byte) 0);
        Arrays.fill(chars.array(), '\0');
        return secret;
    }
}
