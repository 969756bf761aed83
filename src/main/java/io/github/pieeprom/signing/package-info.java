/**
 * Signatures: {@link io.github.pieeprom.signing.SigFile} (the {@code .sig} text of {@code rpi-eeprom-digest}),
 * {@link io.github.pieeprom.signing.Signer} and {@link io.github.pieeprom.signing.Verifier} (RSA-2048, SHA-256),
 * {@link io.github.pieeprom.signing.ConfigSignature} (whether an image's config signature verifies, or went stale),
 * the keys ({@link io.github.pieeprom.signing.PemKeys}, {@link io.github.pieeprom.signing.BootloaderKey}) and
 * signing by an external program ({@link io.github.pieeprom.signing.HsmWrapper}).
 */
package io.github.pieeprom.signing;
