"""The content in each language (decision_tree.localize): the Chinese text takes its key's place, a
missing translation is a named problem, and no reader-facing text of the Chinese content is English."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decision_tree import localize
from decision_tree.errors import ContentError
from decision_tree.loader import load, parse, read_documents
from decision_tree.model import Content
from decision_tree.tools.domain_check import suffix_table

CJK = re.compile(r"[\u3400-\u9fff]")
# Chinese writing: ideographs, or at least Chinese punctuation ("UCloud，2024" is the Chinese name of a source).
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def test_the_chinese_text_takes_the_place_of_the_english() -> None:
    outcome = {"why": "Because.", "why_zh": "因为。", "steps": ["A", "B"], "steps_zh": ["甲", "乙"]}
    docs = {"outcomes.toml": {"outcomes": {"x": outcome}}}
    zh, problems = localize.localize(docs, "zh")
    assert problems == []
    assert zh["outcomes.toml"]["outcomes"]["x"]["why"] == "因为。"
    assert zh["outcomes.toml"]["outcomes"]["x"]["steps"] == ["甲", "乙"]
    # The Chinese keys are emptied: the text itself is Chinese now, and shows no gloss beside it.
    assert zh["outcomes.toml"]["outcomes"]["x"]["why_zh"] == "" and zh["outcomes.toml"]["outcomes"]["x"]["steps_zh"] == []
    en, problems = localize.localize(docs, "en")
    assert problems == [] and en == docs
    assert docs["outcomes.toml"]["outcomes"]["x"]["why"] == "Because."  # the input is left as it was


def test_a_missing_or_misshapen_translation_is_named_by_file_and_key() -> None:
    docs = {
        "tree.toml": {"questions": {"goal": {"text": "What?", "help": "Help.", "choices": [{"label": "One"}]}}},
        "outcomes.toml": {"outcomes": {"x": {"steps": ["A", "B"], "steps_zh": ["甲"]}}},
    }
    _, problems = localize.localize(docs, "zh")
    assert problems == [
        "tree.toml: questions.goal.text: no Chinese text ('text_zh' is missing or empty)",
        "tree.toml: questions.goal.help: no Chinese text ('help_zh' is missing or empty)",
        "tree.toml: questions.goal.choices[1].label: no Chinese text ('label_zh' is missing or empty)",
        "outcomes.toml: outcomes.x.steps: 'steps_zh' must be a list of 2 texts, like 'steps'",
    ]


def test_string_tables_are_translated_as_a_whole() -> None:
    docs = {"regions.toml": {"topics": {"phone": "Phones", "domain": "Domains"}, "topics_zh": {"phone": "电话", "extra": "多"}}}
    zh, problems = localize.localize(docs, "zh")
    assert problems == [
        "regions.toml: [topics_zh]: no Chinese text for domain",
        "regions.toml: [topics_zh]: extra not in [topics]",
    ]
    assert zh["regions.toml"]["topics"] == {"phone": "电话", "domain": "Domains"}
    assert "topics_zh" not in zh["regions.toml"]
    _, problems = localize.localize({"regions.toml": {"topics": {"phone": "Phones"}}}, "zh")
    assert problems == ["regions.toml: [topics]: no Chinese table [topics_zh]"]


def test_a_chinese_field_that_is_not_a_translation_is_kept() -> None:
    # A province has name_zh and name_en, and no "name": its Chinese name is data, not a translation.
    docs = {"regions.toml": {"provinces": {"beijing": {"name_zh": "北京", "name_en": "Beijing"}}}}
    zh, problems = localize.localize(docs, "zh")
    assert problems == [] and zh == docs


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="no content language 'fr'"):
        localize.localize({}, "fr")
    with pytest.raises(ContentError, match="no content language 'fr'"):
        load("fr")


def test_the_loader_reports_every_missing_translation_at_once() -> None:
    documents = read_documents()
    tree = dict(documents["tree.toml"])
    questions = {k: dict(v) for k, v in tree["questions"].items()}
    del questions["goal"]["text_zh"]
    documents = {**documents, "tree.toml": {**tree, "questions": questions}}
    with pytest.raises(ContentError) as err:
        parse(documents, "zh")
    assert "tree.toml: questions.goal.text: no Chinese text ('text_zh' is missing or empty)" in err.value.problems
    assert parse(documents, "en").questions["goal"].text_zh == ""


# --- the shipped content -------------------------------------------------------------------------


def reader_texts(content: Content) -> Iterator[tuple[str, str]]:
    """Every text of the content a reader sees, with where it is."""
    for q in content.questions.values():
        yield f"question {q.id}", q.text
        if q.help:
            yield f"question {q.id} help", q.help
        for c in q.choices:
            if q.kind.value != "province":
                yield f"choice {q.id}.{c.id}", c.label
            if c.hint:
                yield f"hint {q.id}.{c.id}", c.hint
    for o in content.outcomes.values():
        yield f"outcome {o.id} title", o.title
        yield f"outcome {o.id} why", o.why
        yield f"outcome {o.id} next step", o.next_step
        yield from ((f"outcome {o.id} step", s) for s in o.steps)
        yield from ((f"outcome {o.id} material", m.text) for m in o.materials)
        yield from ((f"outcome {o.id} warning", w.text) for w in o.warnings)
    for p in content.provinces.values():
        yield from ((f"{p.id} caveat", c.text) for c in p.caveats)
        if p.note:
            yield f"{p.id} note", p.note
    for key, s in content.sources.items():
        yield f"source {key} name", s.name
        yield f"source {key} title", s.title
    yield from ((f"topic {k}", v) for k, v in content.topics.items())
    yield from ((f"kind {k}", v) for k, v in content.outcome_kinds.items())
    yield from ((f"link {k}", link.title) for k, link in content.links.items())
    for change in content.changes:
        yield f"change {change.date}", change.title
        yield f"change {change.date}", change.text
    yield from ((f"retired {r.question}", r.reason) for r in content.retired)


def test_every_reader_text_of_the_chinese_content_is_chinese() -> None:
    en, zh = load("en"), load("zh")
    english = dict(reader_texts(en))
    texts = list(reader_texts(zh))
    assert len(texts) == len(list(reader_texts(en)))
    not_chinese = [(where, text) for where, text in texts if not CHINESE.search(text)]
    assert not_chinese == []
    same = [where for where, text in texts if english.get(where) == text]
    assert same == []


def test_both_languages_walk_the_same_tree() -> None:
    en, zh = load("en"), load("zh")
    assert zh.lang == "zh" and en.lang == "en"
    assert zh.routing == en.routing  # one answer code, whichever the language
    assert {q: [c.id for c in v.choices] for q, v in zh.questions.items()} == {
        q: [c.id for c in v.choices] for q, v in en.questions.items()
    }
    for o in en.outcomes.values():
        z = zh.outcomes[o.id]
        assert (len(z.steps), len(z.materials), len(z.warnings)) == (len(o.steps), len(o.materials), len(o.warnings))
        assert [w.sources for w in z.warnings] == [w.sources for w in o.warnings]
    for p in en.provinces.values():
        assert [(c.topic, c.sources, c.as_of, c.confidence) for c in zh.provinces[p.id].caveats] == [
            (c.topic, c.sources, c.as_of, c.confidence) for c in p.caveats
        ]


def test_the_suffix_table_is_in_both_languages() -> None:
    en, zh = suffix_table("en"), suffix_table("zh")
    assert en.entries.keys() == zh.entries.keys()
    for key, entry in zh.entries.items():
        assert CJK.search(entry.text), key
        assert entry.verdict == en.entries[key].verdict
        assert all(CJK.search(claim.text) for claim in entry.claims), key
    assert CJK.search(zh.authority.text)


def test_a_new_text_needs_its_chinese_unless_its_key_is_listed() -> None:
    """Nobody has to remember to register a key: a text under a key no one listed is presumed reader-facing."""
    outcome = {"why": "Because.", "why_zh": "因为。", "summary": "In short.", "sources": ["seed"], "as_of": "2024"}
    _, problems = localize.localize({"outcomes.toml": {"outcomes": {"x": outcome}}}, "zh")
    assert problems == ["outcomes.toml: outcomes.x.summary: no Chinese text ('summary_zh' is missing or empty)"]
    zh, problems = localize.localize({"outcomes.toml": {"outcomes": {"x": {**outcome, "summary_zh": "简言之。"}}}}, "zh")
    assert problems == []
    assert zh["outcomes.toml"]["outcomes"]["x"]["summary"] == "简言之。"
    assert zh["outcomes.toml"]["outcomes"]["x"]["sources"] == ["seed"] and zh["outcomes.toml"]["outcomes"]["x"]["as_of"] == "2024"


def test_a_listed_key_holding_a_table_is_read_like_any_other() -> None:
    # changes.toml's "outcomes" lists ids; outcomes.toml's [outcomes] holds texts to translate.
    docs = {"outcomes.toml": {"outcomes": {"x": {"why": "Because."}}}, "changes.toml": {"changes": [{"outcomes": ["x"]}]}}
    zh, problems = localize.localize(docs, "zh")
    assert problems == ["outcomes.toml: outcomes.x.why: no Chinese text ('why_zh' is missing or empty)"]
    assert zh["changes.toml"] == docs["changes.toml"]
    # A table of ids is kept whole, whatever its keys.
    router = {"routers": {"r": {"question": "q", "routes": {"yes": "new_website", "no": "new_filing"}}}}
    zh, problems = localize.localize({"tree.toml": router}, "zh")
    assert problems == [] and zh["tree.toml"] == router


def _content_keys() -> tuple[set[str], set[str]]:
    """The keys of the reader-facing files that hold a text, and those that hold a table."""
    import tomllib
    from importlib import resources

    texts: set[str] = set()
    tables: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if localize._is_text(item):
                    texts.add(key)
                elif isinstance(item, dict):
                    tables.add(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for name in localize.FILES:
        walk(tomllib.loads((resources.files("decision_tree.content") / name).read_text(encoding="utf-8")))
    return texts, tables


def test_every_listed_key_is_in_the_content_and_says_why() -> None:
    """The lists name what the content holds, each with its reason: an entry nothing uses is removed."""
    texts, tables = _content_keys()
    assert sorted(set(localize.NOT_TRANSLATED) - texts) == []
    assert sorted(set(localize.ID_TABLES) - tables) == []
    assert all(reason.strip() for reason in (*localize.NOT_TRANSLATED.values(), *localize.ID_TABLES.values()))


KEY = st.from_regex(r"[a-z][a-z_]{0,12}", fullmatch=True).filter(
    lambda k: k not in localize.NOT_TRANSLATED and k not in localize.TABLES and not k.endswith(localize.SUFFIX)
)


@given(st.dictionaries(KEY, st.text(min_size=1).filter(str.strip), min_size=1))
def test_any_table_with_every_translation_has_no_problem(table: dict[str, str]) -> None:
    translated = {**table, **{localize.zh_key(k): f"中{v}" for k, v in table.items()}}
    zh, problems = localize.localize({"links.toml": {"links": {"x": translated}}}, "zh")
    assert problems == []
    assert {k: zh["links.toml"]["links"]["x"][k] for k in table} == {k: f"中{v}" for k, v in table.items()}
    _, problems = localize.localize({"links.toml": {"links": {"x": table}}}, "zh")
    assert len(problems) == len(table)


# --- the numbers of a text survive its translation -------------------------------------------------

NUMBER = re.compile(r"\d+(?:[.\-:]\d+)*")
_DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九")}


def _chinese_numeral(text: str) -> int:
    """二十三 -> 23, 十二 -> 12, 七 -> 7 (up to 99: article numbers)."""
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)
    return _DIGITS[text]


def numbers(text: str, lang: str) -> set[str]:
    """The numbers a text states, written as digits: "5,000" is 5000, "第二十二条" is 22, "1万" is 10000."""
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    if lang == "en":
        text = re.sub(r"(\d+) million", lambda m: str(int(m.group(1)) * 1_000_000), text)
        # A Chinese quotation in the English ("(2019年01月01日起…)") is said once, in the Chinese text's own words.
        text = re.sub(r"\([^()]*[\u3400-\u9fff][^()]*\)", "", text)
    else:
        numeral = "[一二三四五六七八九十]+"
        text = re.sub(
            rf"第((?:{numeral}[、及和]第?)*{numeral})条",
            lambda m: re.sub(numeral, lambda n: str(_chinese_numeral(n.group(0))), m.group(0)),
            text,
        )
        text = re.sub(r"(\d+)\s*万", lambda m: str(int(m.group(1)) * 10_000), text)
    return set(NUMBER.findall(text))


def test_numbers_are_read_in_both_languages() -> None:
    assert numbers("fined 5,000 to 10,000 yuan (art. 22, 23)", "en") == {"5000", "10000", "22", "23"}
    assert numbers("capital of 1 million yuan (注册资金100万元)", "en") == {"1000000"}
    assert numbers("注册资金在100万元或以上", "zh") == {"1000000"}
    assert numbers("处5000元以上1万元以下罚款（第二十二条、第二十三条）", "zh") == {"5000", "10000", "22", "23"}
    assert numbers("引用第33号令第七、二十二、二十三条", "zh") == {"33", "7", "22", "23"}


def _pairs(document: dict[str, object]) -> Iterator[tuple[str, str, str]]:
    """(where, English, Chinese) for every translated text of a parsed content file, a list's texts one by one."""
    for where, _, en, zh in localize.pairs(document):
        english = en if isinstance(en, list) else [en]
        chinese = zh if isinstance(zh, list) else [zh]
        yield from ((where, a, b) for a, b in zip(english, chinese, strict=False))


def test_every_number_and_date_of_a_text_is_in_its_chinese_version() -> None:
    """A dropped date, count or amount in a translation is a wrong answer: the Chinese states them all."""
    import tomllib
    from importlib import resources

    missing = []
    for name in localize.FILES:
        data = tomllib.loads((resources.files("decision_tree.content") / name).read_text(encoding="utf-8"))
        for where, en, zh in _pairs(data):
            lost = numbers(en, "en") - numbers(zh, "zh")
            if lost:
                missing.append(f"{name}: {where}: {sorted(lost)}")
    assert missing == []
