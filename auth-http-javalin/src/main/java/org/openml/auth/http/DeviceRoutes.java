package org.openml.auth.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openml.auth.core.port.in.Devices;

/** Where the account is signed in, and signing one device out ({@code /api/user/sessions}). */
final class DeviceRoutes {
    private final RouteContext route;
    private final Devices devices;

    DeviceRoutes(RouteContext route) {
        this.route = route;
        this.devices = route.services().devices();
    }

    void mount(RoutesConfig routes, String prefix) {
        routes.get(prefix + "/api/user/sessions", this::list);
        routes.delete(prefix + "/api/user/sessions/{id}", this::signOut);
    }

    private void list(Context ctx) {
        SignedInRequest signedIn = route.signedIn(ctx);
        List<Map<String, Object>> sessions = devices.list(signedIn.session()).stream().map(d -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", d.id());
            item.put("current", d.current());
            item.put("signedInAt", DateTimeFormatter.ISO_INSTANT.format(d.signedInAt()));
            item.put("lastSeenAt", DateTimeFormatter.ISO_INSTANT.format(d.lastSeenAt()));
            item.put("method", d.method().isEmpty() ? null : d.method());
            item.put("ip", d.ipAddress());
            item.put("device", d.device());
            return item;
        }).toList();
        Json.send(ctx, 200, Map.of("sessions", sessions));
    }

    private void signOut(Context ctx) {
        SignedInRequest signedIn = route.signedInSameSite(ctx, RequestBody.of(ctx));
        String id = ctx.pathParam("id");
        AccountSettingsRoutes.orRefuse(devices.signOut(signedIn.session(), id, route.client(ctx)));
        if (id.equals(signedIn.session().id())) route.cookies().clearSession(ctx);
        Json.send(ctx, 200, Map.of("success", true));
    }
}
