"""The message catalog: every text the code asks for exists, every text in it is used, and a missing
text or a wrong placeholder fails loudly instead of showing half a sentence."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from decision_tree import MessageError, glossary
from decision_tree.markup import fill
from decision_tree.messages import LANGUAGES, Messages, messages, parse, placeholders
from decision_tree.pages import content_snapshot

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "decision_tree").rglob("*.py"))
# The page scripts (boot.js, runtime.js, tools.js) share the catalog's "boot" table.
SCRIPTS = sorted((ROOT / "docs" / "assets" / "tree").glob("*.js")) + sorted((ROOT / "docs" / "assets" / "tree").glob("*.mjs"))
SECTIONS = {key.split(".", 1)[0] for key in messages().texts}
_LITERAL = re.compile(r"""["']([a-z_]+(?:\.[a-z_{}.]+)+)["']""")


def asked_for() -> set[str]:
    """Every catalog key the code names: literal keys, f-string patterns (with {…}), the page scripts' t("…")."""
    found = set()
    for file in SOURCES:
        for key in _LITERAL.findall(file.read_text(encoding="utf-8")):
            if key.split(".", 1)[0] in SECTIONS and key.rsplit(".", 1)[1] not in ("toml", "json", "md", "py", "js"):
                found.add(key)
    for script in SCRIPTS:
        found |= {f"boot.{key}" for key in re.findall(r'\b(?:t|Failure)\("([a-z_]+)"', script.read_text(encoding="utf-8"))}
    return found


def _pattern(key: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\\{[^}]*\\\}", "[a-z_]+", re.escape(key)) + r"(\.(one|other))?")


def test_every_key_the_code_asks_for_is_in_the_catalog() -> None:
    texts = messages().texts
    missing = [key for key in asked_for() if not any(_pattern(key).fullmatch(t) for t in texts)]
    assert missing == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_back_marks_an_answer_with_the_words_python_marks_it_with(lang: str) -> None:
    m = messages(lang)
    assert m("boot.your_answer") == m("tree.your_answer")


def test_every_text_in_the_catalog_is_used() -> None:
    patterns = [_pattern(key) for key in asked_for()]
    unused = [key for key in messages().texts if not any(p.fullmatch(key) for p in patterns)]
    assert unused == [], "remove these texts or use them"


def missing_keys(reference: Messages, other: Messages) -> list[str]:
    """The keys of ``reference`` that ``other`` lacks, and the ones it has that ``reference`` does not."""
    return sorted(set(reference.texts) ^ set(other.texts))


def placeholder_mismatches(reference: Messages, other: Messages) -> list[str]:
    """The keys both catalogs have whose texts take different placeholders."""
    both = set(reference.texts) & set(other.texts)
    return sorted(k for k in both if placeholders(reference.texts[k]) != placeholders(other.texts[k]))


# The zh texts that are the en text on purpose: nothing in them is a word (placeholders, an arrow,
# a dash, the 号 of a filing number); the test lists them, so a new one is a decision, not a slip.
SAME_IN_BOTH = {
    "boot.title": "{title} – {site}",
    "walkthrough.route": "{choice} → {title}",
    "regions.number_pattern": "{prefix}ICP备…号",
    "number.value.licence_ending": "-{serial}",
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_every_key(lang: str) -> None:
    assert missing_keys(messages("en"), messages(lang)) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_the_same_placeholders_per_key(lang: str) -> None:
    assert placeholder_mismatches(messages("en"), messages(lang)) == []


def test_the_comparisons_find_a_missing_key_and_a_placeholder_mismatch() -> None:
    en = Messages("en", {"a.b": "Hello {name}", "c.d": "Bye"})
    assert missing_keys(en, Messages("zh", {"a.b": "你好{name}"})) == ["c.d"]
    assert placeholder_mismatches(en, Messages("zh", {"a.b": "你好{who}", "c.d": "再见"})) == ["a.b"]


def test_the_chinese_catalog_is_translated() -> None:
    en, zh = messages("en").texts, messages("zh").texts
    same = {key: text for key, text in zh.items() if en.get(key) == text}
    assert same == SAME_IN_BOTH
    # Every other text is written in Chinese (at the least its punctuation), not left in English.
    cjk = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")  # ideographs, Chinese punctuation
    assert [key for key, text in zh.items() if key not in SAME_IN_BOTH and not cjk.search(text)] == []


def test_the_chinese_catalog_uses_the_glossarys_terms() -> None:
    text = (ROOT / "decision_tree" / "content" / "messages" / "zh.toml").read_text(encoding="utf-8")
    assert glossary.term_problems(glossary.load(), "messages/zh.toml", tomllib.loads(text)) == []


def test_the_snapshot_holds_every_language() -> None:
    assert set(content_snapshot.make()["messages"]) == set(LANGUAGES) == {"en", "zh"}


def test_a_missing_key_or_a_wrong_placeholder_fails_loudly() -> None:
    m = Messages("en", {"a.b": "Hello {name}", "c.d": "No placeholders"})
    assert m("a.b", name="you") == "Hello you"
    with pytest.raises(MessageError, match=r"has no text 'a\.x'"):
        m("a.x")
    with pytest.raises(MessageError, match=r"'a.b' takes \['name'\], was given none"):
        m("a.b")
    with pytest.raises(MessageError, match=r"'c.d' takes no placeholders, was given \['extra'\]"):
        m("c.d", extra=1)
    with pytest.raises(MessageError, match="no message catalog for language 'xx'"):
        messages("xx")
    with pytest.raises(MessageError, match="must be a string or a table"):
        parse("en", "a = 1")


def test_fill_escapes_the_catalogs_words_but_not_the_html_put_in() -> None:
    m = Messages("en", {"k.v": "A & B's <{link}>"})
    assert fill(m, "k.v", link="<a href='x'>x</a>") == "A &amp; B&#x27;s &lt;<a href='x'>x</a>&gt;"


def test_plural_picks_one_or_other() -> None:
    m = messages()
    assert m.plural("sources.cited", 1).startswith("cited 1 time ")
    assert m.plural("sources.cited", 3).startswith("cited 3 times ")


def test_the_readme_states_the_catalogs_disclaimer() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert messages()("disclaimer.short") in " ".join(readme.split())
