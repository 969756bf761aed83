/**
 * Bootloader releases: {@link io.github.pieeprom.release.ReleaseIndex} finds the {@link io.github.pieeprom.release.Release}s
 * in a folder and tells an image's {@link io.github.pieeprom.release.Standing}; {@link io.github.pieeprom.release.Migration}
 * carries a deployed board's config and keys onto a new release, and {@link io.github.pieeprom.release.SettingsChange}
 * lists what reads differently there.
 */
package io.github.pieeprom.release;
