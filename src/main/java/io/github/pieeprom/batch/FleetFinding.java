package io.github.pieeprom.batch;

import io.github.pieeprom.bootconf.Finding;

/**
 * A finding of the validator for the configs of a batch, checked against their base images' own bootloaders, said
 * once however many of the fleet's distinct images it is in.
 *
 * @param file    the config it is in: the template, or the base image's own bootconf.txt
 * @param finding what the validator found
 * @param builds  how many of the batch's distinct images it is in
 */
public record FleetFinding(String file, Finding finding, int builds) {
    /** {@code FILE:LINE:COLUMN}, or {@code FILE} for a finding about the whole file. */
    public String where() {
        return finding.line() == 0 ? file : file + ":" + finding.line() + ":" + finding.column();
    }
}
