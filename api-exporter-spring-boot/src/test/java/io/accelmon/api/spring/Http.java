package io.accelmon.api.spring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** A loopback HTTP client for the tests. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Scrapes {@code path} until the body satisfies {@code done}, then once more: the filter records a request just
     * after the client got its response, one family after the other (count, latency, sizes), and one scrape reads the
     * families in that order too, so the scrape that first satisfies {@code done} may have read a later family of the
     * same request before it was recorded.
     */
    static String awaitScrape(int port, String path, Predicate<String> done) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String body = get(port, path).body();
        while (!done.test(body) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            body = get(port, path).body();
        }
        Thread.sleep(50);
        return get(port, path).body();
    }
}
