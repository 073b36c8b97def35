package io.accelmon.npu.smi;

import io.accelmon.npu.model.Health;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The meaning of {@code npu-smi info -t health}: health ({@code Health Status} on 910, {@code Health} on 950) and the
 * active error codes (hex such as {@code 80E01801}; {@code NA} means none).
 */
public record HealthReport(Health health, List<String> errorCodes, String errorInformation) {

    public static HealthReport of(KeyValueReport report, int chip) {
        String health = report.value(chip, "Health Status");
        if (health == null) {
            health = report.value(chip, "Health");
        }
        List<String> codes = new ArrayList<>();
        String code = report.value(chip, "Error Code");
        if (code != null) {
            for (String token : code.split("[\\s,;]+")) {
                String t = token.strip().toUpperCase(Locale.ROOT).replaceFirst("^0X", "");
                if (t.matches("[0-9A-F]{4,8}") && !t.matches("0+")) {
                    codes.add(t);
                }
            }
        }
        String info = report.value(chip, "Error Information");
        return new HealthReport(Health.parse(health), List.copyOf(codes),
                info == null || info.equalsIgnoreCase("NA") ? "" : info);
    }
}
