package io.accelmon.node.catalog;

import io.accelmon.node.cli.CollectorOptions;
import io.accelmon.node.source.ProcFiles;

/** What a collector factory is built from: the file roots and the parsed per-collector flags. */
public record CollectorContext(ProcFiles files, CollectorOptions options) {
}
