"""Read a number someone pasted: an ICP filing number (京ICP备12345678号-1), an operating licence
number (京ICP证030173号, 粤B2-20090059) or a public security filing number (京公网安备11010502030143号).

Pure logic on the content: the province comes from the abbreviations of regions.toml and, for a
public security number, from the province codes of divisions.toml. What people paste is forgiven
where the intent is plain (full-width characters, other dashes, spaces, a lower-case "icp", a
missing 号, a label, text around exactly one number), each change reported as a ``Note``; anything
else raises a ``NumberError`` naming what is wrong. What a reading says about the number comes as
``Statement``s, each with the keys of the sources that say it; the words are in the message
catalog (``number.*``), so nothing here is in any language.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import ClassVar

from ..loader import load
from ..messages import InputError
from ..model import Confidence, Content, Province

HIGH, MEDIUM, LOW = Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW
# The params of a statement that name a province, by its id.
PROVINCE_PARAMS = ("province", "prefix")
# Every source a reading may cite (the sources page counts them; a test keeps this in step with the code).
CITES = frozenset(
    {"A19-lic", "A19-num", "A19-psb", "ABBR", "AEN", "GB2260", "HW", "LAW", "NUM-OBS", "PSB-LINK", "TX", "WX23", "seed"}
)


class NumberKind(enum.StrEnum):
    FILING = "filing"  # 京ICP备12345678号-1
    LICENCE = "licence"  # 京ICP证030173号, 粤B2-20090059
    PUBLIC_SECURITY = "public_security"  # 京公网安备11010502030143号


class Service(enum.StrEnum):
    """What the ending of a filing number names."""

    WEBSITE = "website"
    APP = "app"
    MINI_PROGRAM = "mini_program"
    QUICK_APP = "quick_app"


# Huawei: website -1, app -2A, mini-program -3X, quick app -4K; the number is the serial.
SERVICE_LETTERS = {"": Service.WEBSITE, "A": Service.APP, "X": Service.MINI_PROGRAM, "K": Service.QUICK_APP}


class LicenceForm(enum.StrEnum):
    ICP = "icp"  # 京ICP证030173号
    B2 = "b2"  # 粤B2-20090059


# Digit counts of the numbers seen (observed, not an official rule: see the statements).
FILING_DIGITS = (8, 10)
LICENCE_DIGITS = {LicenceForm.ICP: 6, LicenceForm.B2: 8}
PUBLIC_SECURITY_DIGITS = 14
MASK = "x"  # a hidden digit, as in the example 浙ICP备1101xxxx号


# --- errors: one per way a pasted number can fail --------------------------------------------------


class NumberError(InputError):
    """A filing, licence or public security number that could not be read. Catch this for all of them."""


class EmptyNumberError(NumberError):
    def __init__(self) -> None:
        super().__init__("number.error.empty")


class NoNumberError(NumberError):
    """Nothing in the text looks like a number: no ICP, B2- or 公网安备 marker."""

    def __init__(self) -> None:
        super().__init__("number.error.no_marker")


class SeveralNumbersError(NumberError):
    def __init__(self, numbers: list[str]) -> None:
        super().__init__("number.error.several", count=len(numbers), numbers="; ".join(numbers))


class MissingAbbreviationError(NumberError):
    def __init__(self, marker: str) -> None:
        super().__init__("number.error.no_abbreviation", marker=marker)


class UnknownAbbreviationError(NumberError):
    """The character before the marker is no province's abbreviation in regions.toml (never guessed)."""

    def __init__(self, abbreviation: str) -> None:
        super().__init__("number.error.unknown_abbreviation", abbreviation=abbreviation)


class MissingKindError(NumberError):
    """"ICP" followed by neither 备 (a filing) nor 证 (a licence)."""

    def __init__(self, number: str) -> None:
        super().__init__("number.error.no_kind", number=number)


