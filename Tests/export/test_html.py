"""`letterctl export --format html` as a person would print it: one self-contained file that a
real browser (headless Chromium) prints with exactly one letter per page, each page showing the
letter's "about" line, perspective, date and latest text — in any script, with emoji, with
right-to-left text and with combining marks, and a long letter still on one page at a normal
font size.

One export is made for the module (the `exported` fixture: a private letterd, three letters
written over Varlink, one of them revised, then the real letterctl); the tests check it from
several sides. Kept in .build/export-figures/ to look at: letters.html, the printed letters.pdf,
each printed page as letters-page-N.png (50 dpi), and letters.png, a 1000×1400 screenshot of the
page on screen.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import (WINDOW, ExportPage, collapse, figure, on_page, letterctl, pdf_info, pdf_page_images, pdf_page_text,
                      pdf_word_heights, png_pixels, revise_letter, running_daemon, write_letter)

LONG_LETTER = """\
Dear you,

I know the project went in late, and I know the voice that has been telling you ever since \
that this proves something about you. I want to sit with you for a minute, the way we used to \
sit by the copper kettle at your aunt's house, and say it plainly: it makes sense that this \
hurts, because you care about doing good work, and because people were counting on you. Caring \
that much is not a flaw. It is one of the things I love most about you.

You were carrying more than anyone could see. Your father was in hospital for two of those \
weeks, you were sleeping badly, and you still showed up every morning. Most people in your \
place would have struggled too; you are not the only one who has watched a deadline slide past \
while life pulled them somewhere else. Much of what made those weeks so hard was never yours to \
choose. None of that means the lateness did not matter. It means it happened to a tired, \
stretched, decent person, which is exactly who you were.

So here is what I hope for you, not as an order but as an invitation. When the critic starts \
its speech tonight, notice it, and then remember this letter. Maybe tomorrow you could write to \
your team, say what happened in two honest lines, and ask what would help now. Maybe you could \
go for the walk you keep postponing. Small steps count. I am proud of how hard you tried, and I \
will still be here next week, next month, at the end of the quiet orchard path, whenever you \
need to read this again.

With warmth, always."""


@dataclass
class Letter:
    id: int
    about: str
    perspective: str
    text: str
    phrases: list[str]          # distinctive phrases of the latest text, looked for on its page
    gone: list[str]             # phrases only an earlier version had


@dataclass
class Exported:
    html_text: str
    page: ExportPage
    pdf: Path
    png: Path
    letters: list[Letter]       # in the order the HTML shows them
    timings: list[tuple[str, float]]


def the_letters(daemon) -> list[Letter]:
    """Three letters: emoji and combining marks; Hebrew and Arabic (revised once); a long one."""
    first = write_letter(
        daemon,
        about="snapping at Zoe\u0308 on Sunday 🙈",
        feeling="ashamed",
        perspective="a wise, kind friend 🌿",
        warmth=6,
        tags=["family"],
        text=("Dear you,\n\nOf course it still stings 💛. You were exhausted, the cafe\u0301 was loud, and "
              "anyone would have snapped. The lighthouse postcard you sent her afterwards said more than you "
              "think 👩\u200d👧.\n\nYou wrote <b>never again</b> & meant it; that is the critic's voice, not mine."),
    )
    second = write_letter(
        daemon,
        about="כשקפאתי בפגישה — عندما تجمدت في الاجتماع",
        perspective="סבתא שלי (my grandmother)",
        text="First draft: the marmalade sky.",
    )
    second = revise_letter(
        daemon, id=second["id"], warmth=8,
        text=("אני כאן בשבילך, ואת לא לבד.\n\nأنا هنا من أجلك، ولست وحدك.\n\n"
              "The violet harbour is still there whenever you need it."),
    )
    third = write_letter(daemon, about="the project I handed in late", perspective="my compassionate self",
                         warmth=7, text=LONG_LETTER)
    words = len(LONG_LETTER.split())
    assert 250 <= words <= 350, f"the long letter should be about 300 words, not {words}"
    return [
        Letter(first["id"], first["about"], first["perspective"], first["text"],
               ["lighthouse postcard", "cafe\u0301 was loud", "<b>never again</b> & meant it"], []),
        Letter(second["id"], second["about"], second["perspective"], second["text"],
               ["ואת לא לבד", "ولست وحدك", "violet harbour"], ["marmalade sky"]),
        Letter(third["id"], third["about"], third["perspective"], third["text"],
               ["copper kettle", "decent person", "quiet orchard path", "With warmth, always."], []),
    ]


@pytest.fixture(scope="module")
def exported(letterd_binary, browser) -> Exported:
    scratch = Path(tempfile.mkdtemp(prefix="letterd-export-html-"))
    try:
        with running_daemon(letterd_binary) as daemon:
            letters = the_letters(daemon)
            out = scratch / "letters.html"
            letterctl(daemon, "export", "--format", "html", "-o", str(out))
        html_text = out.read_text(encoding="utf-8")
        shutil.copy(out, figure("letters.html"))
        page = ExportPage(html_text)
        pdf, png = figure("letters.pdf"), figure("letters.png")
        for stale in (pdf, png):
            stale.unlink(missing_ok=True)
        browser.timings.clear()
        browser.print_to_pdf(out, pdf)
        browser.screenshot(out, png)
        pdf_page_images(pdf, figure("letters-page"))
        yield Exported(html_text, page, pdf, png, in_page_order(page, letters), list(browser.timings))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def in_page_order(page: ExportPage, letters: list[Letter]) -> list[Letter]:
    """The letters in the order the HTML's articles show them (each found by its about line)."""
    ordered = []
    for index, article in enumerate(page.articles, 1):
        holds = [letter for letter in letters if collapse(letter.about) in collapse(article["text"])]
        assert len(holds) == 1, f"article {index} should show exactly one letter's about line: {article['text'][:300]!r}"
        ordered.append(holds[0])
    return ordered


