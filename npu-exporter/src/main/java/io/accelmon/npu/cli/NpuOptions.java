package io.accelmon.npu.cli;

import io.accelmon.core.cli.ExporterOptions.DurationConverter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The npu-exporter's own flags. */
public class NpuOptions {

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "auto|dcmi|npu-smi",
            description = "Where NPU data comes from: DCMI when libdcmi.so loads (auto), only DCMI, or only npu-smi "
                    + "(default: ${DEFAULT-VALUE}).")
    public String backend;

    @Option(names = "--npu-smi.path", paramLabel = "FILE",
            description = "npu-smi to run (default: /usr/local/sbin/npu-smi, then npu-smi on PATH).")
    public Path npuSmiPath;

    @Option(names = "--npu-smi.timeout", defaultValue = "10s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Longest one npu-smi call may run before it is killed "
                    + "(default: ${DEFAULT-VALUE}).")
    public Duration npuSmiTimeout;

    @Option(names = "--collection.interval", defaultValue = "15s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Pause between background collection cycles "
                    + "(default: ${DEFAULT-VALUE}).")
    public Duration interval;

    @Option(names = "--hccn-tool.path", paramLabel = "FILE", description = "hccn_tool for chip network health "
            + "(default: /usr/local/Ascend/driver/tools/hccn_tool when it exists; none: no network families)")
    public Path hccnToolPath;

    @Option(names = "--hccn-tool.timeout", defaultValue = "5s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Timeout of one hccn_tool call (default: ${DEFAULT-VALUE})")
    public Duration hccnToolTimeout;

    @Option(names = "--dcmi.library", paramLabel = "FILE", description = "libdcmi.so to load (default: search "
            + "/usr/local/Ascend/driver/lib64/driver/, /usr/local/dcmi/, then the linker path).")
    public Path dcmiLibrary;

    @Option(names = "--metrics.naming", defaultValue = "accelmon", paramLabel = "accelmon|huawei",
            description = "Metric names: accelmon's npu_* (base units) or Huawei npu-exporter's npu_chip_info_* "
                    + "(default: ${DEFAULT-VALUE}).")
    public String naming;
}
