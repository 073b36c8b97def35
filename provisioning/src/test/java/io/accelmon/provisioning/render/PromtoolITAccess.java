package io.accelmon.provisioning.render;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Lets ITs in other packages reuse the dashboard query extraction. */
public final class PromtoolITAccess {

    private PromtoolITAccess() {
    }

    public static List<String> dashboardExpressions(Map<String, String> kit) throws IOException {
        return PromtoolIT.dashboardExpressions(kit);
    }
}
