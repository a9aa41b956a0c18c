"""Results and paths as text, Markdown and JSON. Rendering only: no walking, no reading files.

A result's parts and their order come from ``present.ResultView``, the same as the widget's.
"""

from __future__ import annotations

import json

from . import present, urls
from .engine import Result, token_of
from .messages import DEFAULT_LANGUAGE, Messages, messages
from .model import Content, Outcome, SourcedStatement, asks_again
from .paths import TreePath
from .present import ResultView, province_name, source_dated_title

FORMATS = ("text", "markdown", "json")
# How the command line resumes a walk at an answer code (the command installed as cli.PROG).
RESUME_COMMAND = "icp-tree walk --answers {code}"


def titled(outcome: Outcome) -> str:
    """``New filing (首次备案)``; in the Chinese content the title is the Chinese name, and stands alone."""
    return present.titled(outcome.title, outcome.title_zh)


Items = list[tuple[str, str]]


def _sections(view: ResultView, *, folded: bool) -> list[tuple[str, str, Items]]:
    """(title, kind, items) in the widget's order; items are (text, detail) pairs. Empty sections are left
    out. ``folded``: the folded parts' items are given (--all, Markdown); otherwise only their titles."""
    r, m = view.result, view.m
    province = province_name(r.province, m.lang) if r.province else ""
    sections: list[tuple[str, str, Items]] = [
        (m("result.decisive", province=province), "notes", [(view.statement_plain(c), "") for c in view.decisive]),
        (m("result.steps"), "steps", [(step, "") for step in r.outcome.steps]),
        (view.materials_title, "checklist", [(mat.text, "") for mat in r.materials]),
    ]
    after: list[tuple[str, str, Items]] = []
    for follow in view.follow_ons:
        items = [(m("result.next_step", text=follow.outcome.next_step), "")]
        if follow.folded and not folded:
            items.append((m("result.then_details", count=len(follow.outcome.steps) + len(follow.warnings)), ""))
        else:
            items += [(step, "") for step in follow.outcome.steps]
            items += [(view.statement_plain(w), "") for w in follow.warnings]
        (after if follow.folded else sections).append((m("result.then", title=titled(follow.outcome)), "then", items))
    sections.append((m("result.warnings"), "notes", [(view.statement_plain(w), "") for w in r.warnings]))
    if view.regional_shown and r.province is not None:
        regional = [(view.statement_plain(c), "") for c in view.regional]
        if not regional and not view.decisive:
            regional = [(m("result.no_regional"), "")]
        sections.append((m("result.in_province", province=province), "notes", regional))
    sections += after
    if r.other:
        if folded:
            other = [(f"{view.reason_label(f)} {view.statement_plain(f.statement)}", "") for f in r.other]
            sections.append((view.other_title, "notes", [(m("result.other_intro"), ""), *other]))
        else:
            sections.append((view.other_title, "notes", [(m("result.other_folded"), "")]))
    sections.append((m("result.read_more"), "links", [(link.title, urls.page_url(link.path)) for link in r.links]))
    sections.append((m("result.your_answers"), "answers", [(a.question.text, a.choice.label) for a in r.answered]))
    based_on = m("result.based_on", sources=view.markers(r.outcome.sources))
    sources = [(source_dated_title(source, m), source.url) for _, source in view.numbered_sources]
    sections.append((m("join.aside", text=m("result.sources"), aside=based_on), "sources", sources))
    return [s for s in sections if s[2]]


def _back_to_question(content: Content, result: Result, m: Messages, *, docs_base: str = "", markdown: bool = False) -> list[str]:
    """After a "find out first" result, the way back to the question it came from, every answer kept:
    a link to the tree with a site to link to, else the command that resumes the walk there."""
    if not asks_again(result.outcome) or not result.answered:
        return []
    question, code = result.answered[-1].question.text, token_of(content, result.answered[:-1])
    if markdown and docs_base:
        url = f"{docs_base}{urls.TREE_PAGE}{urls.state_href(code)}"
        return ["", m("result.back_to_question_link", question=question, url=url)]
    command = RESUME_COMMAND.format(code=code)
    return ["", m("result.back_to_question", question=question, command=f"`{command}`" if markdown else command)]


