package io.accelmon.core.http;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import io.accelmon.core.http.WebConfigFile.ClientAuth;
import io.accelmon.core.http.WebConfigFile.TlsServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Builds the server's TLS setup from {@code tls_server_config}; every problem names the file and field. */
final class TlsContexts {

    private static final char[] IN_MEMORY = "accelmon".toCharArray();

    private TlsContexts() {
    }

    static HttpsConfigurator configurator(TlsServerConfig tls, Path configFile) {
        TlsPolicy names = TlsPolicy.of(tls, configFile);
        SSLContext context = sslContext(tls, configFile);
        SSLParameters template = context.getDefaultSSLParameters();
        List<String> protocols = new ArrayList<>();
        for (WebConfigFile.TlsVersion v : WebConfigFile.TlsVersion.values()) {
            if (v.ordinal() >= tls.minVersion().ordinal() && v.ordinal() <= tls.maxVersion().ordinal()) {
                protocols.add(v.jdkName);
            }
        }
        TlsPolicy policy = names.withSuites(tls, context, configFile);
        return new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = new SSLParameters(template.getCipherSuites(), protocols.toArray(String[]::new));
                policy.applyTo(p);
                p.setUseCipherSuitesOrder(tls.preferServerCipherSuites());
                // setWantClientAuth/setNeedClientAuth reset each other, so set only the stronger one
                if (tls.clientAuthType().need) {
                    p.setNeedClientAuth(true);
                } else if (tls.clientAuthType().want) {
                    p.setWantClientAuth(true);
                }
                params.setSSLParameters(p);
            }
        };
    }

    private static SSLContext sslContext(TlsServerConfig tls, Path configFile) {
        List<X509Certificate> chain = read(tls.certFile(), "tls_server_config.cert_file", configFile,
                PemFiles::certificates);
        PrivateKey key = read(tls.keyFile(), "tls_server_config.key_file", configFile, PemFiles::privateKey);
        if (!matches(key, chain.get(0).getPublicKey())) {
            throw new WebConfigException(tls.keyFile().where(configFile) + ": tls_server_config.key_file: "
                    + "private key does not match the certificate in " + tls.certFile().value());
        }
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", key, IN_MEMORY, chain.toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, IN_MEMORY);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), trustManagers(tls, configFile), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new WebConfigException(configFile + ": tls_server_config: cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trustManagers(TlsServerConfig tls, Path configFile)
            throws GeneralSecurityException, IOException {
        ClientAuth auth = tls.clientAuthType();
        if (auth == ClientAuth.NoClientCert) {
            return null;
        }
        if (!auth.verifies()) {
            return new TrustManager[] {new AcceptAnyClient()};
        }
        List<X509Certificate> cas = read(tls.clientCaFile(), "tls_server_config.client_ca_file", configFile,
                PemFiles::certificates);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < cas.size(); i++) {
            trust.setCertificateEntry("ca" + i, cas.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }

    /** Signs a probe with the key and verifies it with the certificate, like Go's tls.X509KeyPair check. */
    private static boolean matches(PrivateKey key, PublicKey certKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return true;
        }
        try {
            byte[] probe = "accelmon key pair check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private interface PemReader<T> {
        T read(Path file) throws IOException, GeneralSecurityException;
    }

    private static <T> T read(ConfigPath path, String field, Path configFile, PemReader<T> reader) {
        Path file = path.resolveAgainst(configFile);
        try {
            return reader.read(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new WebConfigException(path.where(configFile) + ": " + field + ": " + file + ": no such file", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new WebConfigException(path.where(configFile) + ": " + field + ": " + file + ": " + e.getMessage(), e);
        }
    }

    /** RequestClientCert / RequireAnyClientCert: ask for a certificate but do not check who signed it. */
    private static final class AcceptAnyClient implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // accepted by definition of the client_auth_type
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws
                java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("server certificates are not checked here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
