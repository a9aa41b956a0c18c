"""The tree page's widget as the build writes it, and where the files it loads live in the site.

The widget holds the first question (usable before, and without, JavaScript and Python), the
template of every other question and the routing table (JSON data blocks) (so that boot.js shows the next view at
once, before Python arrives: see ``prerender``), the texts boot.js shows in the reader's language,
and the addresses of the runtime and of the bundle that scripts/build_site.py writes:

- ``assets/pyodide/<Pyodide's version>/``: the runtime, from the pinned npm package;
- ``assets/tree/<bundle id>/``: the Python the browser runs (``python.zip``, ``stdlib.zip``,
  ``psl.zip``, ``lock.json``) and the prerendered results (``results/``).

Both paths change when what is in them changes, so a host can cache them for good.

Another team's site can carry the widget too (docs/embedding.md): the fence's ``assets`` option
names where they put the files ``python -m decision_tree.pages.assets`` copied out of a built
site, laid out without versions (``EMBED_*`` below), because an installed package (no checkout, no
node_modules) cannot know the runtime's version or the bundle's id.
"""

from __future__ import annotations

import json

from .. import urls
from ..engine import State
from ..markup import attrs, escape, tag
from ..messages import Messages
from ..model import Content
from ..widget import render_state, row_templates
from . import prerender
from .bundle import bundle_id, pyodide_version

RUNTIME_DIR = "assets/pyodide/"
TREE_ASSETS = "assets/tree/"
BOOT = "boot.js"
BOOT_SCRIPT = TREE_ASSETS + BOOT
# The modules boot.js imports, fetched beside it (modulepreload), not one after the other.
BOOT_IMPORTS = ("walk.js", "runtime.js")
# The layout under a team's ``assets`` location (decision_tree.pages.assets writes it).
EMBED_RUNTIME = "pyodide/"
EMBED_BUNDLE = "bundle/"
EMBED_SCRIPTS = (BOOT, *BOOT_IMPORTS, "worker.js", "python-setup.mjs")
EMBED_CSS = "icp-tree.css"


def runtime_dir() -> str:
    return f"{RUNTIME_DIR}{pyodide_version()}/"


def bundle_dir() -> str:
    return f"{TREE_ASSETS}{bundle_id()}/"


def boot_messages(m: Messages) -> str:
    """The page scripts' own texts, as JSON for a data block: they have no strings of their own."""
    return _script_json(m.table("boot"))


def _script_json(value: object) -> str:
    # "</" could end the <script> element early; JSON allows it written as "<\/".
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")


def python_attrs(here: str) -> dict[str, str]:
    """Where a widget's Python comes from: the runtime and the bundle, relative to the page."""
    return {
        "data_pyodide": urls.relative_href(runtime_dir(), here),
        "data_bundle": urls.relative_href(bundle_dir(), here),
    }


def embed_location(value: str) -> str:
    """The fence's ``assets`` option, checked: a path on the same site, ending with "/".

    A path from the site root (``icp-assets/``, as MkDocs names files in docs/) or an absolute
    path (``/shared/icp/``). Never another origin: the browser runs the tree's Python in a module
    Worker, which must come from the page's own origin.
    """
    location = value.strip()
    if not location or "://" in location or location.startswith("//") or any(c in location for c in "?#\\\"'<> "):
        raise ValueError(
            f"assets={value!r}: give a path on the same site, such as icp-assets/ or /shared/icp/ "
            "(a module Worker must be same-origin with the page)"
        )
    return location if location.endswith("/") else location + "/"


def _href(target: str, here: str) -> str:
    return target if target.startswith("/") else urls.relative_href(target, here)


def embed_attrs(location: str, here: str) -> dict[str, str]:
    """Where the widget's Python comes from when the files are at a team's ``location``."""
    return {
        "data_pyodide": _href(location + EMBED_RUNTIME, here),
        "data_bundle": _href(location + EMBED_BUNDLE, here),
    }


