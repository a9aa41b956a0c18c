"""The documentation site: a strict build, no outside requests, every seed topic covered, and the
generated pages (regions, sources, walkthrough) equal to the content the tree uses.

Every test reads the session's one build of the site (tests/conftest.py: ``built_site``); how long
the build takes is measured by `make bench`, not asserted here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from decision_tree import Content, glossary, load
from decision_tree.messages import messages
from decision_tree.pages.glossary import chinese_cell
from decision_tree.present import source_dated_title
from decision_tree.urls import outcome_anchor, page_url, province_anchor, question_anchor, source_anchor

from .conftest import BuiltSite

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[1]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
CDN_HOSTS = ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "cdn.jsdelivr", "cdnjs")


# --- a minimal DOM ------------------------------------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def iter(self) -> Iterator[Node]:
        """This node and those under it, not inside a <template> (inert: not part of the page until
        a script copies it, as boot.js does with the prerendered views, which the browser tests check)."""
        yield self
        if self.tag == "template":
            return
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes())]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root


def squash(text: str) -> str:
    """Whitespace (and jieba's zero-width spaces) removed, lower case: for substring checks."""
    return re.sub(r"[\s\u200b]+", "", text).lower()


# --- the built site ----------------------------------------------------------------------------


@dataclass
class Site:
    root: Path
    output: str
    seconds: float
    _pages: dict[Path, Node] = field(default_factory=dict)

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def dom(self, file: Path) -> Node:
        if file not in self._pages:
            self._pages[file] = parse_html(file.read_text(encoding="utf-8"))
        return self._pages[file]

    def page_file(self, doc_path: str) -> Path:
        """The built file of a docs/ source path ('procedures/x.md' -> site/procedures/x/index.html)."""
        url = page_url(doc_path.partition("#")[0])
        return self.root / url / "index.html"

    def page(self, doc_path: str) -> Node:
        return self.dom(self.page_file(doc_path))

    def ids(self, file: Path) -> set[str]:
        return {n.attrs["id"] for n in self.dom(file).iter() if "id" in n.attrs}

    def url_of(self, file: Path) -> str:
        rel = file.relative_to(self.root).as_posix()
        return "/" + rel.removesuffix("index.html")

    def resolve(self, file: Path, href: str) -> tuple[Path, str]:
        """The built file and fragment an internal href on ``file`` leads to."""
        url = urljoin("http://site" + self.url_of(file), href)
        parts = urlsplit(url)
        target = self.root / unquote(parts.path).lstrip("/")
        if parts.path.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target, unquote(parts.fragment)

    @cached_property
    def search_docs(self) -> list[dict[str, str]]:
        data = json.loads((self.root / "search" / "search_index.json").read_text(encoding="utf-8"))
        docs: list[dict[str, str]] = data["docs"]
        return docs


@pytest.fixture(scope="session")
def site(built_site: BuiltSite) -> Site:
    """The session's built site (tests/conftest.py): both editions, as scripts/build_site.py builds them."""
    return Site(built_site.root, built_site.said, built_site.seconds["pages"])


@pytest.fixture(scope="session")
def data() -> Content:
    return load()


def test_every_page_says_when_it_was_last_reviewed(site: Site) -> None:
    from decision_tree.pages.reviewed import REVIEWED
    from decision_tree.pages.theme import TEMPLATE_TEXTS

    before = TEMPLATE_TEXTS["en"]["reviewed_before"]
    pages = [p for p in site.html_files() if p.name == "index.html"]
    assert pages and all('class="icp-reviewed"' in p.read_text(encoding="utf-8") for p in pages)
    if REVIEWED["state"] == "dated" and "" in REVIEWED["dates"]:
        day = REVIEWED["dates"][""]
        assert f'{before}<time datetime="{day}">{day}</time>' in (site.root / "index.html").read_text(encoding="utf-8")


def test_strict_build_has_no_warnings(site: Site) -> None:
    assert "WARNING" not in site.output
    assert (site.root / "index.html").is_file()


# --- nothing outside the site ------------------------------------------------------------------

# Attributes that make a browser fetch something. <a href> is a plain link and may go anywhere.
FETCHING = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("frame", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
    ("image", "href"),
    ("use", "href"),
    ("form", "action"),
}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE)


