package io.accelmon.api;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A registry's Prometheus text exposition, as Prometheus would scrape it, indexed by series. */
public final class Exposition {

    private final String text;
    private final Map<String, Double> samples = new LinkedHashMap<>();

    private Exposition(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
    }

    public static Exposition of(PrometheusRegistry registry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Exposition(out.toString(StandardCharsets.UTF_8));
    }

    /**
     * Scrapes until {@code name}'s series sum to {@code total}, then once more: a server filter records a request just
     * after the client got the response, so a test must wait for it; and one scrape reads the families one after the
     * other, so the scrape that first sees the total may have read a family recorded earlier for the same request
     * before it was. Wait on the family a request records last.
     */
    public static Exposition awaitTotal(PrometheusRegistry registry, String name, double total) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        Exposition e = of(registry);
        while (e.sum(name) < total && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            e = of(registry);
        }
        return of(registry);
    }

    /** The sum of every series of exactly {@code name}. */
    public double sum(String name) {
        return samples.entrySet().stream().filter(en -> en.getKey().equals(name) || en.getKey().startsWith(name + "{"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    public String text() {
        return text;
    }

    /** The value of series {@code name} with labels given as name, value, name, value…; null when absent. */
    public Double value(String name, String... labels) {
        return samples.get(key(name, labels));
    }

    public boolean has(String name, String... labels) {
        return samples.containsKey(key(name, labels));
    }

    /** How many series of exactly {@code name} there are. */
    public long seriesCount(String name) {
        return samples.keySet().stream().filter(k -> k.equals(name) || k.startsWith(name + "{")).count();
    }

    private static String key(String name, String... labels) {
        if (labels.length == 0) {
            return name;
        }
        // client_java writes labels sorted by name, then le / quantile last
        Map<String, String> sorted = new TreeMap<>();
        Map<String, String> last = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            boolean special = labels[i].equals("le") || labels[i].equals("quantile");
            (special ? last : sorted).put(labels[i], labels[i + 1]);
        }
        StringBuilder sb = new StringBuilder(name).append('{');
        sorted.forEach((k, v) -> sb.append(k).append("=\"").append(v).append("\","));
        last.forEach((k, v) -> sb.append(k).append("=\"").append(v).append("\","));
        sb.setLength(sb.length() - 1);
        return sb.append('}').toString();
    }
}
