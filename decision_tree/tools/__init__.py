"""The developer's tools beside the tree: check a domain (the Public Suffix List and what the sources
say of each Chinese suffix), read a filing number, check a site's footer; "Check my domain" answers
the tree's domain question with the first of them.

Each tool reads what a person typed (``domain_check``, ``filing_number``, ``footer``, with their own
``InputError`` kinds), and its views put the answer into words (``domain_view``, ``number_view``,
``domain_answer``); ``web`` is the browser's entry point to all of them. They sit above the tree's
modules and use them; nothing of the tree imports them, so the tree page never loads the Public
Suffix List (``publicsuffixlist``), the only package outside the standard library they need. This
file imports nothing, so that importing one tool loads only what that tool needs.
"""
