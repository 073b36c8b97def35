package io.accelmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.BCrypt.Version;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BasicAuthUsersTest {

    private static String hash(Version version, int cost, String password) {
        return BCrypt.with(version).hashToString(cost, password.toCharArray());
    }

    @Test
    void everyToolkitHashVersionVerifies() {
        BasicAuthUsers users = new BasicAuthUsers(Map.of(
                "a", hash(Version.VERSION_2A, 4, "pa"),
                "b", hash(Version.VERSION_2B, 4, "pb"),
                "y", hash(Version.VERSION_2Y, 4, "py")));
        assertThat(users.check("a", "pa")).isTrue();
        assertThat(users.check("b", "pb")).isTrue();
        assertThat(users.check("y", "py")).isTrue();
        assertThat(users.check("a", "pb")).isFalse();
        assertThat(users.check("nobody", "pa")).isFalse();
        assertThat(users.check("", "")).isFalse();
    }

    @Test
    void aRememberedPasswordDoesNotOpenTheDoorToAnother() {
        BasicAuthUsers users = new BasicAuthUsers(Map.of("alice", hash(Version.VERSION_2Y, 4, "right")));
        assertThat(users.check("alice", "right")).isTrue();
        assertThat(users.check("alice", "wrong")).isFalse();
        assertThat(users.check("alice", "right")).isTrue();
    }

    @Test
    void successfulChecksAreCachedSoScrapesSkipBcrypt() {
        BasicAuthUsers users = new BasicAuthUsers(Map.of("alice", hash(Version.VERSION_2Y, 12, "pw")));
        long t0 = System.nanoTime();
        assertThat(users.check("alice", "pw")).isTrue();
        long first = System.nanoTime() - t0;
        long t1 = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            assertThat(users.check("alice", "pw")).isTrue();
        }
        long tenCached = System.nanoTime() - t1;
        // cost 12 is ~0.2 s per check; ten cached checks together must stay far below one real check
        assertThat(tenCached).isLessThan(first / 2);
    }

    @Test
    void passwordLongerThanBcryptAllowsIsRefusedNotThrown() {
        BasicAuthUsers users = new BasicAuthUsers(Map.of("alice", hash(Version.VERSION_2A, 4, "pw")));
        assertThat(users.check("alice", "x".repeat(100))).isFalse();
    }

    @Test
    void basicHeaderParsing() {
        String token = Base64.getEncoder().encodeToString("bob:pa:ss".getBytes(StandardCharsets.UTF_8));
        assertThat(WebAuthenticator.credentials("Basic " + token)).containsExactly("bob", "pa:ss");
        assertThat(WebAuthenticator.credentials("basic " + token)).containsExactly("bob", "pa:ss");
        assertThat(WebAuthenticator.credentials("Bearer " + token)).isNull();
        assertThat(WebAuthenticator.credentials("Basic !!!")).isNull();
        assertThat(WebAuthenticator.credentials(null)).isNull();
        String noColon = Base64.getEncoder().encodeToString("bob".getBytes(StandardCharsets.UTF_8));
        assertThat(WebAuthenticator.credentials("Basic " + noColon)).isNull();
    }
}
