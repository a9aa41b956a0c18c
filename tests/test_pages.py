"""The page generators (decision_tree.pages) and their superfences entry points, and site URLs.

Stdlib only (no MkDocs needed), so these also run where the site cannot be built.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decision_tree import load, urls
from decision_tree.messages import messages
from decision_tree.model import (
    AppliesTo,
    Caveat,
    Choice,
    Confidence,
    Content,
    Link,
    Material,
    Outcome,
    OutcomeWarning,
    Province,
    Question,
    QuestionKind,
    Source,
)
from decision_tree.pages import fences, regions, sources, walkthrough
from decision_tree.urls import page_url

M = messages("en")

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]
EVIL = "<script>alert(\"x\")</script> & 'quotes'"
VOID = {"br", "img", "input", "link", "meta", "hr", "wbr", "source", "col", "area", "base", "embed", "track", "param"}


def _caveat(text: str, *, conflict: bool = False, sources: tuple[str, ...] = ("A19",), caveat_id: str = "") -> Caveat:
    return Caveat(
        id=caveat_id,
        text=text,
        applies_to=AppliesTo.INDIVIDUAL,
        sources=sources,
        as_of="2019-09",
        confidence=Confidence.LOW if conflict else Confidence.MEDIUM,
        topic="phone",
        conflict=conflict,
    )


def small_content() -> Content:
    provinces = {
        "shaanxi": Province(
            id="shaanxi",
            name_zh="陕西",
            name_en="Shaanxi",
            abbreviations=("陕",),
            caveats=(
                _caveat(EVIL, caveat_id="evil"),
                _caveat("Sources disagree here.", conflict=True, sources=("A19", "HW")),
            ),
            note="Not 山西 & not Shanxi",
        ),
        "sichuan": Province(id="sichuan", name_zh="四川", name_en="Sichuan", abbreviations=("蜀", "川")),
    }
    questions = {
        "goal": Question(
            id="goal",
            text="What now?",
            text_zh="做什么？",
            help="Help with <em>markup</em>",
            choices=(
                Choice(id="file", label="File", label_zh="备案", next="subject", hint="A hint"),
                Choice(id="leave", label="Leave", next="nothing"),
            ),
        ),
        "subject": Question(
            id="subject",
            text="Who?",
            kind=QuestionKind.SUBJECT,
            choices=(
                Choice(id="individual", label="An individual", next="province"),
                Choice(id="enterprise", label="An enterprise", next="province"),
            ),
        ),
        "province": Question(
            id="province",
            text="Which province?",
            kind=QuestionKind.PROVINCE,
            choices=tuple(Choice(id=p.id, label=p.name_en, label_zh=p.name_zh, next="new_filing") for p in provinces.values()),
        ),
    }
    outcomes = {
        "new_filing": Outcome(
            id="new_filing",
            title="New filing",
            title_zh="首次备案",
            kind="procedure",
            why="Because <reasons>.",
            steps=("Register the domain", "Ask the provider"),
            materials=(
                Material(text="ID card", applies_to=AppliesTo.INDIVIDUAL, sources=("seed",)),
                Material(text="Business licence", applies_to=AppliesTo.ENTERPRISE, sources=("seed",)),
            ),
            warnings=(
                OutcomeWarning(
                    text="Keep the site offline", applies_to=AppliesTo.INDIVIDUAL, sources=("A19",), as_of="2019-09",
                    confidence=Confidence.LOW, conflict=True,
                ),
            ),
            links=("new-filing", "home"),
            caveat_topics=("phone",),
            sources=("seed",),
        ),
        "nothing": Outcome(
            id="nothing",
            title="Nothing to do",
            title_zh="无需备案",
            kind="none",
            why="Nothing.",
            steps=("Relax",),
            sources=("seed", "A19-pre"),
        ),
    }
    return Content(
        start="goal",
        version="2026-11-29",
        questions=questions,
        outcomes=outcomes,
        provinces=provinces,
        sources={
            "seed": Source(key="seed", title="The guide", url="", date="undated", name="The developer's guide"),
            "A19": Source(key="A19", title='Alibaba "2019"', url="https://example.com/a?x=1&y=2", date="2019-09",
                          name="Alibaba, 2019"),
            "A19-pre": Source(key="A19-pre", title="Pre-approval", url="https://example.com/p", date="2019-06-04",
                              name="Alibaba pre-approval, 2019"),
            "HW": Source(key="HW", title="Huawei", url="https://example.com/h", date="2025-12", note="derived",
                         name="Huawei, 2025"),
        },
        links={
            "new-filing": Link(key="new-filing", title="New filing", path="procedures/new-filing.md#steps"),
            "home": Link(key="home", title="Home", path="index.md"),
        },
        topics={"phone": "Phone numbers"},
        outcome_kinds={"procedure": "A procedure", "none": "Nothing to file"},
    )


class _Checker(HTMLParser):
    """Collects ids, hrefs and tags, and fails on unbalanced markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        # A <template>'s content is inert: its ids and links are not the page's (tests/test_prerender.py).
        if "template" not in self.stack:
            if "id" in a:
                self.ids.append(a["id"])
            if tag == "a":
                self.hrefs.append(a.get("href", ""))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check(html: str) -> _Checker:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert not checker.stack, f"unclosed: {checker.stack}"
    assert len(checker.ids) == len(set(checker.ids)), "duplicate ids"
    return checker


