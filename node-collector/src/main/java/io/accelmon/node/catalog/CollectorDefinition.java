package io.accelmon.node.catalog;

import io.accelmon.core.scrape.SourceCollector;
import java.util.function.Function;

/** One collector as the command line and the scrape see it: name, node_exporter's default state, help, factory. */
public record CollectorDefinition(String name, boolean enabledByDefault, String help,
                                  Function<CollectorContext, SourceCollector> factory) {

    public static CollectorDefinition on(String name, String help, Function<CollectorContext, SourceCollector> f) {
        return new CollectorDefinition(name, true, help, f);
    }

    public static CollectorDefinition off(String name, String help, Function<CollectorContext, SourceCollector> f) {
        return new CollectorDefinition(name, false, help, f);
    }
}