class MissingSerialError(NumberError):
    def __init__(self, marker: str) -> None:
        super().__init__("number.error.no_serial", marker=marker)


class SerialLengthError(NumberError):
    _KEYS: ClassVar[Mapping[NumberKind, str]] = {
        NumberKind.FILING: "number.error.serial_length.filing",
        NumberKind.LICENCE: "number.error.serial_length.licence",
        NumberKind.PUBLIC_SECURITY: "number.error.serial_length.public_security",
    }

    def __init__(self, kind: NumberKind, serial: str, **expected: int) -> None:
        super().__init__(self._KEYS[kind], serial=serial, count=len(serial), **expected)


class EndingFormError(NumberError):
    """An ending that is not a serial (-1) or a serial and a letter (-2A): -01, -1AB, -0."""

    def __init__(self, ending: str) -> None:
        super().__init__("number.error.ending_form", ending=ending)


class EndingLetterError(NumberError):
    """A letter that marks no kind of filing (-2B)."""

    def __init__(self, ending: str, letter: str) -> None:
        super().__init__("number.error.ending_letter", ending=ending, letter=letter)


class UnknownDivisionError(NumberError):
    """A public security number whose first two digits are the code of none of the 31 provinces."""

    def __init__(self, code: str) -> None:
        super().__init__("number.error.unknown_division", code=code)


# --- what a reading holds --------------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """Something the reader changed or left out of what was given (or could not read)."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Statement:
    """What the number means, with the keys of the sources that say it (sources.toml). The params
    ``province`` and ``prefix`` (``PROVINCE_PARAMS``) hold a province's id: the view names it in the
    reader's language."""

    key: str
    sources: tuple[str, ...]
    confidence: Confidence
    params: Mapping[str, object] = field(default_factory=dict)
    conflict: bool = False


@dataclass(frozen=True)
class NumberReading:
    given: str
    normalised: str
    kind: NumberKind
    abbreviation: str
    province: Province | None  # a public security number's from its first two digits (None if hidden)
    serial: str  # the subject's serial, the licence's, or the public security number's digits
    service: Service | None = None  # what the ending names; None without one
    service_serial: int | None = None
    licence_form: LicenceForm | None = None
    prefix_province: Province | None = None  # a public security number's prefix (its province may differ)
    notes: tuple[Note, ...] = ()
    statements: tuple[Statement, ...] = ()
    content: Content | None = field(default=None, repr=False, compare=False)

    @property
    def masked(self) -> int:
        """How many digits are hidden (an example such as 浙ICP备1101xxxx号)."""
        return self.serial.count(MASK)

    @property
    def subject_number(self) -> str:
        """The number without its ending: the subject's filing (or licence) number."""
        return self.normalised.rsplit("-", 1)[0] if self.service_serial is not None else self.normalised

    @property
    def division(self) -> str:
        """A public security number's first six digits, read as an administrative division code."""
        return self.serial[:6] if self.kind is NumberKind.PUBLIC_SECURITY else ""


# --- the patterns ----------------------------------------------------------------------------------

_FULLWIDTH = {chr(0xFF10 + i): chr(0x30 + i) for i in range(10)} | {
    chr(base + i): chr(ascii_base + i) for base, ascii_base in ((0xFF21, 0x41), (0xFF41, 0x61)) for i in range(26)
}
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\t\n\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000"
# One character for one, so that a position in the plain text is the same position in what was given.
_PLAIN = str.maketrans(_FULLWIDTH | dict.fromkeys(_DASHES, "-") | dict.fromkeys(_SPACES, " ") | {"：": ":", "＊": "*"})

_ABBR = r"[^\W\d_A-Za-z号备证案]"  # one character that is not a digit, a Latin letter or part of a marker
_SERIAL = r"(?P<serial>[0-9xX*](?: *[0-9xX*])*)"
_HAO = r"(?P<hao> *号)?"
# Not spaces within its digits: "号-1 2024" is a website's number and a year, not website 12024.
_ENDING = r"(?: *- *(?P<ending>[0-9]+(?:[A-Za-z]+| +[A-Za-z](?![A-Za-z]))?))?"

