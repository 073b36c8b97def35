package io.accelmon.core.http;

import java.time.Duration;

/**
 * How much a client may hold of an exporter's HTTP server: time to send the request line and headers, time a
 * keep-alive connection may sit idle, request threads, the listen backlog, and concurrent scrapes.
 *
 * <p>The JDK server reads its timeouts once, from system properties, when its configuration class loads; they are set
 * here, in code, before the first server is created, so a plain {@code java -jar} gets them too. A value the user
 * passed with {@code -D} wins.
 */
public record ServingLimits(Duration requestHeaderTimeout, Duration idleTimeout, int maxIdleConnections,
                            int maxThreads, int queueLength, int backlog, int maxRequests) {

    /** Slow senders get 10 s for the request head; idle keep-alive connections are closed after 30 s. */
    public static ServingLimits defaults(int maxRequests) {
        return new ServingLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), 200, 512, 4096, 1024, maxRequests);
    }

    /** Sets the JDK server's timeouts unless the user already set them; effective only before the first server. */
    void applyToJdkServer() {
        setIfAbsent("sun.net.httpserver.maxReqTime", Long.toString(Math.max(1, requestHeaderTimeout.toSeconds())));
        setIfAbsent("sun.net.httpserver.idleInterval", Long.toString(Math.max(1, idleTimeout.toSeconds())));
        setIfAbsent("sun.net.httpserver.maxIdleConnections", Integer.toString(maxIdleConnections));
        // the JDK's timer checks the request deadline this often; its default of 1 s is fine, spelled out for clarity
        setIfAbsent("sun.net.httpserver.timerMillis", "1000");
        // the JDK server leaves Nagle on: a chunked metrics response then waits ~40 ms for the scraper's delayed ACK
        setIfAbsent("sun.net.httpserver.nodelay", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
