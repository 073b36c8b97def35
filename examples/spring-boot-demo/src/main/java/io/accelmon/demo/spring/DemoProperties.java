package io.accelmon.demo.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code demo.*}: how the simulated model behaves. */
@ConfigurationProperties(prefix = "demo")
public class DemoProperties {

    /** Time a chat completion takes, in milliseconds (+-10%); above 2000 trips the APIHighLatency alert. */
    private long chatLatencyMs = 40;

    public long getChatLatencyMs() {
        return chatLatencyMs;
    }

    public void setChatLatencyMs(long chatLatencyMs) {
        this.chatLatencyMs = chatLatencyMs;
    }
}
