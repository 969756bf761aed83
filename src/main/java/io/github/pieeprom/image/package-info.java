/**
 * The image format: {@link io.github.pieeprom.image.EepromImage} (parsed, immutable, every {@code with...} a new
 * image), its {@link io.github.pieeprom.image.Section}s and {@link io.github.pieeprom.image.SectionKind}s, the
 * edits {@code rpi-eeprom-config} makes ({@link io.github.pieeprom.image.ImageEdits}), the files an image holds
 * ({@link io.github.pieeprom.image.ImageContents}) and, at the edge, {@link io.github.pieeprom.image.ImageFiles},
 * which reads images and writes files whole, never leaving a partial one.
 */
package io.github.pieeprom.image;
