package org.openml.auth.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.net.URI;
import java.net.URISyntaxException;

/** Reads environment variables, collecting problems instead of failing at the first; {@link #failIfProblems} lists them all. */
final class EnvReader {
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    /** Every name the configuration looked at, set or not: the server's real variables. */
    private final java.util.Set<String> asked = new java.util.TreeSet<>();

    java.util.Set<String> asked() {
        return java.util.Collections.unmodifiableSet(asked);
    }

    EnvReader(Map<String, String> env) {
        this.env = env;
    }

    Optional<String> text(String name) {
        asked.add(name);
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** The value exactly as set (not stripped: passwords may end in a space); empty when unset or empty. */
    Optional<String> raw(String name) {
        asked.add(name);
        String v = env.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** An ISO-8601 duration ({@code PT5S}) or whole seconds ({@code 5}), at least {@code min}. */
    Duration duration(String name, Duration fallback, Duration min) {
        Optional<String> v = text(name);
        if (v.isEmpty()) return fallback;
        Duration d;
        try {
            d = v.get().matches("\\d+") ? Duration.ofSeconds(Long.parseLong(v.get())) : Duration.parse(v.get());
        } catch (RuntimeException e) {
            problem(name + " must be an ISO-8601 duration (PT5S, PT0.5S) or whole seconds (5), got '" + v.get() + "'");
            return fallback;
        }
        if (d.compareTo(min) < 0) {
            problem(name + " must be at least " + min + ", got " + d);
            return fallback;
        }
        return d;
    }

    int integer(String name, int fallback, int min, int max) {
        Optional<String> v = text(name);
        if (v.isEmpty()) return fallback;
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) {
                problem(name + " must be between " + min + " and " + max + ", got " + n);
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            problem(name + " must be a whole number, got '" + v.get() + "'");
            return fallback;
        }
    }

    boolean bool(String name, boolean fallback) {
        Optional<String> v = text(name).map(s -> s.toLowerCase(Locale.ROOT));
        if (v.isEmpty()) return fallback;
        switch (v.get()) {
            case "true", "1", "yes" -> { return true; }
            case "false", "0", "no" -> { return false; }
            default -> {
                problem(name + " must be true or false, got '" + v.get() + "'");
                return fallback;
            }
        }
    }

    Optional<URI> url(String name) {
        Optional<String> v = text(name);
        if (v.isEmpty()) return Optional.empty();
        try {
            URI uri = new URI(v.get());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problem(name + " must start with http:// or https://, got '" + v.get() + "'");
                return Optional.empty();
            }
            if (uri.getHost() == null) {
                problem(name + " must name a host, got '" + v.get() + "'");
                return Optional.empty();
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problem(name + " must not have a query or fragment, got '" + v.get() + "'");
                return Optional.empty();
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            // next-auth accepts its own base path here; the routes always live at /api/auth.
            if (!path.isEmpty() && !path.equals("/") && !path.replaceAll("/$", "").equals("/api/auth")) {
                problem(name + " must be an origin without a path (e.g. https://www.openml.org), got '" + v.get() + "'");
                return Optional.empty();
            }
            return Optional.of(URI.create(scheme + "://" + uri.getRawAuthority()));
        } catch (URISyntaxException e) {
            problem(name + " is not a valid URL: '" + v.get() + "'");
            return Optional.empty();
        }
    }

    void problem(String message) {
        problems.add(message);
    }

    void failIfProblems() {
        if (!problems.isEmpty()) throw new AuthServerConfig.ConfigException(problems);
    }
}
