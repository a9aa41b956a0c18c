"""Check a domain for filing: the registrable domain, its Unicode and ASCII forms, and what the
sources say about its suffix.

What is filed is the registrable domain, the name bought from a registrar, so the name is cut at
the Public Suffix List's ICANN section: the suffixes registries sell names under. Its private
section (``github.io``, cloud providers' hosting domains) lists domains a company holds and gives
out names under; a name under one is reported, but the registrable domain stays the company's,
because the company is the holder a filing would need. The list ships with ``publicsuffixlist``
and is read from the installed package, never downloaded; everything here is pure Python with no
sockets, threads or subprocesses, so it runs the same under Pyodide.

Names are normalised as browsers do before they are checked: full-width and ideographic dots
(``。．｡``) and full-width letters are read as their usual forms and letters are lower-cased, then
each label goes through IDNA 2003 (the standard library's ``encodings.idna``: nameprep, then
punycode). IDNA 2003 handles the Chinese names registries sell (the tests compare it with the
``idna`` package's IDNA 2008); its one laxity that matters here, symbols and punctuation in a label,
is closed by allowing only letters, marks and digits, as IDNA 2008 does. Normalising and the
allowed characters use Unicode 3.2 data, which every Python has, so CPython and Pyodide agree.

Pasted URLs are forgiven: the scheme, user-info, port, path, query, fragment, trailing dot and
surrounding spaces are removed, each with a note. Anything else that is not a domain raises an
``InputError`` subclass that says what is wrong.
"""

from __future__ import annotations

import enum
import ipaddress
import re
import unicodedata
from dataclasses import dataclass, field
from encodings import idna
from functools import cache
from importlib import resources

from publicsuffixlist import PublicSuffixList

from ..errors import ContentError
from ..messages import InputError
from ..model import SourcedStatement
from .suffixes import SuffixEntry, SuffixTable, Verdict
from .suffixes import table as read_table

MAX_LABEL = 63  # octets of a label in its ASCII form (RFC 1035)
MAX_NAME = 253  # octets of a name in its ASCII form, without the trailing dot
ACE_PREFIX = "xn--"

_UCD = unicodedata.ucd_3_2_0  # the Unicode version IDNA 2003 is defined on, in every Python
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})  # 。 ． ｡ : dots in IDNA (RFC 3490, 3.1)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_PORT = re.compile(r":(\d*)$")
_LDH = re.compile(r"^[a-z0-9-]+$")


# --- errors ---------------------------------------------------------------------------------------


class DomainError(InputError):
    """The text is not a domain that can be checked. Catch this for every way a domain can fail."""


class EmptyDomainError(DomainError):
    def __init__(self) -> None:
        super().__init__("domain.error.empty")


class SpaceInDomainError(DomainError):
    def __init__(self, text: str) -> None:
        super().__init__("domain.error.space", text=text)


class EmptyLabelError(DomainError):
    """Two dots in a row, or a dot at the start."""

    def __init__(self, name: str) -> None:
        super().__init__("domain.error.empty_label", name=name)


class LabelTooLongError(DomainError):
    def __init__(self, label: str, length: int) -> None:
        super().__init__("domain.error.label_too_long", label=label, length=length, limit=MAX_LABEL)


class DomainTooLongError(DomainError):
    def __init__(self, length: int) -> None:
        super().__init__("domain.error.too_long", length=length, limit=MAX_NAME)


class InvalidCharacterError(DomainError):
    def __init__(self, label: str, characters: str) -> None:
        super().__init__("domain.error.invalid_character", label=label, characters=characters)


class HyphenError(DomainError):
    """A label starts or ends with a hyphen."""

    def __init__(self, label: str) -> None:
        super().__init__("domain.error.hyphen", label=label)


class InvalidPunycodeError(DomainError):
    """A label starts with ``xn--`` but is not the ASCII form of any name."""

    def __init__(self, label: str) -> None:
        super().__init__("domain.error.punycode", label=label)


class IPAddressError(DomainError):
    def __init__(self, address: str) -> None:
        super().__init__("domain.error.ip_address", address=address)


class PublicSuffixOnlyError(DomainError):
    """A suffix names are registered under (``com.cn``), not a name that can be registered."""

    def __init__(self, suffix: str) -> None:
        super().__init__("domain.error.suffix_only", suffix=suffix)


