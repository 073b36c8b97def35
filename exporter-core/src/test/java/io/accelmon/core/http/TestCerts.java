package io.accelmon.core.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throw-away CA and certificates made with the real {@code openssl} in a temp dir, for TLS tests. */
final class TestCerts {

    private final Path dir;

    TestCerts(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca.key", "-out", "ca.crt", "-subj", "/CN=accelmon test CA", "-days", "2");
    }

    Path ca() {
        return dir.resolve("ca.crt");
    }

    /** Signs a certificate for localhost / 127.0.0.1 for the key in {@code keyFile}; returns the cert path. */
    Path issue(String name, Path keyFile) throws IOException, InterruptedException {
        openssl("req", "-new", "-key", keyFile.toString(), "-subj", "/CN=localhost", "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "san.ext", "-out", name + ".crt");
        return dir.resolve(name + ".crt");
    }

    /** Runs openssl in the cert dir and returns the path of {@code out} when given. */
    Path openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed:\n" + out);
            }
        } finally {
            p.destroyForcibly();
        }
        return dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }
}
