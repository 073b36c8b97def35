package io.accelmon.core.http;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.nio.file.Path;

/**
 * The exporter-toolkit web config ({@code --web.config.file}): TLS server settings and basic-auth users with bcrypt
 * hashes, applied to the HTTP server.
 */
public final class WebConfig {

    private static final WebConfig NONE = new WebConfig();

    private WebConfig() {
    }

    public static WebConfig none() {
        return NONE;
    }

    /** Loads and validates the file; problems are reported with file, line and field. */
    public static WebConfig load(Path file) {
        throw new UnsupportedOperationException("--web.config.file is not implemented yet: " + file);
    }

    void apply(HTTPServer.Builder builder) {
        // nothing to apply without a config file
    }

    boolean tlsEnabled() {
        return false;
    }

    boolean authEnabled() {
        return false;
    }
}
