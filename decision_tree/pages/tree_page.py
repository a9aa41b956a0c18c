"""The tree page's widget as the build writes it: the first question (usable before, and without,
Python), the addresses of the runtime and the wheel, and the texts boot.js shows in the reader's
language."""

from __future__ import annotations

import json

from .. import urls
from ..engine import State
from ..markup import attrs, escape, tag
from ..messages import Messages
from ..model import Content
from ..widget import render_state

RUNTIME_DIR = "assets/pyodide/"
TREE_ASSETS = "assets/tree/"
BOOT_SCRIPT = TREE_ASSETS + "boot.js"


# Packages the browser needs beside decision_tree, for the tools only (the domain check's Public
# Suffix List), and the files of theirs it never runs (tests, the list's downloader), which
# scripts/build_site.py leaves out of the wheel it makes from the installed package.
TOOL_PACKAGES = {
    "publicsuffixlist": (
        "publicsuffixlist/test.py", "publicsuffixlist/test_psl.txt", "publicsuffixlist/update.py", "/entry_points.txt",
    ),
}


def wheel_name(dist: str = "icp-decision-tree") -> str:
    """The file name of an installed distribution's wheel, as scripts/build_site.py places it in the site."""
    from importlib.metadata import distribution

    found = distribution(dist)
    return f"{found.metadata['Name'].replace('-', '_')}-{found.version}-py3-none-any.whl"


def tool_wheels(here: str) -> str:
    """The tools' extra wheels, space-separated hrefs relative to ``here``: loaded on first use."""
    return " ".join(urls.relative_href(TREE_ASSETS + wheel_name(dist), here) for dist in TOOL_PACKAGES)


def boot_messages(m: Messages) -> str:
    """boot.js's own texts, as JSON for a data block: it has no strings of its own."""
    # "</" could end the <script> element early; JSON allows it written as "<\/".
    return json.dumps(m.table("boot"), ensure_ascii=False, sort_keys=True).replace("</", "<\\/")


def widget_html(content: Content, here: str, m: Messages, *, site_name: str) -> str:
    """The widget as the tree page ships it."""
    first = render_state(State.start(content), here, m, static=True)
    root = urls.root_href(here)
    wheel = urls.relative_href(TREE_ASSETS + wheel_name(), here)
    # Only the small wheel is preloaded (make bench): preloading the runtime's large files delayed
    # the first question's paint and, for the wasm, made warm loads slower.
    preload = f"<link{attrs(rel='preload', as_='fetch', crossorigin='anonymous', href=wheel)}>"
    widget = attrs(
        class_="icp-tree",
        data_icp_tree="",
        data_root=root,
        data_page=here,
        data_lang=m.lang,
        data_pyodide=urls.relative_href(RUNTIME_DIR, here),
        data_wheel=wheel,
        data_tool_wheels=tool_wheels(here),
        data_site_name=site_name,
    )
    # One outer <div> so Markdown treats the fence's output as a block, not a paragraph.
    return (
        '<div class="icp-tree-wrap">'
        f"{preload}"
        f"<div{widget}>"
        f'<script type="application/json" class="icp-tree__messages">{boot_messages(m)}</script>'
        '<p class="icp-tree__status" role="status" aria-live="polite"></p>'
        '<p class="icp-tree__notice" role="alert" hidden></p>'
        f"<noscript>{tag('p', escape(m('tree.noscript')), class_='icp-tree__notice')}</noscript>"
        f'<div class="icp-tree__view">{first}</div>'
        "</div>"
        f"<script{attrs(type='module', src=urls.relative_href(BOOT_SCRIPT, here))}></script>"
        "</div>"
    )