# --- anchors and URLs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "anchor"),
    [("seed", "src-seed"), ("A19", "src-a19"), ("A19-pre", "src-a19-pre"), ("HW-topic", "src-hw-topic")],
)
def test_source_anchor(key: str, anchor: str) -> None:
    assert urls.source_anchor(key) == anchor


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("index.md", ""),
        ("regions.md", "regions/"),
        ("procedures/new-filing.md#steps", "procedures/new-filing/#steps"),
        ("procedures/index.md", "procedures/"),
    ],
)
def test_page_url(path: str, url: str) -> None:
    assert page_url(path) == url


@pytest.mark.parametrize(
    ("target", "page", "href"),
    [
        ("sources/#src-a19", "regions/", "../sources/#src-a19"),
        ("regions/#province-shaanxi", "regions/", "#province-shaanxi"),
        ("regions/", "regions/", "./"),
        ("", "tree/", "../"),
        ("procedures/new-filing/#steps", "tree/", "../procedures/new-filing/#steps"),
        ("regions/#table", "procedures/new-filing/", "../../regions/#table"),
        ("sources/", "", "sources/"),
    ],
)
def test_relative_href(target: str, page: str, href: str) -> None:
    assert urls.relative_href(target, page) == href


_segment = st.text(alphabet="abcxyz-", min_size=1, max_size=4)
_dir_url = st.lists(_segment, max_size=3).map(lambda parts: "".join(p + "/" for p in parts))


@given(target=_dir_url, page=_dir_url, anchor=st.sampled_from(["", "a", "src-a19"]))
def test_relative_href_resolves_to_its_target(target: str, page: str, anchor: str) -> None:
    full = target + (f"#{anchor}" if anchor else "")
    href = urls.relative_href(full, page)
    resolved = urljoin(f"http://site/{page}", href)
    parts = urlsplit(resolved)
    assert parts.path == "/" + target
    assert parts.fragment == anchor


# --- rendering -------------------------------------------------------------------------------


def test_everything_from_the_content_is_escaped() -> None:
    content = small_content()
    for html in (
        regions.render_regions(content, "regions/", M),
        regions.render_province(content, "shaanxi", "regions/shaanxi/", M),
        regions.render_abbreviations(content, "regions/", M),
        regions.render_conflicts(content, "regions/", M),
        regions.render_quoted_caveats(content, ["shaanxi/evil"], "domains/", M),
        sources.render_sources(content, "sources/", M),
        sources.render_confidence_scale(content, "sources/", M),
        walkthrough.render_walkthrough(content, "walkthrough/", M),
    ):
        check(html)
        assert "<script" not in html
        assert "<em>" not in html and "<reasons>" not in html and "电话<b>" not in html
    page = regions.render_province(content, "shaanxi", "regions/shaanxi/", M)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quotes&#x27;" in page
    assert EVIL in "".join(check(page).text)  # and it reads as the original text
    listing = sources.render_sources(content, "sources/", M)
    assert 'href="https://example.com/a?x=1&amp;y=2"' in listing
    assert "Alibaba &quot;2019&quot;" in listing


