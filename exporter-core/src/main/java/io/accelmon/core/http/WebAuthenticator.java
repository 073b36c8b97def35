package io.accelmon.core.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Installed on every context of the server: adds the configured response headers and, when users are configured,
 * demands HTTP basic auth ({@code 401} with {@code WWW-Authenticate: Basic}). The authenticator is the one hook
 * the server applies to all its contexts, which is why headers are set here too.
 */
final class WebAuthenticator extends Authenticator {

    static final String REALM = "accelmon";

    private final Map<String, String> headers;
    private final BasicAuthUsers users;

    WebAuthenticator(Map<String, String> headers, BasicAuthUsers users) {
        this.headers = Map.copyOf(headers);
        this.users = users;
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (users.isEmpty()) {
            return new Success(new HttpPrincipal("", REALM));
        }
        String[] credentials = credentials(exchange.getRequestHeaders().getFirst("Authorization"));
        if (credentials != null && users.check(credentials[0], credentials[1])) {
            return new Success(new HttpPrincipal(credentials[0], REALM));
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        return new Retry(401);
    }

    /** {user, password} from an {@code Authorization: Basic ...} header, or null. */
    static String[] credentials(String header) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