def test_the_html_is_one_self_contained_file(exported):
    page = exported.page
    assert not page.external, "the export refers to files outside itself: " + ", ".join(page.external)
    assert not page.css_external(), "the export's CSS reaches outside the file: " + ", ".join(page.css_external())
    assert page.scripts == 0, "the export has <script> elements; a letter to read and print needs none"
    assert any(css.strip() for css in page.styles), "the export has no inline <style>"
    assert re.search(r"<meta[^>]+charset=[\"']?utf-8", exported.html_text, re.I), "no <meta charset=utf-8>"


def test_every_letter_is_an_article_with_its_latest_text_escaped(exported):
    page = exported.page
    assert len(page.articles) == 3, f"expected 3 <article class=\"letter\">, found {len(page.articles)}"
    assert sorted(letter.id for letter in exported.letters) == sorted({letter.id for letter in exported.letters})
    for article, letter in zip(page.articles, exported.letters):
        shown = collapse(article["text"])
        assert collapse(letter.about) in shown
        assert collapse(letter.perspective) in shown, f"letter {letter.id}'s perspective is not shown: {shown[:300]!r}"
        for paragraph in letter.text.split("\n\n"):
            assert collapse(paragraph) in shown, f"letter {letter.id}: {paragraph!r} is not in its article"
        for old in letter.gone:
            assert old not in shown, f"letter {letter.id} shows {old!r}, from an earlier version"
        if "<b>" in letter.text:
            assert "b" not in article["tags"], f"letter {letter.id}'s \"<b>\" became markup instead of text"


def test_the_browser_prints_exactly_one_letter_per_page(exported):
    info = pdf_info(exported.pdf)
    pages = int(info["Pages"])
    texts = [pdf_page_text(exported.pdf, number) for number in range(1, pages + 1)]
    summary = "\n".join(f"--- page {n} ---\n{text[:400]}" for n, text in enumerate(texts, 1))
    assert pages == len(exported.letters), (
        f"pdfinfo says {pages} pages for {len(exported.letters)} letters (page size {info.get('Page size')}):\n{summary}")
    for number, (text, letter) in enumerate(zip(texts, exported.letters), 1):
        assert on_page(letter.about, text), f"page {number} lacks letter {letter.id}'s about line:\n{text}"
        assert on_page(letter.perspective, text), f"page {number} lacks the perspective:\n{text}"
        for phrase in letter.phrases:
            assert on_page(phrase, text), f"page {number} lacks {phrase!r} from letter {letter.id}:\n{text}"
        for old in letter.gone:
            assert not on_page(old, text), f"page {number} shows {old!r}, from an earlier version"
        for other in exported.letters:
            if other is not letter:
                assert not on_page(other.phrases[-1], text), f"page {number} also holds letter {other.id}"


def test_each_page_shows_the_letter_s_date(exported):
    # The daemon's clock is pinned to 2026-03-14 (UTC): any usual way of writing that day.
    day = re.compile(r"2026-03-14|14 March 2026|March 14,? 2026|14 Mar 2026|Mar 14,? 2026|14/03/2026|03/14/2026|"
                     r"14\.03\.2026|Saturday,? 14 March")
    for number in range(1, int(pdf_info(exported.pdf)["Pages"]) + 1):
        text = pdf_page_text(exported.pdf, number)
        assert day.search(text), f"page {number} shows no date of 14 March 2026:\n{text[:600]}"


def test_the_long_letter_fits_its_page_at_a_normal_font_size(exported):
    pages = int(pdf_info(exported.pdf)["Pages"])
    number = next((n for n in range(1, pages + 1) if on_page("copper kettle", pdf_page_text(exported.pdf, n))), None)
    assert number, "no page holds the long letter"
    text = pdf_page_text(exported.pdf, number)
    assert on_page("With warmth, always.", text), f"the long letter's end is not on its first page:\n{text}"
    heights = sorted(pdf_word_heights(exported.pdf, number))
    assert heights, f"no words on page {number}"
    median = heights[len(heights) // 2]
    # Word boxes are ~1.16 × the font size; below 10 pt a printed letter is no longer at a normal size.
    assert median / 1.16 >= 10.0, f"the long letter's text is printed at about {median / 1.16:.1f} pt"


def test_the_screenshot_shows_the_page(exported):
    size = exported.png.stat().st_size
    assert size > 20_000, f"the screenshot is only {size} bytes"
    width, height, rows = png_pixels(exported.png)
    assert (width, height) == WINDOW, f"screenshot is {width}×{height}, the window was {WINDOW}"
    channels = len(rows[0]) // width
    background = rows[2][:3] if channels >= 3 else rows[2][:1] * 3
    ink = coloured = 0
    for row in rows[::4]:
        for x in range(0, width, 4):
            pixel = row[x * channels:x * channels + 3] if channels >= 3 else row[x * channels:x * channels + 1] * 3
            if sum(abs(a - b) for a, b in zip(pixel, background)) > 60:
                ink += 1
            if max(pixel) - min(pixel) > 60:
                coloured += 1
    sampled = len(rows[::4]) * len(range(0, width, 4))
    share = ink / sampled
    assert 0.005 < share < 0.6, f"{share:.1%} of the screenshot differs from its background colour {tuple(background)}"
    print(f"screenshot: {width}×{height}, {size} bytes, {share:.1%} ink, {coloured / sampled:.2%} coloured; "
          f"Chromium: " + ", ".join(f"{what} {seconds:.2f} s" for what, seconds in exported.timings))
