"""The domain check: registrable domain and subdomain, Chinese names both ways, forgiven and refused
input, what the sources say about each suffix, and the data file those verdicts come from."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

from decision_tree import ContentError, InputError
from decision_tree.loader import read_documents
from decision_tree.messages import echoed, messages
from decision_tree.reader import read_sources
from decision_tree.tools import domain_check as dc
from decision_tree.tools import domain_view, suffixes
from decision_tree.tools.suffixes import Claim, Verdict

ROOT = Path(__file__).resolve().parents[1]
FACTS = ROOT.parent / "shared" / "reference" / "icp_facts.md"

# The Beijing administration's list of 2019-01-01 as icp_facts.md §2 quotes it (source TX-BJ);
# ".中文域名" on it means Chinese-character names in general, not a suffix.
BEIJING_2019 = """.wang .ren .citic .xin .shop .ltd .vip .ink .club .site .biz .com .cn .net .中文域名 .fun .online
.store .tech .work .law .beer .design .wiki .art .love .xyz .group .center .chat .city .company .cool .email .fund .gold
.guru .pub .run .show .social .team .today .video .world .zone .life .live .plus .info .中国 .pro .auto .co .cloud .fashion
.fit .host .link .luxe .mobi .press .sohu .space .top .website .yoga .cc .tv .icu .tel"""
BEIJING_2019_FILEABLE = BEIJING_2019.split()  # as quoted, so that it can be compared with the reference
BEIJING_2019_NOT_FILEABLE = [".hk", ".tw", ".asia", ".jp", ".io", ".me", ".win", ".org"]
# Where a later or another source contradicts the Beijing list, the entry is disputed instead.
DISPUTED_ELSEWHERE = {".cc", ".tv", ".asia"}
LONG_CHINESE = "中文域名测试例子网络公司" * 2


@pytest.fixture(scope="module")
def table() -> suffixes.SuffixTable:
    return dc.suffix_table()


def test_api_subdomain_of_a_com_cn_domain() -> None:
    r = dc.check("api.shop.example.com.cn")
    assert (r.registrable.unicode, r.suffix.unicode) == ("example.com.cn", "com.cn")
    assert r.subdomain is not None and r.subdomain.unicode == "api.shop"
    assert r.verdict is Verdict.FILEABLE and r.notes == ()
    texts = [e.text for e in r.explanations]
    assert texts[0].startswith("A filing is made for a website") and "A subdomain needs no filing" in texts[1]


def test_a_registrable_domain_is_a_website_of_its_own() -> None:
    r = dc.check("example.cn")
    assert r.subdomain is None and r.registrable == r.name
    assert [e.text.split(":")[0] for e in r.explanations] == [r.table.explanations["registrable"].text.split(":")[0]]
    assert "is a registrable domain" in domain_view.text(r, messages())


@pytest.mark.parametrize(
    ("unicode", "ascii"),
    [
        ("例子.中国", "xn--fsqu00a.xn--fiqs8s"),
        ("腾讯.公司", "xn--r70as2s.xn--55qx5d"),
        ("例子.网络", "xn--fsqu00a.xn--io0a7i"),
        ("www.例子.公司.cn", "www.xn--fsqu00a.xn--55qx5d.cn"),
        ("例子.com", "xn--fsqu00a.com"),
    ],
)
def test_chinese_domains_both_ways(unicode: str, ascii: str) -> None:
    from_unicode, from_ascii = dc.check(unicode), dc.check(ascii)
    assert (from_unicode.unicode, from_unicode.ascii) == (unicode, ascii)
    assert dataclasses.replace(from_ascii, input=unicode) == from_unicode
    assert from_unicode.name.is_idn


@pytest.mark.parametrize("suffix", ["中国", "公司", "网络"])
def test_chinese_suffixes_can_be_filed(suffix: str) -> None:
    r = dc.check(f"例子.{suffix}")
    assert r.verdict is Verdict.FILEABLE and r.entry is not None and r.entry.suffix == suffix
    assert "TX-SFX" in r.entry.sources


@pytest.mark.parametrize("dot", ["。", "．", "｡"])
def test_ideographic_and_full_width_dots_are_dots(dot: str) -> None:
    r = dc.check(f"例子{dot}中国")
    assert r.ascii == "xn--fsqu00a.xn--fiqs8s"
    assert [(n.kind, n.removed) for n in r.notes] == [(dc.NoteKind.FULL_WIDTH, dot)]


def test_full_width_and_upper_case_letters_are_read_as_usual() -> None:
    r = dc.check("ＥＸＡＭＰＬＥ．Ｃｏｍ")
    assert r.ascii == "example.com"
    assert dc.check("WWW.Example.COM").ascii == "www.example.com"


@pytest.mark.parametrize(
    ("text", "kinds", "removed"),
    [
        ("https://example.com", ["scheme"], ["https://"]),
        ("//example.com/", ["scheme", "path"], ["//", "/"]),
        ("  example.com\t", ["whitespace"], [""]),
        ("user:pw@example.com", ["userinfo"], ["user:pw@"]),
        ("example.com:8080", ["port"], [":8080"]),
        ("example.com/a/b", ["path"], ["/a/b"]),
        ("example.com?x=1", ["query"], ["?x=1"]),
        ("example.com#top", ["fragment"], ["#top"]),
        ("example.com.", ["trailing_dot"], ["."]),
        (
            " HTTP://me@Example.com:443/p/q?x=/y#f ",
            ["whitespace", "scheme", "userinfo", "port", "path", "query", "fragment"],
            ["", "HTTP://", "me@", ":443", "/p/q", "?x=/y", "#f"],
        ),
    ],
)
def test_what_is_trimmed_is_noted_in_url_order(text: str, kinds: list[str], removed: list[str]) -> None:
    r = dc.check(text)
    assert r.ascii == "example.com"
    assert [n.kind.value for n in r.notes] == kinds and [n.removed for n in r.notes] == removed
    m = messages()
    assert all(m(n.key, **n.params) for n in r.notes)


@pytest.mark.parametrize(
    ("text", "error", "params"),
    [
        ("", dc.EmptyDomainError, {}),
        ("   ", dc.EmptyDomainError, {}),
        ("https:///path", dc.EmptyDomainError, {}),
        ("exa mple.com", dc.SpaceInDomainError, {"text": "exa mple.com"}),
        ("例子　中国", dc.SpaceInDomainError, {"text": "例子 中国"}),
        ("a..b.com", dc.EmptyLabelError, {"name": "a..b.com"}),
        (".example.com", dc.EmptyLabelError, {"name": ".example.com"}),
        ("example.com..", dc.EmptyLabelError, {"name": "example.com.."}),
        ("a" * 64 + ".com", dc.LabelTooLongError, {"label": "a" * 64, "length": 64, "limit": 63}),
        # 72 octets as punycode, as the idna package (IDNA 2008) also counts it
        (LONG_CHINESE + ".com", dc.LabelTooLongError, {"label": LONG_CHINESE, "length": 72, "limit": 63}),
        (".".join(["a" * 63] * 4) + ".com", dc.DomainTooLongError, {"length": 259, "limit": 253}),
        ("exa_mple.com", dc.InvalidCharacterError, {"label": "exa_mple", "characters": "_"}),
        ("*.example.com", dc.InvalidCharacterError, {"label": "*", "characters": "*"}),
        ("例☃.com", dc.InvalidCharacterError, {"label": "例☃", "characters": "☃"}),
        ("example.com:http", dc.InvalidCharacterError, {"label": "com:http", "characters": ":"}),
        ("-example.com", dc.HyphenError, {"label": "-example"}),
        ("example-.com", dc.HyphenError, {"label": "example-"}),
        ("xn--zz.com", dc.InvalidPunycodeError, {"label": "xn--zz"}),
        ("1.2.3.4", dc.IPAddressError, {"address": "1.2.3.4"}),
        ("http://10.0.0.1:8080/", dc.IPAddressError, {"address": "10.0.0.1"}),
        ("[2001:db8::1]", dc.IPAddressError, {"address": "2001:db8::1"}),
        ("2001:db8::1", dc.IPAddressError, {"address": "2001:db8::1"}),
        ("com.cn", dc.PublicSuffixOnlyError, {"suffix": "com.cn"}),
        ("中国", dc.PublicSuffixOnlyError, {"suffix": "中国"}),
        ("政务.cn", dc.PublicSuffixOnlyError, {"suffix": "政务.cn"}),
        ("localhost", dc.UnknownSuffixError, {"suffix": "localhost"}),
        ("server.internal", dc.UnknownSuffixError, {"suffix": "internal"}),
    ],
)
def test_what_is_not_a_domain_is_refused_precisely(text: str, error: type[dc.DomainError], params: dict[str, Any]) -> None:
    with pytest.raises(error) as caught:
        dc.check(text)
    assert type(caught.value) is error and caught.value.params == params
    assert isinstance(caught.value, InputError)
    # What the reader gave is echoed: escaped, and a long part (the 64-letter label) cut to a preview.
    assert "{" not in str(caught.value) and str(caught.value) == messages()(caught.value.key, **echoed(params, messages()))


def test_government_domains_and_their_subdomains() -> None:
    r = dc.check("www.b1.a.gov.cn")
    assert r.verdict is Verdict.GOVERNMENT and r.registrable.unicode == "a.gov.cn"
    assert r.explanations[-1] is r.table.explanations["government_subdomain"]
    assert {"A19-gov", "HW"} <= set(r.table.explanations["government_subdomain"].sources)
    assert dc.check("示例.政务").verdict is Verdict.GOVERNMENT
    assert "government_subdomain" not in [k for k, v in r.table.explanations.items() if v in dc.check("www.a.com").explanations]


def test_a_suffix_our_sources_know_but_the_psl_does_not_is_a_suffix() -> None:
    r = dc.check("www.单位.政务.cn")
    assert (r.registrable.unicode, r.suffix.unicode, r.verdict) == ("单位.政务.cn", "政务.cn", Verdict.GOVERNMENT)


def test_public_institutions() -> None:
    r = dc.check("例子.公益")
    assert r.verdict is Verdict.PUBLIC_INSTITUTION and r.entry is not None and "HW" in r.entry.sources
    assert dc.check("例子.公益.cn").verdict is Verdict.PUBLIC_INSTITUTION


@pytest.mark.parametrize("suffix", ["cc", "tv", "asia"])
def test_disputed_suffixes_say_what_each_source_says(suffix: str) -> None:
    r = dc.check(f"example.{suffix}")
    assert r.verdict is Verdict.DISPUTED and r.entry is not None and r.entry.conflict
    assert {c.says for c in r.entry.claims} == {Claim.FILEABLE, Claim.NOT_FILEABLE}
    text = domain_view.text(r, messages(), width=10_000)
    for claim in r.entry.claims:
        assert f"{r.table.sources[claim.source].label} says it" in text
    assert "Sources disagree." in text
    html = domain_view.html(r, messages())
    assert 'class="icp-conflict"' in html and html.count('data-says="not_fileable"') >= 1


def test_org_is_not_fileable_and_the_sources_agree() -> None:
    r = dc.check("example.org")
    assert r.verdict is Verdict.NOT_FILEABLE and r.entry is not None and not r.entry.conflict
    assert {"TX-BJ", "A19-cxl"} <= set(r.entry.sources)


def test_an_unknown_suffix_is_never_guessed() -> None:
    r = dc.check("example.co.uk")
    assert r.verdict is Verdict.UNKNOWN and r.entry is None
    text = domain_view.text(r, messages(), width=100)
    assert "check MIIT's list" in text and r.table.authority.url in text
    assert domain_view.data(r)["verdict"] == {"verdict": "unknown", "suffix": None, "inherited": False}


def test_an_entry_covers_the_suffixes_under_it_and_says_so() -> None:
    r = dc.check("shop.com.tw")
    assert r.suffix.unicode == "com.tw" and r.entry is not None and r.entry.suffix == "tw" and r.inherited
    assert "The sources speak of .tw, which .com.tw is part of." in domain_view.text(r, messages(), width=200)
    assert not dc.check("example.sh.cn").inherited  # .sh.cn has an entry of its own


def test_a_name_a_company_gives_out_is_not_yours_to_file() -> None:
    r = dc.check("foo.github.io")
    assert r.registrable.unicode == "github.io" and r.private_suffix is not None and r.private_suffix.unicode == "github.io"
    keys = [k for k, v in r.table.explanations.items() if v in r.explanations]
    assert keys == ["registrable", "private_suffix"]
    assert dc.check("github.io").private_suffix is None


def test_every_displayed_verdict_names_its_sources_date_and_confidence(table: suffixes.SuffixTable) -> None:
    m = messages()
    for name in ("example.com", "example.cc", "a.gov.cn", "example.io"):
        r = dc.check(name)
        assert r.entry is not None
        text = domain_view.text(r, m, width=1000)
        for key in r.entry.sources:
            assert table.sources[key].label in text
        assert f"as of {r.entry.as_of}" in text and f"; {r.entry.confidence.value}]" in text
        html = domain_view.html(r, m, here="tools/")
        assert all(f'href="../sources/#src-{k.lower()}"' in html for k in r.entry.sources)
        assert f"icp-confidence--{r.entry.confidence.value}" in html and escape_free(html)


def escape_free(html: str) -> bool:
    """No raw quote or angle bracket of the content got into the markup unescaped (a crude check)."""
    return "'" not in re.sub(r"<[^>]*>", "", html)


def test_the_html_escapes_what_was_pasted() -> None:
    html = domain_view.html(dc.check("example.com/<script>alert(1)</script>"), messages())
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_text_is_wrapped_to_the_width() -> None:
    text = domain_view.text(dc.check("https://api.shop.example.com.cn:8443/x"), messages(), width=60)
    assert max(len(line) for line in text.splitlines()) <= 60


def test_data_is_json_with_stable_keys() -> None:
    data = domain_view.data(dc.check("https://www.例子.中国/"))
    assert list(data) == ["input", "domain", "registrable", "suffix", "subdomain", "private_suffix", "verdict", "authority",
                          "explanations", "notes"]
    assert data["registrable"] == {"unicode": "例子.中国", "ascii": "xn--fsqu00a.xn--fiqs8s"}
    assert data["notes"] == [{"kind": "scheme", "removed": "https://"}, {"kind": "path", "removed": "/"}]
    json.dumps(data)


def test_no_output_says_seed() -> None:
    """Readers see the guide the project grew from by its name; its key is data (JSON) and an anchor (HTML)."""
    m, seed = messages(), re.compile(r"\bseed\b", re.IGNORECASE)
    for name in ("a.b.example.com", "foo.github.io", "example.cc", "www.a.gov.cn"):
        r = dc.check(name)
        data: dict[str, Any] = domain_view.data(r)
        statements = [data["authority"], *data["explanations"], data["verdict"]]
        prose = " ".join(s.get("text", "") + " ".join(x["name"] + x["title"] for x in s.get("sources", [])) for s in statements)
        visible = re.sub(r"<[^>]+>", " ", domain_view.html(r, m))
        for out in (domain_view.text(r, m), prose, visible):
            assert not seed.search(out), (name, seed.search(out))


# --- properties -----------------------------------------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCZ0123456789例子网络测试中文公司ＡＢｃ"
_labels = st.text(_LETTERS + "-", min_size=1, max_size=12).filter(lambda s: s[0] != "-" and s[-1] != "-")
_suffixes = st.sampled_from(["com", "cn", "com.cn", "中国", "公司", "网络", "xyz", "gov.cn", "co.uk", "政务", "org", "io", "tw"])
_dots = st.sampled_from([".", "。", "．"])
_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)  # the CJK Unified Ideographs of Unicode 3.2


@st.composite
def names(draw: st.DrawFn) -> str:
    labels = draw(st.lists(_labels, min_size=1, max_size=4))
    dot = draw(_dots)
    return dot.join([*labels, draw(_suffixes)])


@settings(max_examples=300, deadline=None)
@given(names())
def test_normalising_is_idempotent_and_both_forms_agree(name: str) -> None:
    try:
        r = dc.check(name)
    except dc.PublicSuffixOnlyError:
        reject()  # a drawn name can be a suffix itself ("jx" + "cn"): refused, as its own test checks
    again = dc.check(r.ascii)
    assert again.ascii == r.ascii and again.notes == ()
    from_unicode = dc.check(r.unicode)
    assert dataclasses.replace(from_unicode, input=r.ascii) == again
    assert r.registrable.ascii.endswith(r.suffix.ascii) and r.ascii.endswith(r.registrable.ascii)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(_CJK, min_size=1, max_size=8), min_size=1, max_size=3), st.sampled_from(["中国", "公司", "网络", "cn"]))
def test_chinese_names_encode_as_idna_2008_does(labels: list[str], suffix: str) -> None:
    """IDNA 2003 (the standard library) is enough for Chinese names: the idna package (IDNA 2008,
    UTS 46), installed with the docs tools, gives the same ASCII form."""
    idna = pytest.importorskip("idna")
    name = ".".join([*labels, suffix])
    assert dc.check(name).ascii == idna.encode(name, uts46=True).decode("ascii")


@settings(max_examples=300, deadline=None)
@given(names(), st.sampled_from(["https://", "http://u@", ""]), st.sampled_from(["", ":8080", "/", "/a?b#c", "."]))
def test_a_pasted_url_checks_as_its_domain(name: str, before: str, after: str) -> None:
    try:
        bare = dc.check(name)
    except dc.DomainError as exc:  # such as ac.cn, itself a suffix: the address is refused the same way
        with pytest.raises(type(exc)):
            dc.check(before + name + after)
    else:
        assert dc.check(before + name + after).registrable == bare.registrable


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=".:/@[]-_ 。例axn0-．%?#", max_size=30)))
def test_arbitrary_text_raises_nothing_but_input_errors(text: str) -> None:
    try:
        r = dc.check(text)
    except dc.DomainError as exc:
        assert str(exc)
    else:
        assert dc.check(r.ascii).ascii == r.ascii


# --- the data file --------------------------------------------------------------------------------


def test_the_shipped_table_is_valid_and_its_keys_are_found(table: suffixes.SuffixTable) -> None:
    assert dc.key_problems(table) == []
    for suffix in table.entries:
        assert dc.check(f"example.{suffix}").entry is table.entries[suffix]


def test_every_entry_cites_sources_that_exist() -> None:
    problems: list[str] = []
    known = read_sources(problems, read_documents()["sources.toml"])
    table = dc.suffix_table()
    for entry in (table.authority, *table.explanations.values(), *table.entries.values()):
        assert entry.sources and set(entry.sources) <= known.keys()


@pytest.mark.parametrize("suffix", [s for s in BEIJING_2019_FILEABLE if s != ".中文域名"])
def test_beijing_2019_fileable_suffixes_are_present(table: suffixes.SuffixTable, suffix: str) -> None:
    entry = table.entries[suffix[1:]]
    assert "TX-BJ" in entry.sources
    if suffix in DISPUTED_ELSEWHERE:
        assert entry.verdict is Verdict.DISPUTED and any(c.source == "TX-BJ" and c.says is Claim.FILEABLE for c in entry.claims)
    else:
        assert entry.verdict is Verdict.FILEABLE


@pytest.mark.parametrize("suffix", BEIJING_2019_NOT_FILEABLE)
def test_beijing_2019_not_fileable_suffixes_are_present(table: suffixes.SuffixTable, suffix: str) -> None:
    entry = table.entries[suffix[1:]]
    assert "TX-BJ" in entry.sources
    if suffix in DISPUTED_ELSEWHERE:
        assert any(c.source == "TX-BJ" and c.says is Claim.NOT_FILEABLE for c in entry.claims)
    else:
        assert entry.verdict is Verdict.NOT_FILEABLE


def test_the_beijing_list_here_is_the_one_in_the_reference() -> None:
    if not FACTS.is_file():
        pytest.skip("shared/reference is not beside this checkout")
    section = FACTS.read_text(encoding="utf-8").split("## 2. Domain suffixes", 1)[1].split("\n## ", 1)[0]
    fileable = section.split("可以备案的域名后缀\":", 1)[1].split("; **not fileable**", 1)[0]
    not_fileable = section.split("**not fileable**:", 1)[1].split("等", 1)[0]
    assert fileable.split() == BEIJING_2019_FILEABLE
    assert not_fileable.split() == BEIJING_2019_NOT_FILEABLE


def test_the_public_suffix_list_source_is_dated_by_the_installed_package() -> None:
    from importlib.metadata import version

    stamp = version("publicsuffixlist").rsplit(".", 1)[1]
    assert dc.suffix_table().sources["PSL"].date == f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:]}"


def _parse(document: dict[str, Any]) -> suffixes.SuffixTable:
    known = read_sources([], read_documents()["sources.toml"])
    return suffixes.parse(document, known)


def _minimal() -> dict[str, Any]:
    statement = {"text": "t", "sources": ["seed"], "as_of": "undated", "confidence": "medium"}
    return {
        "authority": {**statement, "url": "https://domain.miit.gov.cn/"},
        "explanations": {key: dict(statement) for key in suffixes.EXPLANATIONS},
        "suffixes": {"com": {**statement, "verdict": "fileable"}},
    }


def test_a_minimal_table_parses() -> None:
    assert list(_parse(_minimal()).entries) == ["com"]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda d: d["suffixes"]["com"].update(sources=["NOPE"]), "suffixes.toml: suffix 'com': unknown source 'NOPE'"),
        (lambda d: d["suffixes"]["com"].update(verdict="maybe"), "suffixes.toml: suffix 'com': 'verdict' is 'maybe'"),
        (lambda d: d["suffixes"]["com"].update(verdict="unknown"), "suffixes.toml: suffix 'com': 'unknown' is what"),
        (lambda d: d["suffixes"]["com"].update(as_of="2019"), "suffixes.toml: suffix 'com': 'as_of' is '2019' but none"),
        (lambda d: d["suffixes"]["com"].update(sources=["A19"], as_of="2018"), "'as_of' is '2018'; the newest of its sources"),
        (lambda d: d["suffixes"]["com"].update(verdict="disputed"), "a disputed suffix lists [[claims]] on both sides"),
        (
            lambda d: d["suffixes"]["com"].update(verdict="disputed", claims=[
                {"source": "seed", "says": "fileable", "text": "x"}, {"source": "A19", "says": "not_fileable", "text": "y"}]),
            "claim by 'A19', which is not among the entry's sources",
        ),
        (lambda d: d["suffixes"]["com"].update(colour="red"), "suffixes.toml: suffix 'com': unknown key 'colour'"),
        (lambda d: d["explanations"].pop("subdomain"), "suffixes.toml: missing [explanations.subdomain]"),
        (lambda d: d["authority"].update(confidence="total"), "suffixes.toml: [authority]: 'confidence' is 'total'"),
    ],
)
def test_table_problems_name_the_file_and_the_key(edit: Any, expected: str) -> None:
    document = _minimal()
    edit(document)
    with pytest.raises(ContentError) as caught:
        _parse(document)
    assert any(expected in p for p in caught.value.problems), caught.value.problems


@pytest.mark.parametrize(
    ("key", "expected"), [("COM", "write it as 'com'"), (".com", "not a suffix"), ("nope", "not in the Public Suffix")]
)
def test_a_key_the_check_would_never_find_is_a_problem(key: str, expected: str) -> None:
    document = _minimal()
    document["suffixes"] = {key: document["suffixes"]["com"]}
    problems = dc.key_problems(_parse(document))
    assert len(problems) == 1 and expected in problems[0] and f"suffix '{key}'" in problems[0]


def test_the_tree_page_never_reads_the_suffix_table_or_the_list() -> None:
    code = (
        "import sys, json, decision_tree.web, decision_tree.loader as l; l.load();"
        "print(json.dumps(sorted(m for m in sys.modules if 'suffix' in m or m.startswith('decision_tree.tools'))))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(proc.stdout) == []


def test_the_check_loads_no_build_time_module() -> None:
    from tests.test_layers import BUILD_ONLY, loaded_by

    loaded = loaded_by("decision_tree.tools.domain_check, decision_tree.tools.domain_view")
    assert [m for m in loaded if any(m == b or m.startswith(b + ".") for b in BUILD_ONLY)] == []
    assert "publicsuffixlist" in loaded
