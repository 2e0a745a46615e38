"""The package's page, view.html: what it shows is what the package holds, in a real browser.

The browser tests drive Debian's Chromium headless through Playwright (no browser is
downloaded); they are skipped, saying why, only where no chromium binary is installed, and
fail instead where DATAPKG_REQUIRE_BROWSER=1 (as .ci/run sets it).
Screenshots and the measured load times are kept in tests/artifacts/.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Page, expect, sync_playwright
from typer.testing import CliRunner

from datapkg import load_all, pipeline, view
from datapkg.cli import app
from datapkg.errors import InvalidPackageError
from datapkg.layout import DESCRIPTOR, normalise_span_text
from datapkg.pipeline import BuildResult
from datapkg.sources import sha256_hex
from tests.conftest import ROOT, MakeCorpus, OpenWatch

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# The machine may have no network: without these, Chromium keeps trying to reach its services.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOAD_SECONDS = 2.0  # the seed package's page loads in less

runner = CliRunner()

# A small odd corpus: astral characters (mathematical letters, emoji with a skin tone),
# combining marks, a quotation nested in another, one over two paragraphs, and text,
# a speaker and a title that look like markup.
ODD_TEXTS = {
    "odd.txt": (
        "The 𝔘𝔫𝔦𝔬𝔫 of café owners 🎉\n\n"
        "Zoë Ångström said: “The 𝔣𝔯𝔞𝔨𝔱𝔲𝔯 sign reads ‘𝒞𝓁𝑜𝓈𝑒𝒹 🚫 for good’ and we mean it,” "
        "on Monday.\n\n"
        "“We waited for years,” said Noël Coward̃, the mayor. “Nobody came. 👍🏽\n\n"
        "“Then everyone came at once, and the café was full.”\n\n"
        "The band played “Ça Plane Pour Moi” twice, and the so-called “expert̂s” left.\n"
    ),
    "tags.txt": (
        '<script>alert("x")</script> "><img src=x onerror=alert(1)> said Bob & Co. '
        "“<b>not bold</b> & not code,” said Eve <i>Smith</i>.\n\n"
        "Dr <b>Evil</b> said: “</mark></div><script>alert(2)</script>”\n"
    ),
}
ODD_TITLES = {
    "odd": "The 𝔘𝔫𝔦𝔬𝔫 of cafés 🎉",
    "tags": "<img src=x onerror=alert(3)> & “</title><script>alert(4)</script>”",
}


# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_page(seed_build: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed package's page, written beside it (the shared package stays untouched)."""
    return view.write_view(
        seed_build.package_dir, tmp_path_factory.mktemp("view") / "view.html"
    ).path