# "备案号：", "ICP备案号:", "网站备案号", "公安备案号：": labels people copy with the number.
_LABEL = re.compile(r"(?:(?<![A-Za-z])i *c *p *)?(?:网站|主体|公安联网|公安)?备案(?:(?:编号|号) *:?| *:)", re.IGNORECASE)
_B2 = re.compile(
    rf"(?P<label>(?:(?P<label_abbr>{_ABBR}) *)?(?<![A-Za-z])i *c *p *证 *:? *)?(?:(?P<abbr>{_ABBR}) *)?(?<![A-Za-z0-9])"
    rf"(?P<b2>b *2) *- *{_SERIAL}?{_HAO}{_ENDING}",
    re.IGNORECASE,
)
_PUBLIC_SECURITY = re.compile(rf"(?:(?P<abbr>{_ABBR}) *)?公 *网 *安 *备(?P<hao_before> *号)? *{_SERIAL}?{_HAO}")
_ICP = re.compile(
    rf"(?:(?P<abbr>{_ABBR}) *)?(?<![A-Za-z])(?P<icp>i *c *p)(?![A-Za-z]) *(?P<word>[备证])? *{_SERIAL}?{_HAO}{_ENDING}",
    re.IGNORECASE,
)
_PATTERNS = ((NumberKind.LICENCE, _B2), (NumberKind.PUBLIC_SECURITY, _PUBLIC_SECURITY), (NumberKind.FILING, _ICP))


@dataclass(frozen=True)
class _Found:
    kind: NumberKind
    match: re.Match[str]

    @property
    def weak(self) -> bool:
        """A bare marker ("ICP" in "ICP filing"): text around a number, unless nothing else is found."""
        word = self.match.groupdict().get("word")
        return self.match["serial"] is None and (self.kind is not NumberKind.FILING or word is None)


# --- reading -------------------------------------------------------------------------------------


def read(text: str, content: Content | None = None) -> NumberReading:
    """What ``text`` says: exactly one filing, licence or public security number, alone or in other text."""
    content = content or load()
    plain = text.translate(_PLAIN)
    if not plain.strip():
        raise EmptyNumberError()
    labels = [m.span() for m in _LABEL.finditer(plain)]
    found = _find(_blank(plain, labels))
    chosen = _choose(found)
    notes = _input_notes(text, plain, chosen.match.span(), labels)
    reading = _READERS[chosen.kind](chosen.match, content, notes)
    return replace(reading, given=text, content=content)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    # One copy of the text for all the spans: a copy per span is quadratic in text of many labels.
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _find(text: str) -> list[_Found]:
    """Every number-like match, each pattern on what the ones before it left (a licence's "ICP证" is no filing)."""
    found = []
    for kind, pattern in _PATTERNS:
        matches = [m for m in pattern.finditer(text) if m.group().strip()]
        found += [_Found(kind, m) for m in matches]
        text = _blank(text, [m.span() for m in matches])
    return sorted(found, key=lambda f: f.match.start())


def _choose(found: list[_Found]) -> _Found:
    strong = [f for f in found if not f.weak]
    if len(strong) > 1:
        raise SeveralNumbersError([f.match.group().strip() for f in strong])
    if strong:
        return strong[0]
    if found:
        return found[0]  # only bare markers: reading it names what is missing
    raise NoNumberError()


