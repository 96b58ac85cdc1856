package org.openml.auth.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the schema scripts this module ships into statements. Knows {@code --} line comments
 * and quoted text ({@code '…'}, {@code "…"}, {@code `…`}), which is all those scripts use; it is
 * not a general SQL parser.
 */
final class SqlScript {
    private SqlScript() {}

    /** The statements of a script on the class path, comments removed, without the trailing semicolons. */
    static List<String> load(String resource) {
        try (InputStream in = SqlScript.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("schema script " + resource + " is missing from the jar");
            return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema script " + resource, e);
        }
    }

    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                i = end < 0 ? script.length() : end;
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = script.indexOf(c, i + 1);
                if (end < 0) throw new IllegalArgumentException("unterminated quote in schema script");
                current.append(script, i, end + 1);
                i = end + 1;
            } else if (c == ';') {
                addIfNotBlank(statements, current);
                current.setLength(0);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        addIfNotBlank(statements, current);
        return statements;
    }

    private static void addIfNotBlank(List<String> statements, StringBuilder statement) {
        String text = statement.toString().strip();
        if (!text.isEmpty()) statements.add(text);
    }
}
