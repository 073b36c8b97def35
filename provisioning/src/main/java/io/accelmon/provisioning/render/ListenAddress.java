package io.accelmon.provisioning.render;

import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.ClusterSpec.Listen;
import io.accelmon.provisioning.spec.ClusterSpec.Server;

/**
 * The {@code --web.listen-address} of everything the kit runs on a server: its own address, the one Prometheus
 * scrapes, so that nothing listens on an interface nobody scrapes; every interface only with
 * {@code security.listen: all}.
 */
public final class ListenAddress {

    private ListenAddress() {
    }

    /** {@code HOST:PORT}, with an IPv6 host in brackets. */
    public static String of(ClusterSpec spec, Server server, int port) {
        return host(spec, server) + ":" + port;
    }

    static String host(ClusterSpec spec, Server server) {
        if (spec.security().listen() == Listen.ALL && !server.address().startsWith("127.")) {
            return "0.0.0.0";
        }
        String a = server.address();
        return a.contains(":") ? "[" + a + "]" : a;
    }
}
