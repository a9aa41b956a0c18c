"""HTML for the tree widget: rendered at build time for first paint and in the browser by Pyodide.

The same functions serve both, so the page looks the same before and after Python takes over.
Every navigation is a link carrying the answer token of the state it leads to (``?a=TOKEN``), so
Back, Change and Start again are plain links too, and the JavaScript only intercepts clicks and
hands tokens to ``view_json``. Everything from the content is escaped.
"""

from __future__ import annotations

import json
from typing import Any

from . import render
from .engine import Result, State
from .errors import TokenError
from .loader import load
from .model import Caveat, Content, Outcome, Question, QuestionKind, Subject
from .render import source_anchor

ROOT = "../"  # from the tree page (/tree/) to the site root, with directory URLs
# html.escape's module pulls in html.entities, a large table that costs ~50 ms to import under
# Pyodide; this does the same job for the five characters that matter.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape(text: str) -> str:
    return text.translate(_ESCAPES)


def _zh(text: str) -> str:
    return f' <span lang="zh-CN">{escape(text)}</span>' if text else ""


def _href(state: State, *, static: bool) -> str:
    """Where a link to ``state`` points: the URL with its token, or (before Python runs) the walkthrough."""
    if static:
        node = state.current
        return f"#{'o' if isinstance(node, Outcome) else 'q'}-{node.id}"
    return f"?a={state.token}" if state.answers else "./"


def _link(state: State, label_html: str, css: str, *, static: bool, extra: str = "") -> str:
    return (
        f'<a class="{css}" href="{escape(_href(state, static=static))}" '
        f'data-token="{escape(state.token if state.answers else "")}"{extra}>{label_html}</a>'
    )


def _question(state: State, question: Question, *, static: bool) -> str:
    parts = [f'<div class="icp-q" data-question="{escape(question.id)}">']
    if state.answers:
        parts.append(f'<p class="icp-nav">{_link(state.back(), "Back", "icp-back", static=static)}</p>')
    parts.append(f'<p class="icp-progress">Question {len(state.steps) + 1}</p>')
    # elementtiming lets the benchmark time when the build-time question is painted.
    timing = ' elementtiming="icp-first-question"' if static else ""
    parts.append(
        f'<h2 class="icp-heading" id="icp-current" tabindex="-1"{timing}>{escape(question.text)}{_zh(question.text_zh)}</h2>'
    )
    if question.help:
        parts.append(f'<p class="icp-help">{escape(question.help)}</p>')
    grid = " icp-choices--grid" if question.kind is QuestionKind.PROVINCE else ""
    parts.append(f'<ul class="icp-choices{grid}" aria-label="Choices">')
    for choice in question.choices:
        label = f'<span class="icp-choice__label">{escape(choice.label)}{_zh(choice.label_zh)}</span>'
        if choice.hint:
            label += f'<span class="icp-choice__hint">{escape(choice.hint)}</span>'
        nxt = state.answer(choice.id)
        parts.append(f"<li>{_link(nxt, label, 'icp-choice', static=static, extra=f' data-choice={_attr(choice.id)}')}</li>")
    parts.append("</ul>")
    if state.answers:
        restart = _link(State.start(state.content), "Start again", "icp-restart", static=static)
        parts.append(f'<p class="icp-restart-line">{restart}</p>')
    parts.append("</div>")
    return "".join(parts)


def _attr(value: str) -> str:
    return f'"{escape(value)}"'


def _sources_html(content: Content, keys: tuple[str, ...], root: str) -> str:
    links = []
    for key in keys:
        source = content.sources[key]
        title = escape(f"{source.title} ({source.date})")
        links.append(f'<a href="{root}sources/#{source_anchor(key)}" title="{title}">{escape(key)}</a>')
    return ", ".join(links)


def _caveat_html(content: Content, caveat: Caveat, root: str) -> str:
    conflict = ' <strong class="icp-conflict">Sources disagree</strong>' if caveat.conflict else ""
    zh = f' <span lang="zh-CN" class="icp-zh">{escape(caveat.text_zh)}</span>' if caveat.text_zh else ""
    return (
        f'<li class="icp-caveat" data-topic="{escape(caveat.topic)}" data-confidence="{caveat.confidence.value}" '
        f'data-sources="{escape(" ".join(caveat.sources))}">{escape(caveat.text)}{zh}{conflict} '
        f'<span class="icp-meta">Sources: {_sources_html(content, caveat.sources, root)}; '
        f'as of {escape(caveat.as_of)}; confidence: <span class="icp-confidence icp-confidence--{caveat.confidence.value}">'
        f"{caveat.confidence.value}</span></span></li>"
    )


def _subject_phrase(subject: Subject | None) -> str:
    return {None: "", Subject.INDIVIDUAL: " for an individual", Subject.ENTERPRISE: " for an enterprise"}[subject]