def _is_outside(url: str) -> bool:
    url = url.strip()
    if url.startswith(("data:", "#")) or not url:
        return False
    return bool(urlsplit(url).scheme) or url.startswith("//")


def _urls(tag: str, attr: str, value: str) -> list[str]:
    if attr == "srcset":
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    return [value]


def _fetched_resources(site: Site) -> Iterator[tuple[Path, str, str]]:
    """(file, what, url) for every resource a built page or stylesheet makes the browser load."""
    for file in site.html_files():
        for node in site.dom(file).iter():
            for attr, value in node.attrs.items():
                if (node.tag, attr) in FETCHING or (attr == "xlink:href" and node.tag in {"image", "use"}):
                    for url in _urls(node.tag, attr, value):
                        yield file, f"<{node.tag} {attr}>", url
                if attr == "style":
                    for m in CSS_URL.finditer(value):
                        yield file, "style attribute", m.group(2) or m.group(4)
            if node.tag == "style":
                for m in CSS_URL.finditer(node.text()):
                    yield file, "<style>", m.group(2) or m.group(4)
    for css in sorted(site.root.rglob("*.css")):
        for m in CSS_URL.finditer(css.read_text(encoding="utf-8")):
            yield css, "CSS", m.group(2) or m.group(4)


def test_no_resource_comes_from_outside_the_site(site: Site) -> None:
    outside = [f"{f.relative_to(site.root)}: {what} {url}" for f, what, url in _fetched_resources(site) if _is_outside(url)]
    assert not outside, "resources loaded from outside the site:\n" + "\n".join(outside)


def test_every_resource_exists_in_the_site(site: Site) -> None:
    missing = []
    for file, what, url in _fetched_resources(site):
        if _is_outside(url) or url.startswith(("data:", "#")) or what in {"<form action>"}:
            continue
        target, _ = site.resolve(file, url)
        if not target.is_file():
            missing.append(f"{file.relative_to(site.root)}: {what} {url}")
    assert not missing, "resources that are not in the built site:\n" + "\n".join(missing)


def test_no_cdn_or_font_host_and_no_mermaid(site: Site) -> None:
    found = []
    for file in site.html_files():
        for node in site.dom(file).iter():
            for attr in ("src", "href", "srcset", "data", "poster"):
                value = node.attrs.get(attr, "")
                if any(host in value for host in CDN_HOSTS):
                    found.append(f"{file.relative_to(site.root)}: <{node.tag} {attr}={value}>")
            classes = node.classes()
            if "mermaid" in classes or "language-mermaid" in classes:
                found.append(f"{file.relative_to(site.root)}: a mermaid diagram in <{node.tag}>")
    # Material's bundle loads mermaid from unpkg.com when a page has a mermaid diagram: there must be none.
    for name in ("mkdocs.base.yml", "mkdocs.yml", "mkdocs.zh.yml"):
        assert "mermaid" not in (ROOT / name).read_text(encoding="utf-8").lower(), name
    assert not found, "\n".join(found)


def test_no_repository_widget_or_font_link(site: Site) -> None:
    home = (site.root / "index.html").read_text(encoding="utf-8")
    assert "md-source" not in home  # repo_url would make every page call api.github.com
    assert "fonts.googleapis" not in home


# --- internal links ----------------------------------------------------------------------------


def test_every_internal_link_resolves(site: Site) -> None:
    """Markdown links are checked by mkdocs; this also covers the HTML our fences generate."""
    broken = []
    for file in site.html_files():
        if file.name == "404.html":
            continue
        for node in site.dom(file).iter():
            href = node.attrs.get("href") if node.tag == "a" else None
            if href is None or _is_outside(href) or href in {"", "#"}:
                continue
            target, fragment = site.resolve(file, href)
            if not target.is_file():
                broken.append(f"{file.relative_to(site.root)}: {href} (no such file)")
            elif fragment and target.suffix == ".html" and fragment not in site.ids(target):
                broken.append(f"{file.relative_to(site.root)}: {href} (no id '{fragment}')")
    assert not broken, "broken links:\n" + "\n".join(broken)