class UnknownSuffixError(DomainError):
    """The name ends in something that is not a top-level domain (``localhost``, ``example.internal``)."""

    def __init__(self, suffix: str) -> None:
        super().__init__("domain.error.unknown_suffix", suffix=suffix)


# --- the report -----------------------------------------------------------------------------------


class NoteKind(enum.StrEnum):
    """Something removed from or changed in the text before it was checked."""

    WHITESPACE = "whitespace"
    SCHEME = "scheme"
    USERINFO = "userinfo"
    PORT = "port"
    PATH = "path"
    QUERY = "query"
    FRAGMENT = "fragment"
    TRAILING_DOT = "trailing_dot"
    FULL_WIDTH = "full_width"


@dataclass(frozen=True)
class Note:
    kind: NoteKind
    removed: str  # what was removed, or for FULL_WIDTH the characters that were read differently

    @property
    def key(self) -> str:
        return f"domain.note.{self.kind.value}"

    @property
    def params(self) -> dict[str, str]:
        """The message's placeholders: what was removed, except spaces (which cannot be shown) and the final dot."""
        return {} if self.kind in (NoteKind.WHITESPACE, NoteKind.TRAILING_DOT) else {"removed": self.removed}


@dataclass(frozen=True)
class Name:
    """A domain name (or a part of one) in both of its forms."""

    unicode: str
    ascii: str

    @property
    def is_idn(self) -> bool:
        """Whether the two forms differ: a name with Chinese (or other non-ASCII) characters."""
        return self.unicode != self.ascii


@dataclass(frozen=True)
class DomainReport:
    input: str
    name: Name
    registrable: Name  # what is filed
    suffix: Name  # the public suffix the registrable domain is registered under
    subdomain: Name | None  # the labels in front of the registrable domain, if any
    private_suffix: Name | None  # a company's domain the name is given out under (PSL private section)
    entry: SuffixEntry | None  # what the sources say about the suffix; None: not in our file
    notes: tuple[Note, ...]
    table: SuffixTable = field(compare=False, repr=False)

    @property
    def unicode(self) -> str:
        return self.name.unicode

    @property
    def ascii(self) -> str:
        return self.name.ascii

    @property
    def verdict(self) -> Verdict:
        return self.entry.verdict if self.entry is not None else Verdict.UNKNOWN

    @property
    def inherited(self) -> bool:
        """The verdict is that of a suffix above the one the name is registered under (``cn`` for ``sh.cn``)."""
        return self.entry is not None and self.entry.suffix != self.suffix.unicode

    @property
    def explanations(self) -> tuple[SourcedStatement, ...]:
        """What the reader should know about this kind of name: subdomain or website, and the exceptions."""
        keys = ["registrable"]
        if self.subdomain is not None and self.private_suffix is None:
            keys.append("subdomain")
            if self.verdict is Verdict.GOVERNMENT:
                keys.append("government_subdomain")
        if self.private_suffix is not None:
            keys.append("private_suffix")
        return tuple(self.table.explanations[k] for k in keys)


# --- the Public Suffix List -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Lists:
    icann: PublicSuffixList
    private: PublicSuffixList


@cache
def _lists() -> _Lists:
    """The list shipped with ``publicsuffixlist``, split at its section markers, parsed once.

    Read with ``importlib.resources`` (the package itself opens a path built from ``__file__``),
    so it also works from a zipped or otherwise unusual install. Suffixes are matched in their
    Unicode form, as the list writes them, which spares encoding every rule to punycode.
    """
    text = (resources.files("publicsuffixlist") / "public_suffix_list.dat").read_text(encoding="utf-8")
    icann: list[str] = []
    private: list[str] = []
    section: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("// ===BEGIN ICANN DOMAINS==="):
            section = icann
        elif line.startswith("// ===BEGIN PRIVATE DOMAINS==="):
            section = private
        elif line.startswith("// ===END "):
            section = None
        elif section is not None:
            section.append(line)
    return _Lists(
        icann=PublicSuffixList(icann, accept_unknown=False, accept_encoded_idn=False),
        private=PublicSuffixList(private, accept_unknown=False, accept_encoded_idn=False),
    )


