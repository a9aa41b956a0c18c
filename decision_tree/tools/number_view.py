"""A number's reading and a footer as text, data (JSON-able) and HTML: rendering only.

The parts come from ``filing_number.NumberReading`` and ``footer.Footer``; the words from the
message catalog; the HTML through ``markup``, each statement with its sources by name, its date
and its confidence, as the results show theirs. Everything taken from what was given is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping

from .. import urls
from ..loader import load
from ..markup import escape, fill, statement_item, tag
from ..messages import Messages, echoed, messages
from ..model import AppliesTo, Caveat, Content, Province, SourcedStatement
from ..present import province_name, statement_plain
from ..termwrap import wrap
from .filing_number import PROVINCE_PARAMS, Note, NumberKind, NumberReading, Service, Statement
from .footer import Footer

ZH = "zh-CN"
_ENDINGS = {
    Service.WEBSITE: "number.value.website",
    Service.APP: "number.value.app",
    Service.MINI_PROGRAM: "number.value.mini_program",
    Service.QUICK_APP: "number.value.quick_app",
}


# --- the parts both share -------------------------------------------------------------------------


def _content(owner: NumberReading | Footer) -> Content:
    return owner.content or load()


def sourced(statement: Statement, content: Content, m: Messages) -> SourcedStatement:
    """A reading's statement in the reader's words, dated by its newest dated source, as content's are."""
    dates = [content.sources[k].date for k in statement.sources if content.sources[k].date != "undated"]
    return SourcedStatement(
        text=m(statement.key, **_named(statement.params, content, m)),
        applies_to=AppliesTo.ALL,
        sources=statement.sources,
        as_of=max(dates, default="undated"),
        confidence=statement.confidence,
        conflict=statement.conflict,
    )


def _named(params: Mapping[str, object], content: Content, m: Messages) -> dict[str, object]:
    """A statement's params with each province id replaced by the province's name in the reader's language."""
    return {k: _name(content.provinces[str(v)], m) if k in PROVINCE_PARAMS else v for k, v in params.items()}


def _name(province: Province, m: Messages) -> str:
    """``Guangdong (广东)`` in English, ``广东`` in Chinese: the reader may meet the name in either."""
    return province_name(province, m.lang)


def _note(note: Note, m: Messages) -> str:
    """A note quotes what was given: escaped, and a long part cut to a preview (``messages.echo``)."""
    return m(note.key, **echoed(note.params, m))


def _statement_data(statement: SourcedStatement, key: str) -> dict[str, object]:
    return {
        "key": key,
        "text": statement.text,
        "sources": list(statement.sources),
        "as_of": statement.as_of,
        "confidence": statement.confidence.value,
        "conflict": statement.conflict,
    }


def _section(title: str, items: list[str]) -> list[str]:
    """A titled list; an item starting with spaces continues the one before it."""
    lines = [f"    {item.strip()}" if item.startswith(" ") else f"  - {item}" for item in items]
    return ["", title, *lines] if items else []


# --- a reading ---------------------------------------------------------------------------------------


def parts(reading: NumberReading, m: Messages) -> list[tuple[str, str]]:
    """(label, value) for each part of the number, in the order the number is written."""
    out: list[tuple[str, str]] = []
    province, names = reading.province, _names_of(reading.province, m)
    if reading.kind is NumberKind.PUBLIC_SECURITY:
        prefix = reading.prefix_province
        if prefix is not None:
            value = m("number.value.prefix", abbreviation=reading.abbreviation, **_names_of(prefix, m))
            out.append((m("number.part.prefix"), value))
        if province is None:
            out.append((m("number.part.province"), m("number.value.province_hidden")))
        else:
            value = m("number.value.province_from_division", code=reading.serial[:2], **names)
            out.append((m("number.part.province"), value))
        out.append((m("number.part.serial"), m("number.value.serial", serial=reading.serial, count=len(reading.serial))))
        out.append((m("number.part.division"), m("number.value.division", division=reading.division)))
        return out
    out.append((m("number.part.province"), m("number.value.province", abbreviation=reading.abbreviation, **names)))
    out.append((m("number.part.serial"), m("number.value.serial", serial=reading.serial, count=len(reading.serial))))
    out.append((m("number.part.ending"), _ending(reading, m)))
    if reading.service_serial is not None:
        out.append((m("number.part.subject_number"), reading.subject_number))
    return out


