package io.accelmon.core.http;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks user name and password against bcrypt hashes. A successful check is remembered as a keyed digest of the
 * password (not the password), so a scrape every 15 s does not pay the bcrypt cost each time; a wrong password always
 * pays it. Names and digests are compared in constant time, and an unknown user costs a bcrypt check too.
 */
final class BasicAuthUsers {

    private record User(byte[] name, String hash) {
    }

    private final List<User> users = new ArrayList<>();
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    private final byte[] cacheKey = new byte[32];
    // a hash of a random secret, so unknown users cost the same bcrypt time as known ones
    private final String dummyHash;

    BasicAuthUsers(Map<String, String> hashesByUser) {
        hashesByUser.forEach((name, hash) -> users.add(new User(name.getBytes(StandardCharsets.UTF_8), hash)));
        SecureRandom random = new SecureRandom();
        random.nextBytes(cacheKey);
        byte[] secret = new byte[16];
        random.nextBytes(secret);
        // same cost as the real hashes, so a wrong user name takes as long as a wrong password
        int cost = users.stream().mapToInt(u -> Integer.parseInt(u.hash.substring(4, 6))).max().orElse(10);
        dummyHash = users.isEmpty() ? "" : BCrypt.withDefaults().hashToString(Math.max(BCrypt.MIN_COST, cost),
                java.util.HexFormat.of().formatHex(secret).toCharArray());
    }

    boolean isEmpty() {
        return users.isEmpty();
    }

    boolean check(String name, String password) {
        byte[] given = name.getBytes(StandardCharsets.UTF_8);
        User match = null;
        for (User u : users) {
            if (MessageDigest.isEqual(u.name, given)) {
                match = u;
            }
        }
        byte[] digest = digest(name, password);
        if (match != null) {
            byte[] remembered = verified.get(name);
            if (remembered != null && MessageDigest.isEqual(remembered, digest)) {
                return true;
            }
        }
        boolean ok = bcrypt(password, match != null ? match.hash : dummyHash) && match != null;
        if (ok) {
            verified.put(name, digest);
        }
        return ok;
    }

    private static boolean bcrypt(String password, String hash) {
        try {
            return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                    hash.getBytes(StandardCharsets.UTF_8)).verified;
        } catch (IllegalArgumentException tooLongOrMalformed) {
            return false;
        }
    }

    private byte[] digest(String name, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
