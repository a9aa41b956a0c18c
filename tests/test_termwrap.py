"""Wrapping the command line's text: nothing lost, nothing wider than the terminal that could break."""

from __future__ import annotations

import re

from hypothesis import assume, given
from hypothesis import strategies as st

from decision_tree.termwrap import _units, cell_width, wrap, wrap_line

WORDS = st.lists(
    st.one_of(
        st.text(alphabet="abcdefghij.,:/-()", min_size=1, max_size=12),
        st.text(alphabet="备案号管局省域名，。（）", min_size=1, max_size=8),
    ),
    min_size=1,
    max_size=40,
)
MARKERS = st.sampled_from(["", "  ", "  - ", "  12. ", "  [3] "])


@given(marker=MARKERS, words=WORDS, width=st.integers(min_value=20, max_value=120))
def test_wrapping_keeps_every_character_and_fits_the_width(marker: str, words: list[str], width: int) -> None:
    line = marker + " ".join(words)
    wrapped = wrap_line(line, width)
    assert "".join("".join(wrapped).split()) == "".join(line.split())
    for part in wrapped:
        # Wider than the terminal only when it is one word that cannot be broken.
        assert cell_width(part) <= width or len(_units(part[len(marker) :].strip())) == 1


@given(marker=MARKERS, words=WORDS, width=st.integers(min_value=20, max_value=120))
def test_continuation_lines_hang_under_the_item_text(marker: str, words: list[str], width: int) -> None:
    # A first word that is itself a marker ("  " + "- …") makes the line an item with that marker:
    # its text, and so the hang, start after it (Hypothesis found "  " + "- :: …").
    assume(not (marker.strip() == "" and re.fullmatch(r"-|\d+\.|\[\d+\]", words[0])))
    wrapped = wrap_line(marker + " ".join(words), width)
    for part in wrapped[1:]:
        assert part.startswith(" " * len(marker)) and not part[len(marker) :].startswith(" ")


def test_an_indented_line_that_starts_with_a_marker_hangs_under_its_text() -> None:
    assert wrap_line("  - :: :::::::::::: :: ::::::::", 20) == ["  - :: ::::::::::::", "    :: ::::::::"]


def test_chinese_counts_double_and_breaks_between_characters_not_before_punctuation() -> None:
    assert cell_width("备案abc") == 7
    lines = wrap_line("  - 网站备案信息真实性核验单，以及服务商要求的照片。", 20)
    assert all(cell_width(part) <= 20 for part in lines)
    assert not any(part.strip().startswith(("，", "。")) for part in lines)


def test_urls_and_blank_lines_survive() -> None:
    url = "https://beian.miit.gov.cn/#/Integrated/recordQuery/with/a/long/path"
    text = f"Sources\n\n  [1] Alibaba Cloud's page {url}\n"
    out = wrap(text, 30)
    assert url in out.splitlines()[-1] or any(line.strip() == url for line in out.splitlines())
    assert out.startswith("Sources\n\n") and out.endswith("\n")
