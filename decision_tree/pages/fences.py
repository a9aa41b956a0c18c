"""The generated pages' way into the Markdown: pymdownx.superfences custom fences.

mkdocs.yml registers each fence with ``format: !!python/name:decision_tree.pages.fences.<name>``;
the same mechanism works under Zensical. Most fences take no body::

    ```icp-regions
    ```

``icp-regions`` (the province index), ``icp-province`` (one province's page; its body is the
province id), ``icp-abbreviations`` (filing-number prefixes),
``icp-conflicts`` (every statement on which sources disagree), ``icp-sources`` (the sources
list), ``icp-confidence`` (the confidence scale), ``icp-changes`` (the "What changed" page),
``icp-data`` (the files of the rules as data), ``icp-tree`` (the interactive tree), ``icp-walkthrough`` (the whole tree as linked
sections) and ``icp-tool`` (one of the developer's tools; its body names it: domain,
number or footer). ``icp-glossary`` is one table of the glossary (content/glossary.toml); its
body names the group. ``icp-caveats`` quotes regional caveats by reference, one
``province/caveat-id`` per line of its body. The pages therefore show exactly the data the tree
uses, and a fence that fails stops the build instead of vanishing.
"""

from __future__ import annotations

import importlib
import posixpath
import re
from collections.abc import Callable
from html import unescape
from typing import Any

from .. import glossary, loader, urls
from ..messages import Messages, messages
from ..model import Content
from . import data_page, edition, regions, sources, tools_page, tree_page, walkthrough
from . import glossary as glossary_page

Render = Callable[[Content, str, Messages], str]
# A widget's renderer: the content, the page's URL, the base of its hrefs (``link_base``), the words,
# and the edition's place in the site (``edition.Edition.prefix``).
WidgetRender = Callable[[Content, str, str, Messages, str], str]
_ID_ATTR = re.compile(r'\sid="([^"]*)"')


def _zensical_page(md: Any) -> Any:
    """The page Zensical is rendering (its ``rendering_context`` preprocessor holds it), or None."""
    try:
        return md.preprocessors["rendering_context"].page
    except Exception:
        return None


def current_page(md: Any, default: str) -> str:
    """The site URL of the page being rendered: MkDocs' own path processor knows it, and so does
    Zensical's rendering context; else ``default``."""
    try:
        url = md.treeprocessors["relpath"].file.url
    except Exception:
        url = getattr(_zensical_page(md), "url", None)
    if not isinstance(url, str):
        return default
    return url.removeprefix("./")


def link_base(md: Any, here: str) -> str:
    """What an href in a fence's HTML is taken to be relative to.

    MkDocs leaves a fence's HTML alone, so an href is relative to the page's URL (``here``).
    Zensical (0.0.x) rewrites every relative ``href`` and ``src`` in the page as if it were
    written in the page's Markdown file (``regions/beijing.md``): relative to that file's
    folder (``regions/``), which it then turns into the page's URL. Data attributes and the
    text of scripts it leaves alone, so those stay relative to ``here``.
    """
    path = getattr(_zensical_page(md), "path", None)
    if not isinstance(path, str):
        return here
    folder = posixpath.dirname(path)
    return folder + "/" if folder else ""


def _register_anchors(md: Any, html: str) -> None:
    """Tell MkDocs' anchor validation about the ids in our HTML.

    superfences stores a fence's HTML away before MkDocs collects the page's anchors, so without
    this a Markdown link such as ``[Shaanxi](regions.md#province-shaanxi)`` would be reported as
    broken. Outside MkDocs (no such processor) this does nothing.
    """
    try:
        present = md.treeprocessors["mkdocs_extract_anchors"].present_anchor_ids
    except Exception:
        return
    if isinstance(present, set):
        present.update(unescape(anchor) for anchor in _ID_ATTR.findall(html))


def _fail(language: str, exc: Exception) -> Exception:
    """superfences silently drops a fence whose formatter raises, unless it is its own exception."""
    message = f"the {language} fence failed: {exc}"
    try:
        cls = importlib.import_module("pymdownx.superfences").SuperFencesException
    except (ImportError, AttributeError):
        return RuntimeError(message)
    error: Exception = cls(message)
    return error


def run_fence(source: str, language: str, md: Any, default_page: str, render: Render, *, body: bool = False) -> str:
    """Render a fence from the packaged content; any failure stops the build instead of vanishing.

    ``render`` gets the base its hrefs are relative to (``link_base``): fences whose HTML holds
    only links. A widget, which also names its page in data attributes, uses ``run_widget_fence``.
    """
    return run_widget_fence(source, language, md, default_page, lambda c, here, base, m, prefix: render(c, base, m), body=body)


