package io.github.pieeprom.netboot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Replays the TFTP requests a Pi 4 or Pi 5 makes while network booting (BOOTCONF.md §4.2.1) against a tree: the
 * first request tells whether the board's folder exists; after a miss the prefix is dropped and every later file
 * comes from the root. Probes the firmware tolerates missing are marked optional. The Pi 5 sequence is inferred.
 * <pre>
 * BootReplay.Result r = BootReplay.run(BootReplay.Model.PI4, "1234abcd/", name -&gt; Files.isRegularFile(root.resolve(name)),
 *         name -&gt; read(root.resolve(name)));
 * </pre>
 */
public final class BootReplay {
    public enum Model { PI4, PI5 }

    /**
     * Found (in the board's folder), served from the root instead, missing (the board cannot boot), an absent
     * probe, or the absent first file that makes the bootloader drop the prefix.
     */
    public enum Status { FOUND, FROM_ROOT, MISSING, ABSENT, PREFIX_DROPPED }

    public record Request(String path, boolean required, Status status) {
    }

    /** @param usesFolder whether the board reads from its own folder rather than the root */
    public record Result(String prefix, boolean usesFolder, List<Request> requests) {
        public Result {
            requests = List.copyOf(requests);
        }

        public boolean bootable() {
            return requests.stream().noneMatch(r -> r.status() == Status.MISSING);
        }
    }

    private BootReplay() {
    }

    /**
     * @param prefix the folder with its trailing {@code /} ({@code 1234abcd/}), or empty
     * @param exists whether a path relative to the root is a readable file
     * @param text   a text file's content, for {@code config.txt}
     */
    public static Result run(Model model, String prefix, Predicate<String> exists, Function<String, Optional<String>> text) {
        String first = model == Model.PI4 ? StagingPlan.START4_ELF : StagingPlan.CONFIG_TXT;
        boolean usesFolder = prefix.isEmpty() || exists.test(prefix + first);
        String p = usesFolder ? prefix : "";
        List<Request> requests = new ArrayList<>();
        if (!usesFolder) requests.add(new Request(prefix + first, false, Status.PREFIX_DROPPED));
        ConfigTxt config = ConfigTxt.parse(text.apply(p + StagingPlan.CONFIG_TXT).orElse(""), model);
        Set<String> seen = new LinkedHashSet<>();
        for (Wanted w : sequence(model, config)) {
            if (!seen.add(w.name())) continue;
            boolean found = exists.test(p + w.name());
            Status status = found ? (usesFolder || prefix.isEmpty() ? Status.FOUND : Status.FROM_ROOT)
                    : w.required() ? Status.MISSING : Status.ABSENT;
            requests.add(new Request(p + w.name(), w.required(), status));
        }
        kernel(model, config, p, exists, usesFolder || prefix.isEmpty(), requests);
        return new Result(prefix, usesFolder, requests);
    }

    private record Wanted(String name, boolean required) {
    }

    private static List<Wanted> sequence(Model model, ConfigTxt config) {
        List<Wanted> out = new ArrayList<>();
        if (model == Model.PI4) out.add(new Wanted(StagingPlan.START4_ELF, true));
        out.add(new Wanted(StagingPlan.CONFIG_TXT, false));
        if (model == Model.PI4) {
            out.add(new Wanted("fixup4.dat", true));
            out.add(new Wanted("recovery.elf", false));
            out.add(new Wanted("dt-blob.bin", false));
            out.add(new Wanted("bootcfg.txt", false));
            out.add(new Wanted("bcm2711-rpi-4-b.dtb", true));
        } else {
            out.add(new Wanted("bcm2712-rpi-5-b.dtb", true));
        }
        out.add(new Wanted("overlays/overlay_map.dtb", false));
        config.overlays().forEach(o -> out.add(new Wanted("overlays/" + o + ".dtbo", true)));
        out.add(new Wanted(StagingPlan.CMDLINE_TXT, true));
        config.initramfs().ifPresent(f -> out.add(new Wanted(f, true)));
        return out;
    }

    /** The kernel config.txt names, else the first of the model's defaults that exists. */
    private static void kernel(Model model, ConfigTxt config, String p, Predicate<String> exists, boolean own,
            List<Request> requests) {
        List<String> candidates = config.kernel().map(List::of).orElse(model == Model.PI5
                ? List.of("kernel_2712.img", "kernel8.img")
                : config.arm64().map(on -> on ? List.of("kernel8.img") : List.of("kernel7l.img"))
                        .orElse(List.of("kernel8.img", "kernel7l.img", "kernel7.img", "kernel.img")));
        for (int i = 0; i < candidates.size(); i++) {
            String path = p + candidates.get(i);
            boolean last = i == candidates.size() - 1;
            if (exists.test(path)) {
                requests.add(new Request(path, true, own ? Status.FOUND : Status.FROM_ROOT));
                return;
            }
            requests.add(new Request(path, last, last ? Status.MISSING : Status.ABSENT));
        }
    }

    /** The few {@code config.txt} lines that decide which files a board asks for, filtered for the model. */
    private record ConfigTxt(List<String> overlays, Optional<String> kernel, Optional<Boolean> arm64,
            Optional<String> initramfs) {
        static ConfigTxt parse(String text, Model model) {
            List<String> overlays = new ArrayList<>();
            Optional<String> kernel = Optional.empty(), initramfs = Optional.empty();
            Optional<Boolean> arm64 = Optional.empty();
            boolean active = true;
            for (String raw : text.split("\r?\n")) {
                String line = raw.strip();
                if (line.startsWith("[") && line.endsWith("]")) {
                    String filter = line.substring(1, line.length() - 1);
                    active = filter.equals("all") || filter.equals(model == Model.PI4 ? "pi4" : "pi5");
                } else if (active && !line.startsWith("#")) {
                    int eq = line.indexOf('=');
                    String key = eq < 0 ? line.split("\\s+")[0] : line.substring(0, eq).strip();
                    String value = eq < 0 ? "" : line.substring(eq + 1).strip();
                    switch (key) {
                        case "dtoverlay" -> {
                            String name = value.split(",")[0].strip();
                            if (!name.isEmpty()) overlays.add(name);
                        }
                        case "kernel" -> kernel = Optional.of(value);
                        case "arm_64bit" -> arm64 = Optional.of(!value.equals("0"));
                        case "initramfs" -> {
                            String[] words = line.split("\\s+");
                            if (words.length > 1) initramfs = Optional.of(words[1]);
                        }
                        default -> { }
                    }
                }
            }
            return new ConfigTxt(overlays, kernel, arm64, initramfs);
        }
    }
}