def _input_notes(given: str, plain: str, span: tuple[int, int], labels: list[tuple[int, int]]) -> list[Note]:
    """What was changed in ``given`` to read the number at ``span``, or left out around it."""
    start, end = span
    while plain[start] == " ":  # a pattern may start on the spaces before an optional part
        start += 1
    number = given[start:end]
    notes: list[Note] = []
    if any(ch in _FULLWIDTH for ch in number):
        notes.append(Note("number.note.fullwidth"))
    dashes = sorted({ch for ch in number if ch in _DASHES})
    if dashes:
        notes.append(Note("number.note.dash", {"dash": " ".join(dashes)}))
    if " " in plain[start:end]:
        notes.append(Note("number.note.spaces"))
    notes += [Note("number.note.label", {"label": given[a:b].strip()}) for a, b in labels]
    rest = _blank(_blank(given, labels), [(start, end)])
    around = " … ".join(part for part in (_squash(rest[:start]), _squash(rest[end:])) if part)
    if around:  # quoted whole: the view cuts a long text to a preview, and says how long it was
        notes.append(Note("number.note.surrounding", {"text": around}))
    return notes


def _squash(text: str) -> str:
    return " ".join(text.translate(_PLAIN).split())


# --- the parts every kind has ----------------------------------------------------------------------


def _abbreviations(content: Content) -> dict[str, Province]:
    return {a: p for p in content.provinces.values() for a in p.abbreviations}


def _province(match: re.Match[str], content: Content, marker: str, group: str = "abbr") -> tuple[str, Province]:
    abbreviation = match[group]
    if abbreviation is None:
        raise MissingAbbreviationError(marker)
    province = _abbreviations(content).get(abbreviation)
    if province is None:
        raise UnknownAbbreviationError(abbreviation)
    return abbreviation, province


def _serial(match: re.Match[str], marker: str, notes: list[Note]) -> str:
    raw = match["serial"]
    if raw is None:
        raise MissingSerialError(marker)
    serial = re.sub(r"[xX*]", MASK, raw.replace(" ", ""))
    if MASK in serial:
        notes.append(Note("number.note.masked", {"count": serial.count(MASK)}))
    return serial


def _hao(match: re.Match[str], notes: list[Note]) -> None:
    if match["hao"] is None:
        notes.append(Note("number.note.missing_hao"))


def _ending(match: re.Match[str], notes: list[Note], *, letters: bool) -> tuple[int, str] | None:
    """The ending's serial and letter ("" for a website), or None without an ending."""
    if match["ending"] is None:
        return None
    ending = match["ending"].replace(" ", "")
    parsed = re.fullmatch(r"([1-9][0-9]*)([A-Za-z]?)", ending)
    if parsed is None or (parsed[2] and not letters):
        raise EndingFormError(ending)
    letter = parsed[2].upper()
    if letter not in SERVICE_LETTERS:
        raise EndingLetterError(ending, letter)
    if parsed[2] != letter:
        notes.append(Note("number.note.letter_case", {"given": parsed[2], "letter": letter}))
    return int(parsed[1]), letter


def _province_says(abbreviation: str, province: Province) -> Statement:
    names = {"abbreviation": abbreviation, "province": province.id}
    if len(province.abbreviations) == 1:
        return Statement("number.says.province", ("A19-num", "ABBR"), HIGH, names)
    # regions.toml lists a province's abbreviations most recently seen first.
    others = "/".join(province.abbreviations)
    params = names | {"all": others, "first": province.abbreviations[0]}
    return Statement("number.says.province_several", ("ABBR",), MEDIUM, params)


# --- an ICP filing number, or a licence of the form 京ICP证030173号 ----------------------------------


