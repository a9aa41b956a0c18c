"""Which Chinese texts were reviewed against the English they translate, as that English is today.

Every Chinese text has an English one it says the same as: a content file's ``<key>_zh`` (and each
entry of ``[kinds_zh]`` / ``[topics_zh]``, the glossary's ``definition_zh`` …), a text of the Chinese
message catalog, a page of docs-zh/. When the English changes, nothing in the Chinese does, so a
record keeps, for each Chinese text, a fingerprint (a short hash) of its English as it was when the
Chinese was last reviewed: ``translations.json`` at the checkout's root, beside the two editions'
folders, outside the package (neither the wheel nor the browser's bundle has any use for it).

``review()`` compares the record with the English as it is, and names every Chinese text whose English
changed, every text not reviewed yet, and every record of a text that no longer exists;
``python -m decision_tree check`` fails on any of them, and ``python -m decision_tree translations
--reviewed KEY …`` records a text as reviewed once its Chinese says what its English says.

Fingerprints, not git dates: they need no history, so the check says the same in a shallow clone, a
tarball or a commit not yet made, and a reformatted file flags nothing while its texts are the same.
Git is only asked for the hint of what changed (``git diff <the commit that recorded the review>``),
which a shallow clone may not reach; the hint then shows the file's whole log.

A text in a list (a caveat, a material, a choice) is named by its place, as ``localize`` names it
(``caveats[3]``); when one is added, removed or moved, the texts after it keep their review: one whose
English was reviewed at another place of the same list, a place that no longer holds it, has moved.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import localize
from ..messages import parse
from . import bundle, editions, provinces

# The checkout the command line reviews: the record and both editions' pages are there.
CHECKOUT = bundle.CHECKOUT
RECORD = "translations.json"
CONTENT = "decision_tree/content"
# The files whose Chinese texts sit beside their English (the glossary's fields are its own, but follow the rule).
CONTENT_FILES = (*localize.FILES, "glossary.toml")
CATALOGS = {"en": f"{CONTENT}/messages/en.toml", "zh": f"{CONTENT}/messages/zh.toml"}
# `make bench` writes its table, in English, into both performance pages: a new run is nothing to translate.
_BENCH = re.compile(r"<!-- bench:start -->.*?<!-- bench:end -->", re.S)
# A key's last place in a list ("caveats[3]" of "provinces.beijing.caveats[3].text_zh"): a text moved
# within that list is looked for at its other places.
_INDEX = re.compile(r"\[\d+\](?=[^\[]*$)")


@dataclass(frozen=True)
class Text:
    """One Chinese text, and the English it translates as it is now."""

    key: str  # "tree.toml:questions.goal.text_zh", "messages/zh.toml:tree.back", "docs-zh/overview.md"
    english: str  # where its English is: "tree.toml:questions.goal.text", "messages/en.toml:tree.back", "docs/overview.md"
    source: str  # the English's file in the checkout, for git
    fingerprint: str


@dataclass(frozen=True)
class Review:
    changed: tuple[Text, ...]  # its English changed since the Chinese was reviewed
    new: tuple[Text, ...]  # never reviewed
    gone: tuple[str, ...]  # recorded, but no such text any more

    def __bool__(self) -> bool:
        return bool(self.changed or self.new or self.gone)


def fingerprint(english: object) -> str:
    text = english if isinstance(english, str) else json.dumps(english, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _content_texts(root: Path) -> Iterable[Text]:
    for name in CONTENT_FILES:
        file = root / CONTENT / name
        if not file.is_file():
            continue
        document = tomllib.loads(file.read_text(encoding="utf-8"))
        for english, chinese, value, _ in localize.pairs(document):
            yield Text(f"{name}:{chinese}", f"{name}:{english}", f"{CONTENT}/{name}", fingerprint(value))


def _catalog_texts(root: Path) -> Iterable[Text]:
    files = {lang: root / path for lang, path in CATALOGS.items()}
    if not all(f.is_file() for f in files.values()):
        return
    en, zh = (parse(lang, files[lang].read_text(encoding="utf-8")).texts for lang in ("en", "zh"))
    en_name, zh_name = (path.removeprefix(CONTENT + "/") for path in (CATALOGS["en"], CATALOGS["zh"]))
    for key in zh:
        if key in en:
            yield Text(f"{zh_name}:{key}", f"{en_name}:{key}", CATALOGS["en"], fingerprint(en[key]))


def _page_texts(root: Path) -> Iterable[Text]:
    en, zh = editions.EDITIONS["en"], editions.EDITIONS["zh"]
    if not in_checkout(root):
        return
    # The province pages are written from the catalog and regions.toml, whose texts are reviewed there.
    written = {path.partition("/")[2] for path in provinces.paths()}
    for page in sorted(editions.pages(root / en) & editions.pages(root / zh) - written):
        text = _BENCH.sub("", (root / en / page).read_text(encoding="utf-8"))
        yield Text(f"{zh}/{page}", f"{en}/{page}", f"{en}/{page}", fingerprint(text))


def in_checkout(root: Path) -> bool:
    """Whether ``root`` holds both editions' pages (a checkout), not only the package (an installed wheel)."""
    return all((root / folder).is_dir() for folder in editions.EDITIONS.values())


