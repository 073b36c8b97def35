package io.accelmon.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises AI jobs from a command line (and, when given, the script's imports or the mapped libraries). Pure
 * function; the rules are documented in the README:
 * <ul>
 * <li>framework: from the executable ({@code torchrun}, {@code vllm}, {@code deepspeed}, {@code msrun}, ...), the
 * {@code -m} module, {@code import} lines of {@code -c} code or of the script, then mapped libraries; the most specific
 * wins (vllm &gt; deepspeed &gt; mindspore &gt; paddle &gt; tensorflow &gt; jax &gt; onnxruntime &gt; torch);</li>
 * <li>job name: the script's file name, else the {@code -m} module, else {@code -jar} jar or Java main class, else the
 * executable — never arguments;</li>
 * <li>type: config rule, else config type per framework, else inference for vllm / serving words
 * (serve, server, infer, inference, predict, api_server, generate), training for train words
 * (train, finetune, fine_tune, pretrain, sft, fit) or the deepspeed launcher, else unknown.</li>
 * </ul>
 */
public final class FrameworkDetector {

    static final List<String> PRIORITY = List.of("vllm", "deepspeed", "mindspore", "paddle", "tensorflow", "jax",
            "onnxruntime", "torch");
    private static final Map<String, String> EXECUTABLES = Map.ofEntries(
            Map.entry("torchrun", "torch"), Map.entry("vllm", "vllm"), Map.entry("deepspeed", "deepspeed"),
            Map.entry("msrun", "mindspore"), Map.entry("mindspore", "mindspore"),
            Map.entry("tensorflow_model_server", "tensorflow"), Map.entry("torchserve", "torch"),
            Map.entry("paddle", "paddle"), Map.entry("fleetrun", "paddle"));
    private static final Map<String, String> MODULES = Map.ofEntries(
            Map.entry("torch", "torch"), Map.entry("torch_npu", "torch"), Map.entry("vllm", "vllm"),
            Map.entry("vllm_ascend", "vllm"), Map.entry("deepspeed", "deepspeed"),
            Map.entry("mindspore", "mindspore"), Map.entry("mindformers", "mindspore"),
            Map.entry("tensorflow", "tensorflow"), Map.entry("keras", "tensorflow"), Map.entry("paddle", "paddle"),
            Map.entry("paddlenlp", "paddle"), Map.entry("jax", "jax"), Map.entry("flax", "jax"),
            Map.entry("onnxruntime", "onnxruntime"), Map.entry("transformers", "torch"),
            Map.entry("accelerate", "torch"), Map.entry("lightning", "torch"), Map.entry("pytorch_lightning", "torch"));
    private static final Pattern IMPORT = Pattern.compile(
            "(?m)^\\s*(?:import|from)\\s+([A-Za-z_][A-Za-z0-9_]*)");
    private static final Map<String, String> LIBRARIES = Map.of(
            "libtorch_npu", "torch", "libtorch", "torch", "libmindspore", "mindspore",
            "libtensorflow", "tensorflow", "libpaddle", "paddle", "libonnxruntime", "onnxruntime",
            "jaxlib", "jax", "vllm", "vllm");
    private static final Set<String> SERVE = Set.of("serve", "server", "infer", "inference", "predict", "api_server",
            "generate", "serving");
    private static final Set<String> TRAIN = Set.of("train", "training", "finetune", "fine_tune", "pretrain", "sft",
            "fit", "trainer");
    private static final Set<String> INTERPRETERS = Set.of("python", "torchrun", "deepspeed", "msrun", "accelerate", "vllm",
            "fleetrun");

    private final JobsConfig config;
    private final List<Pattern> rulePatterns = new ArrayList<>();
    private final List<Pattern> ignore = new ArrayList<>();

    public FrameworkDetector(JobsConfig config) {
        this.config = config;
        config.rules().forEach(r -> rulePatterns.add(Pattern.compile(r.match())));
        config.ignore().forEach(i -> ignore.add(Pattern.compile(i)));
    }

    /** The executable's base name, with a {@code python3.11} style version dropped for matching. */
    static String executable(List<String> argv) {
        if (argv.isEmpty()) {
            return "";
        }
        String exe = argv.get(0);
        int slash = exe.lastIndexOf('/');
        String base = slash >= 0 ? exe.substring(slash + 1) : exe;
        int space = base.indexOf(' ');
        return space >= 0 ? base.substring(0, space) : base;
    }

    /**
     * Detects a job. {@code scriptText} (the script's first bytes) and {@code libraries} (mapped libraries) may be
     * empty. Returns null when the process is not an AI job (and {@code holdsDevice} is false).
     */
    public Detection detect(List<String> argv, String scriptText, String libraries, boolean holdsDevice) {
        if (argv.isEmpty()) {
            return null;
        }
        String line = String.join(" ", argv);
        for (Pattern p : ignore) {
            if (p.matcher(line).find()) {
                return null;
            }
        }
        String name = jobName(argv);
        String framework = framework(argv, scriptText, libraries);
        for (int i = 0; i < rulePatterns.size(); i++) {
            if (rulePatterns.get(i).matcher(line).find()) {
                JobsConfig.Rule r = config.rules().get(i);
                String fw = r.framework() != null ? r.framework() : framework;
                return new Detection(fw, r.name() != null ? r.name() : name,
                        r.type() != null ? r.type() : type(argv, name, fw));
            }
        }
        if (framework.isEmpty() && !holdsDevice) {
            return null;
        }
        return new Detection(framework, name, type(argv, name, framework));
    }

    String framework(List<String> argv, String scriptText, String libraries) {
        List<String> found = new ArrayList<>();
        String exe = stripVersion(executable(argv)).toLowerCase(Locale.ROOT);
        if (EXECUTABLES.containsKey(exe)) {
            found.add(EXECUTABLES.get(exe));
        }
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("-m") && i + 1 < argv.size()) {
                addModule(found, argv.get(i + 1).split("\\.")[0]);
            } else if (a.equals("-c") && i + 1 < argv.size()) {
                imports(found, argv.get(i + 1));
            }
        }
        if (scriptText != null) {
            imports(found, scriptText);
        }
        if (found.isEmpty() && libraries != null && !libraries.isEmpty()) {
            for (Map.Entry<String, String> e : LIBRARIES.entrySet()) {
                if (libraries.contains("/" + e.getKey())) {
                    found.add(e.getValue());
                }
            }
        }
        for (String fw : PRIORITY) {
            if (found.contains(fw)) {
                return fw;
            }
        }
        return "";
    }

    private static void imports(List<String> found, String code) {
        Matcher m = IMPORT.matcher(code);
        while (m.find()) {
            addModule(found, m.group(1));
        }
        for (String stmt : code.split("[;\\n]")) {
            Matcher inline = IMPORT.matcher(stmt.strip());
            if (inline.find()) {
                addModule(found, inline.group(1));
            }
        }
    }

    private static void addModule(List<String> found, String module) {
        String fw = MODULES.get(module);
        if (fw != null) {
            found.add(fw);
        }
    }

    /** The script or module the command runs; never its arguments. */
    static String jobName(List<String> argv) {
        String exe = executable(argv);
        String plain = stripVersion(exe).toLowerCase(Locale.ROOT);
        if (plain.equals("java")) {
            return javaMain(argv, exe);
        }
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("-m") && i + 1 < argv.size()) {
                return argv.get(i + 1);
            }
            if (a.equals("-c")) {
                return exe + " -c";
            }
            if (!a.startsWith("-") && (a.endsWith(".py") || a.endsWith(".sh"))) {
                int slash = a.lastIndexOf('/');
                return slash >= 0 ? a.substring(slash + 1) : a;
            }
            if (!a.startsWith("-") && INTERPRETERS.contains(plain) && i == 1 && a.matches("[A-Za-z_]+")) {
                return exe + " " + a; // e.g. "vllm serve": a subcommand word, not a free argument
            }
        }
        return exe;
    }

    private static String javaMain(List<String> argv, String exe) {
        Set<String> withValue = Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path", "--add-opens",
                "--add-exports", "--add-modules");
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("-jar") && i + 1 < argv.size()) {
                String jar = argv.get(i + 1);
                return jar.substring(jar.lastIndexOf('/') + 1);
            }
            if (withValue.contains(a)) {
                i++;
                continue;
            }
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return exe;
    }

    String type(List<String> argv, String name, String framework) {
        String configured = config.types().get(framework);
        if (configured != null) {
            return configured;
        }
        for (String word : words(name)) {
            if (TRAIN.contains(word)) {
                return "training";
            }
            if (SERVE.contains(word)) {
                return "inference";
            }
        }
        if (framework.equals("vllm")) {
            return "inference";
        }
        String exe = stripVersion(executable(argv)).toLowerCase(Locale.ROOT);
        if (exe.equals("tensorflow_model_server") || exe.equals("torchserve")) {
            return "inference";
        }
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i).toLowerCase(Locale.ROOT);
            if (a.startsWith("-")) {
                continue;
            }
            if (SERVE.contains(a)) {
                return "inference";
            }
            if (TRAIN.contains(a)) {
                return "training";
            }
        }
        if (framework.equals("deepspeed")) {
            return "training";
        }
        return "unknown";
    }

    private static List<String> words(String name) {
        String base = name.replaceAll("\\.(py|sh)$", "").toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>(List.of(base.split("[^a-z0-9]+")));
        words.add(base.replaceAll("[^a-z0-9_]", ""));
        return words;
    }

    private static String stripVersion(String exe) {
        return exe.replaceFirst("^(python)[0-9.]*$", "$1");
    }

    /** For tests and the README: every framework name the detector can return (besides config ones). */
    public static Map<String, String> modules() {
        return new LinkedHashMap<>(MODULES);
    }
}
