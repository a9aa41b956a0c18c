"""Results and paths as text, Markdown and JSON. Rendering only: no walking, no reading files."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .engine import Result
from .model import Caveat, Content
from .paths import Path

FORMATS = ("text", "markdown", "json")
SITE_NOTE = "For developers' reference only; subject to MIIT's regulations. Confirm with your cloud provider."


def source_anchor(key: str) -> str:
    """``A19-pre`` -> ``src-a19-pre``: the id of a source on the sources page."""
    return "src-" + re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


def _caveat_line(caveat: Caveat) -> str:
    flag = " Sources disagree." if caveat.conflict else ""
    return f"{caveat.text}{flag} [{', '.join(caveat.sources)}; as of {caveat.as_of}; {caveat.confidence.value}]"


def _subject_line(result: Result) -> str:
    subject = result.subject.value if result.subject else "not asked"
    province = f"{result.province.name_en} ({result.province.name_zh})" if result.province else "not asked"
    return f"Subject: {subject}. Province: {province}."


@dataclass(frozen=True)
class _Section:
    """One part of a result, in order; ``items`` are (text, detail) pairs, detail used by answers and links."""

    title: str
    kind: str  # answers | steps | checklist | notes | links
    items: tuple[tuple[str, str], ...]


def _sections(content: Content, result: Result) -> list[_Section]:
    o = result.outcome
    sections = [
        _Section("Why: your answers", "answers", tuple((s.question.text, s.choice.label) for s in result.why)),
        _Section("Steps", "steps", tuple((step, "") for step in o.steps)),
        _Section("Materials", "checklist", tuple((m.text, "") for m in result.materials)),
        _Section("Warnings", "notes", tuple((_caveat_line(w), "") for w in result.warnings)),
    ]
    if result.province is not None and o.caveat_topics:
        regional = tuple((_caveat_line(c), "") for c in result.regional) or (
            ("No province-specific caveat on these topics in our sources.", ""),
        )
        sections.append(_Section(f"In {result.province.name_en} ({result.province.name_zh})", "notes", regional))
    sections.append(_Section("Read more", "links", tuple((link.title, page_url(link.path)) for link in result.links)))
    return [section for section in sections if section.items]


def result_text(content: Content, result: Result) -> str:
    o = result.outcome
    lines = [f"{o.title} ({o.title_zh})", "", o.why, "", _subject_line(result)]
    for section in _sections(content, result):
        lines += ["", section.title]
        for n, (text, detail) in enumerate(section.items, start=1):
            if section.kind == "steps":
                lines.append(f"  {n}. {text}")
            elif section.kind in ("answers", "links"):
                lines.append(f"  - {text}{': ' if section.kind == 'links' else ' '}{detail}")
            else:
                lines.append(f"  - {text}")
    lines += ["", f"Answer code: {result.token} (content of {result.version})", SITE_NOTE]
    return "\n".join(lines) + "\n"


def result_markdown(content: Content, result: Result, docs_base: str = "") -> str:
    """A checklist a team can paste into an internal doc or a ticket."""
    o = result.outcome
    lines = [f"## {o.title} ({o.title_zh})", "", o.why, "", _subject_line(result)]
    for section in _sections(content, result):
        title = "Why" if section.kind == "answers" else section.title
        lines += ["", f"### {title}"]
        for text, detail in section.items:
            if section.kind == "answers":
                lines.append(f"- {text} **{detail}**")
            elif section.kind == "links":
                lines.append(f"- [{text}]({docs_base}{detail})")
            elif section.kind in ("steps", "checklist"):
                lines.append(f"- [ ] {text}")
            else:
                lines.append(f"- {text}")
    lines += ["", f"_Answer code `{result.token}`, content of {result.version}. {SITE_NOTE}_"]
    return "\n".join(lines) + "\n"


def page_url(path: str) -> str:
    """Docs source path to the page's URL with directory URLs: 'procedures/x.md#a' -> 'procedures/x/#a'."""
    page, _, anchor = path.partition("#")
    url = page.removesuffix(".md")
    url = "" if url == "index" else url.removesuffix("/index") + "/"
    return url + (f"#{anchor}" if anchor else "")


def _caveat_dict(content: Content, caveat: Caveat) -> dict[str, object]:
    return {
        "text": caveat.text,
        "applies_to": caveat.applies_to.value,
        "topic": caveat.topic or None,
        "sources": [
            {"key": k, "title": content.sources[k].title, "url": content.sources[k].url or None} for k in caveat.sources
        ],
        "as_of": caveat.as_of,
        "confidence": caveat.confidence.value,
        "conflict": caveat.conflict,
    }


def result_dict(content: Content, result: Result) -> dict[str, object]:
    o = result.outcome
    return {
        "outcome": {"id": o.id, "title": o.title, "title_zh": o.title_zh, "kind": o.kind, "why": o.why},
        "answers": [
            {"question_id": s.question.id, "question": s.question.text, "choice_id": s.choice.id, "choice": s.choice.label}
            for s in result.why
        ],
        "subject": result.subject.value if result.subject else None,
        "province": (
            {"id": result.province.id, "name_en": result.province.name_en, "name_zh": result.province.name_zh}
            if result.province
            else None
        ),
        "steps": list(o.steps),
        "materials": [{"text": m.text, "applies_to": m.applies_to.value} for m in result.materials],
        "warnings": [_caveat_dict(content, w) for w in result.warnings],
        "regional_caveats": [_caveat_dict(content, c) for c in result.regional],
        "links": [{"title": link.title, "path": page_url(link.path)} for link in result.links],
        "token": result.token,
        "content_version": result.version,
    }


def result_json(content: Content, result: Result) -> str:
    return json.dumps(result_dict(content, result), ensure_ascii=False, indent=2) + "\n"


def render_result(content: Content, result: Result, fmt: str) -> str:
    renderers = {"text": result_text, "markdown": result_markdown, "json": result_json}
    return renderers[fmt](content, result)


def paths_json(paths: list[Path]) -> str:
    return json.dumps([p.as_dict() for p in paths], ensure_ascii=False, indent=2) + "\n"


def paths_markdown(content: Content, paths: list[Path]) -> str:
    lines = [
        "# Every path through the decision tree",
        "",
        "Generated by `make paths` (`python -m decision_tree paths --format markdown`); do not edit by hand.",
        "A test fails when this file is stale: a change to the tree shows up here as a diff to review.",
        "Subject and province questions do not change the route, so each appears once as 'any'.",
        "",
        f"Content version {content.version}: {len(content.questions)} questions, "
        f"{len(content.outcomes)} outcomes, {len(paths)} paths.",
    ]
    for n, path in enumerate(paths, start=1):
        lines += ["", f"## {n}. {path.outcome} (`{path.outcome_id}`)", ""]
        lines += [f"{i}. {s.question} → **{s.choice}** (`{s.question_id}={s.choice_id}`)" for i, s in enumerate(path.steps, 1)]
    return "\n".join(lines) + "\n"