def texts(root: Path) -> dict[str, Text]:
    """Every Chinese text under ``root``, by its key, with the fingerprint of its English as it is."""
    found = [*_content_texts(root), *_catalog_texts(root), *_page_texts(root)]
    return {t.key: t for t in found}


def read_record(root: Path) -> dict[str, str] | None:
    """The record of reviews (key -> fingerprint), or None where there is none."""
    file = root / RECORD
    if not file.is_file():
        return None
    data = json.loads(file.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


def write_record(record: Mapping[str, str], root: Path) -> None:
    # One entry a line, sorted: a review is a one-line diff, and git finds the commit that made it.
    text = json.dumps(dict(sorted(record.items())), ensure_ascii=False, indent=1)
    (root / RECORD).write_text(text + "\n", encoding="utf-8")


def _list_of(key: str) -> str | None:
    """``…caveats[*].text_zh`` for ``…caveats[3].text_zh``: the key of any text at the same list's places."""
    return _INDEX.sub("[*]", key) if _INDEX.search(key) else None


def _settled(current: Mapping[str, Text], record: Mapping[str, str]) -> dict[str, str]:
    """The texts whose English is as reviewed: at their own place, or moved within their list."""
    moved: dict[tuple[str, str], int] = {}
    for key, recorded in record.items():
        here = current.get(key)
        list_key = _list_of(key)
        # A place that no longer holds the English reviewed there: that English may have moved.
        if list_key and (here is None or here.fingerprint != recorded):
            moved[(list_key, recorded)] = moved.get((list_key, recorded), 0) + 1
    settled = {}
    for key, text in current.items():
        if record.get(key) == text.fingerprint:
            settled[key] = text.fingerprint
            continue
        list_key = _list_of(key)
        if list_key and moved.get((list_key, text.fingerprint), 0) > 0:
            moved[(list_key, text.fingerprint)] -= 1
            settled[key] = text.fingerprint
    return settled


def review(root: Path, record: Mapping[str, str] | None = None) -> Review:
    """What to review: the Chinese texts whose English is not as it was reviewed, and records of nothing."""
    current = texts(root)
    record = read_record(root) if record is None else record
    record = record or {}
    settled = _settled(current, record)
    unsettled = [t for key, t in current.items() if key not in settled]
    in_lists = {(_list_of(key), t.fingerprint) for key, t in current.items() if _list_of(key)}

    def edited(text: Text) -> bool:
        # Reviewed at this place, with an English no place of its list holds now: this one was edited.
        # If another place holds it, that text moved there, and this place holds a new one.
        recorded = record.get(text.key)
        return recorded is not None and (_list_of(text.key), recorded) not in in_lists

    return Review(
        changed=tuple(t for t in unsettled if edited(t)),
        new=tuple(t for t in unsettled if not edited(t)),
        gone=tuple(sorted(key for key in record if key not in current)),
    )


class UnknownKey(ValueError):
    """A key that names no Chinese text and no record."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        super().__init__(", ".join(keys))


def mark_reviewed(keys: Iterable[str] | None, root: Path) -> int:
    """Records the texts ``keys`` names (every text, if None) as reviewed against their English as it
    is, and forgets the records among them of texts that no longer exist. Returns how many it
    recorded or forgot; raises UnknownKey (writing nothing) for a key that is neither."""
    current = texts(root)
    record = read_record(root) or {}
    wanted = list(current) if keys is None else list(dict.fromkeys(keys))
    unknown = [k for k in wanted if k not in current and k not in record]
    if unknown:
        raise UnknownKey(unknown)
    # Texts that moved in their list are recorded at their new places, so that a review of a text
    # at a place one of them left does not take the others' reviews with it.
    updated = {**record, **_settled(current, record)}
    for key in wanted:
        if key in current:
            updated[key] = current[key].fingerprint
        else:
            updated.pop(key, None)
    if keys is None:
        updated = {k: v for k, v in updated.items() if k in current}
    write_record(updated, root)
    return len(wanted)


def review_commits(root: Path) -> dict[tuple[str, str], str]:
    """(key, fingerprint) -> the short commit that recorded it, newest first; {} without git history."""
    try:
        log = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "-p", "-U0", "--format=%x00%h", "--no-ext-diff", "--", RECORD],
            cwd=root, capture_output=True, text=True, check=False, timeout=60,
        )
    except OSError:
        return {}
    found: dict[tuple[str, str], str] = {}
    commit = ""
    for line in log.stdout.splitlines() if log.returncode == 0 else ():
        if line.startswith("\0"):
            commit = line[1:]
        elif line.startswith("+") and not line.startswith("+++") and ": " in line:
            try:
                entry = json.loads("{" + line[1:].strip().rstrip(",") + "}")
            except ValueError:
                continue
            for key, value in entry.items():
                found.setdefault((key, str(value)), commit)
    return found


def what_changed(text: Text, recorded: str, commits: Mapping[tuple[str, str], str]) -> str:
    """A git command that shows how the English changed since the Chinese was reviewed."""
    commit = commits.get((text.key, recorded))
    return f"git diff {commit} -- {text.source}" if commit else f"git log -p -- {text.source}"
