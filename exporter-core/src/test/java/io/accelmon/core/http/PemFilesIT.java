package io.accelmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every private key format Go's crypto/tls reads, made by the real openssl, loads as a server key. */
class PemFilesIT {

    @TempDir
    static Path dir;
    static TestCerts certs;

    @BeforeAll
    static void ca() throws Exception {
        certs = new TestCerts(dir);
    }

    private static WebConfig load(String name, Path key, Path cert) throws IOException {
        Path config = Files.writeString(dir.resolve(name + ".yml"),
                "tls_server_config:\n  cert_file: " + cert.getFileName() + "\n  key_file: " + key.getFileName() + "\n");
        return WebConfig.load(config);
    }

    private static String firstLine(Path file) throws IOException {
        return Files.readAllLines(file).get(0);
    }

    @Test
    void rsaPkcs1() throws Exception {
        certs.openssl("genrsa", "-traditional", "-out", "rsa1.key", "1024");
        Path key = certs.file("rsa1.key");
        assertThat(firstLine(key)).isEqualTo("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(load("rsa1", key, certs.issue("rsa1", key)).tlsEnabled()).isTrue();
    }

    @Test
    void rsaPkcs8() throws Exception {
        certs.openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "rsa8.key");
        Path key = certs.file("rsa8.key");
        assertThat(firstLine(key)).isEqualTo("-----BEGIN PRIVATE KEY-----");
        assertThat(load("rsa8", key, certs.issue("rsa8", key)).tlsEnabled()).isTrue();
    }

    @Test
    void ecSec1WithParametersBlock() throws Exception {
        certs.openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "ec1.key");
        Path key = certs.file("ec1.key");
        assertThat(Files.readString(key)).contains("EC PARAMETERS").contains("-----BEGIN EC PRIVATE KEY-----");
        assertThat(load("ec1", key, certs.issue("ec1", key)).tlsEnabled()).isTrue();
    }

    @Test
    void ecSec1P384AndPkcs8() throws Exception {
        certs.openssl("ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "ec384.key");
        Path sec1 = certs.file("ec384.key");
        assertThat(load("ec384", sec1, certs.issue("ec384", sec1)).tlsEnabled()).isTrue();
        certs.openssl("pkcs8", "-topk8", "-nocrypt", "-in", "ec384.key", "-out", "ec384-8.key");
        assertThat(load("ec384-8", certs.file("ec384-8.key"), certs.file("ec384.crt")).tlsEnabled()).isTrue();
    }

    @Test
    void ed25519() throws Exception {
        certs.openssl("genpkey", "-algorithm", "ed25519", "-out", "ed.key");
        Path key = certs.file("ed.key");
        assertThat(load("ed", key, certs.issue("ed", key)).tlsEnabled()).isTrue();
    }

    @Test
    void keyThatDoesNotMatchTheCertificateIsRefused() throws Exception {
        certs.openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "a.key");
        certs.openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "b.key");
        Path cert = certs.issue("a", certs.file("a.key"));
        assertThatThrownBy(() -> load("mismatch", certs.file("b.key"), cert))
                .isInstanceOf(WebConfigException.class)
                .hasMessageContaining("mismatch.yml:3:13: tls_server_config.key_file: private key does not match");
    }

    @Test
    void encryptedKeyIsRefusedWithAHint() throws Exception {
        certs.openssl("genpkey", "-algorithm", "ed25519", "-aes-128-cbc", "-pass", "pass:x", "-out", "enc.key");
        assertThatThrownBy(() -> load("enc", certs.file("enc.key"), certs.ca()))
                .isInstanceOf(WebConfigException.class).hasMessageContaining("encrypted private keys are not supported");
    }
}