# Shows the notice just before it (in the widget) when the address holds answers that boot.js never
# got to open: it could not be downloaded, or this browser runs no module scripts (a classic script
# still runs there, so this one is written for old browsers too). By "load" every async script has
# run, and boot.js marks its widget (data-booted) the moment it runs. The same text on every page: its
# hash is in deploy/nginx.conf's Content-Security-Policy (scripts/dist.py checks it).
UNSCRIPTED_SCRIPT = (
    "(function(n){"
    'addEventListener("load",function(){'
    'var code=new RegExp("[?&]"+n.getAttribute("data-parameter")+"=[^&]");'
    'if(!n.parentNode.hasAttribute("data-booted")&&code.test(location.search))n.hidden=false})'
    "})(document.currentScript.previousElementSibling)"
)


def unscripted_html(here: str, m: Messages) -> str:
    """The notice the page shows on its own when the tree's scripts did not run on a link with answers."""
    link = tag("a", escape(m("tree.unscripted_link")), href=urls.relative_href(urls.WALKTHROUGH_PAGE, here))
    notice = attrs(class_="icp-tree__unscripted", data_parameter=urls.CODE_PARAMETER)
    return f"<p{notice} hidden>{escape(m('tree.unscripted'))} {link}</p><script>{UNSCRIPTED_SCRIPT}</script>"


def templates_html(content: Content, here: str, m: Messages) -> str:
    """The start view and every question's template, and the routing table, as JSON data blocks.

    Data, not <template> elements: a script's text is left alone by every HTML reader on the way
    (the site's search index, which would otherwise index every question twice, among them).
    """
    templates = {"": render_state(State.start(content), here, m), **prerender.question_templates(content, m, here)}
    routes = prerender.routing_table(content, m)
    return (
        f'<script type="application/json" class="icp-tree__templates">{_script_json(templates)}</script>'
        f'<script type="application/json" class="icp-tree__routes">{_script_json(routes)}</script>'
    )


def widget_html(
    content: Content,
    here: str,
    m: Messages,
    *,
    site_name: str,
    assets: str | None = None,
    link_base: str | None = None,
    prefix: str = "",
) -> str:
    """The widget as the tree page ships it; with ``assets`` (see ``embed_location``), as a team's page does.

    ``link_base``: what the hrefs and srcs in its HTML are relative to, when not ``here`` (under
    Zensical: fences.link_base); its data attributes and JSON blocks are always relative to ``here``.
    ``prefix``: the edition's place in the site (``zh/``): its pages link among themselves, and
    reach the scripts, runtime and bundle both editions share at the site root through it.
    """
    base = here if link_base is None else link_base
    if assets is None:
        python = python_attrs(prefix + here)

        def script(name: str) -> str:
            return urls.relative_href(TREE_ASSETS + name, prefix + base)
    else:
        location = embed_location(assets)
        python = embed_attrs(location, prefix + here)

        def script(name: str) -> str:
            return _href(location + name, prefix + base)
    first = render_state(State.start(content), base, m, static=True)
    widget = attrs(
        class_="icp-tree",
        data_icp_tree="",
        data_root=urls.root_href(here),
        # Where a view the page cannot show is, as plain links: with a node's anchor (routing table).
        data_walkthrough=urls.relative_href(urls.WALKTHROUGH_PAGE, here),
        data_page=here,
        data_lang=m.lang,
        data_site_name=site_name,
        **python,
    )
    # One outer <div> so Markdown treats the fence's output as a block, not a paragraph.
    return (
        '<div class="icp-tree-wrap">'
        f"<div{widget}>"
        f'<script type="application/json" class="icp-tree__messages">{boot_messages(m)}</script>'
        '<p class="icp-tree__status" role="status" aria-live="polite"></p>'
        '<p class="icp-tree__notice" role="alert" hidden></p>'
        f"<noscript>{tag('p', escape(m('tree.noscript')), class_='icp-tree__notice')}</noscript>"
        f"{unscripted_html(base, m)}"
        f'<div class="icp-tree__view">{first}</div>'
        f"{templates_html(content, here, m)}"
        "</div>"
        # async: boot.js runs as soon as it arrives, not after the rest of the page and Material's bundle,
        # so that an early click is answered in the page; the modules it imports are fetched beside it.
        + "".join(f"<link{attrs(rel='modulepreload', href=script(name))}>" for name in BOOT_IMPORTS)
        + f"<script{attrs(type='module', src=script(BOOT))} async></script>"
        # After the script: only a result needs them, and they would make boot.js arrive later.
        f'<script type="application/json" class="icp-tree__rows">{_script_json(row_templates(content, here, m))}</script>'
        "</div>"
    )
