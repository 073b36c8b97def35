package io.accelmon.core.cli;

/**
 * A {@code HOST:PORT} listen address in the Prometheus exporter convention ({@code :9100} binds every interface).
 */
public record ListenAddress(String host, int port) {

    public ListenAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
        }
    }

    /** Parses {@code HOST:PORT}, {@code :PORT} or {@code [IPv6]:PORT}. */
    public static ListenAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("'" + text + "': write IPv6 hosts in brackets, e.g. [::1]:9100");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': port is not a number");
        }
        return new ListenAddress(host, port);
    }

    /** True when the host part is empty, i.e. bind every interface. */
    public boolean wildcard() {
        return host.isEmpty();
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
