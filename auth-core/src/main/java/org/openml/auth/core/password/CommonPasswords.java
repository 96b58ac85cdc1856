package org.openml.auth.core.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The most common passwords (NIST SP 800-63B: refuse values "commonly-used, expected, or
 * compromised"): the 17,950 entries of 8 or more characters from zxcvbn-ts's list of 49,233
 * (see common-passwords.NOTICE.txt beside the list). Compared after NFKC and lower-casing.
 */
public final class CommonPasswords {
    private static final String RESOURCE = "common-passwords.txt";

    private CommonPasswords() {}

    /** Whether {@code password} (in any case or Unicode form) is on the list. */
    public static boolean contains(String password) {
        return Holder.LIST.contains(Normalizer.normalize(password, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT));
    }

    /** How many entries the list has. */
    public static int size() {
        return Holder.LIST.size();
    }

    /** Loaded on first use, once. */
    private static final class Holder {
        static final Set<String> LIST = load();

        private static Set<String> load() {
            try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                Set<String> set = new HashSet<>(32_768);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line; (line = reader.readLine()) != null; ) {
                    if (!line.isEmpty()) set.add(line);
                }
                return Set.copyOf(set);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
