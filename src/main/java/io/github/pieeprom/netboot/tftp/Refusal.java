package io.github.pieeprom.netboot.tftp;

/** A request the server answers with an ERROR packet: the TFTP error code and why, as the log shows it. */
final class Refusal extends Exception {
    final int code;

    Refusal(int code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }
}
