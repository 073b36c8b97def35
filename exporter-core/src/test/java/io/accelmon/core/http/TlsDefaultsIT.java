package io.accelmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.testing.FreePorts;
import io.accelmon.core.testing.JavaProcess;
import io.accelmon.core.testing.TestServerMain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code openssl s_client} against an exporter in a JVM of its own: TLS 1.2 offers only ECDHE + AEAD suites
 * unless {@code cipher_suites} names others, and {@code curve_preferences} limits the key-exchange groups.
 */
class TlsDefaultsIT {

    @TempDir
    Path dir;

    private TestCerts certs;

    /** An ECDSA certificate on {@code curve}: in TLS 1.2 the certificate's curve must be an offered group too. */
    private void certificate(String curve) throws Exception {
        certs = new TestCerts(dir);
        certs.openssl("ecparam", "-name", curve, "-genkey", "-out", "server.key");
        certs.issue("server", certs.file("server.key"));
    }

    @Test
    void defaultsRefuseCbcAndStaticRsaButTakeEcdheAead() throws Exception {
        certificate("prime256v1");
        try (Server s = serve("")) {
            assertThat(s.handshake("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256")).isTrue();
            assertThat(s.handshake("-tls1_2", "-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305")).isTrue();
            assertThat(s.handshake("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA")).isFalse();
            assertThat(s.handshake("-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-SHA384")).isFalse();
            assertThat(s.handshake("-tls1_2", "-cipher", "AES128-SHA")).isFalse();
            assertThat(s.handshake("-tls1_2", "-cipher", "AES128-GCM-SHA256")).isFalse();
            assertThat(s.handshake("-tls1_3")).isTrue();
            assertThat(s.handshake("-tls1_1")).isFalse();
        }
    }

    @Test
    void cipherSuitesAndCurvePreferencesAreHonoured() throws Exception {
        certificate("secp384r1");
        try (Server s = serve("""
                  cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305]
                  curve_preferences: [CurveP384]
                """)) {
            assertThat(s.handshake("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA", "-groups", "P-384")).isTrue();
            assertThat(s.handshake("-tls1_2", "-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305", "-groups", "P-384"))
                    .isTrue();
            assertThat(s.handshake("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256", "-groups", "P-384"))
                    .isFalse();
            assertThat(s.handshake("-tls1_3", "-groups", "P-384")).isTrue();
            assertThat(s.handshake("-tls1_3", "-groups", "P-256")).isFalse();
            assertThat(s.handshake("-tls1_3", "-groups", "X25519")).isFalse();
        }
    }

    private Server serve(String extraTls) throws Exception {
        Path web = Files.writeString(dir.resolve("web.yml"),
                "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n" + extraTls);
        int port = FreePorts.next();
        JavaProcess p = JavaProcess.launch("tls-server", TestServerMain.command(List.of("-Xmx64m"),
                List.of("--web.listen-address=127.0.0.1:" + port, "--web.config.file=" + web)), Map.of(),
                dir.resolve("server.log")).awaitPort(port);
        return new Server(p, port);
    }

    private record Server(JavaProcess process, int port) implements AutoCloseable {

        /** Whether {@code openssl s_client} completes a handshake with these options. */
        boolean handshake(String... options) throws Exception {
            List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                    "-servername", "localhost"));
            cmd.addAll(List.of(options));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return p.exitValue() == 0 && out.contains("Cipher is ") && !out.contains("Cipher is (NONE)");
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
