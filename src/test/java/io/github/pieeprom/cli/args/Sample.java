package io.github.pieeprom.cli.args;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small command tree for the framework's tests: {@code tool copy ...} and {@code tool net serve|check ...}. */
final class Sample {
    static final Arg<Path> IN = Arg.positional(Converters.PATH, "IN").help("The file to read.");
    static final Arg<Path> MORE = Arg.positional(Converters.PATH, "MORE").optional().repeatable();
    static final Arg<Path> OUT = Arg.option(Converters.PATH, "FILE", "-o", "--out").required().help("Where to write.");
    static final Arg<Boolean> ALL = Arg.flag("-a", "--all").help("Everything.");
    static final Arg<Boolean> QUIET = Arg.flag("-q", "--quiet");
    static final Arg<Integer> COUNT = Arg.option(Converters.INT, "N", "-n", "--count").defaultValue("3")
            .help("How many (default: 3).");
    static final Arg<String> SET = Arg.option(Converters.STRING, "KEY=VALUE", "--set").repeatable();
    static final Arg<String> ONLY = Arg.option(Converters.STRING, "PART", "--only").split(",");
    static final Arg<String> SERIAL = Arg.option(Converters.STRING, "S", "--serial").greedy();
    static final Arg<Path> DEVICES = Arg.option(Converters.PATH, "FILE", "--devices");
    static final Arg<String> SOC = Arg.option(Converters.STRING, "2711|2712", "--soc");

    static final Definition COPY = Definition.of("copy", IN, MORE, OUT, ALL, QUIET, COUNT, SET, ONLY, SOC)
            .describe("Copy a file.", "A second paragraph that is long enough to be wrapped onto more than one line "
                    + "of eighty columns, as help text must be.")
            .footer("Examples:", "  tool copy a -o b");
    static final Definition SERVE = Definition.of("serve", COUNT).describe("Serve files.")
            .exactlyOneOf(SERIAL, DEVICES);

    /** Records what it was run with. */
    static final class Leaf implements Command {
        final Definition definition;
        final List<Args> runs = new ArrayList<>();

        Leaf(Definition definition) {
            this.definition = definition;
        }

        @Override
        public Definition definition() {
            return definition;
        }

        @Override
        public int run(Args args, Console console) {
            runs.add(args);
            return 0;
        }
    }

    static final class Node implements Group {
        final Definition definition;
        final List<Command> children;

        Node(Definition definition, Command... children) {
            this.definition = definition;
            this.children = List.of(children);
        }

        @Override
        public Definition definition() {
            return definition;
        }

        @Override
        public Command subcommand(String name) {
            return children.stream().filter(c -> c.definition().name().equals(name)).findFirst().orElse(null);
        }
    }

    final Leaf copy = new Leaf(COPY);
    final Leaf serve = new Leaf(SERVE);
    final Leaf check = new Leaf(Definition.of("check").describe("Check files."));
    final Node net = new Node(Definition.of("net").describe("Network tools.").subcommands("serve", "check"),
            serve, check);
    final Node root = new Node(Definition.of("tool").describe("A tool.").subcommands("copy", "net"), copy, net);
}
