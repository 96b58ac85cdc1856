package org.openml.auth.core.password;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.port.out.PasswordHasher;

/**
 * Argon2 on argon2-jvm (the reference C library). Writes argon2i with the configured cost;
 * verifies any {@code $argon2i$}, {@code $argon2id$} or {@code $argon2d$} string with the
 * parameters it carries, and delegates other formats to the {@link LegacyHashFormat}s given.
 */
public final class Argon2PasswordHasher implements PasswordHasher {

    // $argon2<type>$v=<n>$<params>$<salt>$<hash>; params may come in any order (node-argon2 ≥ 0.45 writes m,p,t).
    private static final Pattern ENCODED = Pattern.compile(
            "^\\$argon2(id|i|d)\\$(?:v=(\\d+)\\$)?([a-z]=\\d+(?:,[a-z]=\\d+){2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");
    private static final Pattern PARAM = Pattern.compile("([mtp])=(\\d+)");
    private static final int MAX_VERIFY_MEMORY_KIB = 1 << 20; // refuse hashes asking for more than 1 GiB

    private final Argon2Parameters parameters;
    private final List<LegacyHashFormat> legacyFormats;
    private final Argon2 argon2i;
    private final Argon2 argon2id;
    private final Argon2 argon2d;

    public Argon2PasswordHasher(Argon2Parameters parameters, List<LegacyHashFormat> legacyFormats) {
        this.parameters = parameters;
        this.legacyFormats = List.copyOf(legacyFormats);
        this.argon2i = Argon2Factory.create(Argon2Types.ARGON2i, parameters.saltBytes(), parameters.hashBytes());
        this.argon2id = Argon2Factory.create(Argon2Types.ARGON2id, parameters.saltBytes(), parameters.hashBytes());
        this.argon2d = Argon2Factory.create(Argon2Types.ARGON2d, parameters.saltBytes(), parameters.hashBytes());
    }

    @Override
    public PasswordHash hash(RawPassword password) {
        char[] chars = password.value().toCharArray();
        return new PasswordHash(argon2i.hash(parameters.iterations(), parameters.memoryKiB(), parameters.parallelism(),
                chars, StandardCharsets.UTF_8));
    }

    @Override
    public boolean verify(RawPassword password, PasswordHash hash) {
        String encoded = hash.encoded();
        if (encoded.startsWith("$argon2")) {
            return parse(encoded).map(p -> verifyArgon2(p, password)).orElse(false);
        }
        for (LegacyHashFormat format : legacyFormats) {
            if (format.recognises(encoded)) return format.verify(password, encoded);
        }
        return false;
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        return parse(hash.encoded())
                .map(p -> !(p.type.equals("i") && p.version == 19 && p.m == parameters.memoryKiB()
                        && p.t == parameters.iterations() && p.p == parameters.parallelism()
                        && p.canonical.equals(hash.encoded())))
                .orElse(true);
    }

    private boolean verifyArgon2(Parsed parsed, RawPassword password) {
        Argon2 engine = switch (parsed.type) {
            case "i" -> argon2i;
            case "id" -> argon2id;
            default -> argon2d;
        };
        try {
            return engine.verify(parsed.canonical, password.value().toCharArray(), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            // The C decoder refuses malformed strings (bad base64, out-of-range cost): not a match.
            return false;
        }
    }

    /** The parts of an encoded hash, re-encoded in the m,t,p order the C decoder requires. */
    private record Parsed(String type, int version, long m, long t, long p, String canonical) {}

    private static Optional<Parsed> parse(String encoded) {
        Matcher matcher = ENCODED.matcher(encoded);
        if (!matcher.matches()) return Optional.empty();
        long m = -1, t = -1, p = -1;
        Matcher params = PARAM.matcher(matcher.group(3));
        int seen = 0;
        while (params.find()) {
            long value;
            try {
                value = Long.parseLong(params.group(2));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            switch (params.group(1)) {
                case "m" -> m = value;
                case "t" -> t = value;
                default -> p = value;
            }
            seen++;
        }
        if (seen != 3 || m < 1 || t < 1 || p < 1 || m > MAX_VERIFY_MEMORY_KIB || t > 64 || p > 64) return Optional.empty();
        int version = matcher.group(2) == null ? 16 : Integer.parseInt(matcher.group(2));
        String canonical = "$argon2" + matcher.group(1) + "$" + (matcher.group(2) == null ? "" : "v=" + version + "$")
                + "m=" + m + ",t=" + t + ",p=" + p + "$" + matcher.group(4) + "$" + matcher.group(5);
        return Optional.of(new Parsed(matcher.group(1), version, m, t, p, canonical));
    }
}
