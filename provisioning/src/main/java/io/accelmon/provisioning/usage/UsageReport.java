package io.accelmon.provisioning.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The usage of every user over [from, to], priced when a prices file is given. */
public record UsageReport(Instant from, Instant to, Duration step, List<UsageRow> rows, Optional<PriceList> prices) {

    /** One line per (user, server, GPU model) and per (user, server) CPU, in user/server order. */
    public List<LineItem> lines() {
        List<LineItem> lines = new ArrayList<>();
        for (UsageRow r : rows) {
            r.gpuSecondsByModel().forEach((model, seconds) -> {
                double price = prices.flatMap(p -> p.gpu(model)).map(PriceList.Price::pricePerMinute).orElse(Double.NaN);
                lines.add(new LineItem(r.user(), r.server(), r.hostname(), LineItem.Kind.gpu, model, seconds,
                        r.peakGpuMemoryBytes(), price, seconds / 60.0 * price));
            });
            if (r.cpuCoreSeconds() > 0 || r.gpuSecondsByModel().isEmpty()) {
                double price = prices.flatMap(PriceList::cpuCore).map(PriceList.Price::pricePerMinute).orElse(Double.NaN);
                lines.add(new LineItem(r.user(), r.server(), r.hostname(), LineItem.Kind.cpu, PriceList.CPU_CORE,
                        r.cpuCoreSeconds(), Double.NaN, price, r.cpuCoreSeconds() / 60.0 * price));
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

    /** What a bill cannot price: GPU models with no matching {@code gpu_model}, CPU time without {@code CPU_CORE}. */
    public List<String> warnings() {
        if (prices.isEmpty()) {
            return List.of();
        }
        Set<String> w = new LinkedHashSet<>();
        for (LineItem l : lines()) {
            if (Double.isNaN(l.pricePerMinute()) && l.seconds() > 0) {
                w.add(l.kind() == LineItem.Kind.gpu
                        ? "no price for GPU model '" + l.resource() + "' (add a gpu_model that is a substring of it)"
                        : "no CPU_CORE price: CPU time is not priced");
            }
        }
        return List.copyOf(w);
    }
}