@pytest.fixture
def odd_package(make_corpus: MakeCorpus, tmp_path: Path) -> Path:
    root = make_corpus(ODD_TEXTS)
    catalog = {
        "name": "odd-corpus",
        "title": "Odd <corpus> & “friends”",
        "version": "1.0.0",
        "documents": [
            {
                "id": Path(rel).stem,
                "path": rel,
                "sha256": sha256_hex((root / rel).read_bytes()),
                "title": ODD_TITLES[Path(rel).stem],
            }
            for rel in sorted(ODD_TEXTS)
        ],
    }
    (root / "catalog.yaml").write_text(yaml.safe_dump(catalog, allow_unicode=True))
    return pipeline.build(root, tmp_path / "dist").package_dir


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless; each launch gets a fresh temporary profile."""
    if CHROMIUM is None:
        reason = (
            "no chromium binary: install Debian's chromium (`apt-get install chromium`); "
            ".ci/run does"
        )
        if os.environ.get("DATAPKG_REQUIRE_BROWSER") == "1":  # CI: a skip would hide it
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True
        )
        yield launched
        launched.close()


@dataclass
class Opened:
    """A page in the browser, and what happened while it was open."""

    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def violations(self) -> list[str]:
        return list(self.page.evaluate("window.__violations || []"))


def _open(browser: Browser, path: Path, *, width: int = 1280, javascript: bool = True) -> Opened:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=javascript
    )
    # Recorded by the browser, not the page: a blocked inline style or script shows here.
    context.add_init_script(
        "window.__violations = []; document.addEventListener('securitypolicyviolation', "
        "e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page = context.new_page()
    opened = Opened(page)
    page.on("request", lambda request: opened.requests.append(request.url))
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.on(
        "console",
        lambda message: opened.errors.append(message.text) if message.type == "error" else None,
    )

    def dismiss(dialog: Any) -> None:
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    started = time.perf_counter()
    page.goto(path.as_uri(), wait_until="load")
    opened.seconds = time.perf_counter() - started
    return opened


def _screenshot(page: Page, name: str, *, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / name
    page.screenshot(path=str(target), full_page=full_page)
    assert target.stat().st_size > 0
    return target


# --- what the page shows is what the package holds --------------------------------------

_DOM_SPANS = """() => {
  const enclosing = (element) => {
    const mark = element.parentElement.closest("mark.q");
    return mark === null ? null : mark.dataset.q;
  };
  const doc = (element) => element.closest("article.doc").dataset.doc;
  return {
    marks: Array.from(document.querySelectorAll("mark.q"), (m) => ({
      id: m.id, q: m.dataset.q, doc: doc(m), text: m.textContent, kind: m.dataset.kind,
      start: Number(m.dataset.s), end: Number(m.dataset.e), group: m.dataset.group,
      speaker: m.getAttribute("data-speaker"), parent: enclosing(m),
      paragraph: m.closest(".para").id,
      next: m.nextElementSibling !== null && m.nextElementSibling.matches("a.cont")
        ? m.nextElementSibling.getAttribute("href") : null,
    })),
    paragraphs: Array.from(document.querySelectorAll(".para"), (p) => ({
      id: p.id, doc: doc(p), kind: p.dataset.kind, text: p.querySelector(".pt").textContent,
      label: p.querySelector(".pk") === null ? null : p.querySelector(".pk").textContent,
    })),
    names: Array.from(document.querySelectorAll("article.doc .spk, article.doc .cue"), (n) => ({
      role: n.classList.contains("spk") ? "speaker" : "cue", doc: doc(n), text: n.textContent,
      start: Number(n.dataset.s), end: Number(n.dataset.e), for: n.dataset.for.split(" "),
    })),
  };
}"""


def _assert_page_shows_the_package(page: Page, package_dir: Path) -> dict[str, Any]:
    """Every quotation, paragraph, speaker and cue on the page against the package's
    records: the element's text is the document's text at the record's offsets (code
    points), and, normalised as the schema says, the record's own text."""
    tables = load_all(package_dir)
    texts = {d["document_id"]: d["text"] for d in tables["documents"].to_pylist()}
    quotations = {q["quotation_id"]: q for q in tables["quotations"].to_pylist()}
    paragraphs = {p["paragraph_id"]: p for p in tables["paragraphs"].to_pylist()}
    dom = page.evaluate(_DOM_SPANS)

    assert sorted(m["q"] for m in dom["marks"]) == sorted(quotations), "one mark per quotation"
    for mark in dom["marks"]:
        record = quotations[mark["q"]]
        text = texts[record["document_id"]]
        assert mark["id"] == f"q-{record['quotation_id']}"
        assert mark["doc"] == record["document_id"]
        assert (mark["start"], mark["end"]) == (record["char_start"], record["char_end"])
        assert mark["text"] == text[record["char_start"] : record["char_end"]]
        assert normalise_span_text(mark["text"]) == record["text"]
        assert (mark["kind"], mark["speaker"]) == (record["kind"], record["speaker"])
        assert mark["group"] == record["group_id"]
        assert mark["parent"] == record["parent_quotation_id"]
        assert mark["paragraph"] == f"p-{record['paragraph_id']}"
    pieces: dict[str, list[dict[str, Any]]] = {}
    for record in sorted(quotations.values(), key=lambda q: q["piece"]):
        pieces.setdefault(record["group_id"], []).append(record)
    links = {m["q"]: m["next"] for m in dom["marks"]}
    for group in pieces.values():
        for record, following in zip(group, [*group[1:], None], strict=True):
            expected = None if following is None else f"#q-{following['quotation_id']}"
            assert links[record["quotation_id"]] == expected

    assert sorted(p["id"] for p in dom["paragraphs"]) == sorted(f"p-{p}" for p in paragraphs)
    for shown in dom["paragraphs"]:
        record = paragraphs[shown["id"].removeprefix("p-")]
        text = texts[record["document_id"]]
        assert shown["text"] == text[record["char_start"] : record["char_end"]]
        assert normalise_span_text(shown["text"]) == record["text"]
        assert shown["kind"] == record["kind"]
        assert shown["label"] == (None if record["kind"] == "paragraph" else record["kind"])

    # A name may be cut where it crosses a quotation's end: its fragments together are it.
    names: dict[tuple[str, str, int, int], list[dict[str, Any]]] = {}
    for name in dom["names"]:
        names.setdefault((name["role"], name["doc"], name["start"], name["end"]), []).append(name)
    expected_names: dict[tuple[str, str, int, int], set[str]] = {}
    for record in quotations.values():
        for role in ("speaker", "cue"):
            if record[f"{role}_char_start"] is not None:
                where = (role, record["document_id"])
                key = (*where, record[f"{role}_char_start"], record[f"{role}_char_end"])
                expected_names.setdefault(key, set()).add(record["quotation_id"])
    assert set(names) == set(expected_names)
    for (_, doc, start, end), fragments in names.items():
        assert "".join(f["text"] for f in fragments) == texts[doc][start:end]
        assert set(fragments[0]["for"]) == expected_names[(fragments[0]["role"], doc, start, end)]
    return {"quotations": quotations, "texts": texts}


