package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.batch.BatchPlan;
import io.github.pieeprom.batch.FleetFinding;
import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.Finding;
import io.github.pieeprom.bootconf.PropertyTable;
import io.github.pieeprom.bootconf.Validator;
import io.github.pieeprom.image.EepromImage;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The check of a config a command writes into an image, against that image's own bootloader ({@link PropertyTable}):
 * each finding is a warning on standard error ({@code eeprom: warning: FILE:LINE:COL: message}), the image is written
 * as it would be without the check; with {@code --strict} any finding refuses it, in one line, before anything is
 * written.
 */
final class StoredConfig {
    static final String STRICT = "--strict";

    private StoredConfig() {
    }

    static void addOption(CommandSpec spec) {
        spec.addOption(Specs.flag(STRICT).description("Refuse (write nothing) if the validator has any finding for the "
                + "config written, checked against the new image's bootloader.").build());
    }

    /** The config {@code written} holds, named {@code file} in messages. */
    static void check(String file, EepromImage written, Parsed args, PrintWriter err) {
        check(BootConfig.parse(file, written.bootConfig()), written, args, err, false);
    }

    /**
     * {@code config} as stored in {@code target}; with {@code refuseErrors} (a config the command edited itself) an
     * error of the SoC's rules refuses it whatever {@code --strict} says, as {@link Findings#refuseErrors} does.
     */
    static void check(BootConfig config, EepromImage target, Parsed args, PrintWriter err, boolean refuseErrors) {
        if (refuseErrors) Findings.refuseErrors(config, Validator.checkInImage(config, target.soc()), err);
        report(config, Validator.checkInImage(config, PropertyTable.of(target)), args.flag(STRICT), err);
    }

    /**
     * A batch's findings ({@link BatchPlan#findings}): each once, with the number of the fleet's images it is in when
     * there is more than one.
     */
    static void check(BatchPlan plan, Parsed args, PrintWriter err) {
        List<FleetFinding> findings = plan.findings();
        if (findings.isEmpty()) return;
        if (args.flag(STRICT)) throw EepromException.in(findings.get(0).where(), "%s (--strict: %s; nothing written)",
                findings.get(0).finding().message(), Text.count(findings.size(), "finding"));
        int images = plan.builds().size();
        for (FleetFinding f : findings) err.println("eeprom: warning: " + f.where() + ": " + f.finding().message()
                + (images == 1 ? "" : " (" + f.builds() + " of " + images + " images)"));
    }

    private static void report(BootConfig config, List<Finding> findings, boolean strict, PrintWriter err) {
        if (strict && !findings.isEmpty()) throw EepromException.in(where(config.file(), findings.get(0)),
                "%s (--strict: %s; nothing written)", findings.get(0).message(),
                Text.count(findings.size(), "finding"));
        for (Finding f : findings) err.println("eeprom: warning: " + where(config.file(), f) + ": " + f.message());
    }

    private static String where(String file, Finding f) {
        return f.line() == 0 ? file : file + ":" + f.line() + ":" + f.column();
    }
}