def _result(state: State, result: Result, *, root: str, static: bool) -> str:
    content, o = state.content, result.outcome
    kind = content.outcome_kinds.get(o.kind, o.kind)
    parts = [
        f'<article class="icp-result icp-result--{escape(o.kind)}" data-outcome="{escape(o.id)}">',
        f'<p class="icp-nav">{_link(state.back(), "Back", "icp-back", static=static)}</p>',
        f'<p class="icp-kind">{escape(kind)}</p>',
        f'<h2 class="icp-heading" id="icp-current" tabindex="-1">{escape(o.title)}{_zh(o.title_zh)}</h2>',
        f'<p class="icp-why">{escape(o.why)}</p>',
        '<h3>Steps</h3><ol class="icp-steps">',
        *(f"<li>{escape(step)}</li>" for step in o.steps),
        "</ol>",
    ]
    if result.materials:
        parts.append(f"<h3>Materials{_subject_phrase(result.subject)}</h3><ul class=\"icp-materials\">")
        parts += [f"<li>{escape(m.text)}</li>" for m in result.materials]
        parts.append("</ul>")
    if result.warnings:
        parts.append('<h3>Warnings</h3><ul class="icp-warnings">')
        parts += [_caveat_html(content, w, root) for w in result.warnings]
        parts.append("</ul>")
    if result.province is not None and o.caveat_topics:
        p = result.province
        parts.append(f'<h3>In {escape(p.name_en)}{_zh(p.name_zh)}</h3>')
        if result.regional:
            parts.append(f'<ul class="icp-regional" data-province="{escape(p.id)}">')
            parts += [_caveat_html(content, c, root) for c in result.regional]
            parts.append("</ul>")
        else:
            parts.append('<p class="icp-regional-none">No province-specific caveat on these topics in our sources.</p>')
        parts.append(
            f'<p class="icp-regional-more">All of {escape(p.name_en)}\'s caveats: '
            f'<a href="{root}regions/#province-{escape(p.id)}">regional differences</a>. '
            "Rules change: confirm with your provider.</p>"
        )
    if result.links:
        parts.append('<h3>Read more</h3><ul class="icp-links">')
        parts += [
            f'<li><a href="{escape(root + render.page_url(link.path))}">{escape(link.title)}</a></li>' for link in result.links
        ]
        parts.append("</ul>")
    parts.append('<h3>Your answers</h3><dl class="icp-answers">')
    for step in result.why:
        change = _link(
            state.change(step.question.id),
            f'Change<span class="icp-visually-hidden"> your answer to “{escape(step.question.text)}”</span>',
            "icp-change",
            static=static,
        )
        label = escape(step.choice.label) + _zh(step.choice.label_zh)
        parts.append(f"<div><dt>{escape(step.question.text)}</dt><dd>{label} {change}</dd></div>")
    parts.append("</dl>")
    parts.append(
        '<p class="icp-actions">'
        '<button type="button" class="md-button md-button--primary" data-action="copy-markdown">Copy as Markdown</button> '
        '<button type="button" class="md-button" data-action="print">Print checklist</button> '
        f"{_link(State.start(content), 'Start again', 'icp-restart md-button', static=static)}</p>"
        f'<p class="icp-version">Answer code <code>{escape(result.token)}</code>; content of {escape(result.version)}. '
        f"{escape(render.SITE_NOTE)}</p>"
    )
    parts.append("</article>")
    return "".join(parts)


def render_state(state: State, *, root: str = ROOT, static: bool = False) -> str:
    node = state.current
    if isinstance(node, Outcome):
        return _result(state, state.result(), root=root, static=static)
    return _question(state, node, static=static)


def announcement(state: State) -> str:
    node = state.current
    if isinstance(node, Outcome):
        return f"Result: {node.title}."
    return f"Question {len(state.steps) + 1}: {node.text}"


def view(token: str, root: str = ROOT) -> dict[str, Any]:
    """What the page shows for a token. A bad token gives the start with a notice, never an exception."""
    content = load()
    notice = ""
    try:
        state = State.from_token(content, token) if token else State.start(content)
    except TokenError as exc:
        state, notice = State.start(content), f"{exc} You are back at the first question."
    node = state.current
    return {
        "html": render_state(state, root=root),
        "token": state.token if state.answers else "",
        "announce": announcement(state),
        "title": node.title if isinstance(node, Outcome) else node.text,
        "notice": notice,
        "complete": state.is_complete,
    }


def view_json(token: str, root: str = ROOT) -> str:
    return json.dumps(view(token, root), ensure_ascii=False)


def markdown(token: str, site_url: str = "") -> str:
    """The result as a Markdown checklist, for "Copy as Markdown"."""
    content = load()
    state = State.from_token(content, token)
    return render.result_markdown(content, state.result(), docs_base=site_url)


def wheel_name() -> str:
    """The file name of this package's wheel, as scripts/build_site.py places it in the site."""
    from importlib.metadata import version

    return f"icp_decision_tree-{version('icp-decision-tree')}-py3-none-any.whl"


def widget_html(content: Content, *, root: str = ROOT, site_name: str = "ICP Filing Guide") -> str:
    """The widget as the tree page ships it: the first question, usable before (and without) Python."""
    first = render_state(State.start(content), root=root, static=True)
    wheel = f"{root}assets/tree/{escape(wheel_name())}"
    # Only the small wheel is preloaded (make bench): preloading the runtime's large files delayed
    # the first question's paint and, for the wasm, made warm loads slower.
    preloads = f'<link rel="preload" as="fetch" crossorigin="anonymous" href="{wheel}">'
    # One outer <div> so Markdown treats the fence's output as a block, not a paragraph.
    return (
        '<div class="icp-tree-wrap">'
        f"{preloads}"
        f'<div class="icp-tree" data-icp-tree data-root="{root}" data-pyodide="{root}assets/pyodide/" '
        f'data-wheel="{wheel}" data-site-name="{escape(site_name)}">'
        '<p class="icp-tree__status" role="status" aria-live="polite"></p>'
        '<p class="icp-tree__notice" role="alert" hidden></p>'
        "<noscript><p class=\"icp-tree__notice\">JavaScript is off: each answer below takes you to its place in "
        "the walkthrough further down this page.</p></noscript>"
        f'<div class="icp-tree__view">{first}</div>'
        "</div>"
        f'<script type="module" src="{root}assets/tree/boot.js"></script>'
        "</div>"
    )

