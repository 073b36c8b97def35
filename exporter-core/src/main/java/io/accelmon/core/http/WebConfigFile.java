package io.accelmon.core.http;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The exporter-toolkit web config file as written, bound by Jackson. Constructors validate, so that Jackson reports a
 * problem at the line of the section it belongs to.
 */
record WebConfigFile(
        @JsonProperty("tls_server_config") TlsServerConfig tls,
        @JsonProperty("http_server_config") HttpServerConfig http,
        @JsonProperty("basic_auth_users") Map<String, BcryptHash> basicAuthUsers) {

    WebConfigFile {
        basicAuthUsers = basicAuthUsers == null ? Map.of() : new LinkedHashMap<>(basicAuthUsers);
        for (Map.Entry<String, BcryptHash> user : basicAuthUsers.entrySet()) {
            if (user.getKey().isEmpty() || user.getKey().contains(":")) {
                throw new IllegalArgumentException("user name '" + user.getKey() + "' must be non-empty without ':'");
            }
            if (user.getValue() == null) {
                throw new IllegalArgumentException("user '" + user.getKey() + "' has no bcrypt hash");
            }
        }
    }

    static WebConfigFile empty() {
        return new WebConfigFile(null, null, null);
    }

    /** {@code tls_server_config}. */
    record TlsServerConfig(
            @JsonProperty("cert_file") ConfigPath certFile,
            @JsonProperty("key_file") ConfigPath keyFile,
            @JsonProperty("client_auth_type") ClientAuth clientAuthType,
            @JsonProperty("client_ca_file") ConfigPath clientCaFile,
            @JsonProperty("min_version") TlsVersion minVersion,
            @JsonProperty("max_version") TlsVersion maxVersion,
            @JsonProperty("cipher_suites") List<ConfigValue> cipherSuites,
            @JsonProperty("curve_preferences") List<ConfigValue> curvePreferences,
            @JsonProperty("prefer_server_cipher_suites") Boolean preferServerCipherSuites) {

        TlsServerConfig {
            if (certFile == null) {
                throw new IllegalArgumentException("cert_file is required");
            }
            if (keyFile == null) {
                throw new IllegalArgumentException("key_file is required");
            }
            if (clientAuthType == null) {
                // exporter-toolkit: a client CA without an explicit type means verify every client
                clientAuthType = clientCaFile != null ? ClientAuth.RequireAndVerifyClientCert : ClientAuth.NoClientCert;
            }
            if (clientAuthType.verifies() && clientCaFile == null) {
                throw new IllegalArgumentException("client_auth_type " + clientAuthType + " needs client_ca_file");
            }
            if (clientCaFile != null && clientAuthType == ClientAuth.NoClientCert) {
                throw new IllegalArgumentException("client_ca_file is set but client_auth_type is NoClientCert");
            }
            minVersion = minVersion == null ? TlsVersion.TLS12 : minVersion;
            maxVersion = maxVersion == null ? TlsVersion.TLS13 : maxVersion;
            if (minVersion.ordinal() > maxVersion.ordinal()) {
                throw new IllegalArgumentException("min_version " + minVersion + " is above max_version " + maxVersion);
            }
            cipherSuites = cipherSuites == null ? List.of() : List.copyOf(cipherSuites);
            curvePreferences = curvePreferences == null ? List.of() : List.copyOf(curvePreferences);
            preferServerCipherSuites = preferServerCipherSuites == null || preferServerCipherSuites;
        }
    }

    /** {@code http_server_config}. */
    record HttpServerConfig(
            @JsonProperty("http2") Boolean http2,
            @JsonProperty("headers") Map<String, String> headers) {

        /** The response headers exporter-toolkit lets a config set. */
        static final Set<String> ALLOWED_HEADERS = Set.of("Strict-Transport-Security", "X-Content-Type-Options",
                "X-Frame-Options", "X-XSS-Protection", "Content-Security-Policy");

        HttpServerConfig {
            headers = headers == null ? Map.of() : new TreeMap<>(headers);
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (ALLOWED_HEADERS.stream().noneMatch(a -> a.equalsIgnoreCase(h.getKey()))) {
                    throw new IllegalArgumentException("header '" + h.getKey() + "' may not be set; allowed: "
                            + String.join(", ", ALLOWED_HEADERS.stream().sorted().toList()));
                }
                if (h.getValue() == null || h.getValue().contains("\n") || h.getValue().contains("\r")) {
                    throw new IllegalArgumentException("header '" + h.getKey() + "' needs a one-line value");
                }
            }
        }
    }

    /** exporter-toolkit's {@code client_auth_type} values (Go's crypto/tls names). */
    enum ClientAuth {
        NoClientCert(false, false, false),
        RequestClientCert(true, false, false),
        RequireAnyClientCert(true, true, false),
        VerifyClientCertIfGiven(true, false, true),
        RequireAndVerifyClientCert(true, true, true);

        final boolean want;
        final boolean need;
        private final boolean verify;

        ClientAuth(boolean want, boolean need, boolean verify) {
            this.want = want;
            this.need = need;
            this.verify = verify;
        }

        boolean verifies() {
            return verify;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static ClientAuth parse(String text) {
            return Arrays.stream(values()).filter(v -> v.name().equals(text)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not one of "
                            + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))));
        }
    }

    /** {@code min_version} / {@code max_version}. TLS 1.0 and 1.1 are disabled in the JDK and refused here. */
    enum TlsVersion {
        TLS12("TLSv1.2"),
        TLS13("TLSv1.3");

        final String jdkName;

        TlsVersion(String jdkName) {
            this.jdkName = jdkName;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static TlsVersion parse(String text) {
            String t = text.toUpperCase(Locale.ROOT);
            if (t.equals("TLS10") || t.equals("TLS11")) {
                throw new IllegalArgumentException("'" + text + "' is not supported (the JDK disables TLS below 1.2);"
                        + " use TLS12 or TLS13");
            }
            return Arrays.stream(values()).filter(v -> v.name().equals(t)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not one of TLS12, TLS13"));
        }
    }

    /** A bcrypt hash as exporter-toolkit accepts it ({@code $2a$}, {@code $2b$}, {@code $2y$}). */
    record BcryptHash(String value) {

        BcryptHash {
            if (value == null || !value.matches("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}")) {
                throw new IllegalArgumentException("not a bcrypt hash ($2a$/$2b$/$2y$, 60 characters); make one with"
                        + " htpasswd -nBC 10 \"\" | tr -d ':\\n'");
            }
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static BcryptHash of(String value) {
            return new BcryptHash(value);
        }

        @Override
        public String toString() {
            return "BcryptHash[****]";
        }
    }
}
