package io.github.pieeprom.netboot.probe;

import java.util.List;
import java.util.Optional;

/**
 * What a probe saw: whether a Pi would boot (no {@code fail} finding), the findings in the order of the steps, the
 * DHCP answers and the files fetched.
 *
 * @param decision the bootloader's choice among the answers; empty with {@code --tftp-only}
 */
public record ProbeReport(boolean boots, List<Finding> findings, List<DhcpAnswer> dhcp, Optional<BootDecision> decision,
                          List<Fetched> files) {
    public ProbeReport {
        findings = List.copyOf(findings);
        dhcp = List.copyOf(dhcp);
        files = List.copyOf(files);
    }
}
