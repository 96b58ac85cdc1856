package org.openml.auth.core.password;

import com.sun.jna.Memory;
import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import de.mkammerer.argon2.jna.Argon2Library;
import de.mkammerer.argon2.jna.Argon2_context;
import de.mkammerer.argon2.jna.Argon2_type;
import de.mkammerer.argon2.jna.Argon2_version;
import de.mkammerer.argon2.jna.JnaUint32;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.port.out.PasswordHasher;

/**
 * Argon2 on argon2-jvm (the reference C library). Writes argon2i with the configured cost;
 * verifies any {@code $argon2i$}, {@code $argon2id$} or {@code $argon2d$} string with the
 * parameters it carries, and delegates other formats to the {@link LegacyHashFormat}s given.
 *
 * <p>A verification runs each lane on a thread of its own only while the verifications running
 * together have a core per lane (the fastest answer when few sign-ins come); otherwise it fills its
 * lanes on the caller's thread. The library's own verify always starts a thread per lane, for each
 * of Argon2's slices (32 per OpenML hash), so under load it ran twice as many Argon2 threads as
 * there are cores and lost about 5 % of its sign-ins a second to starting and switching them
 * (docs/benchmarks.md). The result is the same either way: Argon2's output depends on its lanes,
 * not on the threads that fill them.
 */
public final class Argon2PasswordHasher implements PasswordHasher {

    // $argon2<type>$v=<n>$<params>$<salt>$<hash>; params may come in any order (node-argon2 ≥ 0.45 writes m,p,t).
    private static final Pattern ENCODED = Pattern.compile(
            "^\\$argon2(id|i|d)\\$(?:v=(\\d+)\\$)?([a-z]=\\d+(?:,[a-z]=\\d+){2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");
    private static final Pattern PARAM = Pattern.compile("([mtp])=(\\d+)");
    private static final int MAX_VERIFY_MEMORY_KIB = 1 << 20; // refuse hashes asking for more than 1 GiB
    // From the reference library's argon2.h.
    private static final int FLAG_CLEAR_PASSWORD = 1;
    private static final int MEMORY_ALLOCATION_ERROR = -22;
    private static final int THREAD_FAIL = -33;

    private final Argon2Parameters parameters;
    private final List<LegacyHashFormat> legacyFormats;
    private final Argon2 argon2i;
    private final int cores = Runtime.getRuntime().availableProcessors();
    /** Verifications running now. */
    private final AtomicInteger verifying = new AtomicInteger();

    public Argon2PasswordHasher(Argon2Parameters parameters, List<LegacyHashFormat> legacyFormats) {
        this.parameters = parameters;
        this.legacyFormats = List.copyOf(legacyFormats);
        this.argon2i = Argon2Factory.create(Argon2Types.ARGON2i, parameters.saltBytes(), parameters.hashBytes());
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
        byte[] salt;
        byte[] expected;
        try {
            salt = Base64.getDecoder().decode(parsed.salt);
            expected = Base64.getDecoder().decode(parsed.hash);
        } catch (IllegalArgumentException e) {
            return false; // not Base64: nothing can match it
        }
        int lanes = (int) parsed.p;
        // Its own thread per lane only while every verification now running can have as many.
        int threads = verifying.incrementAndGet() * lanes <= cores ? lanes : 1;
        byte[] pwd = password.value().getBytes(StandardCharsets.UTF_8);
        try (Memory out = new Memory(Math.max(1, expected.length)); Memory pwdIn = new Memory(Math.max(1, pwd.length));
                Memory saltIn = new Memory(Math.max(1, salt.length))) {
            pwdIn.write(0, pwd, 0, pwd.length);
            saltIn.write(0, salt, 0, salt.length);
            Argon2_context.ByReference context = new Argon2_context.ByReference();
            context.out = out;
            context.outlen = new JnaUint32(expected.length);
            context.pwd = pwdIn;
            context.pwdlen = new JnaUint32(pwd.length);
            context.salt = saltIn;
            context.saltlen = new JnaUint32(salt.length);
            context.secretlen = new JnaUint32(0);
            context.adlen = new JnaUint32(0);
            context.t_cost = new JnaUint32((int) parsed.t);
            context.m_cost = new JnaUint32((int) parsed.m);
            context.lanes = new JnaUint32(lanes);
            context.threads = new JnaUint32(threads);
            context.version = new Argon2_version(parsed.version); // v=19 is 0x13, no v= is 0x10
            context.flags = new JnaUint32(FLAG_CLEAR_PASSWORD);
            int result = Argon2Library.INSTANCE.argon2_ctx(context, new Argon2_type(switch (parsed.type) {
                case "d" -> 0;
                case "i" -> 1;
                default -> 2;
            }));
            pwdIn.clear();
            if (result == MEMORY_ALLOCATION_ERROR || result == THREAD_FAIL) {
                // The machine, not the password: say so rather than "wrong password".
                throw new IllegalStateException("Argon2 could not run (error " + result + ")");
            }
            // Any other refusal is about the hash (salt or output too short, m below 8·p, an unknown
            // version): it matches no password.
            if (result != 0) return false;
            byte[] actual = out.getByteArray(0, expected.length);
            try {
                return MessageDigest.isEqual(actual, expected);
            } finally {
                Arrays.fill(actual, (byte) 0);
            }
        } finally {
            verifying.decrementAndGet();
            Arrays.fill(pwd, (byte) 0);
        }
    }

    /** The parts of an encoded hash; {@code canonical} is it re-encoded in m,t,p order (the form this hasher writes). */
    private record Parsed(String type, int version, long m, long t, long p, String salt, String hash, String canonical) {}

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
        return Optional.of(new Parsed(matcher.group(1), version, m, t, p, matcher.group(4), matcher.group(5), canonical));
    }
}
