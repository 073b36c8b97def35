package io.accelmon.node.cli;

import io.accelmon.node.catalog.CollectorDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * node_exporter's {@code --collector.<name>} / {@code --no-collector.<name>} switches, generated from the catalog
 * (the last one given wins). A collector not named keeps its default, or is off with
 * {@code --collector.disable-defaults}. The {@code --no-} forms are separate options: picocli's negatable options
 * cannot negate names holding a dot.
 */
public final class CollectorSwitches {

    private final List<CollectorDefinition> definitions;
    private final Map<String, Boolean> given = new HashMap<>();
    private boolean disableDefaults;

    public CollectorSwitches(List<CollectorDefinition> definitions) {
        this.definitions = definitions;
    }

    /** Adds the switches to {@code spec}, before it parses. */
    public void addTo(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("--collector.disable-defaults").type(boolean.class).arity("0").hasInitialValue(false)
                .description("Set all collectors to disabled by default; enable them one by one with "
                        + "--collector.<name>.")
                .hasInitialValue(false).setter(setter(v -> disableDefaults = v)).build());
        for (CollectorDefinition d : definitions) {
            spec.addOption(OptionSpec.builder("--collector." + d.name()).type(boolean.class).arity("0..1").hasInitialValue(false)
                    .description("Enable the " + d.name() + " collector: " + d.help() + " (default: "
                            + (d.enabledByDefault() ? "enabled" : "disabled") + ").")
                    .setter(setter(v -> given.put(d.name(), v))).build());
            spec.addOption(OptionSpec.builder("--no-collector." + d.name()).type(boolean.class).arity("0").hasInitialValue(false)
                    .description("Disable the " + d.name() + " collector.")
                    .setter(setter(v -> {
                        if (v) {
                            given.put(d.name(), false);
                        }
                    })).build());
        }
    }

    /** The enabled collectors, in catalog order. */
    public List<CollectorDefinition> enabled() {
        List<CollectorDefinition> on = new ArrayList<>();
        for (CollectorDefinition d : definitions) {
            Boolean explicit = given.get(d.name());
            if (explicit != null ? explicit : !disableDefaults && d.enabledByDefault()) {
                on.add(d);
            }
        }
        return on;
    }

    private interface BooleanSink {
        void accept(boolean value);
    }

    private static ISetter setter(BooleanSink sink) {
        return new ISetter() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T set(T value) {
                // picocli also calls setters with the initial value (false) before parsing
                sink.accept(Boolean.TRUE.equals(value));
                return null;
            }
        };
    }
}