def run_widget_fence(source: str, language: str, md: Any, default_page: str, render: WidgetRender, *, body: bool = False) -> str:
    """``run_fence`` for a widget: ``render`` gets the page's URL and the base of its hrefs apart."""
    try:
        if source.strip() and not body:
            raise ValueError("it takes no body: write the opening and closing fence lines only")
        here = current_page(md, default_page)
        ed = edition.of(md)
        html = render(loader.load(ed.lang), here, link_base(md, here), messages(ed.lang), ed.prefix)
    except Exception as exc:
        raise _fail(language, exc) from exc
    _register_anchors(md, html)
    return html


def icp_regions(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    return run_fence(source, language, md, urls.REGIONS_PAGE, regions.render_regions)


def icp_abbreviations(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    return run_fence(source, language, md, urls.REGIONS_PAGE, regions.render_abbreviations)


def icp_conflicts(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    return run_fence(source, language, md, urls.REGIONS_PAGE, regions.render_conflicts)


def icp_caveats(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    refs = [line.strip() for line in source.splitlines() if line.strip()]

    def render(content: Content, here: str, m: Messages) -> str:
        if not refs:
            raise ValueError("list the caveats to quote, one 'province/caveat-id' per line")
        return regions.render_quoted_caveats(content, refs, here, m)

    return run_fence(source, language, md, urls.HOME, render, body=True)


def icp_province(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    """One province's page; the body is the province's id (its pinyin, as in regions.toml)."""
    province_id = source.strip()

    def render(content: Content, here: str, m: Messages) -> str:
        if not province_id:
            raise ValueError("write the province's id (e.g. zhejiang) between the fence lines")
        return regions.render_province(content, province_id, here, m)

    return run_fence(source, language, md, urls.province_page(province_id), render, body=True)


def icp_sources(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    return run_fence(source, language, md, urls.SOURCES_PAGE, sources.render_sources)


def icp_changes(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    return run_fence(source, language, md, urls.CHANGES_PAGE, sources.render_changes)


def icp_confidence(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    return run_fence(source, language, md, urls.SOURCES_PAGE, sources.render_confidence_scale)


DATA_PAGE = "data/"


def icp_data(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    """The files of the rules as data, at the site's root whichever edition the page is in."""

    def render(content: Content, here: str, base: str, m: Messages, prefix: str) -> str:
        return data_page.render_files(prefix + base, m)

    return run_widget_fence(source, language, md, DATA_PAGE, render)


TREE_OPTIONS = ("assets",)


def icp_tree_options(language: str, inputs: dict[str, str], options: dict[str, Any], attrs: dict[str, Any], md: Any) -> bool:
    """superfences' validator for ``icp-tree``: its options (``assets="icp-assets/"``) go to the formatter.

    Every option is passed on, so that the formatter can stop the build on an unknown one with a
    clear message (a validator that says no turns the fence into a plain code block, silently).
    """
    options.update(inputs)
    return True


def icp_tree(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    """The interactive widget, with its first question rendered now for first paint.

    ``assets`` (on another team's site, docs/embedding.md): where the copied runtime, bundle and
    scripts are, a path from the site root or an absolute path on the same origin.
    """
    unknown = sorted(set(options) - set(TREE_OPTIONS))
    assets = options.get("assets")

    def render(content: Content, here: str, base: str, m: Messages, prefix: str) -> str:
        if unknown:
            raise ValueError(f"unknown option {', '.join(unknown)}; it takes only: {', '.join(TREE_OPTIONS)}")
        if assets is not None and not isinstance(assets, str):
            raise ValueError('assets needs a value: assets="icp-assets/"')
        return tree_page.widget_html(
            content, here, m, site_name=m("site.name"), assets=assets, link_base=base, prefix=prefix
        )

    return run_widget_fence(source, language, md, urls.TREE_PAGE, render)


def icp_walkthrough(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    return run_fence(source, language, md, urls.WALKTHROUGH_PAGE, walkthrough.render_walkthrough)


def icp_tool(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    """One of the developer's tools; the body names it (domain, number or footer)."""
    tool = source.strip()

    def render(content: Content, here: str, base: str, m: Messages, prefix: str) -> str:
        return tools_page.tool_html(content, tool, here, m, link_base=base, prefix=prefix)

    return run_widget_fence(source, language, md, urls.TOOLS_PAGE, render, body=True)


def icp_glossary(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    """One group of the glossary as a table; the body is the group's id (its heading's anchor)."""
    group_id = source.strip()

    def render(content: Content, here: str, m: Messages) -> str:
        if not group_id:
            raise ValueError("write the group's id (e.g. procedures) between the fence lines")
        return glossary_page.render_group(glossary.load(), group_id, here, m)

    return run_fence(source, language, md, urls.GLOSSARY_PAGE, render, body=True)

