package io.accelmon.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Who an exporter is: its name (as in {@code accelmon_build_info{exporter=...}}), its default listen address, and the
 * version and revision it was built from.
 */
public record ExporterIdentity(String name, String title, ListenAddress defaultListenAddress,
                               String version, String revision) {

    /** Builds the identity, reading version and revision from the build. */
    public static ExporterIdentity of(String name, String title, String defaultListenAddress) {
        Properties build = new Properties();
        try (InputStream in = ExporterIdentity.class.getResourceAsStream("/io/accelmon/core/build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException ignored) {
            // version falls back to "unknown" below
        }
        return new ExporterIdentity(name, title, ListenAddress.parse(defaultListenAddress),
                nonEmpty(build.getProperty("version")), nonEmpty(build.getProperty("revision")));
    }

    private static String nonEmpty(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }
}
