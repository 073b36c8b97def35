package io.accelmon.api;

/**
 * The label values of {@code method}: the standard HTTP methods, {@code CALL} for {@link ApiMetrics#time}, and
 * {@code other} for anything else, so invented methods cannot add series.
 */
enum HttpMethod {
    GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS, TRACE, CONNECT, CALL, OTHER("other");

    private final String label;

    HttpMethod() {
        this.label = name();
    }

    HttpMethod(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Maps a request's method without allocating (a string switch compares hash and contents). */
    static HttpMethod of(String method) {
        if (method == null) {
            return OTHER;
        }
        return switch (method) {
            case "GET" -> GET;
            case "HEAD" -> HEAD;
            case "POST" -> POST;
            case "PUT" -> PUT;
            case "DELETE" -> DELETE;
            case "PATCH" -> PATCH;
            case "OPTIONS" -> OPTIONS;
            case "TRACE" -> TRACE;
            case "CONNECT" -> CONNECT;
            case "CALL" -> CALL;
            default -> OTHER;
        };
    }
}
