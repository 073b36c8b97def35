package io.accelmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebConfigTest {

    static final String HASH = BCrypt.withDefaults().hashToString(4, "secret".toCharArray());

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("web.yml"), yaml);
    }

    private String error(String yaml) throws IOException {
        Path file = write(yaml);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> WebConfig.load(file));
        assertThat(t).isInstanceOf(WebConfigException.class);
        assertThat(t.getMessage()).startsWith(file.toString()).doesNotContain("\n");
        return t.getMessage().substring(file.toString().length());
    }

    @Test
    void basicAuthOnly() throws IOException {
        WebConfig config = WebConfig.load(write("basic_auth_users:\n  alice: " + HASH + "\n"));
        assertThat(config.authEnabled()).isTrue();
        assertThat(config.tlsEnabled()).isFalse();
    }

    @Test
    void emptyFileIsNoConfig() throws IOException {
        WebConfig config = WebConfig.load(write("# nothing yet\n"));
        assertThat(config.authEnabled()).isFalse();
        assertThat(config.tlsEnabled()).isFalse();
    }

    @Test
    void unknownKeyNamesLineAndKnownFields() throws IOException {
        assertThat(error("basic_auth_users:\n  alice: " + HASH + "\ntls_config:\n  cert_file: x\n"))
                .startsWith(":3:1: tls_config: unknown field; known fields: basic_auth_users, http_server_config,"
                        + " tls_server_config");
        assertThat(error("tls_server_config:\n  cert_file: a.pem\n  key_file: a.key\n  min_verison: TLS12\n"))
                .startsWith(":4:").contains("tls_server_config.min_verison: unknown field");
    }

    @Test
    void wrongTypes() throws IOException {
        assertThat(error("basic_auth_users: alice\n")).isEqualTo(":1:1: basic_auth_users: expected a mapping");
        assertThat(error("tls_server_config:\n  cert_file: [a, b]\n  key_file: k\n"))
                .startsWith(":2:3: tls_server_config.cert_file: expected a string");
    }

    @Test
    void badHashNamesTheUser() throws IOException {
        assertThat(error("basic_auth_users:\n  alice: " + HASH + "\n  bob: plaintext\n"))
                .startsWith(":3:").contains("basic_auth_users.bob: not a bcrypt hash");
    }

    @Test
    void badEnumsListTheChoices() throws IOException {
        assertThat(error("tls_server_config:\n  cert_file: c\n  key_file: k\n  client_auth_type: Always\n"))
                .contains("tls_server_config.client_auth_type: 'Always' is not one of NoClientCert,"
                        + " RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert");
        assertThat(error("tls_server_config:\n  cert_file: c\n  key_file: k\n  min_version: TLS10\n"))
                .contains("tls_server_config.min_version: 'TLS10' is not supported");
    }

    @Test
    void tlsSectionRules() throws IOException {
        assertThat(error("tls_server_config:\n  key_file: k\n")).contains("tls_server_config: cert_file is required");
        assertThat(error("tls_server_config:\n  cert_file: c\n  key_file: k\n"
                + "  client_auth_type: RequireAndVerifyClientCert\n"))
                .contains("tls_server_config: client_auth_type RequireAndVerifyClientCert needs client_ca_file");
        assertThat(error("tls_server_config:\n  cert_file: c\n  key_file: k\n  min_version: TLS13\n"
                + "  max_version: TLS12\n")).contains("min_version TLS13 is above max_version TLS12");
    }

    @Test
    void missingCertFileNamesItsLine() throws IOException {
        assertThat(error("tls_server_config:\n  cert_file: nope.pem\n  key_file: nope.key\n"))
                .isEqualTo(":2:14: tls_server_config.cert_file: " + dir.resolve("nope.pem") + ": no such file");
    }

    @Test
    void onlyToolkitHeadersMayBeSet() throws IOException {
        assertThat(error("http_server_config:\n  headers:\n    Set-Cookie: a=b\n"))
                .contains("http_server_config: header 'Set-Cookie' may not be set; allowed: Content-Security-Policy");
    }

    @Test
    void duplicateKeysAndBadYaml() throws IOException {
        assertThat(error("basic_auth_users:\n  alice: " + HASH + "\n  alice: " + HASH + "\n"))
                .contains("Duplicate field 'alice'");
        assertThat(error("basic_auth_users:\n  alice: 'unterminated\n")).contains("invalid YAML");
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> WebConfig.load(dir.resolve("absent.yml")))
                .isInstanceOf(WebConfigException.class).hasMessage(dir.resolve("absent.yml") + ": no such file");
    }

    @Test
    void unknownCipherOrCurveNamesItsLineAndColumn() throws Exception {
        TestCerts certs = new TestCerts(dir);
        certs.openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "server.key");
        certs.issue("server", certs.file("server.key"));
        String tls = "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n";
        assertThat(error(tls + "  cipher_suites:\n    - TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\n    - AES128-SHA\n"))
                .isEqualTo(":6:7: tls_server_config.cipher_suites[1]: 'AES128-SHA' is not a cipher suite this"
                        + " exporter supports; e.g. TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,"
                        + " TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        assertThat(error(tls + "  curve_preferences: [CurveP256, P-384]\n"))
                .isEqualTo(":4:34: tls_server_config.curve_preferences[1]: 'P-384' is not one of CurveP256,"
                        + " CurveP384, CurveP521, X25519");
    }

    @Test
    void devicesAreRefusedInOneLine() {
        for (String device : new String[] {"/dev/zero", "/dev/urandom"}) {
            assertThatThrownBy(() -> WebConfig.load(Path.of(device))).isInstanceOf(WebConfigException.class)
                    .hasMessage(device + ": not a regular file (a character device); a web config must be a regular"
                            + " file");
        }
    }

    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("web.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () ->
                assertThatThrownBy(() -> WebConfig.load(fifo)).isInstanceOf(WebConfigException.class)
                        .hasMessage(fifo + ": not a regular file (a FIFO); a web config must be a regular file"));
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsRead() throws Exception {
        Path big = dir.resolve("big.yml");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.write("# ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            f.setLength(50L << 20);
        }
        assertThatThrownBy(() -> WebConfig.load(big)).isInstanceOf(WebConfigException.class)
                .hasMessage(big + ": is 52428800 bytes, more than the limit of 1048576");
    }
}
