package io.accelmon.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameworkDetectorTest {

    private final FrameworkDetector detector = new FrameworkDetector(JobsConfig.EMPTY);

    private Detection detect(String... argv) {
        return detector.detect(List.of(argv), "", "", false);
    }

    @Test
    void frameworks_names_and_types() {
        assertThat(detect("torchrun", "--nproc_per_node=8", "train_llama.py", "--lr", "1e-4"))
                .isEqualTo(new Detection("torch", "train_llama.py", "training"));
        assertThat(detect("/usr/bin/python3.11", "-m", "vllm.entrypoints.openai.api_server", "--model", "/m"))
                .isEqualTo(new Detection("vllm", "vllm.entrypoints.openai.api_server", "inference"));
        assertThat(detect("/opt/venv/bin/vllm", "serve", "Qwen/Qwen2-7B"))
                .isEqualTo(new Detection("vllm", "vllm serve", "inference"));
        assertThat(detect("deepspeed", "--num_gpus", "8", "finetune.py"))
                .isEqualTo(new Detection("deepspeed", "finetune.py", "training"));
        assertThat(detect("msrun", "--worker_num=8", "run_mindformer.py"))
                .isEqualTo(new Detection("mindspore", "run_mindformer.py", "unknown"));
        assertThat(detect("python", "-m", "paddle.distributed.launch", "infer.py").framework()).isEqualTo("paddle");
        assertThat(detect("python3", "-c", "import torch_npu; import time; time.sleep(9)"))
                .isEqualTo(new Detection("torch", "python3 -c", "unknown"));
        assertThat(detect("python3", "app.py")).as("no framework, no device: not a job").isNull();
        assertThat(detect("bash", "-c", "echo torch")).isNull();
    }

    @Test
    void script_imports_and_libraries() {
        assertThat(detector.detect(List.of("python3", "serve_model.py"), "import onnxruntime as ort\n", "", false))
                .isEqualTo(new Detection("onnxruntime", "serve_model.py", "inference"));
        assertThat(detector.detect(List.of("python3", "x.py"), "", "7f00 r-xp /opt/lib/libtorch_npu.so\n", true))
                .isEqualTo(new Detection("torch", "x.py", "unknown"));
        assertThat(detector.detect(List.of("./a.out"), "", "", true)).as("holds a device")
                .isEqualTo(new Detection("", "a.out", "unknown"));
    }

    @Test
    void config_rules_types_and_ignores() {
        FrameworkDetector custom = new FrameworkDetector(new JobsConfig(
                List.of(new JobsConfig.Rule("SleepyTrainer", "custom", "training", null)),
                Map.of("mindspore", "training"), List.of("jupyter")));
        assertThat(custom.detect(List.of("java", "-Xmx64m", "-cp", "/x", "io.x.SleepyTrainer"), "", "", false))
                .isEqualTo(new Detection("custom", "io.x.SleepyTrainer", "training"));
        assertThat(custom.detect(List.of("msrun", "run.py"), "", "", false).type()).isEqualTo("training");
        assertThat(custom.detect(List.of("python3", "-m", "jupyter", "lab", "--torch"), "import torch", "", false))
                .isNull();
    }
}