def test_every_page_has_the_footer_disclaimer(site: Site) -> None:
    from decision_tree.messages import messages

    for file in site.html_files():
        dom = site.dom(file)
        notes = dom.find_all("div", "icp-disclaimer")
        assert len(notes) == 1, file
        text = squash(notes[0].text())
        chinese = file.relative_to(site.root).parts[0] == "zh"
        if chinese:  # the Chinese edition's pages say it in Chinese, from the catalog
            assert squash(messages("zh")("disclaimer.short")) in text, file
        else:
            assert squash("For developers' reference only; subject to MIIT's regulations.") in text
            assert squash("confirm with your cloud provider") in text
        links = [a.attrs["href"] for a in notes[0].find_all("a")]
        assert links and all(urlsplit(h).fragment == "disclaimer" for h in links)
        if file.name != "404.html":
            home = site.root / ("zh/index.html" if chinese else "index.html")  # each edition's own home page
            target, fragment = site.resolve(file, links[0])
            assert target == home and fragment in site.ids(target), file


# --- every seed topic has its page ---------------------------------------------------------------

# (topic of the seed guide, docs page#anchor, words expected on that page)
SEED_TOPICS = [
    ("scope: services in China on a public IP must file", "overview.md#who-must-file", ["mainland", "public IP"]),
    ("who need not file", "overview.md#who-need-not-file", ["Hong Kong", "outside"]),
    (
        "the same website: top-level domain vs subdomains",
        "overview.md#what-counts-as-the-same-website",
        ["subdomain", "top-level"],
    ),
    ("file with the hosting provider", "overview.md#which-provider", ["接入商", "provider"]),
    ("which province's administration", "overview.md#which-province", ["管局", "province"]),
    (
        "new filing: register domain, contact provider, go online",
        "procedures/new-filing.md#steps",
        ["首次备案", "register", "online"],
    ),
    ("new filing: domestic registrar, transfer from abroad", "domains.md#domestic-registrar", ["registrar", "transfer"]),
    (
        "new filing: site closed during filing, IP blocked",
        "procedures/new-filing.md#keep-the-site-offline",
        ["offline", "IP address", "DNS"],
    ),
    ("new filing: pre-approval for special sites", "pre-approval.md#categories", ["前置审批", "news", "publishing", "games"]),
    ("new filing: pre-approval today", "pre-approval.md#changes-since-the-seed", ["forum"]),
    ("new filing: pre-approval and individuals", "pre-approval.md#individuals", ["individual"]),
    ("new filing: individual site names", "procedures/new-filing.md#individual-site-names", ["personal", "misleading"]),
    ("new filing: MIIT's list of suffixes", "domains.md#suffixes", ["suffix", "MIIT"]),
    ("new filing: several websites in one order", "procedures/new-filing.md#several-websites-at-once", ["several", "Hubei"]),
    ("new filing: materials", "procedures/new-filing.md#materials", ["ID card", "power of attorney"]),
    ("audit: submit to the provider, preliminary review", "audit-process.md#steps", ["审核", "preliminary review"]),
    ("audit: backdrop photo or electronic verification", "audit-process.md#steps", ["幕布", "electronic"]),
    ("audit: the administration's review", "audit-process.md#steps", ["管局", "通信管理局"]),
    ("audit: diagram", "audit-process.md#diagram", ["12381"]),
    ("audit: SMS verification within 24 hours", "audit-process.md#sms-verification", ["24 hours", "12381"]),
    ("audit: 20 working days", "audit-process.md#review-time", ["20 working days"]),
    ("audit: the site offline meanwhile", "audit-process.md#site-offline", ["offline", "online"]),
    ("materials: individual ID card", "requirements.md#materials-individual", ["ID card"]),
    (
        "materials: enterprise licence, legal representative, person in charge, power of attorney",
        "requirements.md#materials-enterprise",
        ["business licence", "legal representative", "person in charge", "power of attorney"],
    ),
    ("requirements: domain", "requirements.md#domain", ["domain"]),
    ("requirements: domain valid for more than 3 months", "domains.md#validity", ["three months"]),
    ("requirements: holder is the filing subject", "domains.md#holder", ["holder", "shareholders"]),
    ("requirements: privacy protection off", "domains.md#privacy-protection", ["privacy protection"]),
    ("requirements: real-name verification", "domains.md#real-name", ["real-name"]),
    ("requirements: residence or residence permit", "requirements.md#residence", ["residence permit", "居住证", "暂住证"]),
    ("requirements: phone number in the province", "requirements.md#phone-number", ["mobile", "province"]),
    ("requirements: the person in charge", "requirements.md#person-in-charge", ["负责人", "legal representative"]),
    ("results by SMS and e-mail, with number and password", "filing-number.md#password", ["password", "SMS", "2020-08-17"]),
    ("forgotten filing number", "filing-number.md#forgotten-number", ["beian.miit.gov.cn"]),
    ("the filing number's format", "filing-number.md#format", ["ICP备"]),
    ("the number in the footer", "filing-number.md#footer", ["footer", "beian.miit.gov.cn"]),
    ("the number does not expire", "filing-number.md#no-expiry", ["expir"]),
    ("new website: when", "procedures/new-website.md#when", ["新增网站", "new domain"]),
    ("new website: same or another provider", "procedures/new-website.md#another-provider", ["another provider", "different"]),
    ("new website: some providers call it new filing", "procedures/new-website.md#when", ["首次备案"]),
    ("new website: steps", "procedures/new-website.md#steps", ["filing number"]),
    ("access filing: adds a provider", "procedures/access-filing.md#when", ["接入备案", "provider"]),
    ("access filing: site stays online", "audit-process.md#site-offline", ["access filing", "online"]),
    ("access filing: CDN and e-mail", "procedures/access-filing.md#cdn-and-email", ["CDN", "mail"]),
    ("access filing: same IaaS is one provider", "procedures/access-filing.md#same-iaas", ["IaaS"]),
    ("access filing: steps, subject information consistent", "procedures/access-filing.md#steps", ["subject", "same"]),
    ("access filing: switching provider", "procedures/access-filing.md#switching-provider", ["取消接入"]),
    ("change: through the original provider", "procedures/change-filing.md#steps", ["provider"]),
    ("change: what can change", "procedures/change-filing.md#what-can-change", ["phone"]),
    ("change: the domain cannot be changed", "procedures/change-filing.md#domain-changes", ["new website"]),
    ("change: individual to enterprise", "procedures/change-filing.md#individual-and-enterprise", ["individual", "enterprise"]),
    (
        "change: province cannot change, cancel and re-file offline",
        "procedures/change-filing.md#changing-province",
        ["province", "cancel", "offline"],
    ),
    ("cancellation: the subject", "procedures/cancellation.md#cancel-subject", ["注销主体"]),
    ("cancellation: a website", "procedures/cancellation.md#cancel-website", ["注销网站"]),
    ("cancellation: access", "procedures/cancellation.md#cancel-access", ["取消接入"]),
    ("cancellation: orphaned filings", "procedures/cancellation.md#orphaned-filings", ["空壳"]),
    ("cancellation: someone else's filing", "procedures/cancellation.md#someone-elses-filing", ["管局"]),
    ("related: public security filing", "related-obligations.md#public-security-filing", ["公安", "30 days"]),
    ("related: operating licence", "related-obligations.md#operating-licence", ["经营性"]),
    ("related: app filing", "related-obligations.md#app-filing", ["APP"]),
    ("related: mini-program filing", "related-obligations.md#mini-program-filing", ["小程序"]),
    ("statement: for developers' reference, subject to MIIT", "index.md#disclaimer", ["reference", "MIIT"]),
    ("glossary", "glossary.md#terms", ["管局", "接入商"]),
    ("regional differences", "regions.md#table", ["通信管理局"]),
    ("sources", "sources.md#confidence", ["2026-11-28"]),
    ("decision tree", "walkthrough.md#q-goal", ["决策树"]),
]


