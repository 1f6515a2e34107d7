package io.dsk.transforms.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every relative link in the repository's Markdown files stays inside the repository and finds its
 * file, so the documentation works in a clone and on the hosting site alike.
 */
class DocLinksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Inline links {@code [text](target)} and images, and reference definitions {@code [name]: target}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)"
            + "|^[ \\t]*\\[[^\\]]+\\]:[ \\t]*<?([^\\s>]+)>?[ \\t]*(?:\"[^\"]*\")?[ \\t]*$", Pattern.MULTILINE);
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private static List<Path> markdownFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(file -> file.toString().endsWith(".md"))
                    .filter(file -> {
                        Path relative = ROOT.relativize(file);
                        for (Path part : relative) {
                            String name = part.toString();
                            if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted()
                    .toList();
        }
    }

    private static List<String> relativeTargets(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).replaceAll("(?s)```.*?```", "");
        List<String> targets = new ArrayList<>();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String target = link.group(1) != null ? link.group(1) : link.group(2);
            if (!SCHEME.matcher(target).find() && !target.startsWith("#") && !target.startsWith("//")) {
                targets.add(target.replaceAll("[#?].*$", ""));
            }
        }
        return targets;
    }

    @Test
    void theRepositoryHasMarkdownToCheck() throws IOException {
        assertThat(markdownFiles()).extracting(file -> ROOT.relativize(file).toString().replace('\\', '/'))
                .contains("README.md", "docs/connector.md", "docs/gateway.md");
    }

    @Test
    void noMarkdownLinksOutsideTheRepositoryByRelativePath() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path file : markdownFiles()) {
            for (String target : relativeTargets(file)) {
                Path resolved = file.getParent().resolve(target).normalize();
                if (!resolved.startsWith(ROOT)) {
                    outside.add(ROOT.relativize(file) + " -> " + target);
                }
            }
        }
        assertThat(outside).as("relative links that leave the repository; link the public page instead").isEmpty();
    }

    @Test
    void everyRelativeMarkdownLinkFindsItsFile() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path file : markdownFiles()) {
            for (String target : relativeTargets(file)) {
                Path resolved = file.getParent().resolve(target).normalize();
                if (resolved.startsWith(ROOT) && !target.isEmpty() && !Files.exists(resolved)) {
                    broken.add(ROOT.relativize(file) + " -> " + target);
                }
            }
        }
        assertThat(broken).as("relative links to files that do not exist").isEmpty();
    }
}
