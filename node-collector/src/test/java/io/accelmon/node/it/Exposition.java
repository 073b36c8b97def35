package io.accelmon.node.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A scrape in the text format 0.0.4, reduced to what the compatibility test compares: type and label names. */
record Exposition(Map<String, String> types, Map<String, Set<String>> labelNames, String text) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static Exposition scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header("Accept", "text/plain;version=0.0.4").timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("scrape of :" + port + " -> " + r.statusCode());
        }
        return parse(r.body());
    }

    static Exposition parse(String text) {
        Map<String, String> types = new HashMap<>();
        Map<String, Set<String>> labels = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] f = line.split(" ");
                types.put(f[2], f[3]);
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                int brace = line.indexOf('{');
                int space = line.indexOf(' ');
                String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
                Set<String> names = labels.computeIfAbsent(name, k -> new TreeSet<>());
                if (brace >= 0 && brace < space) {
                    labelNamesOf(line.substring(brace + 1, line.lastIndexOf('}')), names);
                }
            }
        }
        return new Exposition(types, labels, text);
    }

    private static void labelNamesOf(String inner, Set<String> names) {
        int i = 0;
        while (i < inner.length()) {
            int eq = inner.indexOf('=', i);
            if (eq < 0) {
                return;
            }
            names.add(inner.substring(i, eq).trim());
            int j = eq + 2;
            while (j < inner.length() && inner.charAt(j) != '"') {
                j += inner.charAt(j) == '\\' ? 2 : 1;
            }
            i = j + 2;
        }
    }

    /** Every sample as {@code name{l1="v1",...}} with the labels sorted by name, to its value. */
    java.util.Map<String, Double> samples() {
        java.util.Map<String, Double> out = new java.util.TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int close = line.lastIndexOf('}');
            int space = line.lastIndexOf(' ');
            String name;
            String labels = "";
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                java.util.List<String> pairs = new java.util.ArrayList<>();
                String inner = line.substring(brace + 1, close);
                int i = 0;
                while (i < inner.length()) {
                    int eq = inner.indexOf('=', i);
                    if (eq < 0) {
                        break;
                    }
                    int j = eq + 2;
                    while (j < inner.length() && inner.charAt(j) != '"') {
                        j += inner.charAt(j) == '\\' ? 2 : 1;
                    }
                    pairs.add(inner.substring(i, j + 1).trim());
                    i = j + 2;
                }
                java.util.Collections.sort(pairs);
                labels = "{" + String.join(",", pairs) + "}";
            } else {
                name = line.substring(0, line.indexOf(' '));
            }
            out.put(name + labels, Double.parseDouble(line.substring(space + 1)));
        }
        return out;
    }

    boolean has(String family) {
        return labelNames.containsKey(family);
    }
}
