package io.accelmon.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.provisioning.kit.KitWriter;
import io.accelmon.provisioning.spec.ClusterSpecLoader;
import io.accelmon.provisioning.spec.SpecException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * "Accepted" means "loads": every scalar of the example cluster is replaced, one at a time, by each hostile value;
 * each mutation the loader accepts is rendered and the real promtool and amtool must accept the result, and each it
 * refuses must be refused with one-line messages.
 */
class MutationCorpusIT {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final List<String> HOSTILE = List.of("0s", "0", "-1", "", " ", "a\nb", "tab\there", "1e400", "99999999999",
            "1ms", "300y", "Authorization", "é", "*", "{{ x }}", "a\"b'c", "#x", "http://[::1", "..", "- x");

    @Test
    void everyAcceptedMutationLoadsInPromtoolAndAmtool(@TempDir Path tmp) throws Exception {
        Map<String, String> corpus = new LinkedHashMap<>(scalarMutations(
                Files.readString(REPO.resolve("examples/cluster.yaml"))));
        String base = Files.readString(REPO.resolve("examples/cluster.yaml"))
                .replace("  remote_write: []\n", "");
        corpus.put("repeat_interval 0s", base.replace("alerting:\n", "alerting:\n  repeat_interval: 0s\n"));
        corpus.put("group_interval 0s", base.replace("alerting:\n", "alerting:\n  group_interval: 0s\n"));
        corpus.put("duplicate remote_write names", base + "  remote_write:\n    - {name: lt, url: 'https://a/w'}\n"
                + "    - {name: lt, url: 'https://b/w'}\n");
        corpus.put("Authorization header", base + "  remote_write:\n    - {url: 'https://a/w', headers: "
                + "{Authorization: 'Bearer x'}}\n");
        corpus.put("newline in header value", base + "  remote_write:\n    - {url: 'https://a/w', headers: "
                + "{X-Org: \"a\\nb\"}}\n");
        corpus.put("newline in kit_dir", base.replace("cluster:\n", "cluster:\n  kit_dir: \"/etc/a\\nb\"\n"));
        corpus.put("legal header", base + "  remote_write:\n    - {name: ok, url: 'https://a/w', headers: "
                + "{X-Scope-OrgID: tenant-1}}\n");

        List<String> configs = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        List<String> alertmanager = new ArrayList<>();
        int accepted = 0;
        int refused = 0;
        int i = 0;
        for (Map.Entry<String, String> m : corpus.entrySet()) {
            Path spec = tmp.resolve("m" + i + ".yaml");
            Files.writeString(spec, m.getValue());
            try {
                Map<String, String> kit = Kit.render(ClusterSpecLoader.load(spec));
                Path out = tmp.resolve("kit" + i);
                KitWriter.write(kit, out);
                configs.add(out.resolve("prometheus/prometheus.yml").toString());
                rules.add(out.resolve("prometheus/rules/alerts.yml").toString());
                rules.add(out.resolve("prometheus/rules/records.yml").toString());
                alertmanager.add(out.resolve("alertmanager/alertmanager.yml").toString());
                accepted++;
            } catch (SpecException e) {
                refused++;
                for (String line : e.problems()) {
                    assertThat(line).as(m.getKey()).startsWith(spec + ":").doesNotContain("\n", "\r");
                }
            }
            i++;
        }
        for (String mustRefuse : List.of("repeat_interval 0s", "group_interval 0s", "duplicate remote_write names",
                "Authorization header", "newline in header value", "newline in kit_dir")) {
            int index = new ArrayList<>(corpus.keySet()).indexOf(mustRefuse);
            assertThat(tmp.resolve("kit" + index)).as(mustRefuse).doesNotExist();
        }
        assertThat(tmp.resolve("kit" + new ArrayList<>(corpus.keySet()).indexOf("legal header"))).exists();
        System.out.println("mutation corpus: " + corpus.size() + " mutations, " + accepted + " accepted, " + refused
                + " refused");
        assertThat(accepted).as("accepted mutations").isGreaterThan(50);
        assertThat(refused).as("refused mutations").isGreaterThan(200);
        run(concat(List.of("promtool", "check", "config", "--syntax-only"), configs));
        run(concat(List.of("promtool", "check", "rules"), rules));
        run(concat(List.of("amtool", "check-config"), alertmanager));
    }

    /** The example with one scalar value replaced, for every scalar value and every hostile string. */
    static Map<String, String> scalarMutations(String yaml) {
        LoaderOptions options = new LoaderOptions();
        Node root = new Yaml(options).compose(new StringReader(yaml));
        List<ScalarNode> scalars = new ArrayList<>();
        collectValues(root, scalars);
        Map<String, String> out = new LinkedHashMap<>();
        DumperOptions dump = new DumperOptions();
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        for (int s = 0; s < scalars.size(); s++) {
            for (String v : HOSTILE) {
                Node copy = new Yaml(options).compose(new StringReader(yaml));
                List<ScalarNode> targets = new ArrayList<>();
                collectValues(copy, targets);
                ScalarNode old = targets.get(s);
                replace(copy, old, new ScalarNode(Tag.STR, v, null, null, DumperOptions.ScalarStyle.DOUBLE_QUOTED));
                StringWriter w = new StringWriter();
                new Yaml(dump).serialize(copy, w);
                out.put("scalar " + s + " (" + old.getValue() + ") = " + v.replace("\n", "\\n"), w.toString());
            }
        }
        return out;
    }

    private static void collectValues(Node n, List<ScalarNode> out) {
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getValueNode() instanceof ScalarNode s) {
                    out.add(s);
                } else {
                    collectValues(t.getValueNode(), out);
                }
            }
        } else if (n instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode s) {
                    out.add(s);
                } else {
                    collectValues(item, out);
                }
            }
        }
    }

    private static void replace(Node n, ScalarNode old, ScalarNode with) {
        if (n instanceof MappingNode m) {
            List<NodeTuple> tuples = m.getValue();
            for (int k = 0; k < tuples.size(); k++) {
                if (tuples.get(k).getValueNode() == old) {
                    tuples.set(k, new NodeTuple(tuples.get(k).getKeyNode(), with));
                    return;
                }
                replace(tuples.get(k).getValueNode(), old, with);
            }
        } else if (n instanceof SequenceNode seq) {
            List<Node> items = seq.getValue();
            for (int k = 0; k < items.size(); k++) {
                if (items.get(k) == old) {
                    items.set(k, with);
                    return;
                }
                replace(items.get(k), old, with);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<String> failed = out.lines().filter(l -> l.contains("FAILED") || l.contains("error")).limit(20).toList();
        assertThat(p.exitValue()).as(cmd.get(0) + " " + cmd.get(1) + ": " + String.join("\n", failed)).isZero();
    }
}
