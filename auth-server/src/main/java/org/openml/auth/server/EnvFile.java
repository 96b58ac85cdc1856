package org.openml.auth.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A settings file in the {@code .env.local} form OpenML's Next.js set-up uses: {@code NAME=value}
 * lines, {@code #} comments and blank lines, an optional {@code export }, values optionally in
 * single quotes (taken as written) or double quotes ({@code \n}, {@code \"} and {@code \\} escapes);
 * an unquoted value ends at {@code " #"}. The environment wins over the file.
 */
final class EnvFile {
    private static final Pattern LINE = Pattern.compile("^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*)$");

    private EnvFile() {}

    /**
     * The settings in {@code file}, in its order.
     *
     * @throws IllegalArgumentException naming the file and line of the first malformed line, or
     *     when the file cannot be read
     */
    static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --env-file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            Matcher m = LINE.matcher(line);
            if (!m.matches()) throw new IllegalArgumentException(file + " line " + (i + 1) + " is not NAME=value");
            values.put(m.group(1), value(m.group(2), file, i + 1));
        }
        return values;
    }

    private static String value(String raw, Path file, int line) {
        if (raw.startsWith("'")) {
            int end = raw.indexOf('\'', 1);
            if (end < 0) throw new IllegalArgumentException(file + " line " + line + ": unclosed single quote");
            return raw.substring(1, end);
        }
        if (raw.startsWith("\"")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '"') return out.toString();
                if (c == '\\' && i + 1 < raw.length()) {
                    char next = raw.charAt(++i);
                    out.append(next == 'n' ? '\n' : next);
                } else {
                    out.append(c);
                }
            }
            throw new IllegalArgumentException(file + " line " + line + ": unclosed double quote");
        }
        int comment = raw.indexOf(" #");
        return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
    }

    /**
     * The environment the server reads: the file's settings, then the real environment over them;
     * and, in {@code sources}, where each of the file's names was taken from (the file, or the
     * environment that overrode it). The rest of the environment is not listed.
     */
    static Map<String, String> merge(Map<String, String> file, Path path, Map<String, String> env, Map<String, String> sources) {
        Map<String, String> merged = new LinkedHashMap<>(file);
        file.keySet().forEach(name -> sources.put(name, path.toString()));
        merged.putAll(env);
        env.keySet().stream().filter(file::containsKey).forEach(name -> sources.put(name, "the environment (over " + path + ")"));
        return merged;
    }
}
