package org.reelfarm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkdownLessonTest {

    private final List<String> warnings = new ArrayList<>();

    private List<ShotDraft> parse(String text) {
        return MarkdownLesson.parse(new SourceFile("lessons/colours.md", ScriptFormat.MARKDOWN, "colours", "0", text),
                warnings::add);
    }

    private static List<String> prompts(List<ShotDraft> shots) {
        return shots.stream().map(ShotDraft::prompt).toList();
    }

    private static List<String> ids(List<ShotDraft> shots) {
        return shots.stream().map(ShotDraft::id).toList();
    }

    @Test
    void eachLevelTwoSectionIsAShotWithItsHeadingAsId() {
        List<ShotDraft> shots = parse("""
                # Colours and shapes

                ## The Red Ball
                A red ball moves left.

                ## Blue box
                A blue box sits still.
                It waits.
                """);

        assertEquals(List.of(new ShotDraft("the-red-ball", 3, "A red ball moves left.", null, null),
                new ShotDraft("blue-box", 6, "A blue box sits still. It waits.", null, null)), shots);
        assertEquals(List.of(), warnings);
    }

    @Test
    void textBeforeTheFirstSectionIsAnOpeningShotNamedForTheTitle() {
        List<ShotDraft> shots = parse("""
                # Colours and shapes

                Two shapes meet.
                Then they part.

                ## The Red Ball
                A red ball moves left.
                """);

        assertEquals(List.of(new ShotDraft("colours-and-shapes", 1, "Two shapes meet. Then they part.", null, null),
                new ShotDraft("the-red-ball", 6, "A red ball moves left.", null, null)), shots);
    }

    @Test
    void openingTextWithoutATitleIsTheIntroShotFromItsFirstLine() {
        List<ShotDraft> shots = parse("\nTwo shapes meet.\n\n## The Red Ball\nA red ball moves left.\n");

        assertEquals(new ShotDraft("intro", 2, "Two shapes meet.", null, null), shots.get(0));
    }

    @Test
    void titleThatGivesNoIdNamesTheOpeningShotIntro() {
        assertEquals(List.of("intro"), ids(parse("# ???\nTwo shapes meet.\n")));
    }

    @Test
    void openingShotAndASectionOfTheSameNameGetDistinctIds() {
        assertEquals(List.of("shapes", "shapes-2"), ids(parse("# Shapes\nThey meet.\n## Shapes\nThey part.\n")));
    }

    @Test
    void lessonWithoutSectionsIsOneShotNamedForItsTitle() {
        assertEquals(List.of(new ShotDraft("title", 1, "Just text.\n\nMore text.", null, null)),
                parse("# Title\n\nJust text.\n\nMore text.\n"));
    }

    @Test
    void lessonOfParagraphsAloneIsOneIntroShot() {
        assertEquals(List.of(new ShotDraft("intro", 1, "A red ball.\n\nA blue box.", null, null)),
                parse("A red ball.\n\nA blue box.\n"));
    }

    @Test
    void lessonWithOnlyDeeperHeadingsIsOneShotWithTheHeadingsInItsPrompt() {
        List<ShotDraft> shots = parse("""
                # Colours

                ### Red
                A red ball.

                #### Blue
                A blue box.
                """);

        assertEquals(List.of(new ShotDraft("colours", 1, "Red\n\nA red ball.\n\nBlue\n\nA blue box.", null, null)),
                shots);
    }

    @Test
    void deeperHeadingsBeforeTheFirstSectionStayInTheOpeningShot() {
        List<ShotDraft> shots = parse("# Colours\n### Warm up\nLook around.\n## Red\nA red ball.\n### Close up\nIt spins.\n");

        assertEquals(List.of("Warm up\n\nLook around.", "A red ball.\n\nClose up\n\nIt spins."), prompts(shots));
    }

    @Test
    void yamlFrontMatterIsDropped() {
        List<ShotDraft> shots = parse("---\ntitle: Colours\nlayout: lesson\n---\n# Colours\n\n## Red\nA red ball.\n");

        assertEquals(List.of(new ShotDraft("red", 7, "A red ball.", null, null)), shots);
    }

    @Test
    void aThematicBreakOnTheFirstLineWithoutAnEndIsNotFrontMatter() {
        assertEquals(List.of("A red ball."), prompts(parse("---\nA red ball.\n")));
    }

    @Test
    void paragraphsAndListItemsBecomeParagraphsOfThePrompt() {
        List<ShotDraft> shots = parse("""
                ## Shapes
                First paragraph
                continues here.

                - a red ball
                * a blue box
                1. a green triangle
                2) a [ ] task
                - [x] done item
                """);

        assertEquals(List.of("First paragraph continues here.\n\na red ball\n\na blue box\n\na green triangle"
                + "\n\na [ ] task\n\ndone item"), prompts(shots));
    }

    @Test
    void markupIsRemovedFromThePrompt() {
        List<ShotDraft> shots = parse("""
                ## Markup
                A **yellow** _circle_ moves *up* on a ~~red~~ `blue` [background](https://x.test/bg).
                > Quoted ![alt text](img.png) <b>bold</b> <https://example.com> snake_case \\*stars\\*
                ---
                | a | b |
                |---|---|
                <!-- a comment
                spanning lines --> after
                [ref]: https://example.com
                """);

        assertEquals(List.of("A yellow circle moves up on a red blue background. Quoted alt text bold"
                + " snake_case *stars*\n\na b\n\nafter"), prompts(shots));
    }

    @Test
    void codeFencesAreIgnoredIncludingHeadingsInside() {
        List<ShotDraft> shots = parse("""
                ## One
                A red ball.
                ```python
                ## not a heading
                print("x")
                ```
                ~~~~
                ```
                ~~~~
                Still shot one.
                """);

        assertEquals(List.of(new ShotDraft("one", 1, "A red ball.\n\nStill shot one.", null, null)), shots);
    }

    @Test
    void deeperHeadingsInsideASectionArePromptText() {
        List<ShotDraft> shots = parse("""
                ## One
                ### Setting
                A red ball.
                """);

        assertEquals(List.of("Setting\n\nA red ball."), prompts(shots));
    }

    @Test
    void textUnderALaterLevelOneHeadingIsAShotOfItsOwn() {
        List<ShotDraft> shots = parse("""
                ## One
                A red ball.
                # Part two
                Introduction to part two.
                ## Two
                A blue box.
                # Part three
                ## Three
                A green cone.
                """);

        assertEquals(List.of("A red ball.", "Introduction to part two.", "A blue box.", "A green cone."), prompts(shots));
        assertEquals(List.of("one", "part-two", "two", "three"), ids(shots));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "## Scene 1: The Café ##       | scene-1-the-cafe",
        "## ../../etc/passwd          | etc-passwd",
        "##   C:\\Windows\\system32   | c-windows-system32",
        "## **Bold** `code` [link](u) | bold-code-link",
        "## snake_case and-dash       | snake_case-and-dash",
        "## ???                       | shot-000",
        "## 日本語                     | shot-000",
    })
    void headingsBecomeFileSafeIds(String heading, String expected) {
        List<ShotDraft> shots = parse(heading + "\nA red ball.\n");

        assertEquals(expected, shots.get(0).id());
    }

    @Test
    void longHeadingsAreCutTo64Characters() {
        List<ShotDraft> shots = parse("## " + "word ".repeat(30) + "\nA red ball.\n");

        assertEquals("word-".repeat(12) + "word", shots.get(0).id());
    }

    @Test
    void repeatedHeadingsGetNumberedIds() {
        List<ShotDraft> shots = parse("## Scene\na\n## Scene\nb\n## Scene 2\nc\n## Scene\nd\n");

        assertEquals(List.of("scene", "scene-2", "scene-2-2", "scene-3"), shots.stream().map(ShotDraft::id).toList());
    }

    @Test
    void lessonWithNoTextOutsideHeadingsAndCodeIsAnError() {
        InputException e = assertThrows(InputException.class,
                () -> parse("# Title\n\n```\nprint(1)\n```\n<!-- draft -->\n# Part two\n"));

        assertEquals("lessons/colours.md: lesson has no text outside headings, code blocks and comments, so no shots;"
                + " write what each shot shows under a \"## Shot title\" heading", e.getMessage());
    }

    @Test
    void headingMissingItsSpaceIsTextWithAWarningNamingItsLine() {
        List<ShotDraft> shots = parse("# Title\n\n##One\nA red ball.\n");

        assertEquals(List.of(new ShotDraft("title", 1, "##One A red ball.", null, null)), shots);
        assertEquals(List.of("lessons/colours.md:3: \"##One\" is read as text, not as a heading: a heading needs a"
                + " space after its #s"), warnings);
    }

    @Test
    void sectionWithoutTextIsAnErrorAtItsHeading() {
        InputException e = assertThrows(InputException.class,
                () -> parse("## One\nA red ball.\n\n## Two\n```\ncode only\n```\n## Three\nA box.\n"));

        assertEquals("lessons/colours.md:4: section \"## Two\" has no text; write the shot's description under"
                + " the heading, or remove the heading", e.getMessage());
    }

    @Test
    void unclosedCodeFenceIsAnErrorAtItsOpening() {
        InputException e = assertThrows(InputException.class, () -> parse("## One\nA red ball.\n```\n## Two\nB\n"));

        assertEquals("lessons/colours.md:3: code fence ``` is never closed; close it with a line of ```",
                e.getMessage());
    }

    @Test
    void unclosedCommentIsAnErrorAtItsOpening() {
        InputException e = assertThrows(InputException.class, () -> parse("## One\nA red <!-- ball.\n\nB\n"));

        assertEquals("lessons/colours.md:2: HTML comment <!-- is never closed; close it with -->", e.getMessage());
    }
}
