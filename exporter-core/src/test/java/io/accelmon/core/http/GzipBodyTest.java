package io.accelmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipBodyTest {

    @Test
    void gunzipGivesBackTheExactBytesOfTheBufferPrefix() throws Exception {
        StringBuilder text = new StringBuilder();
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            text.append("node_test_metric{device=\"d").append(i % 17).append("\"} ").append(random.nextLong())
                    .append('\n');
        }
        byte[] plain = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[plain.length + 100]; // a buffer longer than its content, as the encoder hands over
        System.arraycopy(plain, 0, buffer, 0, plain.length);
        for (int round = 0; round < 3; round++) { // the compressor is reused
            byte[] gz = GzipBody.gzip(buffer, plain.length);
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                assertThat(in.readAllBytes()).isEqualTo(plain);
            }
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(GzipBody.gzip(buffer, 0)))) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }
}