def _icp(match: re.Match[str], content: Content, notes: list[Note]) -> NumberReading:
    abbreviation, province = _province(match, content, "ICP")
    icp = match["icp"].replace(" ", "")
    if icp != "ICP":
        notes.append(Note("number.note.icp_case", {"given": icp}))
    word = match["word"]
    if word is None:
        raise MissingKindError(match.group().strip())
    if word == "证":
        return _icp_licence(match, abbreviation, province, notes)
    serial = _serial(match, f"{abbreviation}ICP备", notes)
    if len(serial) not in FILING_DIGITS:
        raise SerialLengthError(NumberKind.FILING, serial, older=FILING_DIGITS[0], newer=FILING_DIGITS[1])
    _hao(match, notes)
    ending = _ending(match, notes, letters=True)
    subject = f"{abbreviation}ICP备{serial}号"
    service = SERVICE_LETTERS[ending[1]] if ending else None
    return NumberReading(
        given="",
        normalised=subject + (f"-{ending[0]}{ending[1]}" if ending else ""),
        kind=NumberKind.FILING,
        abbreviation=abbreviation,
        province=province,
        serial=serial,
        service=service,
        service_serial=ending[0] if ending else None,
        notes=tuple(notes),
        statements=_filing_says(abbreviation, province, serial, subject, service, ending[0] if ending else None),
    )


def _filing_says(
    abbreviation: str, province: Province, serial: str, subject: str, service: Service | None, number: int | None
) -> tuple[Statement, ...]:
    says = [
        Statement("number.says.filing", ("A19-num",), HIGH, {"province": province.id}),
        _province_says(abbreviation, province),
        _serial_says(serial),
    ]
    if service is None:
        says.append(Statement("number.says.subject_number", ("A19-num",), HIGH))
    else:
        says += _ending_says(service, number or 0, subject)
    says.append(Statement("number.says.look_up", ("seed", "HW"), HIGH))
    return tuple(says)


def _serial_says(serial: str) -> Statement:
    """The 8- and 10-digit forms: an observed pattern (ABBR), which the statement says it is."""
    if len(serial) == FILING_DIGITS[0]:
        return Statement("number.says.serial_older", ("ABBR",), LOW, {"serial": serial})
    year = serial[:4]
    if year.startswith("20"):  # hidden digits ("20xx") are still a year
        return Statement("number.says.serial_newer", ("ABBR",), LOW, {"serial": serial, "year": year})
    return Statement("number.says.serial_newer_no_year", ("ABBR",), LOW, {"serial": serial})


def _ending_says(service: Service, number: int, subject: str) -> list[Statement]:
    params = {"serial": number, "subject": subject}
    if service is Service.WEBSITE:
        return [
            Statement("number.says.website", ("A19-num",), HIGH, params),
            Statement("number.says.website_shown", ("LAW", "HW"), MEDIUM),
        ]
    if service is Service.APP:
        return [
            Statement("number.says.app", ("HW", "ABBR"), MEDIUM, params),
            Statement("number.says.app_shown", ("HW",), MEDIUM),
        ]
    if service is Service.MINI_PROGRAM:
        return [
            Statement("number.says.mini_program", ("HW",), MEDIUM, params),
            Statement("number.says.mini_program_filed", ("WX23", "HW"), MEDIUM),
        ]
    return [Statement("number.says.quick_app", ("HW",), MEDIUM, params)]


# --- an operating licence ---------------------------------------------------------------------------


def _icp_licence(match: re.Match[str], abbreviation: str, province: Province, notes: list[Note]) -> NumberReading:
    serial = _serial(match, f"{abbreviation}ICP证", notes)
    if len(serial) != LICENCE_DIGITS[LicenceForm.ICP]:
        raise SerialLengthError(NumberKind.LICENCE, serial, expected=LICENCE_DIGITS[LicenceForm.ICP])
    _hao(match, notes)
    return _licence(f"{abbreviation}ICP证{serial}号", LicenceForm.ICP, abbreviation, province, serial, match, notes)


def _b2(match: re.Match[str], content: Content, notes: list[Note]) -> NumberReading:
    own = match["abbr"] is not None
    abbreviation, province = _province(match, content, "B2-", "abbr" if own else "label_abbr")
    if match["label"]:
        notes.append(Note("number.note.label", {"label": _squash(match["label"])}))
    if match["b2"].replace(" ", "") != "B2":
        notes.append(Note("number.note.letter_case", {"given": match["b2"].replace(" ", ""), "letter": "B2"}))
    serial = _serial(match, f"{abbreviation}B2-", notes)
    if len(serial) != LICENCE_DIGITS[LicenceForm.B2]:
        raise SerialLengthError(NumberKind.LICENCE, serial, expected=LICENCE_DIGITS[LicenceForm.B2])
    if match["hao"] is not None:
        notes.append(Note("number.note.extra_hao"))
    return _licence(f"{abbreviation}B2-{serial}", LicenceForm.B2, abbreviation, province, serial, match, notes)


