package io.github.pieeprom.bootconf;

import java.util.regex.Pattern;

/**
 * Which files of a folder are bootloader configs: what {@code validate DIR} checks, and the pre-commit hook's
 * default pattern ({@code .pre-commit-hooks.yaml} holds the same two expressions). A file is one if its name ends in
 * {@code .conf} or {@code .txt}, unless it is one of the files that sit beside bootloader configs in a TFTP root, a
 * boot partition or a fleet repository: the OS boot files ({@code config.txt}, {@code cmdline.txt},
 * {@code autoboot.txt}, {@code tryboot.txt}, {@code bootcfg.txt}, {@code issue.txt}) and documents ({@code README.txt},
 * {@code LICENSE.txt}, {@code CHANGELOG.txt}...), in any letter case.
 * <pre>
 * ConfigFiles.isBootloaderConfig("configs/rack1.conf")   // true
 * ConfigFiles.isBootloaderConfig("tftp/1234abcd/cmdline.txt")   // false
 * </pre>
 */
public final class ConfigFiles {
    /** The hook's {@code files:}. */
    static final String FILES = "\\.(txt|conf)$";
    /** The hook's {@code exclude:}. */
    static final String EXCLUDE = "(?i)(^|/)(config|cmdline|autoboot|tryboot|bootcfg|issue|readme|licen[cs]e|copying"
            + "|changelog|changes|news|notes|authors|contributing)\\.txt$";
    private static final Pattern INCLUDED = Pattern.compile(FILES), EXCLUDED = Pattern.compile(EXCLUDE);

    private ConfigFiles() {
    }

    /** Whether a file, named by its file name or a relative path with {@code /}, is a bootloader config. */
    public static boolean isBootloaderConfig(String path) {
        return INCLUDED.matcher(path).find() && !EXCLUDED.matcher(path).find();
    }
}
