"""The footer maker: the HTML a filed website pastes, which number it shows in which province, the
public security number with its self-hosted icon, errors for numbers that do not belong in a
website's footer, and escaping (nothing given can reach the HTML but a number read back)."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decision_tree import Content, InputError
from decision_tree.messages import messages
from decision_tree.tools.filing_number import NumberError
from decision_tree.tools.footer import (
    DEFAULT_ICON,
    MIIT_URL,
    MaskedNumberError,
    NotAFilingNumberError,
    NotAPublicSecurityNumberError,
    NotAWebsiteNumberError,
    make,
)
from decision_tree.tools.number_view import footer_data, footer_html, footer_text

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def keys(footer_statements: tuple[object, ...]) -> list[str]:
    return [s.key for s in footer_statements]  # type: ignore[attr-defined]


def test_the_filing_number_is_linked_to_miit_in_a_new_tab(content: Content) -> None:
    footer = make("京ICP备12345678号-1", content=content)
    assert footer.shown == "京ICP备12345678号-1"
    assert '<a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener">京ICP备12345678号-1</a>' in footer.html
    assert footer.text == "京ICP备12345678号-1"
    assert "<img" not in footer.html  # no public security number, no icon
    assert keys(footer.statements) == [
        "footer.says.link", "footer.says.which_website", "footer.says.fine", "footer.says.public_security_due"
    ]


def test_the_public_security_number_comes_with_its_icon_and_the_platforms_link(content: Content) -> None:
    footer = make("京ICP备12345678号-1", "京公网安备11010502030143号", content=content)
    assert footer.html == "\n".join([
        '<div class="beian">',
        f'  <a href="{MIIT_URL}" target="_blank" rel="noopener">京ICP备12345678号-1</a>',
        f'  <img src="{DEFAULT_ICON}" alt="">',
        '  <a href="https://beian.mps.gov.cn/#/query/webSearch?code=11010502030143" rel="noreferrer" target="_blank">'
        "京公网安备11010502030143号</a>",
        "</div>",
    ])
    assert footer.text == "京ICP备12345678号-1\n京公网安备11010502030143号"
    says = {s.key: s for s in footer.statements}
    assert says["footer.says.icon"].sources == ("A19-psb",) and says["footer.says.icon"].params == {"icon": DEFAULT_ICON}
    assert says["footer.says.public_security_link"].sources == ("PSB-LINK",)
    assert "footer.says.public_security_due" not in says


def test_nothing_is_hot_linked(content: Content) -> None:
    footer = make("京ICP备12345678号-1", "京公网安备11010502030143号", content=content)
    assert re.findall(r'(?:src|href)="([^"]+)"', footer.html) == [
        MIIT_URL, DEFAULT_ICON, "https://beian.mps.gov.cn/#/query/webSearch?code=11010502030143"
    ]
    assert "<img" not in footer_html(footer, messages()).split("icp-footer-preview", 1)[1]


def test_guangdong_shows_the_subjects_number_and_says_the_sources_differ(content: Content) -> None:
    footer = make("粤ICP备2021012345号-3", content=content)
    assert footer.shown == "粤ICP备2021012345号"
    assert ">粤ICP备2021012345号</a>" in footer.html
    which = [s for s in footer.statements if s.key == "footer.says.which_subject"]
    assert which and which[0].sources == ("HW", "JD", "JD2")
    assert [n.key for n in footer.notes] == ["footer.note.ending_left_out"]
    assert footer.caveats and all(c.topic == "filing_number" for c in footer.caveats)
    assert {"HW", "JD", "JD2"} <= {k for c in footer.caveats for k in c.sources}
    assert make("粤ICP备2021012345号", content=content).notes == ()


def test_other_provinces_show_the_websites_number_and_a_subject_number_gets_a_note(content: Content) -> None:
    footer = make("沪ICP备15025210号", content=content)
    assert footer.shown == "沪ICP备15025210号"
    assert [n.key for n in footer.notes] == ["footer.note.subject_given"]
    assert [s.sources for s in footer.statements if s.key == "footer.says.which_website"] == [("HW",)]
    shanghai = [c for c in content.provinces["shanghai"].caveats if c.topic == "filing_number"]
    assert footer.caveats == tuple(shanghai) and shanghai


def test_a_licence_number_is_shown_with_a_note_that_the_sources_do_not_cover_it(content: Content) -> None:
    footer = make("京ICP证030173号-1", content=content)
    assert footer.shown == "京ICP证030173号-1"
    assert [n.key for n in footer.notes] == ["footer.note.licence"]


@pytest.mark.parametrize(
    ("number", "psb", "error", "key"),
    [
        ("辽ICP备18015387号-7A", None, NotAWebsiteNumberError, "footer.error.app"),
        ("沪ICP备2024099014号-3X", None, NotAWebsiteNumberError, "footer.error.mini_program"),
        ("苏ICP备2021045936号-4K", None, NotAWebsiteNumberError, "footer.error.quick_app"),
        ("京公网安备11010502030143号", None, NotAFilingNumberError, "footer.error.public_security_given"),
        ("京ICP备12345678号-1", "京ICP备12345678号-1", NotAPublicSecurityNumberError, "footer.error.not_public_security"),
        ("京ICP备12345678号-1", "粤B2-20090059", NotAPublicSecurityNumberError, "footer.error.not_public_security"),
        ("浙ICP备1101xxxx号", None, MaskedNumberError, "footer.error.masked"),
        ("京ICP备12345678号-1", "京公网安备110105020301xx号", MaskedNumberError, "footer.error.masked"),
    ],
)
def test_a_number_that_does_not_belong_in_a_footer_is_refused(
    content: Content, number: str, psb: str | None, error: type[InputError], key: str
) -> None:
    with pytest.raises(error) as info:
        make(number, psb, content=content)
    assert info.value.key == key and str(info.value)


def test_a_number_that_cannot_be_read_raises_the_readers_error(content: Content) -> None:
    with pytest.raises(NumberError):
        make("京ICP备1234号", content=content)
    with pytest.raises(NumberError):
        make("京ICP备12345678号", "京公网安备1101号", content=content)


def test_a_public_security_prefix_that_differs_from_its_code_is_said_in_the_footer(content: Content) -> None:
    footer = make("沪ICP备15025210号-1", "沪公网安备11011502002400号", content=content)
    assert "number.says.prefix_differs" in keys(footer.statements)


def test_everything_written_into_the_html_is_escaped(content: Content) -> None:
    footer = make("京ICP备12345678号-1", "京公网安备11010502030143号", content=content, icon='x" onerror="alert(1)')
    assert 'src="x&quot; onerror=&quot;alert(1)"' in footer.html
    forged = replace(footer, shown='<script>"&\'</script>')
    assert "<script>" not in forged.html and "&lt;script&gt;&quot;&amp;&#x27;&lt;/script&gt;" in forged.html


@SETTINGS
@given(st.text(), st.text())
def test_nothing_around_a_number_reaches_the_html(content: Content, before: str, after: str) -> None:
    plain = make("京ICP备12345678号-1", "京公网安备11010502030143号", content=content)
    try:
        footer = make(before + " 京ICP备12345678号-1 " + after, "京公网安备11010502030143号", content=content)
    except InputError as exc:
        assert str(exc)
        return
    assert footer.html in (plain.html, make(footer.filing.normalised, "京公网安备11010502030143号", content=content).html)
    assert footer.shown == footer.filing.normalised == footer.filing.subject_number + (
        f"-{footer.filing.service_serial}" if footer.filing.service_serial else ""
    )


def test_the_footers_three_displays(content: Content) -> None:
    m = messages()
    footer = make("备案号：粤ICP备2021012345号-3", "粤公网安备44030502008569号", content=content)
    plain = footer_text(footer, m)
    assert footer.html in plain  # never wrapped, so that it can be copied from the terminal
    assert "Huawei Cloud knowledge base, 2025" in plain and "The label 备案号： was left out." in plain
    page = footer_html(footer, m)
    label = m("footer.heading.html")
    code = f'<code class="language-html" tabindex="0" role="region" aria-label="{label}">&lt;div class=&quot;beian&quot;&gt;'
    assert code in page  # a block a keyboard can scroll, named
    # Its copy button copies the HTML itself, exactly (Material's clipboard reads data-clipboard-text).
    button = (r'<pre class="icp-footer-code"><nav class="md-code__nav">'
              r'<button [^>]*class="md-code__button"[^>]*data-clipboard-text="([^"]*)"')
    copy = re.search(button, page)
    assert copy is not None and html.unescape(copy.group(1)) == footer.html
    preview = page.split('class="icp-footer-preview"', 1)[1].split("</div></div>", 1)[0]
    assert '<span class="icp-footer-icon">(icon)</span>' in preview and "粤公网安备44030502008569号</a>" in preview
    assert 'href="../sources/#src-psb-link"' in page and "What Guangdong (广东) asks about the number" in page
    shown = footer_data(footer, m)
    assert json.loads(json.dumps(shown)) == shown
    assert set(shown) == {"shown", "html", "text", "icon", "filing", "public_security", "statements", "province_rules", "notes"}
    assert shown["shown"] == "粤ICP备2021012345号" and shown["province_rules"]


def test_every_statement_of_a_footer_cites_sources_the_content_has(content: Content) -> None:
    for number, psb in [("京ICP备12345678号-1", None), ("粤ICP备2021012345号-3", "粤公网安备44030502008569号"),
                        ("京ICP证030173号", None)]:
        for statement in make(number, psb, content=content).statements:
            assert statement.sources and set(statement.sources) <= set(content.sources), statement.key