@pytest.mark.parametrize(("topic", "target", "words"), SEED_TOPICS, ids=[t[0] for t in SEED_TOPICS])
def test_seed_topic_has_its_section(site: Site, topic: str, target: str, words: list[str]) -> None:
    doc_path, _, anchor = target.partition("#")
    file = site.page_file(doc_path)
    assert file.is_file(), f"{topic}: page {doc_path} was not built"
    assert anchor in site.ids(file), f"{topic}: {doc_path} has no anchor #{anchor}"
    article = site.dom(file).find_all("article")
    text = squash(article[0].text() if article else site.dom(file).text())
    missing = [w for w in words if squash(w) not in text]
    assert not missing, f"{topic}: {doc_path} does not mention {missing}"


# --- generated pages equal the data --------------------------------------------------------------


def _caveat_rows(site: Site, data: Content) -> dict[str, list[Node]]:
    """Each province's rules, in page order, from its own page."""
    rows: dict[str, list[Node]] = {}
    for pid in data.provinces:
        for li in site.page(f"regions/{pid}.md").find_all("li", "icp-caveat"):
            assert li.attrs["data-province"] == pid
            rows.setdefault(pid, []).append(li)
    return rows


def test_every_province_has_its_page_and_the_overview_links_it(site: Site, data: Content) -> None:
    regions = site.page_file("regions.md")
    ids = site.ids(regions)
    assert len(data.provinces) == 31
    stubs = {p.stem for p in (ROOT / "docs" / "regions").glob("*.md")}
    assert stubs == set(data.provinces), "docs/regions/ has one page per province of regions.toml"
    index = site.page("regions.md").find_all("tr", "icp-index-row")
    assert [r.attrs["data-index"] for r in index] == list(data.provinces)
    for row, p in zip(index, data.provinces.values(), strict=True):
        assert province_anchor(p.id) in ids, p.id  # old links to the one-page table still land on its row
        target, _ = site.resolve(regions, row.find_all("a")[0].attrs["href"])
        assert target == site.page_file(f"regions/{p.id}.md"), p.id
        page = site.page(f"regions/{p.id}.md")
        title = squash(page.find_all("h1")[0].text())
        assert squash(p.name_zh) in title and squash(p.name_en) in title, p.id
        body = page.find_all("div", "icp-province")[0]
        assert all(a in body.text() for a in p.abbreviations)
        if p.note:
            assert squash(p.note) in squash(body.text())