def test_the_index_links_each_province_page_and_keeps_the_old_anchors() -> None:
    content = small_content()
    checker = check(regions.render_regions(content, "regions/", M))
    assert {"province-shaanxi", "province-sichuan"} <= set(checker.ids)  # links made before the split still land
    index = [a for tag, a in checker.tags if tag == "tr" and "icp-index-row" in a.get("class", "")]
    assert [r["data-index"] for r in index] == ["shaanxi", "sichuan"]
    assert checker.hrefs == ["shaanxi/", "sichuan/"]
    html = regions.render_regions(content, "regions/", M)
    # Each row counts its disagreements under the column's title; the red mark is for the rules themselves.
    assert re.findall(r'<td data-label="Sources disagree">(\d+)</td>', html) == ["1", "0"]
    assert "Sources disagree</strong>" not in html


def test_a_province_page_lists_its_rules_by_topic() -> None:
    content = small_content()
    checker = check(regions.render_province(content, "shaanxi", "regions/shaanxi/", M))
    rules = [a for tag, a in checker.tags if tag == "li" and "icp-caveat" in a.get("class", "").split()]
    assert [r["data-province"] for r in rules] == ["shaanxi", "shaanxi"]
    assert [r["data-sources"] for r in rules] == ["A19", "A19 HW"]
    assert [r["data-confidence"] for r in rules] == ["medium", "low"]
    assert [r["data-conflict"] for r in rules] == ["false", "true"]
    assert [r["data-topic"] for r in rules] == ["phone", "phone"]
    assert "topic-phone" in checker.ids and "caveat-shaanxi-evil" in checker.ids  # a caveat with an id can be linked to
    assert all(h.startswith(("#", "../../sources/#src-")) for h in checker.hrefs)
    assert "province-" not in " ".join(checker.ids)  # our ids are not shown to readers
    empty = regions.render_province(content, "sichuan", "regions/sichuan/", M)
    assert "None of our sources states a rule specific to this province" in empty
    with pytest.raises(ValueError, match="no province 'gotham'"):
        regions.render_province(content, "gotham", "regions/gotham/", M)


def test_abbreviations_note_two_prefixes() -> None:
    html = regions.render_abbreviations(small_content(), "filing-number/", M)
    checker = check(html)
    assert "2 prefixes are seen in real numbers; the recent ones use 蜀." in "".join(checker.text)
    assert "../regions/sichuan/" in checker.hrefs


def test_sources_have_stable_ids() -> None:
    checker = check(sources.render_sources(small_content(), "sources/", M))
    assert checker.ids == ["src-seed", "src-a19", "src-a19-pre", "src-hw"]
    assert "No public URL." in "".join(checker.text)


def test_walkthrough_links_stay_on_the_page_or_reach_docs() -> None:
    content = small_content()
    checker = check(walkthrough.render_walkthrough(content, "walkthrough/", M))
    ids = set(checker.ids)
    assert ids >= {"q-goal", "q-subject", "q-province", "o-new_filing", "o-nothing"}
    local = [h for h in checker.hrefs if h.startswith("#")]
    assert local and all(h[1:] in ids for h in local)
    assert "../procedures/new-filing/#steps" in checker.hrefs
    assert "../" in checker.hrefs  # index.md
    assert "../regions/shaanxi/" in checker.hrefs
    assert "../regions/#table" in checker.hrefs
    # The province list appears once, with one link on, not one per province.
    nexts = [a["data-next"] for tag, a in checker.tags if tag == "a" and "data-next" in a]
    assert nexts == ["subject", "nothing", "province", "province", "new_filing"]


def test_walkthrough_order_starts_at_start() -> None:
    content = small_content()
    assert walkthrough.walk_order(content) == ["goal", "subject", "nothing", "province", "new_filing"]
    html = walkthrough.render_walkthrough(content, "walkthrough/", M)
    positions = [html.index(f'id="{a}"') for a in ("q-goal", "q-subject", "q-province", "o-nothing", "o-new_filing")]
    assert positions == sorted(positions)


