package io.github.pieeprom.netboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    @Test
    void fillsEveryPlaceholderAndKeepsOtherDollarSigns() {
        Template t = Template.parse("--cmdline", "nfsroot=${server}:/srv/nfs/${serial} cost=$5 ${serial}");
        assertThat(t.render(Map.of("server", "10.0.0.1", "serial", "1234abcd")))
                .isEqualTo("nfsroot=10.0.0.1:/srv/nfs/1234abcd cost=$5 1234abcd");
        assertThat(t.variables()).containsExactly("server", "serial");
    }

    @Test
    void anUnknownVariableIsNamedWithItsLineAndTheKnownOnes() {
        Template t = Template.parse("cmdline.template", "# comment\nroot=/dev/nfs host=${hostname}\n");
        assertThatThrownBy(() -> t.render(Map.of("serial", "1234abcd", "server", "10.0.0.1")))
                .isInstanceOf(EepromException.class)
                .hasMessage("cmdline.template:2: unknown variable ${hostname} (known: serial, server)");
    }

    @Test
    void refusesAnUnclosedOrEmptyPlaceholder() {
        assertThatThrownBy(() -> Template.parse("t", "a ${serial b")).hasMessage("t:1: \"${\" without a closing \"}\"");
        assertThatThrownBy(() -> Template.parse("t", "a ${} b"))
                .hasMessage("t:1: expected a variable name of letters, digits, _ and - in ${...}, found \"${}\"");
    }
}