def _names_of(province: Province | None, m: Messages, param: str = "province") -> dict[str, str]:
    return {param: "" if province is None else _name(province, m)}


def _ending(reading: NumberReading, m: Messages) -> str:
    if reading.service_serial is None or reading.service is None:
        return m("number.value.no_ending")
    if reading.kind is NumberKind.LICENCE:
        return m("number.value.licence_ending", serial=reading.service_serial)
    return m(_ENDINGS[reading.service], serial=reading.service_serial)


def text(reading: NumberReading, m: Messages, width: int = 80) -> str:
    """The reading as plain text, wrapped to ``width`` columns."""
    content = _content(reading)
    lines = [reading.normalised, m(f"number.kind.{reading.kind.value}")]
    items = [m("join.label", label=label, value=value) for label, value in parts(reading, m)]
    if reading.province is not None and reading.province.note:
        province = m("number.part.province")
        at = next(n for n, item in enumerate(items) if item.startswith(province)) + 1
        items.insert(at, f"  {reading.province.note}")  # under the province, as the HTML shows it
    lines += _section(m("number.heading.parts"), items)
    says = [statement_plain(sourced(s, content, m), content, m) for s in reading.statements]
    lines += _section(m("number.heading.says"), says)
    lines += _section(m("number.heading.notes"), [_note(n, m) for n in reading.notes])
    lines += ["", m("number.form_only")]
    return wrap("\n".join(lines) + "\n", width)


def data(reading: NumberReading, m: Messages | None = None) -> dict[str, object]:
    """The reading as JSON-able data with stable keys; texts in the language of ``m`` (English by default)."""
    m = m or messages()
    content = _content(reading)
    province = reading.province
    return {
        "given": reading.given,
        "normalised": reading.normalised,
        "kind": reading.kind.value,
        "abbreviation": reading.abbreviation,
        "province": _province_data(province),
        "prefix_province": _province_data(reading.prefix_province),
        "serial": reading.serial,
        "masked_digits": reading.masked,
        "service": reading.service.value if reading.service else None,
        "service_serial": reading.service_serial,
        "subject_number": reading.subject_number if reading.kind is not NumberKind.PUBLIC_SECURITY else None,
        "licence_form": reading.licence_form.value if reading.licence_form else None,
        "division": reading.division or None,
        "statements": [_statement_data(sourced(s, content, m), s.key) for s in reading.statements],
        "notes": [{"key": n.key, "text": _note(n, m)} for n in reading.notes],
    }


def _province_data(province: Province | None) -> dict[str, str] | None:
    # Data with stable keys: both names, whatever the language of the texts.
    return None if province is None else {"id": province.id, "province": province.name_en, "province_zh": province.name_zh}


def html(reading: NumberReading, m: Messages, *, here: str = urls.TOOLS_PAGE) -> str:
    """The reading as HTML for the Tools page: parts, statements with their sources, what was changed."""
    content = _content(reading)
    rows = "".join(tag("dt", escape(label)) + tag("dd", escape(value)) for label, value in parts(reading, m))
    body = [
        tag("h2", tag("span", escape(reading.normalised), lang=ZH), class_="icp-heading"),
        tag("p", escape(m(f"number.kind.{reading.kind.value}")), class_="icp-kind"),
        tag("h3", escape(m("number.heading.parts"))),
        tag("dl", rows, class_="icp-number-parts"),
    ]
    if reading.province is not None and reading.province.note:
        body.append(tag("p", escape(reading.province.note), class_="icp-province-note"))
    says = [sourced(s, content, m) for s in reading.statements]
    body += _statements_html(escape(m("number.heading.says")), says, content, here, m)
    body += _notes_html(m("number.heading.notes"), [_note(n, m) for n in reading.notes])
    body.append(tag("p", escape(m("number.form_only")), class_="icp-number-form-only"))
    return tag("section", "".join(body), class_="icp-number", data_kind=reading.kind.value)


def _statements_html(title_html: str, statements: list[SourcedStatement], content: Content, here: str, m: Messages) -> list[str]:
    if not statements:
        return []
    items = "".join(statement_item(content, s, here, m, css="icp-caveat") for s in statements)
    return [tag("h3", title_html), tag("ul", items, class_="icp-number-says")]


def _notes_html(title: str, notes: list[str]) -> list[str]:
    if not notes:
        return []
    return [tag("h3", escape(title)), tag("ul", "".join(tag("li", escape(n)) for n in notes), class_="icp-number-notes")]


