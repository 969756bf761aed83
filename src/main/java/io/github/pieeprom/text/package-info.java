/**
 * The text a fleet's files hold: {@link io.github.pieeprom.text.Utf8} decodes strictly (a byte that is not UTF-8 is
 * an error naming its line and column) and {@link io.github.pieeprom.text.Csv} reads CSV with Apache Commons CSV,
 * each record with the line it starts on; {@link io.github.pieeprom.text.KeyValueLines} is the line format of the
 * state files beside a TFTP root.
 */
package io.github.pieeprom.text;
