package org.openml.auth.core.password;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code shared/fixtures/legacy-hashes.json}, the known-answer hashes made by PHP, Python
 * argon2-cffi, Node argon2 and MD5. The {@code shared} folder sits beside the project (locally
 * {@code /work/shared}, in CI {@code ../shared} from the project root), so the lookup walks up from
 * the module directory. A missing fixture fails the test: it is the evidence these tests exist for.
 */
public final class LegacyHashFixtures {

    public static final String RELATIVE = "shared/fixtures/legacy-hashes.json";

    /** One known-answer hash. */
    public record Fixture(String format, String producer, String password, String hash) {
        @Override
        public String toString() {
            return format + " / " + producer + " / " + password;
        }
    }

    private LegacyHashFixtures() {}

    public static Path locate() {
        Path start = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isRegularFile(candidate)) return candidate;
        }
        throw new AssertionError("Cannot find " + RELATIVE + " in " + start + " or any folder above it. "
                + "The shared folder must sit beside the project (../shared from the project root).");
    }

    public static JsonNode root() {
        try {
            return new ObjectMapper().readTree(locate().toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String wrongPassword() {
        return root().get("wrongPassword").asText();
    }

    public static List<Fixture> all() {
        List<Fixture> out = new ArrayList<>();
        for (JsonNode h : root().get("hashes")) {
            out.add(new Fixture(h.get("format").asText(), h.get("producer").asText(), h.get("password").asText(),
                    h.get("hash").asText()));
        }
        if (out.isEmpty()) throw new AssertionError(RELATIVE + " holds no hashes");
        return out;
    }

    /** The fixtures whose {@code format} starts with {@code prefix} ("bcrypt", "md5", "argon2"). */
    public static List<Fixture> withFormat(String prefix) {
        List<Fixture> out = all().stream().filter(f -> f.format().startsWith(prefix)).toList();
        if (out.isEmpty()) throw new AssertionError(RELATIVE + " holds no " + prefix + " hashes");
        return out;
    }
}
