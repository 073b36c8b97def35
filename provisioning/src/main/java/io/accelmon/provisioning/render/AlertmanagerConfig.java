package io.accelmon.provisioning.render;

import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.ClusterSpec.Alerting;
import io.accelmon.provisioning.spec.ClusterSpec.Receiver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code alertmanager/alertmanager.yml}: routes by severity (each listed receiver gets a child route with
 * {@code continue: true}), {@code group_by}, the critical-over-warning inhibit rule, email and webhook receivers. Secrets only as
 * {@code *_file} references (SMTP password, webhook bearer token).
 */
public final class AlertmanagerConfig {

    public static final String PATH = "alertmanager/alertmanager.yml";

    private AlertmanagerConfig() {
    }

    public static Map<String, String> render(ClusterSpec spec) {
        Alerting a = spec.alerting();
        Map<String, Object> global = Documents.of("resolve_timeout", a.resolveTimeout().toString());
        a.smtp().ifPresent(s -> {
            global.put("smtp_smarthost", s.smarthost());
            global.put("smtp_from", s.from());
            if (!s.authUsername().isEmpty()) {
                global.put("smtp_auth_username", s.authUsername());
                global.put("smtp_auth_password_file", s.authPasswordFile());
            }
            global.put("smtp_require_tls", s.requireTls());
        });
        List<Object> routes = new ArrayList<>();
        addRoutes(routes, "critical", a.critical());
        addRoutes(routes, "warning", a.warning());
        String root = a.defaultReceiver().isEmpty() ? "null" : a.defaultReceiver();
        Map<String, Object> route = Documents.of(
                "receiver", root,
                "group_by", a.groupBy(),
                "group_wait", a.groupWait().toString(),
                "group_interval", a.groupInterval().toString(),
                "repeat_interval", a.repeatInterval().toString(),
                "routes", routes.isEmpty() ? null : routes);
        List<Object> receivers = new ArrayList<>();
        if (root.equals("null")) {
            receivers.add(Documents.of("name", "null"));
        }
        for (Receiver r : a.receivers()) {
            receivers.add(receiver(r));
        }
        Map<String, Object> doc = Documents.of(
                "global", global,
                "route", route,
                "receivers", receivers,
                "inhibit_rules", List.of(Documents.of(
                        "source_matchers", List.of("severity=\"critical\""),
                        "target_matchers", List.of("severity=\"warning\""),
                        "equal", List.of("alertname", "instance"))));
        return Map.of(PATH, Documents.yaml("Rendered by `accelmon render` from " + spec.source().getFileName()
                + "; do not edit. Secrets are referenced by file only.", doc));
    }

    private static void addRoutes(List<Object> routes, String severity, List<String> receivers) {
        for (String r : receivers) {
            routes.add(Documents.of("receiver", r, "matchers", List.of("severity=\"" + severity + "\""), "continue", true));
        }
    }

    private static Map<String, Object> receiver(Receiver r) {
        if (r.type().equals("email")) {
            List<Object> emails = new ArrayList<>();
            emails.add(Documents.of("to", String.join(", ", r.to()), "send_resolved", r.sendResolved()));
            return Documents.of("name", r.name(), "email_configs", emails);
        }
        Map<String, Object> hook = Documents.of("url", r.url(), "send_resolved", r.sendResolved());
        if (!r.bearerTokenFile().isEmpty()) {
            hook.put("http_config", Documents.of("authorization", Documents.of("credentials_file", r.bearerTokenFile())));
        }
        return Documents.of("name", r.name(), "webhook_configs", List.of(hook));
    }
}