def test_walkthrough_outcome_details() -> None:
    html = walkthrough.render_walkthrough(small_content(), "walkthrough/", M)
    section = html[html.index('id="o-new_filing"') :]
    text = re.sub(r"<[^>]+>", "", section)
    for expected in (
        "New filing",
        "首次备案",
        "Register the domain",
        "Individuals",
        "Enterprises",
        "Sources disagree",
        "as of 2019-09",
        "Phone numbers",
        "Based on: The developer&#x27;s guide",
    ):
        assert expected in text, expected
    assert "Everyone" not in text  # no group heading without materials
    assert section.index("ID card") < section.index("Business licence")


# --- the fence entry points ---------------------------------------------------------------------


def _md(page_url: str | None) -> SimpleNamespace:
    processors: dict[str, object] = {"mkdocs_extract_anchors": SimpleNamespace(present_anchor_ids=set())}
    if page_url is not None:
        processors["relpath"] = SimpleNamespace(file=SimpleNamespace(url=page_url))
    return SimpleNamespace(treeprocessors=processors)


def test_fences_render_the_packaged_content_and_register_anchors() -> None:
    content = load()
    md = _md("regions/")
    html = fences.icp_regions("", "icp-regions", "icp-regions", {}, md)
    assert all(f'id="province-{pid}"' in html for pid in content.provinces)
    registered = md.treeprocessors["mkdocs_extract_anchors"].present_anchor_ids
    assert {f"province-{pid}" for pid in content.provinces} <= registered
    sources = fences.icp_sources("", "icp-sources", "icp-sources", {}, _md("sources/"))
    assert all(f'id="{urls.source_anchor(k)}"' in sources for k in content.sources)
    walk = fences.icp_walkthrough("", "icp-walkthrough", "icp-walkthrough", {}, _md("walkthrough/"))
    assert all(f'id="q-{q}"' in walk for q in content.questions)


def test_fence_links_follow_the_page_they_are_on() -> None:
    html = fences.icp_abbreviations("", "icp-abbreviations", "", {}, _md("filing-number/"))
    assert 'href="../regions/beijing/"' in html
    html = fences.icp_abbreviations("", "icp-abbreviations", "", {}, _md("regions/"))
    assert 'href="beijing/"' in html
    html = fences.icp_abbreviations("", "icp-abbreviations", "", {}, SimpleNamespace())  # not MkDocs
    assert 'href="beijing/"' in html
    html = fences.icp_province("zhejiang\n", "icp-province", "", {}, _md("regions/zhejiang/"))
    assert 'href="../../sources/#src-' in html


def test_a_fence_with_a_body_fails_loudly() -> None:
    with pytest.raises(Exception, match="takes no body"):
        fences.icp_regions("something\n", "icp-regions", "", {}, _md("regions/"))


def test_conflicts_list_every_disputed_statement_by_topic_then_results() -> None:
    content = small_content()
    checker = check(regions.render_conflicts(content, "regions/", M))
    items = [a for tag, a in checker.tags if tag == "li"]
    assert [(a.get("data-province"), a.get("data-outcome")) for a in items] == [("shaanxi", None), (None, "new_filing")]
    text = "".join(checker.text)
    assert "Phone numbers (1 row)" in text and "Sources disagree here." in text and "Keep the site offline" in text
    assert "shaanxi/" in checker.hrefs and "../walkthrough/#o-new_filing" in checker.hrefs


def test_the_packaged_conflict_list_has_every_conflict_flag() -> None:
    content = load()
    html = fences.icp_conflicts("", "icp-conflicts", "", {}, _md("regions/"))
    flagged = sum(1 for p in content.provinces.values() for c in p.caveats if c.conflict)
    flagged += sum(1 for o in content.outcomes.values() for w in o.warnings if w.conflict)
    assert html.count('class="icp-conflict-item"') == flagged > 0


def test_quoted_caveats_link_to_their_row() -> None:
    html = regions.render_quoted_caveats(small_content(), ["shaanxi/evil"], "domains/", M)
    checker = check(html)
    assert "../regions/shaanxi/#caveat-shaanxi-evil" in checker.hrefs
    with pytest.raises(ValueError, match="province 'shaanxi' has no caveat with id 'nope' \\(ids: evil\\)"):
        regions.render_quoted_caveats(small_content(), ["shaanxi/nope"], "domains/", M)
    with pytest.raises(ValueError, match="no province 'gotham'"):
        regions.render_quoted_caveats(small_content(), ["gotham/evil"], "domains/", M)