def test_regions_rows_equal_the_data(site: Site, data: Content) -> None:
    rows = _caveat_rows(site, data)
    assert set(rows) == {p.id for p in data.provinces.values() if p.caveats}
    for p in data.provinces.values():
        got = rows.get(p.id, [])
        by_topic = [c for topic in data.topics for c in p.caveats if c.topic == topic]  # the page groups by topic
        assert len(got) == len(by_topic) == len(p.caveats), p.id
        for tr, caveat in zip(got, by_topic, strict=True):
            where = f"{p.id}: {caveat.text[:60]}"
            texts = tr.find_all("span", "icp-caveat-text")
            assert len(texts) == 1 and texts[0].text() == caveat.text, where
            assert tr.attrs["data-sources"].split() == list(caveat.sources), where
            links = [a.text() for a in tr.find_all("a", "icp-source")]
            assert links == [data.sources[k].label for k in caveat.sources], where
            assert tr.attrs["data-confidence"] == caveat.confidence.value, where
            assert tr.attrs["data-topic"] == caveat.topic, where
            assert tr.attrs["data-applies-to"] == caveat.applies_to.value, where
            freshness = caveat.freshness(data.dated_before).value
            if caveat.as_of == "undated":
                assert "date unknown" in tr.text(), where
            else:
                assert caveat.as_of in tr.text(), where
            assert bool(tr.find_all(cls=f"icp-dated--{freshness}")) is (freshness != "current"), where
            assert (tr.attrs["data-conflict"] == "true") is caveat.conflict, where
            assert bool(tr.find_all(cls="icp-conflict")) is caveat.conflict, where
            assert squash(data.topics[caveat.topic]) in squash(_topic_heading(site, p.id, caveat.topic)), where


def _topic_heading(site: Site, province_id: str, topic: str) -> str:
    headings = [h for h in site.page(f"regions/{province_id}.md").find_all("h2") if h.attrs.get("id") == f"topic-{topic}"]
    return headings[0].text() if headings else ""


