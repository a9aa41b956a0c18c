"""The filing-number reader: every form it reads, every way it forgives, every error it names, the
real numbers of the reference, the province codes it reads public security numbers with, and its
three displays."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from decision_tree import Content, ContentError, InputError
from decision_tree.loader import parse, read_documents
from decision_tree.messages import messages
from decision_tree.tools.filing_number import (
    EmptyNumberError,
    EndingFormError,
    EndingLetterError,
    MissingAbbreviationError,
    MissingKindError,
    MissingSerialError,
    NoNumberError,
    NumberError,
    NumberKind,
    NumberReading,
    SerialLengthError,
    Service,
    SeveralNumbersError,
    UnknownAbbreviationError,
    UnknownDivisionError,
    read,
)
from decision_tree.tools.number_view import data, html, text

FIXTURES = Path(__file__).parent / "fixtures"
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "icp_facts.md"
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def says(reading: NumberReading) -> dict[str, tuple[str, ...]]:
    """What the reading says, by message key, with the sources of each."""
    return {s.key: s.sources for s in reading.statements}


def notes(reading: NumberReading) -> list[str]:
    return [n.key.rsplit(".", 1)[1] for n in reading.notes]


# --- every form ------------------------------------------------------------------------------------

FORMS = [
    # text, normalised, kind, province, serial, service, service serial
    ("京ICP备12345678号-1", "京ICP备12345678号-1", NumberKind.FILING, "beijing", "12345678", Service.WEBSITE, 1),
    ("粤ICP备2021012345号", "粤ICP备2021012345号", NumberKind.FILING, "guangdong", "2021012345", None, None),
    ("渝ICP备2021000340号-15", "渝ICP备2021000340号-15", NumberKind.FILING, "chongqing", "2021000340", Service.WEBSITE, 15),
    ("辽ICP备18015387号-7A", "辽ICP备18015387号-7A", NumberKind.FILING, "liaoning", "18015387", Service.APP, 7),
    ("沪ICP备2024099014号-3X", "沪ICP备2024099014号-3X", NumberKind.FILING, "shanghai", "2024099014", Service.MINI_PROGRAM, 3),
    ("苏ICP备2021045936号-4K", "苏ICP备2021045936号-4K", NumberKind.FILING, "jiangsu", "2021045936", Service.QUICK_APP, 4),
    ("京ICP证030173号", "京ICP证030173号", NumberKind.LICENCE, "beijing", "030173", None, None),
    ("京ICP证030173号-1", "京ICP证030173号-1", NumberKind.LICENCE, "beijing", "030173", Service.WEBSITE, 1),
    ("粤B2-20090059", "粤B2-20090059", NumberKind.LICENCE, "guangdong", "20090059", None, None),
    ("浙B2-20080224-1", "浙B2-20080224-1", NumberKind.LICENCE, "zhejiang", "20080224", Service.WEBSITE, 1),
    ("京公网安备11010502030143号", "京公网安备11010502030143号", NumberKind.PUBLIC_SECURITY, "beijing", "11010502030143",
     None, None),
    ("川公网安备51012402001727号", "川公网安备51012402001727号", NumberKind.PUBLIC_SECURITY, "sichuan", "51012402001727",
     None, None),
]


@pytest.mark.parametrize(("given_text", "normalised", "kind", "province", "serial", "service", "number"), FORMS)
def test_every_form_is_read_into_its_parts(
    content: Content, given_text: str, normalised: str, kind: NumberKind, province: str, serial: str,
    service: Service | None, number: int | None,
) -> None:
    reading = read(given_text, content)
    assert (reading.normalised, reading.kind, reading.serial) == (normalised, kind, serial)
    assert reading.province is not None and reading.province.id == province
    assert (reading.service, reading.service_serial) == (service, number)
    assert reading.notes == ()
    assert reading.given == given_text


def test_a_website_number_names_its_subject_number_and_serial(content: Content) -> None:
    reading = read("京ICP备12345678号-1", content)
    assert reading.subject_number == "京ICP备12345678号"
    assert says(reading)["number.says.website"] == ("A19-num",)
    assert says(reading)["number.says.website_shown"] == ("LAW", "HW")
    assert "number.says.subject_number" not in says(reading)


def test_a_subject_number_is_said_to_be_one(content: Content) -> None:
    reading = read("粤ICP备2021012345号", content)
    assert reading.subject_number == reading.normalised
    assert says(reading)["number.says.subject_number"] == ("A19-num",)


@pytest.mark.parametrize(
    ("number", "key"),
    [("辽ICP备18015387号-7A", "number.says.app"), ("沪ICP备2024099014号-3X", "number.says.mini_program"),
     ("苏ICP备2021045936号-4K", "number.says.quick_app")],
)
def test_the_letter_of_an_ending_is_read_as_huawei_describes_it(content: Content, number: str, key: str) -> None:
    reading = read(number, content)
    assert "HW" in says(reading)[key]
    assert reading.subject_number == number.rsplit("-", 1)[0]


def test_an_app_is_told_to_show_its_number_in_the_app(content: Content) -> None:
    assert says(read("辽ICP备18015387号-7A", content))["number.says.app_shown"] == ("HW",)
    assert says(read("沪ICP备2024099014号-3X", content))["number.says.mini_program_filed"] == ("WX23", "HW")


def test_the_serials_length_is_said_to_be_an_observed_pattern_only(content: Content) -> None:
    older = read("京ICP备12345678号", content).statements
    newer = read("粤ICP备2021012345号", content).statements
    assert [(s.key, s.sources, s.confidence.value) for s in older if "serial" in s.key] == [
        ("number.says.serial_older", ("ABBR",), "low")
    ]
    year = [s for s in newer if s.key == "number.says.serial_newer"]
    assert year and year[0].params["year"] == "2021" and year[0].confidence.value == "low"
    odd = read("粤ICP备1234567890号", content).statements
    assert "number.says.serial_newer_no_year" in {s.key for s in odd}


def test_a_licence_is_told_apart_from_a_filing(content: Content) -> None:
    for number in ("京ICP证030173号", "粤B2-20090059"):
        reading = read(number, content)
        assert reading.kind is NumberKind.LICENCE
        assert says(reading)["number.says.licence"] == ("A19-lic", "AEN", "TX")
        assert "number.says.filing" not in says(reading)
    assert read("京ICP证030173号", content).licence_form.value == "icp"  # type: ignore[union-attr]
    assert read("粤B2-20090059", content).licence_form.value == "b2"  # type: ignore[union-attr]
    assert "number.says.licence_ending" in says(read("京ICP证030173号-1", content))
    assert "number.says.licence_ending" not in says(read("京ICP证030173号", content))


def test_a_public_security_number_is_read_by_its_division_code(content: Content) -> None:
    reading = read("京公网安备11010502030143号", content)
    assert reading.division == "110105"
    division = [s for s in reading.statements if s.key == "number.says.division"]
    assert division and division[0].sources == ("GB2260", "NUM-OBS") and division[0].confidence.value == "low"
    assert says(reading)["number.says.public_security"] == ("A19-psb", "HW")
    assert reading.prefix_province is not None and reading.prefix_province.id == "beijing"
    assert "number.says.prefix_differs" not in says(reading)


def test_a_public_security_number_whose_prefix_and_code_differ_says_so_and_keeps_the_code(content: Content) -> None:
    reading = read("沪公网安备11011502002400号", content)  # seen in a footer of 2014
    assert reading.province is not None and reading.province.id == "beijing"
    assert reading.prefix_province is not None and reading.prefix_province.id == "shanghai"
    assert "number.says.prefix_differs" in says(reading)


OBSERVED_PUBLIC_SECURITY = [  # source NUM-OBS
    ("京公网安备11010502053810", "beijing"), ("浙公网安备33028302000652号", "zhejiang"),
    ("湘公网安备43010502002236号", "hunan"), ("陕公网安备61040202000893号", "shaanxi"),
    ("川公网安备51012402001727号", "sichuan"), ("滇公网安备53062802000020号", "yunnan"),
    ("鲁公网安备37021402000083号", "shandong"), ("津公网安备12011402001763号", "tianjin"),
    ("豫公网安备41138102000324号", "henan"), ("粤公网安备44200102445584号", "guangdong"),
    ("赣公网安备36073302000148号", "jiangxi"),
]


@pytest.mark.parametrize(("number", "province"), OBSERVED_PUBLIC_SECURITY)
def test_the_public_security_numbers_seen_read_to_the_province_of_their_prefix(
    content: Content, number: str, province: str
) -> None:
    reading = read(number, content)
    assert reading.province is not None and reading.province.id == province
    assert reading.prefix_province is reading.province


def test_both_abbreviations_of_a_province_read_to_it_and_the_recent_one_is_named(content: Content) -> None:
    for province, first, other in (("sichuan", "蜀", "川"), ("guizhou", "黔", "贵"), ("gansu", "陇", "甘")):
        for abbreviation in (first, other):
            reading = read(f"{abbreviation}ICP备2021004806号-1", content)
            assert reading.province is not None and reading.province.id == province
            several = [s for s in reading.statements if s.key == "number.says.province_several"]
            assert several and several[0].params["first"] == first and several[0].sources == ("ABBR",)
    assert "number.says.province" in says(read("京ICP备12345678号", content))


# --- the numbers of the reference ------------------------------------------------------------------

_NUMBER = re.compile(r"[\u4e00-\u9fff](?:ICP[备证][0-9xX]+号?(?:-\d+[A-Z]?)?|B2-\d+(?:-\d+)?)")


def reference_numbers() -> list[tuple[str, str]]:
    """(province name, number) for every number in the rows of the reference's §1a table."""
    rows = []
    for line in (FIXTURES / "icp_facts_1a.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and not cells[0].startswith(("Province", "---")):
            rows += [(cells[0], number) for number in _NUMBER.findall(cells[2])]
    return rows


def test_the_reference_table_has_every_province_and_its_numbers(content: Content) -> None:
    numbers = reference_numbers()
    assert {name for name, _ in numbers} == {p.name_zh for p in content.provinces.values()}
    assert len(numbers) >= 70


@pytest.mark.parametrize(("province", "number"), reference_numbers())
def test_every_number_of_the_reference_table_reads_to_its_province(content: Content, province: str, number: str) -> None:
    reading = read(number, content)
    assert reading.province is not None and reading.province.name_zh == province


@pytest.mark.parametrize(
    ("number", "province", "kind"),
    [("蜀ICP备12014244号", "sichuan", NumberKind.FILING), ("藏ICP备2025003289号-1", "xizang", NumberKind.FILING),
     ("宁ICP备20001199号", "ningxia", NumberKind.FILING), ("皖ICP备2022013511号-3A", "anhui", NumberKind.FILING),
     ("粤B2-20090059", "guangdong", NumberKind.LICENCE), ("京ICP证030173号", "beijing", NumberKind.LICENCE),
     ("浙ICP备1101xxxx号", "zhejiang", NumberKind.FILING), ("浙ICP备1101xxxx号-11", "zhejiang", NumberKind.FILING)],
)
def test_the_examples_in_the_references_notes_read_too(content: Content, number: str, province: str, kind: NumberKind) -> None:
    reading = read(number, content)
    assert reading.province is not None and (reading.province.id, reading.kind) == (province, kind)


def test_the_table_copied_into_the_fixtures_is_the_references(content: Content) -> None:
    if not REFERENCE.is_file():
        pytest.skip("the shared reference is not beside this clone")
    live = REFERENCE.read_text(encoding="utf-8")
    section = live[live.index("### 1a.") : live.index("### 1b.")].rstrip() + "\n"
    assert section == (FIXTURES / "icp_facts_1a.md").read_text(encoding="utf-8"), "copy §1a into tests/fixtures again"


# --- forgiveness -----------------------------------------------------------------------------------

FORGIVEN = [
    ("京ICP备１２３４５６７８号－１", "京ICP备12345678号-1", ["fullwidth", "dash"]),
    ("京ICP备12345678号\u20101", "京ICP备12345678号-1", ["dash"]),
    ("京ICP备12345678号\u20111", "京ICP备12345678号-1", ["dash"]),
    ("京ICP备12345678号\u20131", "京ICP备12345678号-1", ["dash"]),
    ("京ICP备12345678号\u20141", "京ICP备12345678号-1", ["dash"]),
    ("京ICP备12345678号\ufe631", "京ICP备12345678号-1", ["dash"]),
    ("京 ICP 备 1234 5678 号 - 1", "京ICP备12345678号-1", ["spaces"]),
    ("京I C P备12345678号-7 A", "京ICP备12345678号-7A", ["spaces"]),
    ("京ICP备12345678号-1 2024 All rights reserved", "京ICP备12345678号-1", ["surrounding"]),
    ("京ICP备\u300012345678号", "京ICP备12345678号", ["spaces"]),
    ("京icp备12345678号", "京ICP备12345678号", ["icp_case"]),
    ("京ＩＣＰ备12345678号", "京ICP备12345678号", ["fullwidth"]),
    ("京ICP备12345678", "京ICP备12345678号", ["missing_hao"]),
    ("陇ICP备05000593", "陇ICP备05000593号", ["missing_hao"]),
    ("京ICP备12345678-1", "京ICP备12345678号-1", ["missing_hao"]),
    ("备案号：京ICP备12345678号", "京ICP备12345678号", ["label"]),
    ("ICP备案号: 京ICP备12345678号-1", "京ICP备12345678号-1", ["label"]),
    ("网站备案号 京ICP备12345678号-1", "京ICP备12345678号-1", ["label"]),
    ("公安备案号：京公网安备11010502030143号", "京公网安备11010502030143号", ["label"]),
    ("Copyright © 2024 Example Co. 京ICP备12345678号-1 All rights reserved", "京ICP备12345678号-1", ["surrounding"]),
    ("ICP filing: 蜀ICP备2026007879号-1", "蜀ICP备2026007879号-1", ["surrounding"]),
    ("京ICP备12345678号-2a", "京ICP备12345678号-2A", ["letter_case"]),
    ("浙ICP证B2-20100385", "浙B2-20100385", ["label"]),
    ("沪ICP证：沪B2-20100043", "沪B2-20100043", ["label"]),
    ("粤b2-20090059", "粤B2-20090059", ["letter_case"]),
    ("粤B2-20090059号", "粤B2-20090059", ["extra_hao"]),
    ("京公网安备号 11010502026705", "京公网安备11010502026705号", ["spaces", "moved_hao"]),
    ("京公网安备 11010502030143 号", "京公网安备11010502030143号", ["spaces"]),
    ("浙ICP备1101xxxx号", "浙ICP备1101xxxx号", ["masked"]),
    ("鄂ICP备2019XXXX号-1", "鄂ICP备2019xxxx号-1", ["masked"]),
]


@pytest.mark.parametrize(("given_text", "normalised", "noted"), FORGIVEN)
def test_what_people_paste_is_read_with_a_note_for_each_change(
    content: Content, given_text: str, normalised: str, noted: list[str]
) -> None:
    reading = read(given_text, content)
    assert reading.normalised == normalised
    assert sorted(notes(reading)) == sorted(noted)


def test_the_text_left_out_is_quoted_and_a_dash_named(content: Content) -> None:
    reading = read("Copyright © 2024 Example Co. 京ICP备12345678号\u20131 All rights reserved", content)
    quoted = {n.key: n.params for n in reading.notes}
    assert quoted["number.note.surrounding"]["text"] == "Copyright © 2024 Example Co. … All rights reserved"
    assert quoted["number.note.dash"]["dash"] == "\u2013"
    long = read("x" * 200 + " 京ICP备12345678号", content)
    assert {n.key: n.params for n in long.notes}["number.note.surrounding"]["text"] == "x" * 200
    # What the reader sees of it: a preview of 60 characters, with the length of the whole.
    shown = [n["text"] for n in data(long, messages("en"))["notes"] if n["key"] == "number.note.surrounding"]
    assert shown == ["The text around the number was left out: " + "x" * 60 + "… (200 characters)"]


# --- errors ----------------------------------------------------------------------------------------

ERRORS: list[tuple[str, type[NumberError], dict[str, object]]] = [
    ("", EmptyNumberError, {}),
    ("  \u3000 ", EmptyNumberError, {}),
    ("hello world", NoNumberError, {}),
    ("12345678", NoNumberError, {}),
    ("京ICP备12345678号 京公网安备11010502030143号", SeveralNumbersError, {"count": 2}),
    ("京ICP备12345678号-1，京ICP备87654321号-2", SeveralNumbersError, {"count": 2}),
    ("ICP备12345678号", MissingAbbreviationError, {"marker": "ICP"}),
    ("公网安备11010502030143号", MissingAbbreviationError, {"marker": "公网安备"}),
    ("B2-20090059", MissingAbbreviationError, {"marker": "B2-"}),
    ("云ICP备12345678号", UnknownAbbreviationError, {"abbreviation": "云"}),
    ("港ICP备12345678号", UnknownAbbreviationError, {"abbreviation": "港"}),
    ("台公网安备71010502030143号", UnknownAbbreviationError, {"abbreviation": "台"}),
    ("京ICP12345678号", MissingKindError, {}),
    ("京ICP备号", MissingSerialError, {"marker": "京ICP备"}),
    ("京ICP备", MissingSerialError, {"marker": "京ICP备"}),
    ("京公网安备号", MissingSerialError, {"marker": "京公网安备"}),
    ("京ICP备1234567号", SerialLengthError, {"count": 7}),
    ("京ICP备123456789号", SerialLengthError, {"count": 9}),
    ("京ICP备12345678901号", SerialLengthError, {"count": 11}),
    ("京ICP证0301731号", SerialLengthError, {"count": 7}),
    ("粤B2-2009005", SerialLengthError, {"count": 7}),
    ("京公网安备1101050203014号", SerialLengthError, {"count": 13}),
    ("京ICP备12345678号-2B", EndingLetterError, {"letter": "B"}),
    ("京ICP备12345678号-01", EndingFormError, {"ending": "01"}),
    ("京ICP备12345678号-0", EndingFormError, {"ending": "0"}),
    ("京ICP备12345678号-1AB", EndingFormError, {"ending": "1AB"}),
    ("京ICP证030173号-1A", EndingFormError, {"ending": "1A"}),
    ("京公网安备99010502030143号", UnknownDivisionError, {"code": "99"}),
    ("京公网安备71010502030143号", UnknownDivisionError, {"code": "71"}),
]


@pytest.mark.parametrize(("given_text", "error", "params"), ERRORS)
def test_each_failure_has_its_own_error_with_a_message(
    content: Content, given_text: str, error: type[NumberError], params: dict[str, object]
) -> None:
    with pytest.raises(error) as info:
        read(given_text, content)
    assert type(info.value) is error and isinstance(info.value, InputError)
    assert params.items() <= info.value.params.items()
    assert str(info.value)  # the English message exists and its placeholders fit


def test_each_error_class_is_one_failure_mode() -> None:
    classes = {error for _, error, _ in ERRORS}
    keys = {error: set() for error in classes}  # type: dict[type[NumberError], set[str]]
    for given_text, error, _ in ERRORS:
        with pytest.raises(error) as info:
            read(given_text)
        keys[error].add(info.value.key)
    assert all(len(k) == 1 for e, k in keys.items() if e is not SerialLengthError), keys
    assert keys[SerialLengthError] == {f"number.error.serial_length.{k.value}" for k in NumberKind}


def test_an_abbreviation_not_in_the_content_is_never_guessed(content: Content) -> None:
    known = {a for p in content.provinces.values() for a in p.abbreviations}
    for abbreviation in "云港澳台中华国使领":
        assert abbreviation not in known
        with pytest.raises(UnknownAbbreviationError):
            read(f"{abbreviation}ICP备12345678号", content)


# --- properties ------------------------------------------------------------------------------------

ABBREVIATIONS = sorted({a for p in read_documents()["regions.toml"]["provinces"].values() for a in p["abbreviations"]})
digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


@st.composite
def filing_numbers(draw: st.DrawFn) -> tuple[str, str, str, int | None, str]:
    abbreviation = draw(st.sampled_from(ABBREVIATIONS))
    serial = draw(st.text(alphabet="0123456789", min_size=8, max_size=8) | st.from_regex(r"20[0-9]{8}", fullmatch=True))
    number = draw(st.none() | st.integers(min_value=1, max_value=99))
    letter = draw(st.sampled_from(["", "A", "X", "K"])) if number is not None else ""
    built = f"{abbreviation}ICP备{serial}号" + (f"-{number}{letter}" if number is not None else "")
    return built, abbreviation, serial, number, letter


@SETTINGS
@given(filing_numbers())
def test_valid_filing_numbers_built_from_parts_round_trip(content: Content, parts: tuple[str, str, str, int | None, str]) -> None:
    built, abbreviation, serial, number, letter = parts
    reading = read(built, content)
    assert reading.normalised == built and reading.notes == ()
    assert reading.province is not None and abbreviation in reading.province.abbreviations
    assert (reading.abbreviation, reading.serial, reading.service_serial) == (abbreviation, serial, number)
    assert reading.service == ({"": Service.WEBSITE, "A": Service.APP, "X": Service.MINI_PROGRAM, "K": Service.QUICK_APP}[letter]
                               if number is not None else None)


@SETTINGS
@given(st.data())
def test_valid_public_security_numbers_round_trip_to_their_code(content: Content, drawn: st.DataObject) -> None:
    code = drawn.draw(st.sampled_from(sorted(content.divisions.provinces)))
    province = content.provinces[content.divisions.provinces[code]]
    abbreviation = drawn.draw(st.sampled_from(province.abbreviations))
    rest = drawn.draw(st.from_regex(r"[0-9]{12}", fullmatch=True))
    built = f"{abbreviation}公网安备{code[:2]}{rest}号"
    reading = read(built, content)
    assert (reading.normalised, reading.province, reading.prefix_province) == (built, province, province)


@SETTINGS
@given(st.data())
def test_valid_licence_numbers_round_trip(content: Content, drawn: st.DataObject) -> None:
    abbreviation = drawn.draw(st.sampled_from(ABBREVIATIONS))
    icp = f"{abbreviation}ICP证{drawn.draw(st.from_regex(r'[0-9]{6}', fullmatch=True))}号"
    b2 = f"{abbreviation}B2-{drawn.draw(st.from_regex(r'[0-9]{8}', fullmatch=True))}"
    ending = drawn.draw(st.sampled_from(["", "-1", "-12"]))
    for built in (icp + ending, b2 + ending):
        reading = read(built, content)
        assert (reading.normalised, reading.kind, reading.notes) == (built, NumberKind.LICENCE, ())


_FULLWIDTH_DIGITS = str.maketrans({str(i): chr(0xFF10 + i) for i in range(10)})


@st.composite
def pasted(draw: st.DrawFn) -> tuple[str, str]:
    """A valid number as people paste it: (what was pasted, the number)."""
    number = draw(filing_numbers())[0]
    text = number
    if draw(st.booleans()):
        text = text.translate(_FULLWIDTH_DIGITS)
    text = text.replace("-", draw(st.sampled_from(["-", "－", "‐", "‑", "–", "—", "﹣"])))
    if draw(st.booleans()):
        text = text.replace("ICP", draw(st.sampled_from(["icp", "Icp", "ＩＣＰ"])))
    if draw(st.booleans()):  # anywhere but inside the ending's digits, where it would join a number that follows
        ending = re.search(r"-[0-9]+", number)  # the changes so far keep every character's place
        at = draw(st.integers(min_value=1, max_value=ending.start() + 1 if ending else len(text) - 1))
        text = text[:at] + draw(st.sampled_from([" ", "  ", "\u3000"])) + text[at:]
    if draw(st.booleans()) and "号-" not in text and text.endswith("号"):
        text = text[:-1]
    prefix = draw(st.sampled_from(["", "备案号：", "ICP备案号: ", "Copyright © 2024 Example ", "© 2024 示例网站 "]))
    suffix = draw(st.sampled_from(["", " All rights reserved", " 版权所有"]))
    return prefix + text + suffix, number


@SETTINGS
@given(pasted())
@example(("京 ICP 备 1234 5678 号 － 1", "京ICP备12345678号-1"))
def test_a_pasted_number_reads_as_the_number(content: Content, case: tuple[str, str]) -> None:
    pasted_text, number = case
    assert read(pasted_text, content).normalised == number


@SETTINGS
@given(st.one_of(pasted().map(lambda c: c[0]), st.text(), st.text(alphabet="京粤蜀ICPicp备证号公网安备B2-0123456789xX ：－")))
def test_normalising_is_idempotent(content: Content, pasted_text: str) -> None:
    try:
        reading = read(pasted_text, content)
    except NumberError:
        return
    again = read(reading.normalised, content)
    assert again.normalised == reading.normalised
    assert [n.key for n in again.notes] in ([], ["number.note.masked"])


@SETTINGS
@given(st.text() | st.text(alphabet="京粤蜀云ICPicp备证号公网安备B2-0123456789xXAKＩ１ ：－‐\u3000号"))
def test_nothing_but_a_number_error_escapes_and_each_has_its_message(content: Content, arbitrary: str) -> None:
    try:
        reading = read(arbitrary, content)
    except NumberError as exc:
        assert str(exc)
        return
    m = messages()
    assert text(reading, m) and html(reading, m) and json.dumps(data(reading, m), ensure_ascii=False)


# --- the province codes ----------------------------------------------------------------------------


def test_every_province_has_one_division_code_from_its_source(content: Content) -> None:
    codes = content.divisions.provinces
    assert len(codes) == len(content.provinces) == 31
    assert sorted(codes.values()) == sorted(content.provinces)
    assert content.divisions.sources == ("GB2260",) and content.divisions.as_of == content.sources["GB2260"].date
    spot = {"110000": "beijing", "140000": "shanxi", "440000": "guangdong", "500000": "chongqing", "510000": "sichuan",
            "540000": "xizang", "610000": "shaanxi", "650000": "xinjiang"}
    assert spot.items() <= dict(codes).items()


def _with_divisions(edit: dict[str, object]) -> list[str]:
    docs = copy.deepcopy(read_documents())
    docs["divisions.toml"]["provinces"] = edit
    with pytest.raises(ContentError) as info:
        parse(docs)
    return list(info.value.problems)


def test_the_checker_finds_a_missing_province_a_bad_code_and_a_province_twice() -> None:
    codes = dict(read_documents()["divisions.toml"]["provinces"])
    missing = {k: v for k, v in codes.items() if v != "gansu"}
    assert "divisions.toml: no code for the provinces gansu" in _with_divisions(missing)
    assert any("'1100' is not a province code" in p for p in _with_divisions(codes | {"1100": "beijing"}))
    assert "divisions.toml: province 'beijing' has two codes" in _with_divisions(codes | {"990000": "beijing"})
    assert any("names 'atlantis'" in p for p in _with_divisions(codes | {"990000": "atlantis"}))


def test_the_checker_finds_an_unknown_source_and_a_wrong_date() -> None:
    docs = copy.deepcopy(read_documents())
    docs["divisions.toml"]["sources"] = ["NOPE"]
    with pytest.raises(ContentError, match=r"divisions\.toml: unknown source 'NOPE'"):
        parse(docs)
    docs["divisions.toml"]["sources"] = ["GB2260"]
    docs["divisions.toml"]["as_of"] = "2020"
    with pytest.raises(ContentError, match=r"'as_of' is '2020'; the newest of its sources is dated 2019-04"):
        parse(docs)


# --- sources and displays --------------------------------------------------------------------------


@pytest.mark.parametrize("number", [row[0] for row in FORMS] + ["沪公网安备11011502002400号"])
def test_every_statement_cites_sources_the_content_has(content: Content, number: str) -> None:
    reading = read(number, content)
    assert reading.statements
    for statement in reading.statements:
        assert statement.sources and set(statement.sources) <= set(content.sources), statement.key


@pytest.mark.parametrize("number", [row[0] for row in FORMS])
def test_the_three_displays_show_the_same_reading(content: Content, number: str) -> None:
    m = messages()
    reading = read(number, content)
    shown = data(reading, m)
    assert json.loads(json.dumps(shown)) == shown
    assert set(shown) == {"given", "normalised", "kind", "abbreviation", "province", "prefix_province", "serial",
                          "masked_digits", "service", "service_serial", "subject_number", "licence_form", "division",
                          "statements", "notes"}
    plain, page = text(reading, m), html(reading, m)
    for statement in shown["statements"]:  # type: ignore[attr-defined]
        first = statement["text"].split(":")[0]
        assert first in plain.replace("\n    ", " ") or len(first) > 70
        assert statement["text"].replace("'", "&#x27;") in page
    assert f'data-kind="{reading.kind.value}"' in page


def test_the_html_cites_sources_by_name_and_escapes_what_was_given(content: Content) -> None:
    page = html(read('<b>"x"</b> 京ICP备12345678号-1', content), messages())
    assert "Alibaba Cloud filing-number FAQ, 2019" in page and 'href="../sources/#src-a19-num"' in page
    assert "<b>" not in page and "&lt;b&gt;&quot;x&quot;&lt;/b&gt;" in page


def test_the_text_is_wrapped_to_the_width_asked(content: Content) -> None:
    from decision_tree.termwrap import cell_width

    plain = text(read("Copyright 2024 京ICP备12345678号-1", content), messages(), width=60)
    assert max(cell_width(line) for line in plain.splitlines() if "://" not in line) <= 60


@pytest.mark.parametrize("module", ["filing_number", "footer"])
def test_cites_lists_exactly_the_sources_the_code_cites(module: str) -> None:
    import ast
    import importlib

    path = Path(__file__).resolve().parents[1] / "decision_tree" / "tools" / f"{module}.py"
    cited = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Statement" and isinstance(node.args[1], ast.Tuple):
            cited |= {e.value for e in node.args[1].elts if isinstance(e, ast.Constant)}
    assert cited and cited == importlib.import_module(f"decision_tree.tools.{module}").CITES