def test_caveats_fence_needs_its_references_and_fails_loudly_on_a_bad_one() -> None:
    html = fences.icp_caveats("shanghai/validity-180-days\n", "icp-caveats", "", {}, _md("domains/"))
    assert 'href="../regions/shanghai/#caveat-shanghai-validity-180-days"' in html
    with pytest.raises(Exception, match="list the caveats to quote"):
        fences.icp_caveats("", "icp-caveats", "", {}, _md("domains/"))
    with pytest.raises(Exception, match="no caveat with id 'nope'"):
        fences.icp_caveats("shanghai/nope\n", "icp-caveats", "", {}, _md("domains/"))


def test_confidence_scale_defines_every_level_and_the_conflict_mark() -> None:
    checker = check(sources.render_confidence_scale(small_content(), "sources/", M))
    terms = [a.get("class", "") for tag, a in checker.tags if tag in ("span", "strong")]
    assert terms == ["icp-confidence icp-confidence--high", "icp-confidence icp-confidence--medium",
                     "icp-confidence icp-confidence--low", "icp-conflict"]
    text = "".join(checker.text)
    assert all(M(f"confidence.{level}.meaning") in text for level in ("high", "medium", "low"))


@pytest.mark.parametrize("here", ["tree/", "zh/tree/", "docs/guide/tree/"])
def test_widget_addresses_follow_the_page_it_is_on(here: str) -> None:
    from decision_tree.pages import tree_page

    html = tree_page.widget_html(load(), here, M, site_name="Guide")
    depth = "../" * here.count("/")
    checker = check(html)
    version, bundle = tree_page.pyodide_version(), tree_page.bundle_id()
    assert f'{depth}assets/tree/boot.js' in html and f'data-pyodide="{depth}assets/pyodide/{version}/"' in html
    assert f'data-bundle="{depth}assets/tree/{bundle}/"' in html
    assert f'data-root="{depth}"' in html and f'data-page="{here}"' in html
    # Before Python, answers lead into the walkthrough, on a page of its own; so does the notice
    # the page shows when the tree's scripts did not run (on a link with answers).
    assert checker.hrefs and all(h.startswith(f"{depth}walkthrough/#") for h in checker.hrefs if h != f"{depth}walkthrough/")
    assert f'<a href="{depth}walkthrough/">{M("tree.unscripted_link")}</a></p>' in html
    assert f'data-walkthrough="{depth}walkthrough/"' in html
    # The modules boot.js imports are fetched beside it, and only what a result needs (its rows of
    # "Your answers") comes after it in the page, where it cannot delay boot.js.
    boot = html.index(f'{depth}assets/tree/boot.js"')
    assert all(html.index(f'rel="modulepreload" href="{depth}assets/tree/{name}"') < boot for name in tree_page.BOOT_IMPORTS)
    blocks = {name: html.index(f'class="icp-tree__{name}"') for name in ("templates", "routes", "rows")}
    assert blocks["templates"] < boot and blocks["routes"] < boot < blocks["rows"]


def test_the_page_scripts_get_every_text_they_use_from_the_catalog() -> None:
    import json as _json

    from decision_tree.pages import tree_page

    scripts = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "assets" / "tree").glob("*.*js")}
    assert {"boot.js", "walk.js", "runtime.js", "worker.js", "tools.js"} <= set(scripts)
    # t("key") in the page, Failure("key") in the worker (translated by the page).
    used = {key for js in scripts.values() for key in re.findall(r"\b(?:t|Failure)\(\"([a-z_]+)\"", js)}
    shipped = _json.loads(tree_page.boot_messages(M))
    assert used and used == set(shipped)
    # The scripts write no sentence of their own: every string literal in them is code, not prose.
    for name, js in scripts.items():
        literals = re.findall(r'"([^"\\]*)"|`([^`]*)`', js)
        prose = [a or b for a, b in literals if re.search(r"[A-Za-z]+ [a-z]+ [a-z]+", a or b)]
        assert prose == [], name
