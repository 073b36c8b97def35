package io.accelmon.core.http;

import io.accelmon.core.http.WebConfigFile.TlsServerConfig;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The cipher suites and key-exchange groups a TLS server offers, as exporter-toolkit chooses them: without
 * {@code cipher_suites}, TLS 1.2 offers only forward-secret ECDHE suites with AEAD ciphers (GCM, ChaCha20-Poly1305);
 * TLS 1.3 suites are always on (they are not configurable in Go either). {@code curve_preferences} takes Go's curve
 * names. An unknown name is a {@code FILE:LINE:COL} error.
 */
final class TlsPolicy {

    /** Go's {@code tls.CurveID} names and the JDK's named groups. */
    static final Map<String, String> CURVES = new LinkedHashMap<>();

    static {
        CURVES.put("CurveP256", "secp256r1");
        CURVES.put("CurveP384", "secp384r1");
        CURVES.put("CurveP521", "secp521r1");
        CURVES.put("X25519", "x25519");
    }

    private static final String NAMED_GROUPS_PROPERTY = "jdk.tls.namedGroups";

    private final String[] cipherSuites;
    private final String[] namedGroups;

    private TlsPolicy(String[] cipherSuites, String[] namedGroups) {
        this.cipherSuites = cipherSuites;
        this.namedGroups = namedGroups;
    }

    /** Checks every name; call before the SSL context is made, so that curve preferences reach the JDK in time. */
    static TlsPolicy of(TlsServerConfig tls, Path configFile) {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < tls.curvePreferences().size(); i++) {
            ConfigValue curve = tls.curvePreferences().get(i);
            String group = CURVES.get(curve.value());
            if (group == null) {
                throw new WebConfigException(curve.where(configFile) + ": tls_server_config.curve_preferences[" + i
                        + "]: '" + curve.value() + "' is not one of " + String.join(", ", CURVES.keySet()));
            }
            groups.add(group);
        }
        String[] namedGroups = groups.isEmpty() ? null : groups.toArray(String[]::new);
        if (namedGroups != null && !canSetPerConnection()) {
            // JDK 17 reads the groups once per process, when TLS first starts: an exporter has one web config
            System.setProperty(NAMED_GROUPS_PROPERTY, String.join(",", namedGroups));
        }
        return new TlsPolicy(null, namedGroups);
    }

    /** Resolves the cipher suites against what the context supports. */
    TlsPolicy withSuites(TlsServerConfig tls, SSLContext context, Path configFile) {
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
        List<String> chosen = new ArrayList<>();
        if (tls.cipherSuites().isEmpty()) {
            for (String suite : context.getDefaultSSLParameters().getCipherSuites()) {
                if (forwardSecretAead(suite) || suite.endsWith("_SCSV")) {
                    chosen.add(suite);
                }
            }
        } else {
            for (int i = 0; i < tls.cipherSuites().size(); i++) {
                ConfigValue suite = tls.cipherSuites().get(i);
                String name = jdkName(suite.value(), supported);
                if (name == null) {
                    throw new WebConfigException(suite.where(configFile) + ": tls_server_config.cipher_suites[" + i
                            + "]: '" + suite.value() + "' is not a cipher suite this exporter supports; e.g. "
                            + "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
                }
                chosen.add(name);
            }
        }
        for (String suite : supported) {
            if (tls13(suite) && !chosen.contains(suite)) {
                chosen.add(suite);
            }
        }
        return new TlsPolicy(chosen.toArray(String[]::new), namedGroups);
    }

    void applyTo(SSLParameters params) {
        params.setCipherSuites(cipherSuites);
        if (namedGroups != null && canSetPerConnection()) {
            try {
                SSLParameters.class.getMethod("setNamedGroups", String[].class).invoke(params, (Object) namedGroups);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot set the TLS key-exchange groups: " + e, e);
            }
        }
    }

    String[] cipherSuites() {
        return cipherSuites.clone();
    }

    /** Go's names are the IANA names the JDK uses, except ChaCha20 suites, which Go also spells without a hash. */
    private static String jdkName(String name, List<String> supported) {
        if (tls13(name) || name.endsWith("_SCSV")) {
            return null;
        }
        if (supported.contains(name)) {
            return name;
        }
        return name.endsWith("_CHACHA20_POLY1305") && supported.contains(name + "_SHA256") ? name + "_SHA256" : null;
    }

    static boolean forwardSecretAead(String suite) {
        return suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305"));
    }

    private static boolean tls13(String suite) {
        return suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
    }

    /** {@code SSLParameters.setNamedGroups} exists from JDK 20 on. */
    private static boolean canSetPerConnection() {
        try {
            Method m = SSLParameters.class.getMethod("setNamedGroups", String[].class);
            return m != null;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