def _visible_marks(page: Page) -> list[dict[str, Any]]:
    """The quotations highlighted and visible now."""
    return list(
        page.evaluate(
            """() => Array.from(document.querySelectorAll("mark.q:not(.off)"))
              .filter((m) => m.getClientRects().length > 0)
              .map((m) => ({q: m.dataset.q, kind: m.dataset.kind, doc: m.dataset.doc,
                            speaker: m.getAttribute("data-speaker")}))"""
        )
    )


def _visible_documents(page: Page) -> list[str]:
    return list(
        page.evaluate(
            """() => Array.from(document.querySelectorAll("article.doc"))
              .filter((a) => a.getClientRects().length > 0).map((a) => a.dataset.doc)"""
        )
    )


# --- in a real browser -------------------------------------------------------------------


def test_the_seed_page_shows_every_record_at_its_offsets_and_loads_fast(
    browser: Browser, seed_page: Path, seed_build: BuildResult
) -> None:
    opened = _open(browser, seed_page)
    page = opened.page
    timing = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "view-seed-load.txt").write_text(
        f"goto to load: {opened.seconds:.3f} s; loadEventEnd: {timing / 1000:.3f} s; "
        f"page: {seed_page.stat().st_size:,} bytes\n",
        encoding="utf-8",
    )
    assert opened.seconds < LOAD_SECONDS and timing < LOAD_SECONDS * 1000
    assert opened.requests == [seed_page.as_uri()], "the page loads nothing but itself"
    assert opened.errors == [] and opened.violations() == [] and opened.dialogs == []
    _assert_page_shows_the_package(page, seed_build.package_dir)
    _screenshot(page, "view-seed.png")
    page.close()