def _opening(view: ResultView) -> list[str]:
    """What every format starts with after the title: the filings (when there are several), what to do now, why."""
    o, m = view.result.outcome, view.m
    lines: list[str] = []
    if view.listed:
        lines += [m("result.filings"), *(f"  {n}. {view.filing_line(f)}" for n, f in enumerate(view.filings, 1)), ""]
    return [*lines, m("result.next_step", text=o.next_step), "", o.why, "", view.subject_line]


def result_text(content: Content, result: Result, lang: str = DEFAULT_LANGUAGE, *, folded: bool = False) -> str:
    """The result as plain text; the folded rules as a count, or inline with ``folded`` (the CLI's --all)."""
    view = ResultView(content, result, messages(lang))
    o, m = result.outcome, view.m
    lines = [titled(o), "", *_opening(view)]
    for title, kind, items in _sections(view, folded=folded):
        lines += ["", title]
        for n, (text, detail) in enumerate(items, start=1):
            if kind == "steps":
                lines.append(f"  {n}. {text}")
            elif kind == "links":
                lines.append("  - " + m("join.label", label=text, value=detail))
            elif kind == "answers":
                lines.append(f"  - {text} {detail}")
            elif kind == "sources":
                lines.append(f"  [{n}] {text}" + (f" {detail}" if detail else ""))
            elif kind == "then":
                lines.append(f"  {text}" if n == 1 else f"  - {text}")
            else:
                lines.append(f"  - {text}")
    lines += _back_to_question(content, result, m)
    lines += ["", m("result.code_line", code=result.token, version=result.version), m("disclaimer.short")]
    return "\n".join(lines) + "\n"


def result_markdown(content: Content, result: Result, docs_base: str = "", lang: str = DEFAULT_LANGUAGE) -> str:
    """A checklist a team can paste into an internal doc or a ticket."""
    view = ResultView(content, result, messages(lang))
    o, m = result.outcome, view.m
    lines = [f"## {titled(o)}", ""]
    if view.listed:
        lines += [m("result.filings"), "", *(f"{n}. {view.filing_line(f)}" for n, f in enumerate(view.filings, 1)), ""]
    next_step = m("result.next_step", text=o.next_step)
    lines += [f"**{next_step}**", "", o.why, "", view.subject_line]
    # A checklist pasted into a ticket has no folds: every rule is in it.
    for title, kind, items in _sections(view, folded=True):
        lines += ["", f"### {title}"]
        for n, (text, detail) in enumerate(items, start=1):
            if kind == "sources":
                lines.append(f"{n}. {text}" + (f" <{detail}>" if detail else ""))
            elif kind == "answers":
                lines.append(f"- {text} **{detail}**")
            elif kind == "links":
                lines.append(f"- [{text}]({docs_base}{detail})")
            elif kind in ("steps", "checklist"):
                lines.append(f"- [ ] {text}")
            elif kind == "then":
                lines.append(f"**{text}**" if n == 1 else f"- [ ] {text}")
            else:
                lines.append(f"- {text}")
    lines += _back_to_question(content, result, m, docs_base=docs_base, markdown=True)
    code = m("result.code_line", code=f"`{result.token}`", version=result.version)
    lines += ["", f"_{code} {m('disclaimer.short')}_"]
    if docs_base:
        lines += ["", m("result.links_back", result=f"{docs_base}{urls.TREE_PAGE}{urls.state_href(result.token)}",
                        changes=f"{docs_base}{urls.CHANGES_PAGE}")]
    return "\n".join(lines) + "\n"


def _statement_dict(content: Content, statement: SourcedStatement, topic: str | None) -> dict[str, object]:
    return {
        "text": statement.text,
        "freshness": statement.freshness(content.dated_before).value,
        "applies_to": statement.applies_to.value,
        "topic": topic,
        "sources": [
            {"key": k, "name": content.sources[k].label, "title": content.sources[k].title, "date": content.sources[k].date,
             "url": content.sources[k].url or None}
            for k in statement.sources
        ],
        "as_of": statement.as_of,
        "confidence": statement.confidence.value,
        "conflict": statement.conflict,
        "differs": statement.differs,
    }


