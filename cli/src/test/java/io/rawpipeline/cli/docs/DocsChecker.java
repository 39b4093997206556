package io.rawpipeline.cli.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks one Markdown page: its relative links and anchors resolve, and every {@code pipeline} command in its code
 * blocks exists in the picocli spec with the options it names. Each problem is one line naming the page and line.
 */
final class DocsChecker {

    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([\\w-]*)\\s*$");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    // a shell comment, pipe, redirection, && or ; ends the part of a line the command's options are on
    private static final Pattern COMMAND_END = Pattern.compile("\\s(#|\\|\\|?|&&|;|[0-9]?>>?)(\\s|$)");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[A-Za-z0-9][A-Za-z0-9-]*");
    // blocks whose lines are shell commands or their output; json, sql, properties blocks are not
    private static final Set<String> SHELL_BLOCKS = Set.of("", "bash", "sh", "shell", "console");

    private final CommandSpec pipeline;
    private final Map<Path, Set<String>> anchorsByPage = new HashMap<>();

    DocsChecker(CommandLine pipeline) {
        this.pipeline = pipeline.getCommandSpec();
    }

    List<String> check(Path page) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        String fence = null;
        StringBuilder continued = null;
        int continuedFrom = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher fenceLine = FENCE.matcher(line);
            if (fenceLine.matches()) {
                fence = fence == null ? fenceLine.group(1).toLowerCase(Locale.ROOT) : null;
                continued = null;
                continue;
            }
            if (fence == null) {
                checkLinks(page, i + 1, line, problems);
            } else if (SHELL_BLOCKS.contains(fence)) {
                // a command continued with a trailing backslash is checked as one line
                if (continued == null) {
                    continued = new StringBuilder();
                    continuedFrom = i + 1;
                }
                String trimmed = line.strip();
                if (trimmed.endsWith("\\")) {
                    continued.append(trimmed, 0, trimmed.length() - 1).append(' ');
                    continue;
                }
                continued.append(trimmed);
                checkCommand(page, continuedFrom, continued.toString(), problems);
                continued = null;
            }
        }
        return problems;
    }

    private void checkLinks(Path page, int lineNumber, String line, List<String> problems) throws IOException {
        Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
        while (link.find()) {
            String target = link.group(1);
            if (target.matches("(?i)^(https?|mailto):.*")) {
                continue;
            }
            int hash = target.indexOf('#');
            String file = hash < 0 ? target : target.substring(0, hash);
            String anchor = hash < 0 ? null : target.substring(hash + 1);
            Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
            if (!Files.exists(resolved)) {
                problems.add(where(page, lineNumber) + "broken link " + target + ": " + resolved + " does not exist");
            } else if (anchor != null && !anchorsOf(resolved).contains(anchor)) {
                problems.add(where(page, lineNumber) + "broken anchor " + target + ": no such heading in "
                        + resolved.getFileName());
            }
        }
    }

    private Set<String> anchorsOf(Path page) throws IOException {
        Path key = page.toAbsolutePath().normalize();
        Set<String> anchors = anchorsByPage.get(key);
        if (anchors == null) {
            anchors = headingAnchors(Files.readAllLines(key, StandardCharsets.UTF_8));
            anchorsByPage.put(key, anchors);
        }
        return anchors;
    }

    /** GitHub's rule: lower case, punctuation but - and _ dropped, each space a hyphen; repeats get -1, -2. */
    static Set<String> headingAnchors(List<String> lines) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (String line : lines) {
            if (FENCE.matcher(line).matches()) {
                inFence = !inFence;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (inFence || !heading.matches()) {
                continue;
            }
            String slug = slug(heading.group(1));
            int count = seen.merge(slug, 1, Integer::sum);
            anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
        }
        return anchors;
    }

    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
    }

    private void checkCommand(Path page, int lineNumber, String line, List<String> problems) {
        String command = line.startsWith("./pipeline ") ? line.substring("./pipeline ".length())
                : line.startsWith("pipeline ") ? line.substring("pipeline ".length()) : null;
        if (command == null) {
            return;
        }
        Matcher end = COMMAND_END.matcher(" " + command);
        String words = end.find() ? (" " + command).substring(0, end.start()) : command;
        String[] tokens = words.strip().split("\\s+");
        CommandSpec deepest = pipeline;
        String path = "pipeline";
        int next = 0;
        while (next < tokens.length && deepest.subcommands().containsKey(tokens[next])) {
            deepest = deepest.subcommands().get(tokens[next]).getCommandSpec();
            path += " " + tokens[next];
            next++;
        }
        if (next < tokens.length && !tokens[next].isEmpty() && !tokens[next].startsWith("-")
                && !tokens[next].startsWith("[") && deepest.positionalParameters().isEmpty()) {
            // a word that is neither a subcommand nor an option: a command that does not exist (or a placeholder)
            problems.add(where(page, lineNumber) + "unknown command: " + path + " " + tokens[next]);
            return;
        }
        Matcher option = OPTION.matcher(words);
        while (option.find()) {
            if (deepest.findOption(option.group()) == null) {
                problems.add(where(page, lineNumber) + "unknown option of " + path + ": " + option.group());
            }
        }
    }

    private static String where(Path page, int lineNumber) {
        return page.getFileName() + ":" + lineNumber + ": ";
    }
}