def _licence(
    subject: str, form: LicenceForm, abbreviation: str, province: Province, serial: str, match: re.Match[str], notes: list[Note]
) -> NumberReading:
    ending = _ending(match, notes, letters=False)
    names = {"abbreviation": abbreviation, "province": province.id}
    says = [
        Statement("number.says.licence", ("A19-lic", "AEN", "TX"), HIGH),
        Statement("number.says.licence_forms", ("ABBR", "A19-num"), MEDIUM),
        Statement("number.says.licence_province", ("A19-lic", "ABBR"), MEDIUM, names),
    ]
    if ending:
        says.append(Statement("number.says.licence_ending", ("A19-num", "ABBR", "NUM-OBS"), LOW, {"serial": ending[0]}))
    return NumberReading(
        given="",
        normalised=subject + (f"-{ending[0]}" if ending else ""),
        kind=NumberKind.LICENCE,
        abbreviation=abbreviation,
        province=province,
        serial=serial,
        service=Service.WEBSITE if ending else None,
        service_serial=ending[0] if ending else None,
        licence_form=form,
        notes=tuple(notes),
        statements=tuple(says),
    )


# --- a public security filing number ------------------------------------------------------------------


def _public_security(match: re.Match[str], content: Content, notes: list[Note]) -> NumberReading:
    abbreviation, prefix_province = _province(match, content, "公网安备")
    if match["hao_before"] is not None:
        notes.append(Note("number.note.moved_hao"))
    serial = _serial(match, f"{abbreviation}公网安备", notes)
    if len(serial) != PUBLIC_SECURITY_DIGITS:
        raise SerialLengthError(NumberKind.PUBLIC_SECURITY, serial, expected=PUBLIC_SECURITY_DIGITS)
    if match["hao"] is None and match["hao_before"] is None:
        notes.append(Note("number.note.missing_hao"))
    province = _division_province(serial, content)
    says = [Statement("number.says.public_security", ("A19-psb", "HW"), HIGH)]
    if province is not None:
        names = {"division": serial[:6], "code": serial[:2], "province": province.id}
        says.append(Statement("number.says.division", ("GB2260", "NUM-OBS"), LOW, names))
        if province is not prefix_province:
            says.append(
                Statement(
                    "number.says.prefix_differs",
                    ("GB2260", "NUM-OBS"),
                    LOW,
                    {k: v for k, v in names.items() if k != "division"}
                    | {"abbreviation": abbreviation, "prefix": prefix_province.id},
                )
            )
    says.append(Statement("number.says.public_security_look_up", ("PSB-LINK",), MEDIUM, {"serial": serial}))
    return NumberReading(
        given="",
        normalised=f"{abbreviation}公网安备{serial}号",
        kind=NumberKind.PUBLIC_SECURITY,
        abbreviation=abbreviation,
        province=province,
        serial=serial,
        prefix_province=prefix_province,
        notes=tuple(notes),
        statements=tuple(says),
    )


def _division_province(serial: str, content: Content) -> Province | None:
    """The province of the number's first two digits; None when they are hidden or no table is kept."""
    if MASK in serial[:2] or not content.divisions.provinces:
        return None
    province_id = content.divisions.province_of(serial)
    if province_id is None:
        raise UnknownDivisionError(serial[:2])
    return content.provinces[province_id]


_READERS = {NumberKind.FILING: _icp, NumberKind.LICENCE: _b2, NumberKind.PUBLIC_SECURITY: _public_security}