# --- normalising the input ------------------------------------------------------------------------


def _strip_url(text: str, notes: list[Note]) -> str:
    """The host of a pasted URL or address: everything around it removed, with a note for each part."""
    stripped = text.strip()
    if stripped != text:
        notes.append(Note(NoteKind.WHITESPACE, ""))
    text = stripped
    scheme = _SCHEME.match(text)
    if scheme or text.startswith("//"):  # "//example.com/": an address without its scheme
        end = scheme.end() if scheme else 2
        notes.append(Note(NoteKind.SCHEME, text[:end]))
        text = text[end:]
    for kind, mark in ((NoteKind.FRAGMENT, "#"), (NoteKind.QUERY, "?"), (NoteKind.PATH, "/")):
        text, sep, tail = text.partition(mark)
        if sep:
            notes.append(Note(kind, sep + tail))
    userinfo, sep, text = text.rpartition("@")
    if sep:
        notes.append(Note(NoteKind.USERINFO, userinfo + sep))
    if text.startswith("["):  # an IPv6 address, as URLs write it
        inner = text[1:].partition("]")[0]
        if _is_ip(inner):
            raise IPAddressError(inner)
        raise InvalidCharacterError(text, _bad_characters(text))
    port = _PORT.search(text)
    if port and text.count(":") == 1:
        notes.append(Note(NoteKind.PORT, port.group()))
        text = text[: port.start()]
    return text


def _prepare(text: str, notes: list[Note]) -> str:
    """Full-width forms and ideographic dots read as their usual forms (NFKC, as nameprep does)."""
    mapped = _UCD.normalize("NFKC", text.translate(_DOTS))
    if mapped != text:
        changed = "".join(dict.fromkeys(c for c in text if _UCD.normalize("NFKC", c.translate(_DOTS)) != c))
        notes.append(Note(NoteKind.FULL_WIDTH, changed))
    return mapped


def _label(label: str) -> Name:
    """One label in both forms, or the error that says why it cannot be part of a domain."""
    if label.isascii():
        if not _LDH.match(label):
            raise InvalidCharacterError(label, _bad_characters(label))
        if label.startswith("-") or label.endswith("-"):
            raise HyphenError(label)
        if len(label) > MAX_LABEL:
            raise LabelTooLongError(label, len(label))
        if label.startswith(ACE_PREFIX):
            try:
                decoded = idna.ToUnicode(label)
            except (UnicodeError, ValueError, IndexError, OverflowError):
                raise InvalidPunycodeError(label) from None
            _check_unicode(decoded, shown=label)
            return Name(decoded, label)
        return Name(label, label)
    try:
        prepared = idna.nameprep(label)
    except UnicodeError:  # a prohibited character, or right-to-left letters mixed with others
        raise InvalidCharacterError(label, _bad_characters(label) or label) from None
    if not prepared:
        raise InvalidCharacterError(label, label)
    if prepared.isascii():
        return _label(prepared)
    if prepared.startswith(ACE_PREFIX):  # would read back as the punycode of another name
        raise InvalidPunycodeError(label)
    _check_unicode(prepared, shown=label)
    encoded = ACE_PREFIX + prepared.encode("punycode").decode("ascii")
    if len(encoded) > MAX_LABEL:
        raise LabelTooLongError(label, len(encoded))
    return Name(prepared, encoded)


def _check_unicode(label: str, shown: str) -> None:
    """Letters, marks and digits only, as IDNA 2008 allows (IDNA 2003 would take symbols too)."""
    bad = _bad_characters(label)
    if bad:
        raise InvalidCharacterError(shown, bad)
    if label.startswith("-") or label.endswith("-"):
        raise HyphenError(shown)


def _allowed(c: str) -> bool:
    if c.isascii():
        return c in "abcdefghijklmnopqrstuvwxyz0123456789-"
    return _UCD.category(c)[0] in "LM" or _UCD.category(c) == "Nd"


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _bad_characters(label: str) -> str:
    """The characters of ``label`` a domain cannot contain, each once, in order, spaces shown as such."""
    return "".join(dict.fromkeys(c for c in label if not _allowed(c)))