def test_regions_source_links_resolve_on_the_sources_page(site: Site, data: Content) -> None:
    sources = site.page_file("sources.md")
    source_ids = site.ids(sources)
    checked = 0
    for pid in data.provinces:
        page = site.page_file(f"regions/{pid}.md")
        for li in site.dom(page).find_all("li", "icp-caveat"):
            for key, a in zip(li.attrs["data-sources"].split(), li.find_all("a", "icp-source"), strict=True):
                target, fragment = site.resolve(page, a.attrs["href"])
                assert target == sources, a.attrs["href"]
                assert fragment == source_anchor(key) and fragment in source_ids, a.attrs["href"]
                assert a.text() == data.sources[key].label
                assert a.attrs["title"] == source_dated_title(data.sources[key], messages("en"))  # "date unknown", not "undated"
                checked += 1
    assert checked


def test_abbreviations_table_equals_the_data(site: Site, data: Content) -> None:
    rows = site.page("regions.md").find_all("tr", "icp-abbr-row")
    assert [r.attrs["data-abbr-province"] for r in rows] == list(data.provinces)
    for row, p in zip(rows, data.provinces.values(), strict=True):
        assert row.attrs["data-abbreviations"].split() == list(p.abbreviations)
        if len(p.abbreviations) > 1:
            assert "prefixes are seen" in row.text(), p.id


def test_sources_page_lists_every_source(site: Site, data: Content) -> None:
    page = site.page("sources.md")
    entries = page.find_all("dt")
    by_key = {dt.attrs["data-source"]: dt for dt in entries if "data-source" in dt.attrs}
    assert list(by_key) == list(data.sources)
    for key, source in data.sources.items():
        dt = by_key[key]
        assert dt.attrs["id"] == source_anchor(key) == f"src-{key.lower()}"
        assert squash(source.label) == squash(dt.text())  # readers see the name, never our key
        assert squash(source.title) in squash(page.text())
    text = squash(page.text())
    for source in data.sources.values():
        assert squash(source.date) in text
        if source.url:
            assert any(a.attrs.get("href") == source.url for a in page.find_all("a")), source.key


def _assert_target(site: Site, where: str, target: str) -> None:
    """A docs/ link target (``page.md#anchor``) was built, with the anchor on it."""
    doc_path, _, anchor = target.partition("#")
    file = site.page_file(doc_path)
    assert file.is_file(), f"{where}: {doc_path} was not built"
    if anchor:
        assert anchor in site.ids(file), f"{where}: {doc_path} has no anchor #{anchor}"


def test_links_toml_targets_exist(site: Site, data: Content) -> None:
    for link in data.links.values():
        _assert_target(site, f"links.toml '{link.key}'", link.path)


def test_glossary_link_targets_exist(site: Site) -> None:
    """As for links.toml: each term's page was built and has the anchor it links to."""
    for term in glossary.load().terms:
        _assert_target(site, f"glossary.toml '{term.zh}'", term.link)


def test_glossary_page_shows_each_group_under_its_heading(site: Site) -> None:
    """Each group's heading keeps its anchor and is followed by its table, one row per term, in order."""
    html = site.page_file("glossary.md").read_text(encoding="utf-8")
    for group in glossary.load().groups:
        start = html.index(f'id="{group.id}"')
        table = html[html.index("<table>", start) : html.index("</table>", start)]
        first_cells = re.findall(r"<tr>\n<td>([^<]*)</td>", table)
        assert first_cells == [escape(chinese_cell(t), quote=False) for t in group.terms], group.id


def test_walkthrough_covers_the_tree(site: Site, data: Content) -> None:
    tree = site.page_file("walkthrough.md")
    ids = site.ids(tree)
    for qid in data.questions:
        assert question_anchor(qid) in ids, qid
    for oid in data.outcomes:
        assert outcome_anchor(oid) in ids, oid
    walk = site.dom(tree).find_all("div", "icp-walkthrough")
    assert len(walk) == 1
    assert walk[0].attrs["data-start"] == data.start
    sections = {s.attrs["data-node"]: s for s in walk[0].find_all("section", "icp-node")}
    assert set(sections) == set(data.questions) | set(data.outcomes)
    for q in data.questions.values():
        nexts = [a.attrs["data-next"] for a in sections[q.id].find_all("a") if "data-next" in a.attrs]
        expected = [c.next for c in q.choices]  # a router's id where the answer leads to one
        if q.kind.value == "province":  # one list of provinces and one link on
            expected = list(dict.fromkeys(expected))
        assert nexts == expected, q.id
    for o in data.outcomes.values():
        steps = sections[o.id].find_all("ol", "icp-steps")[0].find_all("li")
        assert [li.text() for li in steps] == list(o.steps), o.id


