package io.accelmon.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenAddressTest {

    @Test
    void forms() {
        assertThat(ListenAddress.parse(":9100")).isEqualTo(new ListenAddress("", 9100));
        assertThat(ListenAddress.parse(":9100").wildcard()).isTrue();
        assertThat(ListenAddress.parse("127.0.0.1:9835")).isEqualTo(new ListenAddress("127.0.0.1", 9835));
        assertThat(ListenAddress.parse("node1.example:8082").host()).isEqualTo("node1.example");
        assertThat(ListenAddress.parse("[::1]:9100")).isEqualTo(new ListenAddress("::1", 9100));
    }

    @Test
    void roundTrip() {
        for (String text : new String[] {":9100", "127.0.0.1:9835", "[::1]:9100", "[fe80::1]:0"}) {
            assertThat(ListenAddress.parse(text).toString()).isEqualTo(text);
        }
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> ListenAddress.parse("9100")).hasMessageContaining("is not HOST:PORT");
        assertThatThrownBy(() -> ListenAddress.parse("host:http")).hasMessageContaining("port is not a number");
        assertThatThrownBy(() -> ListenAddress.parse("host:")).hasMessageContaining("port is not a number");
        assertThatThrownBy(() -> ListenAddress.parse(":70000")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> ListenAddress.parse("::1:9100")).hasMessageContaining("IPv6 hosts in brackets");
    }
}