def normalise(text: str) -> tuple[Name, tuple[Note, ...]]:
    """The domain in ``text`` in both forms, with what was removed or changed on the way."""
    notes: list[Note] = []
    if not text.strip():
        raise EmptyDomainError()
    text = _prepare(text, notes)
    # ASCII letters only: nameprep folds the case of the others, by the same Unicode version everywhere.
    host = "".join(c.lower() if c.isascii() else c for c in _strip_url(text, notes))
    if not host:
        raise EmptyDomainError()
    if any(c.isspace() for c in host):
        raise SpaceInDomainError(host)
    if host.endswith(".") and not host.endswith(".."):
        notes.append(Note(NoteKind.TRAILING_DOT, "."))
        host = host[:-1]
    if _is_ip(host):
        raise IPAddressError(host)
    labels = host.split(".")
    if "" in labels:
        raise EmptyLabelError(host)
    if all(label.isdigit() for label in labels):
        raise IPAddressError(host)
    parts = [_label(label) for label in labels]
    name = Name(".".join(p.unicode for p in parts), ".".join(p.ascii for p in parts))
    if len(name.ascii) > MAX_NAME:
        raise DomainTooLongError(len(name.ascii))
    order = list(NoteKind)
    return name, tuple(sorted(notes, key=lambda note: order.index(note.kind)))


# --- the check ------------------------------------------------------------------------------------


def _join(parts: list[Name]) -> Name:
    return Name(".".join(p.unicode for p in parts), ".".join(p.ascii for p in parts))


def _split(name: Name) -> list[Name]:
    return [Name(u, a) for u, a in zip(name.unicode.split("."), name.ascii.split("."), strict=True)]


def check(text: str, suffixes: SuffixTable | None = None, lang: str = "en") -> DomainReport:
    """Check the domain in ``text`` (a name or a pasted URL) against the Public Suffix List and the
    suffix table (the package's own when None). Raises a ``DomainError`` for anything else."""
    table = suffix_table(lang) if suffixes is None else suffixes
    name, notes = normalise(text)
    labels = _split(name)
    lists = _lists()
    public = lists.icann.publicsuffix(name.unicode)
    if public is None:
        raise UnknownSuffixError(labels[-1].unicode)
    # A suffix of our sources that the PSL does not know as one (政务.cn) is a suffix all the same.
    extra = table.longest_entry_ending(tuple(label.unicode for label in labels))
    size = max(public.count(".") + 1, extra.count(".") + 1 if extra else 0)
    if size >= len(labels):
        raise PublicSuffixOnlyError(name.unicode)
    suffix = _join(labels[-size:])
    registrable = _join(labels[-size - 1 :])
    private = lists.private.publicsuffix(name.unicode)
    private_suffix = None
    if private is not None and private.count(".") + 1 < len(labels):
        private_suffix = _join(labels[-(private.count(".") + 1) :])
    return DomainReport(
        input=text,
        name=name,
        registrable=registrable,
        suffix=suffix,
        subdomain=_join(labels[: -size - 1]) if len(labels) > size + 1 else None,
        private_suffix=private_suffix,
        entry=table.entry_for(suffix.unicode),
        notes=notes,
        table=table,
    )


def key_problems(table: SuffixTable) -> list[str]:
    """Suffix keys that are not written as the check writes them (lower case, Unicode, no dot) or
    whose top-level domain is not in the Public Suffix List: such an entry would never be found."""
    problems = []
    icann = _lists().icann
    for key in table.entries:
        where = f"suffixes.toml: suffix '{key}'"
        try:
            name, notes = normalise("x." + key)
        except InputError as exc:
            problems.append(f"{where}: not a suffix ({exc})")
            continue
        if notes or name.unicode != "x." + key:
            problems.append(f"{where}: write it as '{name.unicode[2:]}' (lower case, Unicode form, no dots around it)")
        elif icann.publicsuffix(name.unicode) is None:
            problems.append(f"{where}: its top-level domain is not in the Public Suffix List")
    return problems


@cache
def suffix_table(lang: str = "en") -> SuffixTable:
    """The package's suffix table in ``lang``, checked once per process; ``python -m decision_tree check``
    calls this too, so that a content problem in suffixes.toml fails the check, not a reader's lookup."""
    table = read_table(lang=lang)
    problems = key_problems(table)
    if problems:
        raise ContentError(problems)
    return table