def test_the_odd_corpus_lines_up_nests_links_pieces_and_injects_nothing(
    browser: Browser, odd_package: Path, tmp_path: Path
) -> None:
    path = view.write_view(odd_package, tmp_path / "odd.html").path
    opened = _open(browser, path)
    page = opened.page
    checked = _assert_page_shows_the_package(page, odd_package)
    quotations = checked["quotations"]
    # The odd corpus holds what it is meant to: or this test proves less than it says.
    assert any(q["parent_quotation_id"] for q in quotations.values()), "a nested quotation"
    assert any(q["piece"] > 0 for q in quotations.values()), "a quotation over two paragraphs"
    astral = [q for q in quotations.values() if any(ord(c) > 0xFFFF for c in q["text"])]
    combining = [q for q in quotations.values() if re.search("[\u0300-\u036f]", q["text"])]
    assert astral and combining
    for record in astral + combining:
        shown = page.locator(f"mark[data-q='{record['quotation_id']}']").first
        assert normalise_span_text(shown.text_content() or "") == record["text"]
    # Text, titles and speakers that look like markup are shown as text.
    assert opened.dialogs == [] and opened.errors == [] and opened.violations() == []
    assert page.locator("main img, main b, main i, main script, main title").count() == 0
    assert page.locator("script").count() == 1
    assert page.locator("#d-tags h3").text_content() == ODD_TITLES["tags"]
    assert page.locator("h1").text_content() == "Odd <corpus> & “friends”"
    assert '<script>alert("x")</script>' in (page.locator("#d-tags .text").text_content() or "")
    assert opened.requests == [path.as_uri()]
    _screenshot(page, "view-odd.png", full_page=True)
    page.close()


def test_filters_change_what_is_shown(
    browser: Browser, seed_page: Path, seed_build: BuildResult
) -> None:
    page = _open(browser, seed_page).page
    records = load_all(seed_build.package_dir)["quotations"].to_pylist()
    everything = _visible_marks(page)
    assert len(everything) == len(records)
    groups = {q["group_id"] for q in records}
    assert (
        page.locator("#f-status").text_content() == f"{len(groups)} quotations in 5 documents shown"
    )

    # By speaker: only their quotations stay highlighted, only their documents shown.
    by_speaker: dict[str, set[str]] = {}
    for q in records:
        if q["speaker"] is not None:
            by_speaker.setdefault(q["speaker"], set()).add(q["group_id"])
    speaker = min(by_speaker, key=lambda s: (-len(by_speaker[s]), s))
    page.select_option("#f-speaker", value=speaker)
    shown = _visible_marks(page)
    assert {m["speaker"] for m in shown} == {speaker}
    assert len(shown) == sum(1 for q in records if q["speaker"] == speaker)
    assert set(_visible_documents(page)) == {
        q["document_id"] for q in records if q["speaker"] == speaker
    }
    n = len(by_speaker[speaker])
    assert page.locator("#f-status").text_content().startswith(f"{n} quotation")  # type: ignore[union-attr]
    off = page.locator("mark.q.off").first
    assert off.evaluate("m => getComputedStyle(m).backgroundColor") == "rgba(0, 0, 0, 0)"
    # ... and only the paragraphs that hold them, when asked.
    page.check("#f-only")
    visible_paragraphs = page.evaluate(
        """() => Array.from(document.querySelectorAll(".para"))
          .filter((p) => p.getClientRects().length > 0)
          .map((p) => p.querySelector("mark.q:not(.off)") !== null)"""
    )
    assert visible_paragraphs and all(visible_paragraphs)
    _screenshot(page, "view-seed-filtered.png")

    # By kind.
    page.click("button[type=reset]")
    expect(page.locator("mark.q.off")).to_have_count(0)
    page.uncheck("input[name=kind][value=scare]")
    shown = _visible_marks(page)
    assert len(shown) == sum(1 for q in records if q["kind"] != "scare")
    assert "scare" not in {m["kind"] for m in shown}

    # By document, and by searching the list.
    page.click("button[type=reset]")
    chosen = records[0]["document_id"]
    page.select_option("#f-doc", value=chosen)
    assert _visible_documents(page) == [chosen]
    assert {m["doc"] for m in _visible_marks(page)} == {chosen}
    page.click("button[type=reset]")
    page.fill("#f-search", "bloody nose")
    assert _visible_documents(page) == ["001_39ae44cc0e79be58"]
    assert page.locator("#doclist tbody tr:visible").count() == 1
    page.fill("#f-search", "")
    assert len(_visible_documents(page)) == 5

    # The speaker table's link filters to the speaker and goes to their first quotation.
    page.click(f"#speaker-table a[data-speaker='{speaker}']")
    assert page.input_value("#f-speaker") == speaker
    assert {m["speaker"] for m in _visible_marks(page)} == {speaker}
    first = min((q for q in records if q["speaker"] == speaker), key=lambda q: q["quotation_id"])
    assert page.evaluate("location.hash") == f"#q-{first['quotation_id']}"
    page.close()


