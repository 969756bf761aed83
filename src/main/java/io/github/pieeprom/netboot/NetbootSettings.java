package io.github.pieeprom.netboot;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.bootconf.BootConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The network-boot settings of {@code eeprom netboot}, in the user's words, and the bootconf properties they set
 * (BOOTCONF.md §4). Unset options leave the config's own lines alone. The bootloader reads {@code TFTP_PREFIX_STR}
 * only with {@code TFTP_PREFIX=1}: a prefix string without a prefix sets {@code TFTP_PREFIX=1} too ({@link #notes()}
 * says so), and with another prefix it is refused.
 * <pre>
 * BootConfig netboot = new NetbootSettings("0xf21", Optional.of(5), Optional.empty(), Optional.of(Prefix.SERIAL),
 *         Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of()).applyTo(config);
 * </pre>
 *
 * @param extra further {@code KEY=VALUE} settings, applied last in the given order
 */
public record NetbootSettings(String bootOrder, Optional<Integer> maxRetries, Optional<String> tftpIp,
        Optional<Prefix> prefix, Optional<String> prefixString, Optional<String> clientIp, Optional<String> subnet,
        Optional<String> gateway, Map<String, String> extra) {
    public NetbootSettings {
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        if (prefixString.isPresent() && prefix.isPresent() && prefix.get() != Prefix.STRING)
            throw EepromException.in("--tftp-prefix-str", "the bootloader reads TFTP_PREFIX_STR only with "
                    + "TFTP_PREFIX=1 (--tftp-prefix string), not with --tftp-prefix %s", prefix.get().word());
    }

    /** What {@link #properties()} sets that was not asked for, one sentence each (empty when nothing). */
    public List<String> notes() {
        return prefixString.isPresent() && prefix.isEmpty()
                ? List.of("TFTP_PREFIX=1 set too: the bootloader reads TFTP_PREFIX_STR only with TFTP_PREFIX=1")
                : List.of();
    }

    /** The properties to set, by their real names, in this order. */
    public Map<String, String> properties() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("BOOT_ORDER", bootOrder);
        maxRetries.ifPresent(n -> out.put("NET_BOOT_MAX_RETRIES", Integer.toString(n)));
        tftpIp.ifPresent(ip -> out.put("TFTP_IP", ip));
        if (prefix.isPresent() || prefixString.isPresent())
            out.put("TFTP_PREFIX", Integer.toString(prefix.orElse(Prefix.STRING).property()));
        prefixString.ifPresent(s -> out.put("TFTP_PREFIX_STR", Prefix.requireString("--tftp-prefix-str", s)));
        clientIp.ifPresent(ip -> out.put("CLIENT_IP", ip));
        subnet.ifPresent(mask -> out.put("SUBNET", mask));
        gateway.ifPresent(ip -> out.put("GATEWAY", ip));
        out.putAll(extra);
        return out;
    }

    /** The config with each property set in {@code [all]}; every other line and comment keeps its bytes. */
    public BootConfig applyTo(BootConfig config) {
        BootConfig out = config;
        for (Map.Entry<String, String> p : properties().entrySet()) out = out.with(p.getKey(), p.getValue());
        return out;
    }
}
