"""The "Rules as data" page's list of files (the ``icp-data`` fence): each file the export writes
(pages.data_export), what it holds and its schema, linked where the build publishes them (``data/``
at the site's root, which both editions share)."""

from __future__ import annotations

from .. import urls
from ..markup import escape, tag
from ..messages import Messages
from . import data_export

DATA = "data/"  # the export's place in the site (scripts/build_site.py, DATA_DIR)


def render_files(base: str, m: Messages) -> str:
    """The table of files; ``base`` is the site URL the hrefs are relative to (the edition's prefix
    and the page's link base: fences.run_widget_fence)."""

    def link(path: str) -> str:
        return tag("a", tag("code", escape(path)), href=urls.relative_href(DATA + path, base))

    rows = [(data_export.INDEX, "index", data_export.schema_path("index"))]
    rows += [(f.path, f.name, f.schema) for f in data_export.FILES]
    head = "".join(tag("th", escape(m(f"data.{column}"))) for column in ("file", "holds", "schema"))
    body = "".join(
        tag("tr", tag("td", link(path)) + tag("td", escape(m(f"data.holds_{name}"))) + tag("td", link(schema)))
        for path, name, schema in rows
    )
    return tag("table", tag("thead", tag("tr", head)) + tag("tbody", body), class_="icp-data-files")
