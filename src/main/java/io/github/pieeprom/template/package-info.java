/** {@link io.github.pieeprom.template.Template}: text with {@code ${name}} placeholders, for configs and {@code cmdline.txt}. */
package io.github.pieeprom.template;
