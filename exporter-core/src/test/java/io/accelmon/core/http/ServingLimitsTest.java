package io.accelmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.testing.Await;
import io.accelmon.core.testing.Options;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a hostile or careless client can hold of the server: slow request heads, too many scrapes, early exits. */
class ServingLimitsTest {

    // get() runs on the test's client threads too: an ArrayList could lose or, growing, refuse a socket
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private ExporterServer server;

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aScrapeIsAnsweredWithinOneSecondWhile300SlowClientsHoldConnections() throws Exception {
        server = ExporterServer.start(ExporterServerTest.IDENTITY, Options.of("--web.listen-address=127.0.0.1:0"),
                new PrometheusRegistry());
        assertThat(statusLine(get("/metrics"))).isEqualTo("HTTP/1.1 200 OK"); // classes loaded before the clock runs
        for (int i = 0; i < 300; i++) {
            Socket slow = new Socket("127.0.0.1", server.port());
            sockets.add(slow);
            // half the clients send only part of a request line, the other half a request line and one header
            slow.getOutputStream().write((i % 2 == 0 ? "GET /metr" : "GET /metrics HTTP/1.1\r\nX-Slow: a")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        // every slow client holds a request thread, blocked reading the rest of its head, once the server took it
        long reading = Await.until(Duration.ofSeconds(30), ServingLimitsTest::readingRequestThreads, n -> n >= 300);
        assertThat(reading).isGreaterThanOrEqualTo(300);
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            String status = statusLine(get("/metrics"));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(status).isEqualTo("HTTP/1.1 200 OK");
            assertThat(millis).as("scrape %d while 300 slow clients are connected", i).isLessThan(1000);
        }
    }

    @Test
    void scrapesPastMaxRequestsAre503AndCounted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(2);
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register((MultiCollector) () -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return MetricSnapshots.of(GaugeSnapshot.builder().name("test_value")
                    .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.EMPTY).value(1).build())
                    .build());
        });
        server = ExporterServer.start(ExporterServerTest.IDENTITY,
                Options.of("--web.listen-address=127.0.0.1:0", "--web.max-requests=2"), registry);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // a filtered scrape is encoded on its own, so the two in flight each hold a slot
            Future<String> first = pool.submit(() -> statusLine(get("/metrics?name[]=test_value")));
            Future<String> second = pool.submit(() -> statusLine(get("/metrics?name[]=test_value")));
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(statusLine(get("/metrics"))).isEqualTo("HTTP/1.1 503 Service Unavailable");
            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("HTTP/1.1 200 OK");
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("HTTP/1.1 200 OK");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        // the two release their slots just after their status lines reach the clients: a scrape that comes first
        // is refused too, and counted
        AtomicInteger scrapes = new AtomicInteger();
        String answer = Await.until(Duration.ofSeconds(10), () -> {
            scrapes.incrementAndGet();
            return body(get("/metrics"));
        }, a -> !a.startsWith("HTTP/1.1 503"));
        int refused = scrapes.get(); // the one above, and each scrape here but the answered last
        assertThat(answer).startsWith("HTTP/1.1 200 OK").contains("accelmon_http_scrapes_rejected_total " + refused + ".0");
    }

    /** Request threads (the server names them {@code http-<n>}) in a socket read; idle ones wait for work. */
    private static long readingRequestThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("http-") && t.getState() == Thread.State.RUNNABLE).count();
    }

    @Test
    void aScraperThatLeavesEarlyIsCountedNotLoggedAsAnError() throws Exception {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            PrometheusRegistry registry = new PrometheusRegistry();
            GaugeSnapshot.Builder big = GaugeSnapshot.builder().name("test_big");
            for (int i = 0; i < 20000; i++) {
                big.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("series", "series-number-" + i)).value(i).build());
            }
            GaugeSnapshot snapshot = big.build();
            registry.register((MultiCollector) () -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return MetricSnapshots.of(snapshot);
            });
            server = ExporterServer.start(ExporterServerTest.IDENTITY,
                    Options.of("--web.listen-address=127.0.0.1:0"), registry);
            for (int i = 0; i < 3; i++) {
                try (Socket early = new Socket("127.0.0.1", server.port())) {
                    early.setSoLinger(true, 0);
                    early.getOutputStream().write(("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                }
            }
            String metrics = Await.until(Duration.ofSeconds(10),
                    () -> body(get("/metrics?name[]=accelmon_http_client_disconnects_total")),
                    m -> m.contains("accelmon_http_client_disconnects_total 3.0"));
            assertThat(metrics).contains("accelmon_http_client_disconnects_total 3.0");
            synchronized (capture) {
                assertThat(records).noneMatch(r -> r.getLevel().intValue() > Level.INFO.intValue());
                assertThat(records).noneMatch(r -> r.getThrown() != null);
            }
        } finally {
            root.removeHandler(capture);
        }
    }

    private Socket get(String path) throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        sockets.add(s);
        s.setSoTimeout(5000);
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    private static String statusLine(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }

    private static String body(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
