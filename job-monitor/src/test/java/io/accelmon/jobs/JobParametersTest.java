package io.accelmon.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JobParametersTest {

    @Test
    void options_pairs_hydra_overrides_and_flags_after_the_script() {
        JobParameters p = JobParameters.parse(List.of("python3", "-u", "train.py", "--batch_size", "32", "--lr=1e-4",
                "--warmup-steps", "-1", "--fp16", "model.layers=24", "+trainer.devices=8", "data/"));
        assertThat(p.values()).containsEntry("batch_size", "32").containsEntry("lr", "1e-4")
                .containsEntry("warmup_steps", "-1").containsEntry("fp16", "true")
                .containsEntry("model.layers", "24").containsEntry("trainer.devices", "8")
                .doesNotContainKey("u").hasSize(6);
        assertThat(p.configFile()).isEmpty();
    }

    @Test
    void secrets_are_hidden_and_the_config_file_is_named() {
        JobParameters p = JobParameters.parse(List.of("torchrun", "--nproc_per_node=8", "-m", "trainer.main",
                "--config", "conf/llama.yaml", "--hf_token", "hf_abc", "--wandb-api-key=xyz",
                "--resume", "s3://u:pw@bucket/ckpt"));
        assertThat(p.values()).containsEntry("config", "conf/llama.yaml").containsEntry("hf_token", "***")
                .containsEntry("wandb_api_key", "***").containsEntry("resume", "s3://u:***@bucket/ckpt")
                .doesNotContainKey("nproc_per_node");
        assertThat(p.configFile()).isEqualTo("conf/llama.yaml");
        assertThat(JobParameters.parse(List.of("python", "train.py", "--config-path", "/etc/jobs",
                "--config-name", "sft")).configFile()).isEqualTo("/etc/jobs/sft.yaml");
        assertThat(JobParameters.parse(List.of("deepspeed", "train.py", "--deepspeed_config", "ds.json"))
                .configFile()).isEqualTo("ds.json");
        assertThat(JobParameters.parse(List.of("python", "serve.py", "settings.toml")).configFile()).isEmpty();
    }
}
