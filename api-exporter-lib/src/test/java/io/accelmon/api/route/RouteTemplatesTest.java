package io.accelmon.api.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouteTemplatesTest {

    private final RouteTemplates routes = RouteTemplates.of("/v1/models", "/v1/chat/completions", "/users/{id}",
            "/users/me", "/users/{id}/orders/{order}", "/static/*", "/");

    @Test
    void literalPathsMatchThemselves() {
        assertThat(routes.match("/v1/models")).isEqualTo("/v1/models");
        assertThat(routes.match("/")).isEqualTo("/");
        assertThat(routes.match("/v1/models/")).isNull();
    }

    @Test
    void variablesMatchOneNonEmptySegment() {
        assertThat(routes.match("/users/42")).isEqualTo("/users/{id}");
        assertThat(routes.match("/users/42/orders/7")).isEqualTo("/users/{id}/orders/{order}");
        assertThat(routes.match("/users/")).isNull();
        assertThat(routes.match("/users/42/")).isNull();
        assertThat(routes.match("/users/42/orders")).isNull();
        assertThat(routes.match("/users")).isNull();
    }

    @Test
    void literalTemplatesWinOverVariables() {
        assertThat(routes.match("/users/me")).isEqualTo("/users/me");
    }

    @Test
    void starMatchesTheRest() {
        assertThat(routes.match("/static/")).isEqualTo("/static/*");
        assertThat(routes.match("/static/css/site.css")).isEqualTo("/static/*");
        assertThat(routes.match("/static")).isNull();
    }

    @Test
    void unknownPathsMatchNothing() {
        assertThat(routes.match("/wp-admin/login.php")).isNull();
        assertThat(routes.match("")).isNull();
        assertThat(routes.match("users/42")).isNull();
    }

    @Test
    void badTemplatesFailFast() {
        assertThatThrownBy(() -> RouteTemplates.of("users")).hasMessageStartingWith("'users'");
        assertThatThrownBy(() -> RouteTemplates.of("/a/x{id}")).hasMessageContaining("whole segment");
        assertThatThrownBy(() -> RouteTemplates.of("/a/*/b")).hasMessageContaining("last segment");
    }
}
