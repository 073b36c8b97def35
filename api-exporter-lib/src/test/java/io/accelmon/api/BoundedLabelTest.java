package io.accelmon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLabelTest {

    @Test
    void buildsOneHandlePerValueUpToTheCap() {
        List<String> built = new ArrayList<>();
        BoundedLabel<String> label = new BoundedLabel<>(2, v -> {
            built.add(v);
            return "handle:" + v;
        });
        assertThat(label.get("a")).isEqualTo("handle:a");
        assertThat(label.get("a")).isSameAs(label.get("a"));
        assertThat(label.get("b")).isEqualTo("handle:b");
        assertThat(label.get("c")).isEqualTo("handle:other");
        assertThat(label.get("d")).isSameAs(label.get("c"));
        assertThat(label.get("other")).isSameAs(label.other());
        assertThat(label.get(null)).isSameAs(label.other());
        assertThat(label.get("")).isSameAs(label.other());
        assertThat(label.size()).isEqualTo(2);
        assertThat(built).containsExactly("a", "b", "other");
    }

    @Test
    void capMustBePositive() {
        assertThatThrownBy(() -> new BoundedLabel<>(0, v -> v)).hasMessageStartingWith("0:");
    }
}
