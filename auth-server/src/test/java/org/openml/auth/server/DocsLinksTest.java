package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in README.md and docs/ leads somewhere in the repository: the file exists,
 * stays inside the repository, and a {@code #anchor} names a heading of it (GitHub's slugs).
 */
class DocsLinksTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$", Pattern.MULTILINE);

    @Test
    void everyRelativeLinkInTheReadmeAndDocsResolves() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            String text = withoutCode(Files.readString(page));
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) continue; // http:, https:, mailto:
                checked++;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : "";
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                String where = ROOT.relativize(page) + " -> " + target;
                if (!resolved.startsWith(ROOT)) broken.add(where + " (outside the repository)");
                else if (!Files.exists(resolved)) broken.add(where + " (no such file)");
                else if (!anchor.isEmpty() && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
                    broken.add(where + " (no such heading)");
                }
            }
        }
        assertThat(checked).as("links found").isGreaterThan(20);
        assertThat(broken).isEmpty();
    }

    @Test
    void theCheckFindsABrokenLink() {
        assertThat(anchors(ROOT.resolve("docs/architecture.md"))).contains("sessions").doesNotContain("no-such-heading");
        assertThat(Files.exists(ROOT.resolve("docs/no-such-page.md"))).isFalse();
    }

    /** GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens. */
    static List<String> anchors(Path markdown) {
        try {
            List<String> ids = new ArrayList<>();
            Matcher m = HEADING.matcher(withoutCode(Files.readString(markdown)));
            while (m.find()) {
                ids.add(m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
            return ids;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fenced code blocks hold examples, not links or headings. */
    private static String withoutCode(String text) {
        return text.replaceAll("(?s)```.*?```", "");
    }
}
