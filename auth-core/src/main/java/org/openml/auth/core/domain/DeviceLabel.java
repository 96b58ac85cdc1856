package org.openml.auth.core.domain;

import java.util.Locale;

/**
 * A short, human label for a User-Agent header ("Firefox on Linux", "Safari on iPhone",
 * "Python client"), for the list of devices an account is signed in on. Deliberately coarse: no
 * versions, nothing that fingerprints.
 */
public final class DeviceLabel {
    private DeviceLabel() {}

    /** The label; "Unknown device" when the header is missing or says nothing known. */
    public static String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) return "Unknown device";
        String ua = userAgent.toLowerCase(Locale.ROOT);
        String client = client(ua);
        String system = system(ua);
        if (client == null && system == null) return "Unknown device";
        if (client == null) return "Browser on " + system;
        return system == null ? client : client + " on " + system;
    }

    private static String client(String ua) {
        // Order matters: Edge and Opera also say Chrome; Chrome also says Safari.
        if (ua.contains("edg/") || ua.contains("edga/") || ua.contains("edgios/")) return "Edge";
        if (ua.contains("opr/") || ua.contains("opera")) return "Opera";
        if (ua.contains("firefox/") || ua.contains("fxios/")) return "Firefox";
        if (ua.contains("chrome/") || ua.contains("crios/") || ua.contains("chromium/")) return "Chrome";
        if (ua.contains("safari/")) return "Safari";
        if (ua.startsWith("curl/")) return "curl";
        if (ua.contains("python")) return "Python client";
        if (ua.startsWith("r ") || ua.contains("libcurl") || ua.contains("httr")) return "R client";
        if (ua.contains("java") || ua.contains("okhttp")) return "Java client";
        return null;
    }

    private static String system(String ua) {
        if (ua.contains("iphone")) return "iPhone";
        if (ua.contains("ipad")) return "iPad";
        if (ua.contains("android")) return "Android";
        if (ua.contains("cros")) return "ChromeOS";
        if (ua.contains("windows")) return "Windows";
        if (ua.contains("mac os x") || ua.contains("macintosh")) return "macOS";
        if (ua.contains("linux") || ua.contains("x11")) return "Linux";
        return null;
    }
}
