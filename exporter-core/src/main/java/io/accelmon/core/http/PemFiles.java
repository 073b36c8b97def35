package io.accelmon.core.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificates and private keys the way Go's crypto/tls does: PKCS#8 {@code PRIVATE KEY}, PKCS#1
 * {@code RSA PRIVATE KEY} and SEC1 {@code EC PRIVATE KEY}. The JDK only parses PKCS#8, so the other two are wrapped in
 * a PKCS#8 structure here (a few bytes of DER) instead of pulling in BouncyCastle.
 */
final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final byte[] RSA_ENCRYPTION_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
        0x0d, 0x01, 0x01, 0x01};
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02,
        0x01};
    private static final byte[] DER_NULL = {0x05, 0x00};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private PemFiles() {
    }

    record Block(String type, byte[] der) {
    }

    static List<Block> blocks(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IOException("bad base64 in the " + m.group(1) + " block: " + e.getMessage());
            }
        }
        return blocks;
    }

    /** Every certificate in the file, leaf first; fails when there is none. */
    static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certs = new ArrayList<>();
        for (Block b : blocks(file)) {
            if (b.type().equals("CERTIFICATE")) {
                certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
            }
        }
        if (certs.isEmpty()) {
            throw new IOException("no PEM CERTIFICATE block");
        }
        return certs;
    }

    /** The first private key in the file (an {@code EC PARAMETERS} block before it is skipped). */
    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        for (Block b : blocks(file)) {
            switch (b.type()) {
                case "PRIVATE KEY":
                    return pkcs8(b.der(), "RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");
                case "RSA PRIVATE KEY":
                    return pkcs8(rsaToPkcs8(b.der()), "RSA");
                case "EC PRIVATE KEY":
                    return pkcs8(ecToPkcs8(b.der()), "EC");
                case "ENCRYPTED PRIVATE KEY":
                    throw new IOException("encrypted private keys are not supported; decrypt it with"
                            + " openssl pkcs8 -in KEY -out KEY.plain");
                default:
                    // certificates, EC PARAMETERS: not a key
            }
        }
        throw new IOException("no PEM PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block");
    }

    private static PrivateKey pkcs8(byte[] der, String... algorithms) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : algorithms) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("unsupported or malformed private key: " + last.getMessage(), last);
    }

    /** PKCS#8 PrivateKeyInfo { version 0, AlgorithmIdentifier { rsaEncryption, NULL }, OCTET STRING pkcs1 }. */
    static byte[] rsaToPkcs8(byte[] pkcs1) {
        return sequence(VERSION_0, sequence(RSA_ENCRYPTION_OID, DER_NULL), tlv(0x04, pkcs1));
    }

    /**
     * SEC1 ECPrivateKey { version 1, privateKey OCTET STRING, [0] curve OID, [1] publicKey } → PKCS#8 with the curve
     * moved into the AlgorithmIdentifier, where the JDK looks for it.
     */
    static byte[] ecToPkcs8(byte[] sec1) throws GeneralSecurityException {
        byte[] curve = curveOid(sec1);
        return sequence(VERSION_0, sequence(EC_PUBLIC_KEY_OID, curve), tlv(0x04, sec1));
    }

    private static byte[] curveOid(byte[] sec1) throws GeneralSecurityException {
        Der outer = new Der(sec1, 0);
        if (outer.tag != 0x30) {
            throw new GeneralSecurityException("EC PRIVATE KEY is not a DER SEQUENCE");
        }
        int pos = outer.contentStart;
        while (pos < outer.end) {
            Der field = new Der(sec1, pos);
            if (field.tag == 0xa0) {
                Der oid = new Der(sec1, field.contentStart);
                if (oid.tag != 0x06) {
                    throw new GeneralSecurityException("EC PRIVATE KEY uses explicit curve parameters; only named"
                            + " curves are supported");
                }
                byte[] out = new byte[oid.end - field.contentStart];
                System.arraycopy(sec1, field.contentStart, out, 0, out.length);
                return out;
            }
            pos = field.end;
        }
        throw new GeneralSecurityException("EC PRIVATE KEY does not name its curve");
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** One DER tag-length-value header: where its content starts and where it ends. */
    private static final class Der {
        final int tag;
        final int contentStart;
        final int end;

        Der(byte[] data, int pos) throws GeneralSecurityException {
            if (pos + 2 > data.length) {
                throw new GeneralSecurityException("truncated DER");
            }
            tag = data[pos] & 0xff;
            int len = data[pos + 1] & 0xff;
            int p = pos + 2;
            if (len >= 0x80) {
                int bytes = len & 0x7f;
                if (bytes == 0 || bytes > 3 || p + bytes > data.length) {
                    throw new GeneralSecurityException("bad DER length");
                }
                len = 0;
                for (int i = 0; i < bytes; i++) {
                    len = (len << 8) | (data[p++] & 0xff);
                }
            }
            contentStart = p;
            end = p + len;
            if (end > data.length) {
                throw new GeneralSecurityException("truncated DER");
            }
        }
    }
}