def test_walkthrough_links_resolve(site: Site) -> None:
    tree = site.page_file("walkthrough.md")
    ids = site.ids(tree)
    walk = site.dom(tree).find_all("div", "icp-walkthrough")[0]
    checked = 0
    for a in walk.find_all("a"):
        href = a.attrs["href"]
        target, fragment = site.resolve(tree, href)
        assert target.is_file(), href
        if href.startswith("#"):
            assert fragment in ids, href
            checked += 1
        elif fragment:
            assert fragment in site.ids(target), href
    assert checked > 0


# --- search ----------------------------------------------------------------------------------------

PROCEDURE_TERMS = [
    ("new filing", "首次备案", "procedures/new-filing"),
    ("new website", "新增网站", "procedures/new-website"),
    ("access filing", "接入备案", "procedures/access-filing"),
    ("change filing", "变更备案", "procedures/change-filing"),
    (None, "注销主体", "procedures/cancellation"),
    (None, "注销网站", "procedures/cancellation"),
    (None, "取消接入", "procedures/cancellation"),
]


@pytest.mark.parametrize(("english", "chinese", "page"), PROCEDURE_TERMS, ids=[t[1] for t in PROCEDURE_TERMS])
def test_search_index_has_every_procedure(site: Site, english: str | None, chinese: str, page: str) -> None:
    docs = [(d["location"], squash(d.get("title", "") + " " + d.get("text", ""))) for d in site.search_docs]
    for term in (english, chinese):
        if term:
            assert any(squash(term) in text for _, text in docs), term
    on_page = [loc for loc, text in docs if loc.startswith(page) and squash(chinese) in text]
    assert on_page, f"searching {chinese} finds nothing on {page}"


def test_search_index_segments_chinese(site: Site) -> None:
    """jieba splits Chinese with zero-width spaces, and the separator splits on them."""
    data = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert set(data["config"]["lang"]) >= {"en", "zh"}
    separator = re.compile(data["config"]["separator"])  # Python's re reads \u escapes as JavaScript does
    docs = [d for d in data["docs"] if d["location"].startswith("procedures/access-filing")]
    tokens = {t for d in docs for t in separator.split(d["title"] + " " + d["text"])}
    assert "接入" in tokens or "接入备案" in tokens, "Chinese text is not segmented (is jieba installed?)"
    assert "\u200b" in json.dumps(data["docs"], ensure_ascii=False)


def test_readers_never_meet_our_internal_vocabulary(site: Site, data: Content) -> None:
    """No page says "seed", and no citation shows a bare source key instead of the source's name."""
    keys = set(data.sources)
    for file in site.html_files():
        if file.parts[-2:-1] == ("search",) or "performance" in file.parts:
            continue
        body = site.dom(file).find_all("article") or [site.dom(file)]
        text = " ".join(n.text() for n in body)
        assert not re.search(r"\bseed\b", text, flags=re.IGNORECASE), file
        for a in site.dom(file).find_all("a"):
            if "#src-" in a.attrs.get("href", ""):
                assert a.text().strip() not in keys, (file, a.text())


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_a_province_page_has_its_sections_in_the_table_of_contents(site: Site, data: Content, edition: str) -> None:
    """The topics of a province's rules are headings the icp-province fence writes: they are listed in
    the page's table of contents (decision_tree/pages/fence_toc.py), in the order of the page."""
    for province in data.provinces.values():
        file = site.root / edition / "regions" / province.id / "index.html"
        dom = site.dom(file)
        article = next(n for n in dom.iter() if n.tag == "article")
        sections = [n.attrs["id"] for n in article.iter() if n.tag == "h2" and n.attrs.get("id", "").startswith("topic-")]
        toc = next(n for n in dom.iter() if n.tag == "nav" and "md-nav--secondary" in n.classes())
        listed = [a.attrs["href"].removeprefix("#") for a in toc.find_all("a", "md-nav__link")]
        assert [a for a in listed if a.startswith("topic-")] == sections, file
        if province.caveats:
            assert sections, file
