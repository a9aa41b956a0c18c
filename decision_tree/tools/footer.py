"""The footer of a filed website, as HTML to paste: the ICP filing number linked to MIIT's filing
system and, once the site has one, the public security filing number with its icon, linked to the
public security platform's page for it.

Which filing number goes there follows the province (Huawei: Guangdong shows the subject's number,
the other provinces the website's; JD Cloud's pages differ), and the footer says why, with its
sources, beside the province's own rules on showing the number (regions.toml, topic
``filing_number``). Everything written into the HTML is escaped. The icon is not linked from
anywhere: the developer downloads it from the public security platform and hosts it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..loader import load
from ..messages import InputError
from ..model import Caveat, Confidence, Content, Province
from .filing_number import Note, NumberKind, NumberReading, Service, Statement, read

MIIT_URL = "https://beian.miit.gov.cn/"
# The public security platform's page for a number (the newer portal; see source PSB-LINK).
PUBLIC_SECURITY_QUERY = "https://beian.mps.gov.cn/#/query/webSearch?code="
DEFAULT_ICON = "/beian-icon.png"
# Huawei: sites filed in these provinces show the subject's number, without the website's -N.
SUBJECT_NUMBER_PROVINCES = frozenset({"guangdong"})
FILING_NUMBER_TOPIC = "filing_number"
# Every source a footer may cite (the sources page counts them; a test keeps this in step with the code).
CITES = frozenset({"A19-psb", "HW", "JD", "JD2", "LAW", "PSB-LINK"})

# The same five characters as markup.escape; the footer is logic, below the presentation modules.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def _escape(text: str) -> str:
    return text.translate(_ESCAPES)


class FooterError(InputError):
    """A number that reads well but does not belong where it was given."""


class NotAFilingNumberError(FooterError):
    """A public security number given as the footer's filing number."""

    def __init__(self, number: str) -> None:
        super().__init__("footer.error.public_security_given", number=number)


class NotAPublicSecurityNumberError(FooterError):
    def __init__(self, number: str) -> None:
        super().__init__("footer.error.not_public_security", number=number)


class NotAWebsiteNumberError(FooterError):
    """An app's, a mini-program's or a quick app's number: shown in the app, not in a website's footer."""

    _KEYS: ClassVar[dict[Service, str]] = {
        Service.APP: "footer.error.app",
        Service.MINI_PROGRAM: "footer.error.mini_program",
        Service.QUICK_APP: "footer.error.quick_app",
    }

    def __init__(self, number: str, service: Service) -> None:
        super().__init__(self._KEYS[service], number=number)


class MaskedNumberError(FooterError):
    """An example number with hidden digits (浙ICP备1101xxxx号): no footer can show it."""

    def __init__(self, number: str) -> None:
        super().__init__("footer.error.masked", number=number)


@dataclass(frozen=True)
class Footer:
    filing: NumberReading
    shown: str  # the filing number the footer shows
    public_security: NumberReading | None
    icon: str
    statements: tuple[Statement, ...]  # why it looks like this, with sources
    notes: tuple[Note, ...] = ()  # about the numbers given (no source: they are about the input)
    caveats: tuple[Caveat, ...] = ()  # the province's own rules on showing the number
    content: Content | None = field(default=None, repr=False, compare=False)

    @property
    def html(self) -> str:
        """The HTML to paste at the bottom of the home page."""
        return self.snippet(f'<img src="{_escape(self.icon)}" alt="">')

    @property
    def text(self) -> str:
        """The numbers as plain text, one a line."""
        return "\n".join([self.shown, *([self.public_security.normalised] if self.public_security else [])])

    @property
    def province(self) -> Province | None:
        return self.filing.province

    def snippet(self, icon_html: str) -> str:
        """The footer's HTML with ``icon_html`` where the icon goes (a preview puts a stand-in there)."""
        lines = ['<div class="beian">', f'  <a href="{MIIT_URL}" target="_blank" rel="noopener">{_escape(self.shown)}</a>']
        security = self.public_security
        if security is not None:
            href = _escape(PUBLIC_SECURITY_QUERY + security.serial)
            # As the public security platform's code has it: the icon, then the link (rel, then target).
            lines += [f"  {icon_html}", f'  <a href="{href}" rel="noreferrer" target="_blank">{_escape(security.normalised)}</a>']
        return "\n".join([*lines, "</div>"])


def make(number: str, psb: str | None = None, content: Content | None = None, *, icon: str = DEFAULT_ICON) -> Footer:
    """The footer for the filing number ``number`` and, if given, the public security number ``psb``.

    Raises a ``NumberError`` for a number that cannot be read, a ``FooterError`` for one that does
    not belong in a website's footer.
    """
    content = content or load()
    filing = _filing(read(number, content))
    security = _public_security(read(psb, content)) if psb is not None else None
    shown, says, notes = _which_number(filing)
    says = [
        Statement("footer.says.link", ("LAW", "HW"), Confidence.MEDIUM),
        *says,
        Statement("footer.says.fine", ("HW", "LAW"), Confidence.MEDIUM),
    ]
    if security is None:
        says.append(Statement("footer.says.public_security_due", ("A19-psb", "HW"), Confidence.HIGH))
    else:
        says += [
            Statement("footer.says.icon", ("A19-psb",), Confidence.HIGH, {"icon": icon}),
            Statement("footer.says.public_security_link", ("PSB-LINK",), Confidence.MEDIUM),
            *(s for s in security.statements if s.key == "number.says.prefix_differs"),
        ]
    province = filing.province
    caveats = tuple(c for c in province.caveats if c.topic == FILING_NUMBER_TOPIC) if province else ()
    return Footer(filing, shown, security, icon, tuple(says), tuple(notes), caveats, content)


def _filing(reading: NumberReading) -> NumberReading:
    if reading.kind is NumberKind.PUBLIC_SECURITY:
        raise NotAFilingNumberError(reading.normalised)
    if reading.masked:
        raise MaskedNumberError(reading.normalised)
    if reading.service is not None and reading.service is not Service.WEBSITE:
        raise NotAWebsiteNumberError(reading.normalised, reading.service)
    return reading


def _public_security(reading: NumberReading) -> NumberReading:
    if reading.kind is not NumberKind.PUBLIC_SECURITY:
        raise NotAPublicSecurityNumberError(reading.normalised)
    if reading.masked:
        raise MaskedNumberError(reading.normalised)
    return reading


def _which_number(filing: NumberReading) -> tuple[str, list[Statement], list[Note]]:
    """The number to show, why, and what to tell about the one given."""
    if filing.kind is NumberKind.LICENCE:
        return filing.normalised, [], [Note("footer.note.licence", {"number": filing.normalised})]
    province = filing.province
    if province is not None and province.id in SUBJECT_NUMBER_PROVINCES:
        says = [Statement("footer.says.which_subject", ("HW", "JD", "JD2"), Confidence.MEDIUM)]
        notes: list[Note] = []
        if filing.service_serial is not None:
            notes.append(Note("footer.note.ending_left_out", {"given": filing.normalised, "shown": filing.subject_number}))
        return filing.subject_number, says, notes
    says = [Statement("footer.says.which_website", ("HW",), Confidence.MEDIUM)]
    notes = [] if filing.service is Service.WEBSITE else [Note("footer.note.subject_given", {"given": filing.normalised})]
    return filing.normalised, says, notes
