package io.accelmon.provisioning.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The usage of every user over [from, to], priced when a prices file is given. */
public record UsageReport(Instant from, Instant to, Duration step, List<UsageRow> rows, Optional<PriceList> prices) {

    /** What GPU prices are charged on: the prices file's {@code gpu_charge}, held time without one. */
    public GpuCharge gpuCharge() {
        return prices.map(PriceList::gpuCharge).orElse(GpuCharge.HELD);
    }

    /**
     * One line per (user, server, GPU model) the user held or kept busy, and per (user, server) CPU, in user/server
     * order.
     */
    public List<LineItem> lines() {
        List<LineItem> lines = new ArrayList<>();
        GpuCharge charge = gpuCharge();
        for (UsageRow r : rows) {
            Set<String> models = new TreeSet<>(r.gpuSecondsByModel().keySet());
            models.addAll(r.smBusySecondsByModel().keySet());
            for (String model : models) {
                double held = r.gpuSecondsByModel().getOrDefault(model, 0.0);
                double busy = r.smBusySecondsByModel().getOrDefault(model, Double.NaN);
                double charged = charge == GpuCharge.SM_BUSY ? busy : held;
                double price = prices.flatMap(p -> p.gpu(model)).map(PriceList.Price::pricePerMinute).orElse(Double.NaN);
                lines.add(new LineItem(r.user(), r.server(), r.hostname(), LineItem.Kind.gpu, model, held, busy,
                        charged, r.peakGpuMemoryBytes(), price, charged / 60.0 * price));
            }
            if (r.cpuCoreSeconds() > 0 || models.isEmpty()) {
                double price = prices.flatMap(PriceList::cpuCore).map(PriceList.Price::pricePerMinute).orElse(Double.NaN);
                lines.add(new LineItem(r.user(), r.server(), r.hostname(), LineItem.Kind.cpu, PriceList.CPU_CORE,
                        r.cpuCoreSeconds(), Double.NaN, r.cpuCoreSeconds(), Double.NaN, price,
                        r.cpuCoreSeconds() / 60.0 * price));
            }
        }
        return lines;
    }

    /** Sum of the priced lines; NaN without prices. */
    public double totalCost() {
        if (prices.isEmpty()) {
            return Double.NaN;
        }
        return lines().stream().mapToDouble(LineItem::cost).filter(Double::isFinite).sum();
    }

    /**
     * What a bill cannot price: GPU models with no matching {@code gpu_model}, CPU time without {@code CPU_CORE}, and
     * with {@code gpu_charge: sm-busy} GPU time held where no SM-busy time was measured.
     */
    public List<String> warnings() {
        if (prices.isEmpty()) {
            return List.of();
        }
        Set<String> w = new LinkedHashSet<>();
        for (LineItem l : lines()) {
            if (Double.isNaN(l.pricePerMinute()) && (l.seconds() > 0 || l.smBusySeconds() > 0)) {
                w.add(l.kind() == LineItem.Kind.gpu
                        ? "no price for GPU model '" + l.resource() + "' (add a gpu_model that is a substring of it)"
                        : "no CPU_CORE price: CPU time is not priced");
            }
            if (l.kind() == LineItem.Kind.gpu && gpuCharge() == GpuCharge.SM_BUSY && Double.isNaN(l.smBusySeconds())
                    && l.seconds() > 0) {
                w.add("no SM-busy time measured for '" + l.resource() + "' on " + l.server() + " (gpu-exporter on the"
                        + " nvidia-smi backend, or a driver without per-process utilization): its held time is not"
                        + " charged");
            }
        }
        return List.copyOf(w);
    }
}
