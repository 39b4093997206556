package io.rawpipeline.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.cli.PipelineCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README.md and docs/*.md: links and anchors resolve, and the pipeline commands they show exist. */
class DocsTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void readmeAndEveryDocsPageHaveWorkingLinksAndRealCommands() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        assertThat(pages).as("README.md and the docs pages").hasSizeGreaterThan(1);

        DocsChecker checker = new DocsChecker(PipelineCommand.newCommandLine());
        List<String> problems = new ArrayList<>();
        for (Path page : pages) {
            problems.addAll(checker.check(page));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void reportsAnUnknownCommandAnUnknownOptionABrokenLinkAndABrokenAnchor(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("other.md"), "# Other page\n\n## A section\n", StandardCharsets.UTF_8);
        Path page = dir.resolve("page.md");
        Files.writeString(page, String.join("\n",
                "# Planted",
                "",
                "## Good section",
                "",
                "Fine: [here](#good-section), [there](other.md#a-section), [web](https://example.com/x#y).",
                "Broken: [gone](missing.md) and [no heading](other.md#no-such-section).",
                "",
                "```bash",
                "./pipeline demo --rows 10 --objects …   # options with values, even placeholders, are fine",
                "./pipeline schemas check --registry <url> | tee out.txt --not-an-option",
                "./pipeline frobnicate",
                "./pipeline bench parse --format cloudfront \\",
                "    --lines 10 --no-such-flag",
                "```",
                ""), StandardCharsets.UTF_8);

        List<String> problems = new DocsChecker(PipelineCommand.newCommandLine()).check(page);

        assertThat(problems).hasSize(4);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("page.md:11").contains("unknown command")
                .contains("pipeline frobnicate"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("page.md:12").contains("unknown option")
                .contains("pipeline bench parse").contains("--no-such-flag"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("page.md:6").contains("broken link")
                .contains("missing.md"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("page.md:6").contains("broken anchor")
                .contains("other.md#no-such-section"));
    }

    @Test
    void slugsFollowGitHubsRule() {
        assertThat(DocsChecker.slug("Running it on this machine: `pipeline demo` and `pipeline local`"))
                .isEqualTo("running-it-on-this-machine-pipeline-demo-and-pipeline-local");
        assertThat(DocsChecker.headingAnchors(List.of("## Tests", "```", "# not a heading", "```", "### Tests")))
                .containsExactlyInAnyOrder("tests", "tests-1");
    }
}
