package io.github.pieeprom.cli;

import io.github.pieeprom.bootconf.Catalogue;
import io.github.pieeprom.bootconf.Property;
import java.util.Iterator;

/**
 * The catalogue's property names as completion candidates ({@code BOOT_ORDER=} for {@code --set}). Read only when
 * iterated: a run that only parses does not load the catalogue for them.
 */
enum PropertyNames implements Iterable<String> {
    PLAIN(""), WITH_EQUALS("=");

    private final String suffix;

    PropertyNames(String suffix) {
        this.suffix = suffix;
    }

    @Override
    public Iterator<String> iterator() {
        return Catalogue.all().stream().map(p -> p.name() + suffix).sorted().iterator();
    }
}
