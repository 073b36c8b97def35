package io.accelmon.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who an exporter is: its name (as in {@code accelmon_build_info{exporter=...}}), its default listen address, and the
 * version and revision it was built from.
 */
public record ExporterIdentity(String name, String title, ListenAddress defaultListenAddress,
                               String version, String revision) {

    private static final Map<String, ExporterIdentity> BUILT = new ConcurrentHashMap<>();

    /**
     * Builds the identity, reading version and revision from the build. It is remembered by name, so that
     * {@link ExporterCommandLine} can show the exporter's default listen address in {@code --help}.
     */
    public static ExporterIdentity of(String name, String title, String defaultListenAddress) {
        Properties build = new Properties();
        try (InputStream in = ExporterIdentity.class.getResourceAsStream("/io/accelmon/core/build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException ignored) {
            // version falls back to "unknown" below
        }
        ExporterIdentity identity = new ExporterIdentity(name, title, ListenAddress.parse(defaultListenAddress),
                nonEmpty(build.getProperty("version")), nonEmpty(build.getProperty("revision")));
        BUILT.put(name, identity);
        return identity;
    }

    /** The identity last built with {@link #of} under this name. */
    static Optional<ExporterIdentity> named(String name) {
        return Optional.ofNullable(BUILT.get(name));
    }

    private static String nonEmpty(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }
}
