package io.accelmon.api.spring;

import io.accelmon.api.ApiMetrics;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code accelmon.api.*} properties of the request metrics. */
@ConfigurationProperties(prefix = "accelmon.api")
public class ApiMetricsProperties {

    /** The form of latency-like metrics. */
    public enum Distribution {
        /** Quantiles computed in the service over a sliding window: {@code api_request_duration_seconds{quantile="0.95"}}. */
        SUMMARY,
        /** Classic histogram buckets ({@code _bucket{le}}) that Prometheus aggregates with histogram_quantile. */
        HISTOGRAM
    }

    /** Whether to record api_* request metrics at all. */
    private boolean enabled = true;

    /** summary (quantile series, the default) or histogram (_bucket series, aggregatable across instances). */
    private Distribution distribution = Distribution.SUMMARY;

    /** The quantiles of the summary. */
    private List<Double> quantiles = new ArrayList<>(List.of(0.5, 0.95, 0.99));

    /** Cap on distinct endpoint label values (route templates); requests past it count as endpoint="other". */
    private int maxEndpoints = 100;

    /** Whether to record request and response body sizes (api_request_size_bytes, api_response_size_bytes). */
    private boolean requestSizes = true;

    /** Where the metrics are served when no Micrometer PrometheusMeterRegistry (actuator's /actuator/prometheus) is there. */
    private String metricsPath = "/metrics";

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Distribution getDistribution() {
        return distribution;
    }

    public void setDistribution(Distribution distribution) {
        this.distribution = distribution;
    }

    public List<Double> getQuantiles() {
        return quantiles;
    }

    public void setQuantiles(List<Double> quantiles) {
        this.quantiles = quantiles;
    }

    public int getMaxEndpoints() {
        return maxEndpoints;
    }

    public void setMaxEndpoints(int maxEndpoints) {
        this.maxEndpoints = maxEndpoints;
    }

    public boolean isRequestSizes() {
        return requestSizes;
    }

    public void setRequestSizes(boolean requestSizes) {
        this.requestSizes = requestSizes;
    }

    public String getMetricsPath() {
        return metricsPath;
    }

    public void setMetricsPath(String metricsPath) {
        this.metricsPath = metricsPath;
    }

    /** An {@link ApiMetrics} builder with these options (the registry still to set). */
    ApiMetrics.Builder builder() {
        ApiMetrics.Builder b = ApiMetrics.builder()
                .quantiles(quantiles.stream().mapToDouble(Double::doubleValue).toArray())
                .maxEndpoints(maxEndpoints)
                .sizes(requestSizes);
        return distribution == Distribution.HISTOGRAM ? b.classicOnly() : b;
    }
}
