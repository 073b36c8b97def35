package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * node_exporter's dmi collector: firmware, board, chassis and product identity from /sys/class/dmi/id as one
 * {@code node_dmi_info}. Serial numbers and UUIDs are readable by root only: an unreadable file is left out.
 */
public final class DmiCollector implements SourceCollector {

    /** label, sysfs file. */
    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        for (String f : List.of("bios_date", "bios_release", "bios_vendor", "bios_version", "board_asset_tag",
                "board_name", "board_serial", "board_vendor", "board_version", "chassis_asset_tag", "chassis_serial",
                "chassis_vendor", "chassis_version", "product_family", "product_name", "product_serial",
                "product_sku", "product_uuid", "product_version")) {
            LABELS.put(f, f);
        }
        LABELS.put("system_vendor", "sys_vendor");
    }

    private final Path dir;

    public DmiCollector(ProcFiles files) {
        this.dir = files.sys().resolve("class/dmi/id");
    }

    @Override
    public String name() {
        return "dmi";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        if (!dir.toFile().isDirectory()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> e : LABELS.entrySet()) {
            try {
                // invalid UTF-8 from odd firmware becomes U+FFFD instead of failing the collector
                String v = new String(ProcFiles.readBytes(dir.resolve(e.getValue())), StandardCharsets.UTF_8);
                names.add(e.getKey());
                values.add(v.trim());
            } catch (NoSuchFileException | AccessDeniedException notHere) {
                // not provided by this firmware, or root-only
            }
        }
        if (names.isEmpty()) {
            return List.of();
        }
        return List.of(Families.gauge("node_dmi_info", "A metric with a constant '1' value labeled by bios_date, "
                + "bios_release, bios_vendor, bios_version, board_asset_tag, board_name, board_serial, board_vendor, "
                + "board_version, chassis_asset_tag, chassis_serial, chassis_vendor, chassis_version, product_family, "
                + "product_name, product_serial, product_sku, product_uuid, product_version, system_vendor if "
                + "provided by DMI.").add(Labels.of(names, values), 1).build());
    }
}
