package io.accelmon.npu.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.attribution.ProcessAttribution;
import io.accelmon.npu.model.NpuSnapshot;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamingTest {

    static String text(Naming naming, NpuSnapshot s, Map<Long, ProcessAttribution> owners) throws IOException {
        Families f = new Families();
        naming.render(s, owners, f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, new MetricSnapshots(f.build()));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static NpuSnapshot snapshot(String capture) {
        return new NpuSmiBackend(FakeNpuSmi.of("ok", capture)).collect(NpuSnapshot.none());
    }

    @Test
    void accelmon_names_in_base_units() throws IOException {
        NpuSnapshot s = snapshot("npu-smi-info_910B2_26.0.rc1-widelayout_2chips_proc-in-container.txt");
        String t = text(new AccelmonNaming(), s, Map.of(1504884L,
                new ProcessAttribution(1504884, "alice", "python3", "77", "abcdef123456")));
        assertThat(t).contains("npu_health_status{chip=\"0\",id=\"0\"} 0.0")
                .contains("npu_power_watts{chip=\"0\",id=\"0\"} 424.0")
                .contains("npu_temperature_celsius{chip=\"1\",id=\"1\"} 44.0".replace("chip=\"1\"", "chip=\"0\""))
                .contains("npu_aicore_utilization_ratio{chip=\"0\",id=\"0\"} 1.0")
                .contains("npu_hbm_used_bytes{chip=\"0\",id=\"0\"} " + (38711.0 * 1024 * 1024))
                .contains("npu_hbm_total_bytes{chip=\"0\",id=\"0\"} " + (65536.0 * 1024 * 1024))
                .contains("npu_hugepages_capacity{chip=\"0\",id=\"0\"} 0.0")
                .contains("npu_hugepages_total{chip=\"0\",id=\"0\"} 0.0")
                .contains("npu_aicores{chip=\"0\",id=\"0\"} ")
                .contains("npu_aicore_count{chip=\"0\",id=\"0\"} ")
                .contains("npu_aicore_frequency_hertz{chip=\"0\",id=\"0\"} 8.0E8")
                .contains("npu_vector_utilization_ratio{chip=\"0\",id=\"0\"} 0.0")
                .contains("npu_chips{state=\"ok\"} 2.0")
                .contains("npu_chips{state=\"unknown\"} 0.0")
                .contains("npu_process_hbm_used_bytes{chip=\"0\",id=\"0\",pid=\"1504884\"} " + (35358.0 * 1024 * 1024))
                .contains("npu_process_info{command=\"python3\",container=\"abcdef123456\",pid=\"1504884\",slurm_job=\"77\",user=\"alice\"} 1.0")
                .contains("npu_user_hbm_used_bytes{chip=\"0\",id=\"0\",user=\"alice\"} " + (35358.0 * 1024 * 1024))
                .contains("model_name=\"910B2-Ascend-V1\"")
                .doesNotContain("npu_ddr_total_bytes");
    }

    @Test
    void failed_cycle_reports_unknown_not_missing() throws IOException {
        NpuSnapshot ok = NpuSmiBackendTest.healthy();
        NpuSnapshot failed = new NpuSmiBackend(FakeNpuSmi.of("fail", null)).collect(ok);
        String t = text(new AccelmonNaming(), failed, Map.of());
        assertThat(t).contains("npu_health_status{chip=\"0\",id=\"7\"} -1.0")
                .contains("npu_chips{state=\"unknown\"} 8.0")
                .contains("npu_chips{state=\"ok\"} 0.0")
                .doesNotContain("npu_power_watts{");
    }

    @Test
    void huawei_names_and_label_set() throws IOException {
        NpuSnapshot s = snapshot("npu-smi-info_310P3-Duo_4npu-8chips_critical_noprocs.txt");
        String t = text(new HuaweiNaming("0.1.0"), s, Map.of());
        String labels4 = "container_name=\"\",id=\"4\",model_name=\"310P3\",namespace=\"\",pcie_bus_info=\"0000:81:00.0\",pod_name=\"\",vdie_id=\"\"";
        assertThat(t).contains("npu_chip_info_health_status{" + labels4 + "} 0.0")
                .contains("npu_chip_info_temperature{" + labels4 + "} 56.0")
                .contains("npu_chip_info_used_memory{" + labels4 + "} 1793.0")
                .contains("npu_chip_info_total_memory{" + labels4 + "} 44280.0")
                .contains("machine_npu_nums 8.0")
                .contains("machine_card_nums 4.0")
                .contains("machine_unhealthy_npu_nums 1.0")
                .doesNotContain("npu_chip_info_power{" + labels4);
    }
}
