package io.github.driftclaims.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The README is short, starts with the two commands, and its layout and links are true")
class ReadmeTest {

    static final Path README = Path.of("README.md");
    static final int MAX_BYTES = 15 * 1024;
    static final Path PACKAGES = Path.of("src/main/java/io/github/driftclaims");

    private static final Pattern FENCE = Pattern.compile("(?m)^```");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern LAYOUT_PACKAGE = Pattern.compile("(?m)^  ([a-z][a-z0-9_]*)/\\s");

    @Test
    @DisplayName("the README is at most 15 KB, so that a newcomer reads it in five minutes")
    void readmeIsShort() throws IOException {
        assertThat(Files.size(README)).as("README.md bytes; findings, platforms and models belong in their own documents")
                .isLessThanOrEqualTo(MAX_BYTES);
    }

    @Test
    @DisplayName("the README's first bash block is the main job and then the test command, nothing else")
    void firstBashBlockIsTheTwoCommands() throws IOException {
        String readme = Files.readString(README);
        int open = readme.indexOf("```bash\n");
        assertThat(open).as("a ```bash block").isNotNegative();
        int close = readme.indexOf("\n```", open + "```bash".length());
        assertThat(readme.substring(open + "```bash\n".length(), close))
                .isEqualTo("./mvnw -q compile exec:java\n./mvnw verify");
        assertThat(readme.substring(0, open)).as("no other code block before it").doesNotContain("```");
    }

    @Test
    @DisplayName("the README's layout names every package under src/main/java/io/github/driftclaims and no other")
    void layoutNamesEveryPackage() throws IOException {
        String layout = section(Files.readString(README), "## Layout");
        Set<String> named = new TreeSet<>();
        Matcher m = LAYOUT_PACKAGE.matcher(layout);
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named).as("packages in the Layout section").isEqualTo(packages());
        try (Stream<Path> files = Files.list(PACKAGES)) {
            List<String> rootClasses = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
                    .map(n -> n.substring(0, n.length() - ".java".length())).toList();
            assertThat(layout).as("the root package's classes").contains(rootClasses);
        }
        assertThat(layout).contains("src/test/", "src/bench/", "fixtures/", "tools/");
    }

    @ParameterizedTest(name = "every relative link in {0} points to an existing file and heading")
    @ValueSource(strings = {"README.md", "FINDINGS.md", "MODELS.md", "PLATFORMS.md"})
    @DisplayName("every relative link in the README and the documents split from it points to an existing file and heading")
    void relativeLinksResolve(String doc) throws IOException {
        Path file = Path.of(doc);
        List<String> broken = new ArrayList<>();
        Matcher m = LINK.matcher(outsideCode(Files.readString(file)));
        while (m.find()) {
            String target = m.group(1);
            if (target.matches("^[a-z]+:.*")) {
                continue;  // http(s), mailto: not checked here (the build runs offline)
            }
            int hash = target.indexOf('#');
            String path = hash < 0 ? target : target.substring(0, hash);
            Path resolved = path.isEmpty() ? file : file.toAbsolutePath().getParent().resolve(path).normalize();
            if (!Files.exists(resolved)) {
                broken.add(target + " (no such file)");
            } else if (hash >= 0 && resolved.toString().endsWith(".md")
                    && !anchors(Files.readString(resolved)).contains(target.substring(hash + 1))) {
                broken.add(target + " (no such heading in " + resolved.getFileName() + ")");
            }
        }
        assertThat(broken).as("broken links in %s", doc).isEmpty();
    }

    /** Package directories (holding Java sources) under the main source root. */
    static Set<String> packages() throws IOException {
        try (Stream<Path> dirs = Files.list(PACKAGES)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** From {@code heading} to the next heading of the same level (or the end). */
    static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertThat(start).as("section %s", heading).isNotNegative();
        int end = markdown.indexOf("\n## ", start + heading.length() + 1);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    /** The text with fenced code blocks removed (a # there is a shell comment, a [..](..) is not a link). */
    static String outsideCode(String markdown) {
        String[] parts = FENCE.split(markdown, -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i += 2) {
            b.append(parts[i]);
        }
        return b.toString();
    }

    /** GitHub's heading anchors: lower case, punctuation other than - and _ dropped, spaces to -. */
    static Set<String> anchors(String markdown) {
        return outsideCode(markdown).lines().filter(l -> l.startsWith("#"))
                .map(l -> l.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
    }
}
