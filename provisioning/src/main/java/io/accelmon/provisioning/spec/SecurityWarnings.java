package io.accelmon.provisioning.spec;

import io.accelmon.provisioning.spec.ClusterSpec.Server;
import java.util.ArrayList;
import java.util.List;

/**
 * What a valid spec would still expose: exporters without authentication, a basic-auth password sent over plain
 * http beyond loopback, a hub that takes queries and silences without credentials (with {@code security.basic_auth}
 * the hub's Prometheus and Alertmanager require the same credentials as the exporters). One {@code FILE: warning: KEY: what} line each, naming
 * the key that fixes it; {@code security: {insecure: true}} says the exposure is intended and silences them.
 */
public final class SecurityWarnings {

    private SecurityWarnings() {
    }

    public static List<String> of(ClusterSpec spec) {
        List<String> out = new ArrayList<>();
        if (spec.security().insecure()) {
            return out;
        }
        String file = spec.source() + ": warning: ";
        String silence = " (or security: {insecure: true} to accept this)";
        List<String> remote = spec.servers().stream().map(Server::address).filter(a -> !isLoopback(a)).distinct()
                .toList();
        if (spec.security().basicAuth().isEmpty()) {
            out.add(file + "security.basic_auth: not set, so every exporter serves its metrics without credentials"
                    + (remote.isEmpty() ? "" : " to anyone who reaches " + list(remote))
                    + "; set security.basic_auth" + silence);
        } else if (spec.security().tls().isEmpty() && !remote.isEmpty()) {
            out.add(file + "security.tls: not set, so the exporters' basic-auth password goes over plain http to "
                    + list(remote) + "; set security.tls" + silence);
        }
        Server hub = spec.hubServer();
        if (spec.security().basicAuth().isEmpty() && !isLoopback(hub.address())) {
            out.add(file + "hub.server: Prometheus (:" + spec.hub().prometheusPort() + ") and Alertmanager (:"
                    + spec.hub().alertmanagerPort() + ") on " + hub.address() + " take queries and silences without"
                    + " credentials from anyone who reaches them; set security.basic_auth (the hub then requires it"
                    + " too)" + silence);
        }
        return out;
    }

    private static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("localhost") || address.equals("::1");
    }

    private static String list(List<String> addresses) {
        return addresses.size() <= 3 ? String.join(", ", addresses)
                : String.join(", ", addresses.subList(0, 3)) + " and " + (addresses.size() - 3) + " more";
    }
}