def result_dict(content: Content, result: Result, lang: str = DEFAULT_LANGUAGE) -> dict[str, object]:
    """The result as data: ``warnings``, ``regional_caveats`` and each ``then``'s warnings are those that
    apply to the answers; ``other`` holds the rest, each with the reason it is folded (``scope.Reason``)."""
    o, m = result.outcome, messages(lang)
    view = ResultView(content, result, m)
    return {
        "outcome": {"id": o.id, "title": o.title, "title_zh": o.title_zh, "kind": o.kind, "next_step": o.next_step, "why": o.why},
        "filings": [{"id": f.outcome.id, "title": f.outcome.title, "title_zh": f.outcome.title_zh, "for": f.purpose or None}
                    for f in view.filings],
        "answers": [
            {"question_id": a.question.id, "question": a.question.text, "choice_id": a.choice.id, "choice": a.choice.label}
            for a in result.answered
        ],
        "subject": result.subject.value if result.subject else None,
        "province": (
            {"id": result.province.id, "name_en": result.province.name_en, "name_zh": result.province.name_zh}
            if result.province
            else None
        ),
        "steps": list(o.steps),
        "materials": [{"text": mat.text, "applies_to": mat.applies_to.value} for mat in result.materials],
        "warnings": [_statement_dict(content, w, None) for w in result.warnings],
        "regional_caveats": [
            {**_statement_dict(content, c, c.topic), "decisive": c.decisive} for c in result.regional
        ],
        "then": [
            {
                "id": f.id, "title": f.title, "title_zh": f.title_zh, "next_step": f.next_step, "why": f.why,
                "steps": list(f.steps),
                "warnings": [_statement_dict(content, w, None) for w in warnings],
            }
            for f, warnings in zip(result.also, result.also_warnings, strict=True)
        ],
        "other": [
            {**_statement_dict(content, f.statement, getattr(f.statement, "topic", None)), "reason": f.reason.value,
             "label": view.reason_label(f)}
            for f in result.other
        ],
        "links": [{"title": link.title, "path": urls.page_url(link.path)} for link in result.links],
        "token": result.token,
        "content_version": result.version,
        "disclaimer": m("disclaimer.short"),
    }


def result_json(content: Content, result: Result, lang: str = DEFAULT_LANGUAGE) -> str:
    return json.dumps(result_dict(content, result, lang), ensure_ascii=False, indent=2) + "\n"


def render_result(content: Content, result: Result, fmt: str, lang: str = DEFAULT_LANGUAGE, *, folded: bool = False) -> str:
    """``folded``: the text shows the folded rules inline (Markdown and JSON always hold them)."""
    if fmt == "markdown":
        return result_markdown(content, result, lang=lang)
    if fmt == "json":
        return result_json(content, result, lang=lang)
    return result_text(content, result, lang=lang, folded=folded)


def paths_json(paths: list[TreePath]) -> str:
    return json.dumps([p.as_dict() for p in paths], ensure_ascii=False, indent=2) + "\n"


def paths_text(content: Content, paths: list[TreePath], lang: str = DEFAULT_LANGUAGE) -> str:
    m = messages(lang)
    summary = m("paths.summary", version=content.version, questions=len(content.questions),
                outcomes=len(content.outcomes), paths=len(paths))
    lines = [m("paths.title"), "", m("paths.any"), summary]
    for n, path in enumerate(paths, start=1):
        lines += ["", f"{n}. {path.outcome} ({path.outcome_id})"]
        lines += [f"   - {s.question} → {s.choice}" for s in path.steps]
        lines += [f"   {m('result.then', title=titled(o))} ({o.id})" for o in path.then]
    return "\n".join(lines) + "\n"


def paths_markdown(content: Content, paths: list[TreePath], lang: str = DEFAULT_LANGUAGE) -> str:
    m = messages(lang)
    lines = [
        f"# {m('paths.title')}",
        "",
        m("paths.generated"),
        m("paths.stale"),
        m("paths.any"),
        "",
        m(
            "paths.summary",
            version=content.version,
            questions=len(content.questions),
            outcomes=len(content.outcomes),
            paths=len(paths),
        ),
    ]
    for n, path in enumerate(paths, start=1):
        lines += ["", f"## {n}. {path.outcome} (`{path.outcome_id}`)", ""]
        lines += [f"{i}. {s.question} → **{s.choice}** (`{s.question_id}={s.choice_id}`)" for i, s in enumerate(path.steps, 1)]
        if path.then:
            lines += ["", *(f"- {m('result.then', title=f'**{titled(o)}**')} (`{o.id}`)" for o in path.then)]
    return "\n".join(lines) + "\n"
