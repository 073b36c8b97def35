package io.accelmon.api.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accelmon.api.ApiMetrics;
import io.accelmon.api.Exposition;
import io.accelmon.api.route.RouteTemplates;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Drives the filter with hand-made request/response objects (dynamic proxies answering the calls it makes). */
class ApiServletFilterTest {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ApiMetrics metrics = ApiMetrics.builder().registry(registry).build();
    private final ApiServletFilter filter = new ApiServletFilter(metrics, RouteTemplates.of("/users/{id}"));

    @Test
    void labelsByRouteTemplateAndCountsBodies() throws Exception {
        FakeResponse response = new FakeResponse();
        filter.doFilter(request("POST", "/users/7", 21, null), response.proxy(), (req, res) -> {
            ((HttpServletResponse) res).setStatus(201);
            res.getWriter().write("créé");
            res.getOutputStream();
        });
        Exposition e = Exposition.of(registry);
        assertThat(e.value("api_requests_total", "method", "POST", "endpoint", "/users/{id}", "status", "201"))
                .isEqualTo(1.0);
        assertThat(e.value("api_request_size_bytes_sum", "method", "POST", "endpoint", "/users/{id}"))
                .isEqualTo(21.0);
        assertThat(e.value("api_response_size_bytes_sum", "method", "POST", "endpoint", "/users/{id}"))
                .isEqualTo(6.0);
        assertThat(response.body.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("créé");
        assertThat(e.value("api_requests_in_flight", "endpoint", "/users/{id}")).isEqualTo(0.0);
    }

    @Test
    void fallsBackToTheServletMappingThenOther() throws Exception {
        FilterChain notFound = (req, res) -> ((HttpServletResponse) res).setStatus(404);
        filter.doFilter(request("GET", "/reports/2024", -1, mapping(MappingMatch.PATH, "/reports/*")),
                new FakeResponse().proxy(), notFound);
        filter.doFilter(request("GET", "/../etc/passwd", -1, mapping(MappingMatch.DEFAULT, "/")),
                new FakeResponse().proxy(), notFound);
        Exposition e = Exposition.of(registry);
        assertThat(e.value("api_requests_total", "method", "GET", "endpoint", "/reports/*", "status", "404"))
                .isEqualTo(1.0);
        assertThat(e.value("api_requests_total", "method", "GET", "endpoint", "other", "status", "404"))
                .isEqualTo(1.0);
        assertThat(e.text()).doesNotContain("passwd").doesNotContain("2024");
    }

    @Test
    void anExceptionFromTheChainCountsAs500() {
        FakeResponse response = new FakeResponse();
        assertThatThrownBy(() -> filter.doFilter(request("GET", "/users/1", -1, null), response.proxy(),
                (req, res) -> {
                    throw new ServletException("boom");
                })).isInstanceOf(ServletException.class);
        assertThat(Exposition.of(registry).value("api_requests_total", "method", "GET", "endpoint", "/users/{id}",
                "status", "500")).isEqualTo(1.0);
    }

    private static HttpServletRequest request(String method, String path, long contentLength,
                                              HttpServletMapping mapping) {
        Map<String, Object> answers = new HashMap<>();
        answers.put("getMethod", method);
        answers.put("getServletPath", path);
        answers.put("getPathInfo", null);
        answers.put("getContentLengthLong", contentLength);
        answers.put("getHttpServletMapping", mapping);
        return fake(HttpServletRequest.class, answers);
    }

    private static HttpServletMapping mapping(MappingMatch match, String pattern) {
        return fake(HttpServletMapping.class, Map.of("getMappingMatch", match, "getPattern", pattern));
    }

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (!answers.containsKey(m.getName())) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + m.getName());
            }
            return answers.get(m.getName());
        });
    }

    /** A response whose body lands in a byte array; status and encoding as a container keeps them. */
    private static final class FakeResponse {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        int status = 200;

        HttpServletResponse proxy() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (p, m, args) -> switch (m.getName()) {
                        case "setStatus" -> {
                            status = (Integer) args[0];
                            yield null;
                        }
                        case "getStatus" -> status;
                        case "getOutputStream" -> out;
                        case "getCharacterEncoding" -> "UTF-8";
                        default -> throw new UnsupportedOperationException("HttpServletResponse." + m.getName());
                    });
        }
    }
}
