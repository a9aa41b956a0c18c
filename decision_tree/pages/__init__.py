"""Build-time page generators: the site's pages made from the tree's content (regions, sources,
the walkthrough, the tree page's widget shell) and the pymdownx.superfences glue that puts them
into the Markdown (``fences``); with them, what the build scripts need of the package: the browser's
content snapshot (``content_snapshot``), what the browser's bundle is made of and the keys of what
the build caches (``bundle``), and the package's import graph (``imports``).

Nothing here runs in the browser: the browser's entry point (``decision_tree.web``) never imports
this package, the bundle leaves it out, and a test keeps it so.
"""
