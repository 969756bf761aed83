/**
 * The {@code bootconf.txt} language: {@link io.github.pieeprom.bootconf.BootConfig} keeps a config byte for byte and
 * edits it line by line, {@link io.github.pieeprom.bootconf.PropertyEdits} applies {@code --set}/{@code --unset},
 * {@link io.github.pieeprom.bootconf.Validator} returns every {@link io.github.pieeprom.bootconf.Finding}, and
 * {@link io.github.pieeprom.bootconf.Catalogue}, {@link io.github.pieeprom.bootconf.Explainer} and
 * {@link io.github.pieeprom.bootconf.ConfigDiff} say what the properties mean, for which
 * {@link io.github.pieeprom.bootconf.Board}. It knows nothing of images.
 */
package io.github.pieeprom.bootconf;
