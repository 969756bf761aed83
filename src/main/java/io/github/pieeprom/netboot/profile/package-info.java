/**
 * Boot profiles: staged boot folders under {@code ROOT/profiles/NAME/} that each board's folder links to
 * ({@link io.github.pieeprom.netboot.profile.Profiles}), switched atomically per board, rendered per board when a
 * profile's {@code cmdline.txt} or {@code config.txt} holds {@code ${variables}}, with every switch written to a
 * history ({@link io.github.pieeprom.netboot.profile.History}) and one-shot boots the boot server consumes
 * ({@link io.github.pieeprom.netboot.profile.OneShot}).
 */
package io.github.pieeprom.netboot.profile;