def test_the_text_and_its_marks_need_no_javascript(
    browser: Browser, seed_page: Path, seed_build: BuildResult
) -> None:
    page = _open(browser, seed_page, javascript=False).page
    assert page.locator("mark.q").count() == seed_build.counts["quotations"]
    assert page.locator("#filters").is_hidden() and page.locator("#f-search").is_hidden()
    assert page.locator("noscript").count() == 1
    direct = page.locator("mark.q-direct").first
    assert direct.is_visible()
    assert direct.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.close()


def test_a_narrow_window_scrolls_only_down(browser: Browser, seed_page: Path) -> None:
    page = _open(browser, seed_page, width=360).page
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("#p-001_39ae44cc0e79be58-p0016").scroll_into_view_if_needed()
    _screenshot(page, "view-seed-narrow.png")
    page.close()


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(foreground: str, background: str) -> float:
    parse = lambda css: tuple(float(x) for x in re.findall(r"[\d.]+", css))  # noqa: E731
    lighter, darker = sorted((_luminance(parse(foreground)), _luminance(parse(background))))[::-1]
    return (lighter + 0.05) / (darker + 0.05)


def test_colours_have_enough_contrast_and_are_not_the_only_signal(
    browser: Browser, seed_page: Path
) -> None:
    page = _open(browser, seed_page).page
    styles = page.evaluate(
        """() => {
          const style = (selector) => {
            const element = document.querySelector(selector);
            const s = getComputedStyle(element);
            let background = s.backgroundColor, up = element;
            while (background === "rgba(0, 0, 0, 0)" && up.parentElement !== null) {
              up = up.parentElement; background = getComputedStyle(up).backgroundColor;
            }
            return {color: s.color, background, border: s.borderBottomStyle,
                    italic: s.fontStyle, weight: s.fontWeight, decoration: s.textDecorationStyle};
          };
          return Object.fromEntries(["mark.q-direct", "mark.q-scare", "mark.q-title", ".pk",
            ".spk", ".cue", ".meta", "#doclist a", "mark.q mark.q"].map((s) => [s, style(s)]));
        }"""
    )
    for selector, style in styles.items():
        assert _contrast(style["color"], style["background"]) >= 4.5, selector
    kinds = [styles[f"mark.q-{k}"] for k in ("direct", "scare", "title")]
    assert len({k["border"] for k in kinds}) == 3, "each kind has its own underline"
    assert styles[".spk"]["weight"] == "700" and styles[".cue"]["decoration"] == "wavy"
    nested = page.evaluate("getComputedStyle(document.querySelector('mark.q mark.q')).boxShadow")
    assert nested != "none", "a nested quotation is framed"
    page.close()


# --- the file ---------------------------------------------------------------------------


