package io.accelmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.testing.FreePorts;
import io.accelmon.core.testing.JavaProcess;
import io.accelmon.core.testing.TestServerMain;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exporter server with the small-heap flags a plain start re-executes with, under 100 keep-alive connections
 * scraping back to back for 30 s: its resident memory afterwards stays within 1.5 times the memory at rest (the
 * issue's bound for the packaged exporters; bench/load-rss.sh measures the three exporters themselves).
 */
class MemoryBoundIT {

    private static final int CONNECTIONS = 100;
    private static final long LOAD_MILLIS = 30_000;

    @TempDir
    Path dir;

    @Test
    void rssAfterHundredConnectionsStaysWithinOneAndAHalfTimesRest() throws Exception {
        int port = FreePorts.next();
        List<String> flags = new ArrayList<>(io.accelmon.core.cli.LeanJvm.FLAGS);
        // about the size of a node-collector scrape
        flags.add("-Dtest.series=2000");
        try (JavaProcess server = JavaProcess.launch("memory-bound", TestServerMain.command(flags,
                List.of("--web.listen-address=127.0.0.1:" + port)), Map.of(), dir.resolve("server.log"))
                .awaitPort(port)) {
            long pid = pidListeningOn(server);
            scrape(port, 1, 3_000);
            Thread.sleep(2_000);
            double rest = rssMiB(pid);
            long[] answers = scrape(port, CONNECTIONS, LOAD_MILLIS);
            double after = rssMiB(pid);
            System.out.printf("MemoryBoundIT: RSS at rest %.1f MiB, after %d connections x %d s: %.1f MiB (%.2fx);"
                    + " %d answers 200, %d answers 503%n", rest, CONNECTIONS, LOAD_MILLIS / 1000, after, after / rest,
                    answers[0], answers[1]);
            assertThat(answers[0]).as("scrapes answered 200").isPositive();
            assertThat(after).as("RSS after the load (MiB), at rest %.1f", rest).isLessThanOrEqualTo(1.5 * rest);
        }
    }

    private static long pidListeningOn(JavaProcess server) {
        return server.pid();
    }

    /** Reads one HTTP/1.1 response with a Content-Length body; returns its status. */
    private static int readOne(InputStream in) throws java.io.IOException {
        String status = line(in);
        long length = 0;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Long.parseLong(h.substring(15).trim());
            }
        }
        in.skipNBytes(length);
        return Integer.parseInt(status.split(" ")[1]);
    }

    private static String line(InputStream in) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new java.io.EOFException();
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static double rssMiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    /** {@code connections} keep-alive clients scraping back to back; returns the counts of 200 and 503 answers. */
    private static long[] scrape(int port, int connections, long millis) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ok = new AtomicLong();
        AtomicLong shed = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        byte[] request = ("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        s.setSoTimeout(10_000);
                        OutputStream out = s.getOutputStream();
                        InputStream in = s.getInputStream();
                        while (!stop.get()) {
                            out.write(request);
                            int status = readOne(in);
                            (status == 200 ? ok : shed).incrementAndGet();
                        }
                    } catch (Exception e) {
                        // closed by the server (idle or shed): connect again
                    }
                }
            }, "scraper-" + i);
            t.setDaemon(true);
            t.start();
            clients.add(t);
        }
        Thread.sleep(millis);
        stop.set(true);
        for (Thread t : clients) {
            t.join(15_000);
        }
        return new long[] {ok.get(), shed.get()};
    }
}
