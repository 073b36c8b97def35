package io.accelmon.provisioning.check;

import io.accelmon.core.input.BoundedText;
import io.accelmon.provisioning.spec.ClusterSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Option;

/**
 * How {@code check} and {@code usage} log in to a hub whose Prometheus and Alertmanager require basic auth and
 * TLS: {@code --username}/{@code --password-file}/{@code --ca-file}, or else the cluster spec's {@code security}
 * section (the password file the kit names is at the same path on the controller and the hub).
 */
public final class WebCredentials {

    private static final long MAX_SECRET_BYTES = 64 * 1024;
    private static final long MAX_CA_BYTES = 1024 * 1024;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    @Option(names = "--username", paramLabel = "NAME", description = "basic-auth user for Prometheus and Alertmanager")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "file holding that user's password")
    Path passwordFile;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "PEM CA certificate(s) to trust for https")
    Path caFile;

    /** What the client sends: an Authorization header and the trust for https, both optional. */
    public record Client(Optional<String> authorization, Optional<SSLContext> ssl) {

        public static Client none() {
            return new Client(Optional.empty(), Optional.empty());
        }
    }

    /** The options, falling back to {@code spec}'s security section for what they leave out. */
    public Client client(Optional<ClusterSpec> spec) {
        String u = user;
        Path pw = passwordFile;
        Path ca = caFile;
        if (spec.isPresent()) {
            var security = spec.get().security();
            if (u == null && pw == null && security.basicAuth().isPresent()) {
                u = security.basicAuth().get().username();
                pw = Path.of(security.basicAuth().get().passwordFile());
            }
            if (ca == null && security.tls().isPresent() && !security.tls().get().caFile().isBlank()) {
                ca = Path.of(security.tls().get().caFile());
            }
        }
        if ((u == null) != (pw == null)) {
            throw new IllegalArgumentException("--username and --password-file go together");
        }
        Optional<String> authorization = u == null ? Optional.empty() : Optional.of(basic(u, readSecret(pw)));
        Optional<SSLContext> ssl = ca == null ? Optional.empty() : Optional.of(trusting(ca));
        return new Client(authorization, ssl);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The password as Prometheus reads a {@code password_file}: surrounding whitespace trimmed. */
    private static String readSecret(Path file) {
        try {
            String s = BoundedText.read(file, MAX_SECRET_BYTES, READ_TIMEOUT).strip();
            if (s.isEmpty()) {
                throw new IllegalArgumentException(file + ": the password file is empty");
            }
            return s;
        } catch (BoundedText.Refused e) {
            throw new IllegalArgumentException("password file " + e.getMessage());
        }
    }

    private static SSLContext trusting(Path caFile) {
        try {
            String pem = BoundedText.read(caFile, MAX_CA_BYTES, READ_TIMEOUT);
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
            if (certs.isEmpty()) {
                throw new IllegalArgumentException(caFile + ": no PEM certificate in the CA file");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (BoundedText.Refused e) {
            throw new IllegalArgumentException("CA file " + e.getMessage());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(caFile + ": not a PEM CA certificate ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
    }
}
