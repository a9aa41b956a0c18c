"""Wrap the command line's text to the terminal's width, list items hanging under their marker.

``textwrap`` counts characters and breaks only at spaces: Chinese text is twice as wide as it
counts, and has no spaces to break at. Here a character's width is its East Asian width, a line
may break between two wide characters, and words such as URLs are never cut.
"""

from __future__ import annotations

import re
import unicodedata

# "  - ", "  3. ", "  [12] ", or just the indent: the rest of an item's lines start under its text.
_MARKER = re.compile(r"^(\s*)(-\s|\d+\.\s+|\[\d+\]\s)?")
# A run of spaces, one wide character, or a run of anything else: the units a line is built from.
_UNITS = re.compile(r"\s+|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[^\s]")
_WIDE = frozenset("WF")
# Chinese punctuation that may not start a line: it stays with the character before it.
_CLOSING = frozenset("，。、；：！？）」』】》〉”’)],.;:!?")
# ... and punctuation that may not end one: the character after it stays with it.
_OPENING = tuple("(（《「『【〈“‘[")


def cell_width(text: str) -> int:
    """The columns ``text`` takes in a terminal: 2 for a wide character, 1 for the rest."""
    return sum(2 if unicodedata.east_asian_width(ch) in _WIDE else 1 for ch in text)


def _units(text: str) -> list[str]:
    """Spaces, single wide characters, and words of narrow characters; an address stays whole."""
    units: list[str] = []
    for chunk in re.split(r"(\s+)", text):
        if chunk.startswith(("http://", "https://")):
            units.append(chunk)  # an address broken at a Chinese character could not be copied
            continue
        for piece in _UNITS.findall(chunk):
            wide = cell_width(piece) == 2 * len(piece) and not piece.isspace()
            if units and not piece.isspace() and not units[-1].isspace() and (piece in _CLOSING or units[-1].endswith(_OPENING)):
                units[-1] += piece
            elif units and not wide and not piece.isspace() and not units[-1].isspace() and not _is_wide(units[-1]):
                units[-1] += piece  # narrow characters stay together as one word
            else:
                units.append(piece)
    return [u for u in units if u]


def _is_wide(unit: str) -> bool:
    return len(unit) == 1 and unicodedata.east_asian_width(unit) in _WIDE


def wrap_line(line: str, width: int) -> list[str]:
    """One logical line as terminal lines no wider than ``width`` (but a word wider than that stays whole)."""
    match = _MARKER.match(line)
    assert match is not None  # the pattern matches the empty string
    head = match.group(0)
    indent = " " * cell_width(head)
    if cell_width(line) <= width or cell_width(indent) >= width // 2:
        return [line]
    out: list[str] = []
    current, used = head, cell_width(head)
    pending_space = ""
    for unit in _units(line[len(head) :]):
        if unit.isspace():
            pending_space = " "
            continue
        size = cell_width(unit)
        if current.strip() and used + len(pending_space) + size > width:
            out.append(current.rstrip())
            current, used, pending_space = indent, len(indent), ""
        current += pending_space + unit
        used += len(pending_space) + size
        pending_space = ""
    out.append(current.rstrip())
    return out


def wrap(text: str, width: int) -> str:
    """Every line of ``text`` wrapped to ``width``; blank lines and the final newline are kept."""
    ending = "\n" if text.endswith("\n") else ""
    lines = text[: -1 if ending else None].split("\n")
    return "\n".join(part for line in lines for part in wrap_line(line, width)) + ending