# --- a footer ----------------------------------------------------------------------------------------


def _footer_notes(footer: Footer, m: Messages) -> list[str]:
    """The footer's own notes, then what was changed in each number given."""
    readings = [footer.filing, *([footer.public_security] if footer.public_security else [])]
    return [_note(n, m) for n in footer.notes] + [_note(n, m) for r in readings for n in r.notes]


def _province_rules_title(footer: Footer, m: Messages) -> str:
    return m("footer.heading.province_rules", **_names_of(footer.province, m))


def footer_text(footer: Footer, m: Messages, width: int = 80) -> str:
    """The footer as plain text: the HTML to paste, the numbers, why, and what was changed."""
    content = _content(footer)
    head = [m("footer.heading.title", number=footer.shown), "", m("footer.heading.html"), ""]
    tail = [m("footer.heading.plain"), "", footer.text]
    tail += _section(m("footer.heading.says"), [statement_plain(sourced(s, content, m), content, m) for s in footer.statements])
    tail += _section(_province_rules_title(footer, m), [statement_plain(c, content, m) for c in footer.caveats])
    tail += _section(m("footer.heading.notes"), _footer_notes(footer, m))
    # The HTML is not wrapped, so that it can be copied from the terminal as it is.
    return wrap("\n".join(head) + "\n", width) + footer.html + "\n\n" + wrap("\n".join(tail) + "\n", width)


def footer_data(footer: Footer, m: Messages | None = None) -> dict[str, object]:
    """The footer as JSON-able data with stable keys; texts in the language of ``m`` (English by default)."""
    m = m or messages()
    content = _content(footer)
    return {
        "shown": footer.shown,
        "html": footer.html,
        "text": footer.text,
        "icon": footer.icon,
        "filing": data(footer.filing, m),
        "public_security": data(footer.public_security, m) if footer.public_security else None,
        "statements": [_statement_data(sourced(s, content, m), s.key) for s in footer.statements],
        "province_rules": [_caveat_data(c) for c in footer.caveats],
        "notes": _footer_notes(footer, m),
    }


def _caveat_data(caveat: Caveat) -> dict[str, object]:
    return _statement_data(caveat, caveat.topic) | {"applies_to": caveat.applies_to.value}


def _footer_code(footer: Footer, m: Messages) -> str:
    """The HTML to paste, with the copy button of Material's code blocks (the same markup; Material's
    clipboard handling listens for ``data-clipboard-text`` anywhere in the page and confirms the
    copy), and a block a keyboard can scroll."""
    button = tag(
        "button", "", type="button", class_="md-code__button", title=m("footer.copy"), data_clipboard_text=footer.html,
        data_md_type="copy",
    )
    copy = tag("nav", button, class_="md-code__nav")
    label = m("footer.heading.html")
    code = tag("code", escape(footer.html), class_="language-html", tabindex="0", role="region", aria_label=label)
    return tag("pre", copy + code, class_="icp-footer-code")


def footer_html(footer: Footer, m: Messages, *, here: str = urls.TOOLS_PAGE) -> str:
    """The footer for the Tools page: the HTML to copy (shown escaped), a preview, and why."""
    content = _content(footer)
    stand_in = tag("span", escape(m("footer.icon_stand_in")), class_="icp-footer-icon")
    body = [
        tag("h2", fill(m, "footer.heading.title", number=tag("span", escape(footer.shown), lang=ZH)), class_="icp-heading"),
        tag("h3", escape(m("footer.heading.html"))),
        _footer_code(footer, m),
        tag("h3", escape(m("footer.heading.preview"))),
        # The footer's own HTML, every part of it escaped; a stand-in for the icon, which is the developer's to host.
        tag("div", footer.snippet(stand_in), class_="icp-footer-preview", lang=ZH),
        tag("h3", escape(m("footer.heading.plain"))),
        tag("pre", tag("code", escape(footer.text)), class_="icp-footer-text"),
    ]
    says = [sourced(s, content, m) for s in footer.statements]
    body += _statements_html(escape(m("footer.heading.says")), says, content, here, m)
    title = fill(m, "footer.heading.province_rules", **{k: escape(v) for k, v in _names_of(footer.province, m).items()})
    body += _statements_html(title, list(footer.caveats), content, here, m)
    body += _notes_html(m("footer.heading.notes"), _footer_notes(footer, m))
    return tag("section", "".join(body), class_="icp-footer")