class _Elements(HTMLParser):
    """Start tags and their attributes, and the text of <style> and <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline: dict[str, str] = {}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in ("style", "script") else None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self.inline[self._in] = self.inline.get(self._in, "") + data


def _elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def test_the_page_is_the_same_bytes_every_time_and_written_whole(
    seed_package: Path, tmp_path: Path
) -> None:
    first = view.write_view(seed_package)
    assert first.path == seed_package / "view.html"
    again = view.write_view(seed_package, tmp_path / "again.html")
    assert first.path.read_bytes() == again.path.read_bytes()
    assert (first.documents, first.shown, first.bytes) == (5, 5, first.path.stat().st_size)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again.html", seed_package.name]
    assert not [p for p in seed_package.iterdir() if p.name.startswith(".")]


def test_the_page_is_self_contained_and_allows_only_its_own_style_and_script(
    seed_page: Path,
) -> None:
    parsed = _elements(seed_page.read_text(encoding="utf-8"))
    tags = [tag for tag, _ in parsed.tags]
    ids = [attrs["id"] for _, attrs in parsed.tags if "id" in attrs]
    assert len(ids) == len(set(ids)), "every id once: links and labels find one element"
    assert tags.count("script") == 1 and tags.count("style") == 1 and "link" not in tags
    assert not [a for _, attrs in parsed.tags for a in attrs if a == "src"]
    hrefs = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    assert hrefs and all(h is not None and h.startswith("#") for h in hrefs)
    assert {unquote(h[1:]) for h in hrefs if h} <= set(ids), "every link finds its target"
    policy = next(
        attrs["content"]
        for tag, attrs in parsed.tags
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    )

    def source(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert policy == (
        f"default-src 'none'; style-src {source(parsed.inline['style'])}; "
        f"script-src {source(parsed.inline['script'])}; base-uri 'none'; form-action 'none'"
    )


def test_markup_in_the_package_is_shown_as_text(odd_package: Path) -> None:
    html = view.write_view(odd_package).path.read_text(encoding="utf-8")
    parsed = _elements(html)
    body_tags = {tag for tag, _ in parsed.tags}
    assert body_tags <= {
        "html", "head", "meta", "title", "style", "body", "a", "header", "h1", "h2", "h3",
        "p", "code", "nav", "ul", "li", "noscript", "main", "section", "label", "input",
        "div", "table", "thead", "tbody", "tr", "th", "td", "br", "mark", "span", "form",
        "select", "option", "fieldset", "legend", "button", "article", "blockquote", "em",
        "figure", "figcaption", "svg", "rect", "footer", "script",
    }  # fmt: skip
    assert "&lt;script&gt;alert(&#34;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;/mark&gt;&lt;/div&gt;&lt;script&gt;alert(2)" in html


_TEXT = st.text(
    alphabet=st.sampled_from([*"ab <>&\"'\n\r", "𝔘", "🎉", "é", "\u0303", "\u0301"]),
    min_size=1,
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(text=_TEXT, data=st.data())
def test_spans_nest_and_keep_the_text_whatever_they_overlap(text: str, data: Any) -> None:
    """However spans overlap, the elements nest, the text is the text, each span's
    fragments give back its slice, and a quotation is never cut by a name."""
    n = len(text)
    bounds = st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted)
    drawn = data.draw(st.lists(st.tuples(bounds, st.sampled_from([1, 2])), max_size=8))
    spans = [
        view._Span(start, end, rank, "mark" if rank == 1 else "span", (("data-k", str(k)),))
        for k, ((start, end), rank) in enumerate(drawn)
    ]
    html = view._nest(text, spans)

    class Tree(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.text = ""
            self.open: list[str] = []
            self.pieces: dict[str, list[str]] = {}

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            key = dict(attrs)["data-k"]
            assert key is not None
            self.open.append(key)
            self.pieces.setdefault(key, []).append("")

        def handle_endtag(self, tag: str) -> None:
            self.open.pop()

        def handle_data(self, data: str) -> None:
            self.text += data
            for key in self.open:
                self.pieces[key][-1] += data

    tree = Tree()
    tree.feed(html)
    tree.close()
    assert tree.text == text and tree.open == []
    for k, span in enumerate(spans):
        if span.end > span.start:
            assert "".join(tree.pieces[str(k)]) == text[span.start : span.end]
    quotations = [(k, s) for k, s in enumerate(spans) if s.rank == 1 and s.end > s.start]
    laminar = all(
        a.end <= b.start or b.end <= a.start or a.start <= b.start <= b.end <= a.end
        or b.start <= a.start <= a.end <= b.end
        for (_, a), (_, b) in itertools.combinations(quotations, 2)
    )  # fmt: skip
    if laminar:  # quotations that nest among themselves are never cut
        assert all(len(tree.pieces[str(k)]) == 1 for k, _ in quotations)


def test_a_large_package_gets_a_sample_that_says_so(
    seed_build: BuildResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(view, "MAX_CHARACTERS", 40_000)
    page = view.write_view(seed_build.package_dir, tmp_path / "sample.html")
    # 5,468 + 32,937 characters fit; each document after them would pass 40,000.
    assert (page.documents, page.shown) == (5, 2)
    html = page.path.read_text(encoding="utf-8")
    assert (
        "This page shows 2 of the package&#39;s 5 documents: the first that fit in a page of "
        "1,000 documents and 40,000 characters of text. The figures count every document; "
        "the package&#39;s data files hold them all." in html
    )
    assert html.count('<article class="doc"') == 2
    assert "over all 5 documents of the package" in html

    asked = view.write_view(seed_build.package_dir, tmp_path / "one.html", sample=1)
    assert (asked.documents, asked.shown) == (5, 1)
    assert "the first 1 that fit in a page of 40,000 characters, as asked" in asked.path.read_text(
        encoding="utf-8"
    )


def test_a_package_whose_files_differ_from_its_descriptor_is_refused(
    seed_package: Path,
) -> None:
    data = seed_package / "data" / "quotations.parquet"
    size = data.stat().st_size
    page = seed_package / "view.html"
    before = page.read_bytes() if page.exists() else None
    with data.open("ab") as f:
        f.write(b"\0")
    with pytest.raises(InvalidPackageError) as caught:
        view.write_view(seed_package)
    assert str(caught.value) == (
        f"{data}: is {size + 1:,} bytes; the descriptor says {size:,}; what the page would "
        f"show is not what the descriptor describes: run `datapkg validate {seed_package}`"
    )
    # Nothing written: the page the package had (if any) is as it was.
    assert (page.read_bytes() if page.exists() else None) == before


def test_nothing_outside_the_package_is_opened(
    seed_package: Path, tmp_path: Path, open_watch: OpenWatch
) -> None:
    outside = tmp_path / "outside.parquet"
    inside = seed_package / "data" / "documents.parquet"
    shutil.copyfile(inside, outside)
    inside.unlink()
    inside.symlink_to(outside)
    open_watch.watch(outside)
    with pytest.raises(InvalidPackageError, match="symbolic link"):
        view.write_view(seed_package)
    assert open_watch.opened() == set()


def test_rows_out_of_the_order_of_the_documents_are_refused(seed_package: Path) -> None:
    data = seed_package / "data" / "paragraphs.parquet"
    table = pq.read_table(data)
    pq.write_table(table.take(pa.array(range(table.num_rows - 1, -1, -1))), data)
    descriptor = json.loads((seed_package / DESCRIPTOR).read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["path"] == "data/paragraphs.parquet":
            resource["hash"] = f"sha256:{sha256_hex(data.read_bytes())}"
            resource["datapkg:bytes"] = data.stat().st_size
    (seed_package / DESCRIPTOR).write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(InvalidPackageError) as caught:
        view.write_view(seed_package)
    assert str(caught.value) == (
        f"{data}: 0 rows of document '000_268219bfca060496' where the documents resource "
        "counts 38; rows must come grouped by document, in the order of the documents, as "
        "`datapkg build` writes them: rebuild the package"
    )


# --- the command --------------------------------------------------------------------------


def test_cli_view_json_is_the_library_result(seed_build: BuildResult, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = runner.invoke(
        app, ["view", str(seed_build.package_dir), "--out", str(out), "--sample", "3", "--json"]
    )
    assert result.exit_code == 0, result.output
    page = view.write_view(seed_build.package_dir, tmp_path / "library.html", sample=3)
    assert json.loads(result.stdout) == {
        "path": str(out),
        "documents": page.documents,
        "shown": page.shown,
        "bytes": page.bytes,
    }
    assert out.read_bytes() == page.path.read_bytes()


def test_cli_view_says_where_the_page_is(seed_package: Path) -> None:
    result = runner.invoke(app, ["view", str(seed_package)])
    assert result.exit_code == 0
    size = (seed_package / "view.html").stat().st_size
    assert result.stdout == (
        f"{seed_package / 'view.html'}: 5 of 5 documents, {size:,} bytes; open it in a browser\n"
    )


def test_cli_view_of_a_missing_package_exits_1(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    result = runner.invoke(app, ["view", str(missing)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {missing}: no such folder; pass a folder built by `datapkg build` "
        "(dist/<name>-<version>)\n"
    )
    assert not os.path.exists(missing)
