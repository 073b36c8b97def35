package io.accelmon.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class DocumentsTest {

    /** Strings a careless writer turns into booleans, numbers, nulls, dates, merge keys or broken syntax. */
    static final List<String> TRICKY = List.of("on", "On", "OFF", "yes", "No", "y", "N", "true", "null", "Null", "~", "",
            "1", "1.0", "-1", "+1", ".5", "1e3", "0x1F", "0o17", "017", "1_000", "1:30", ".inf", "-.Inf", ".NaN",
            "2026-12-02", "2026-12-02T10:00:00Z", "<<", "=", "a: b", "a:b", "a #b", "a#b", "#x", "- x", "-", "?", ":",
            "{a}", "[a]", "a, b", "*x", "&x", "!x", "|x", ">x", "'x", "\"x", "%x", "@x", "`x", " lead", "trail ",
            "two\nlines", "trailing newline\n", "tab\there", "bell\u0007", "°C ünïcode", "a\\b", "say \"hi\"",
            "{{ $labels.instance }}", "up{job=~\"node-.*\"} == 0", "severity=\"critical\"", "$__file{/etc/x}");

    @Test
    void everyTrickyStringReadsBackAsTheSameString() {
        Map<String, Object> doc = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>(TRICKY);
        for (int i = 0; i < TRICKY.size(); i++) {
            doc.put(TRICKY.get(i).isEmpty() ? "empty" : TRICKY.get(i), TRICKY.get(i));
        }
        doc.put("list", list);
        String text = Documents.yaml("header", doc);
        // SnakeYAML resolves YAML 1.1 types, as PyYAML (Ansible) and Go's yaml.v2 (Prometheus, Alertmanager) do.
        Map<String, Object> back = new Yaml().load(text);
        assertThat(back).as(text).isEqualTo(doc);
        back.forEach((k, v) -> assertThat(k).isInstanceOf(String.class));
    }

    @Test
    void promqlStaysReadable() {
        assertThat(Documents.yaml(null, Documents.of("expr", "up{job=~\"node-.*\"} == 0", "for", "1m",
                "matchers", List.of("severity=\"critical\""), "threshold", "1.5", "count", 2, "x", 0.25, "whole", 80.0)))
                .isEqualTo("""
                        expr: up{job=~"node-.*"} == 0
                        for: 1m
                        matchers:
                          - severity="critical"
                        threshold: "1.5"
                        count: 2
                        x: 0.25
                        whole: 80
                        """);
    }

    @Test
    void multiLineStringsAreLiteralBlocksAndTheHeaderIsComments() {
        assertThat(Documents.yaml("Rendered by a test;\ndo not edit.", Documents.of("groups", List.of(Documents.of(
                "expr", "rate(a[5m])\n  and on (instance)\nb > 0")), "empty", List.of(), "none", Map.of())))
                .isEqualTo("""
                        # Rendered by a test;
                        # do not edit.
                        groups:
                          - expr: |-
                              rate(a[5m])
                                and on (instance)
                              b > 0
                        empty: []
                        none: {}
                        """);
    }

    @Test
    void targetsFileIsATopLevelList() {
        assertThat(Documents.yaml("t", List.of(Documents.of("targets", List.of("10.0.0.1:9100"),
                "labels", Documents.of("server", "on", "note", "a\n\n  b")))))
                .isEqualTo("""
                        # t
                        - targets:
                            - 10.0.0.1:9100
                          labels:
                            server: "on"
                            note: |-
                              a

                                b
                        """);
        assertThat((Object) new Yaml().load(Documents.yaml(null, List.of(Documents.of("note", "a\n\n  b", "l",
                List.of("x"))))))
                .isEqualTo(List.of(Map.of("note", "a\n\n  b", "l", List.of("x"))));
    }

    @Test
    void jsonIsTwoSpaceIndentedInInsertionOrder() {
        assertThat(Documents.json(Documents.of("z", 1, "a", List.of(), "m", Map.of(), "d", 5.0, "f", 0.5,
                "s", "say \"hi\"\n", "l", List.of(true, "x"), "nested", Documents.of("k", "v"))))
                .isEqualTo("""
                        {
                          "z": 1,
                          "a": [],
                          "m": {},
                          "d": 5,
                          "f": 0.5,
                          "s": "say \\"hi\\"\\n",
                          "l": [
                            true,
                            "x"
                          ],
                          "nested": {
                            "k": "v"
                          }
                        }
                        """);
    }

    @Test
    void ofLeavesOutNullValues() {
        assertThat(Documents.of("a", 1, "b", null, "c", "x")).containsExactly(Map.entry("a", 1), Map.entry("c", "x"));
    }
}
