package io.accelmon.api;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;

/** A registered distribution family (summary or histogram) handing out the data point of each label combination. */
@FunctionalInterface
public interface LabeledDistribution {

    DistributionDataPoint labelValues(String... values);
}
