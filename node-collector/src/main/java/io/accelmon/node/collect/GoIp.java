package io.accelmon.node.collect;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv6 addresses written the way Go's net.IP.String writes them (RFC 5952: zeros compressed, IPv4-mapped dotted). */
final class GoIp {

    private GoIp() {
    }

    static String v6(String literal) throws UnknownHostException {
        if (!literal.matches("[0-9a-fA-F:]+")) {
            throw new UnknownHostException(literal);
        }
        InetAddress a = InetAddress.getByName(literal);
        if (a instanceof Inet4Address) {
            return a.getHostAddress(); // ::ffff:a.b.c.d, which Java already folds to IPv4
        }
        byte[] b = ((Inet6Address) a).getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 255) << 8) | (b[2 * i + 1] & 255);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }
}
