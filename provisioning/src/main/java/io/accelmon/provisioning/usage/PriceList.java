package io.accelmon.provisioning.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.accelmon.core.input.BoundedText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The price list: {@code gpu_model} is matched as a substring of the GPU model name (the longest matching key
 * wins, case-insensitive), price per GPU-minute; the special key {@code CPU_CORE} is the price per core-minute.
 * {@code gpu_charge} says which GPU minutes the price applies to: held (default) or SM-busy.
 */
public record PriceList(String currency, List<Price> prices, GpuCharge gpuCharge) {

    public static final String CPU_CORE = "CPU_CORE";
    /** A price list is a few lines; anything near this is the wrong file. */
    static final long MAX_BYTES = 1L << 20;
    private static final Set<String> TOP_KEYS = Set.of("currency", "gpu_charge", "prices");
    private static final Set<String> PRICE_KEYS = Set.of("gpu_model", "price_per_minute");

    /** A price list that charges GPUs by the time they were held. */
    public PriceList(String currency, List<Price> prices) {
        this(currency, prices, GpuCharge.HELD);
    }

    /** One price line. */
    public record Price(String gpuModel, double pricePerMinute) {
    }

    /** Price per GPU-minute for a model, if any key matches. */
    public Optional<Price> gpu(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        return prices.stream()
                .filter(p -> !p.gpuModel().equals(CPU_CORE) && m.contains(p.gpuModel().toLowerCase(Locale.ROOT)))
                .max((a, b) -> Integer.compare(a.gpuModel().length(), b.gpuModel().length()));
    }

    /** Price per CPU core-minute, if the file sets one. */
    public Optional<Price> cpuCore() {
        return prices.stream().filter(p -> p.gpuModel().equals(CPU_CORE)).findFirst();
    }

    /** Loads a YAML (or JSON) prices file; every problem is reported as {@code FILE: field: what}, all at once. */
    public static PriceList load(Path file) throws BadPrices {
        String text;
        try {
            text = BoundedText.read(file, MAX_BYTES, Duration.ofSeconds(5));
        } catch (BoundedText.Refused e) {
            throw new BadPrices(e.getMessage());
        }
        JsonNode root;
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try {
            root = yaml.readTree(text);
        } catch (IOException e) {
            throw new BadPrices(file + ": not YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> errors = new ArrayList<>();
        JsonNode list = root;
        String currency = "";
        GpuCharge charge = GpuCharge.HELD;
        if (root != null && root.isObject()) {
            unknownKeys(file, root, TOP_KEYS, "", errors);
            currency = root.path("currency").asText("");
            list = root.get("prices");
            JsonNode basis = root.get("gpu_charge");
            if (basis != null) {
                Optional<GpuCharge> c = basis.isTextual() ? GpuCharge.of(basis.asText()) : Optional.empty();
                if (c.isPresent()) {
                    charge = c.get();
                } else {
                    errors.add(file + ": gpu_charge: '" + basis.asText() + "' is not one of " + GpuCharge.spellings());
                }
            }
        }
        if (list == null || !list.isArray()) {
            throw new BadPrices(file + ": expected a 'prices' list of {gpu_model, price_per_minute}");
        }
        List<Price> prices = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String where = "prices[" + i + "]";
            if (!p.isObject()) {
                errors.add(file + ": " + where + ": expected {gpu_model, price_per_minute}");
                continue;
            }
            unknownKeys(file, p, PRICE_KEYS, where + ".", errors);
            JsonNode model = p.get("gpu_model");
            JsonNode price = p.get("price_per_minute");
            if (model == null || !model.isTextual() || model.asText().isBlank()) {
                errors.add(file + ": " + where + ".gpu_model: missing (a GPU model substring or CPU_CORE)");
            }
            if (price == null || !price.isNumber() || price.asDouble() < 0) {
                errors.add(file + ": " + where + ".price_per_minute: missing or not a number >= 0");
            }
            if (model != null && price != null && price.isNumber()) {
                prices.add(new Price(model.asText(), price.asDouble()));
            }
        }
        if (!errors.isEmpty()) {
            throw new BadPrices(String.join("\n", errors));
        }
        return new PriceList(currency, List.copyOf(prices), charge);
    }

    private static void unknownKeys(Path file, JsonNode node, Set<String> allowed, String prefix, List<String> errors) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                errors.add(file + ": " + prefix + key + ": unknown price key (allowed: " + String.join(", ",
                        allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    /** The prices file could not be used. */
    public static final class BadPrices extends Exception {
        public BadPrices(String message) {
            super(message);
        }
    }
}
