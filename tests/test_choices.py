"""The choices JSON format: read, checked against the catalogue, written back."""

from __future__ import annotations

import pytest

from builder.model.choices import FORMAT, ChoicesError, check_against, from_data


def minimal(**extra):
    return {"format": FORMAT, "edition": "2024", "organisation": {"name": "Gemeente Aalst"}, **extra}


def test_a_hand_written_file_reads_and_round_trips(catalogue):
    data = minimal(
        sections=[
            {
                "number": "5.8",
                "agreements": [{"id": "goedkeuring-persberichten", "variant": "Variant 1"}, {"text": "Eigen."}],
            },
            {"title": "Nieuwsbrief", "agreements": [{"text": "Maandelijks."}]},
        ],
        extra_key="is fine",
    )
    choices = from_data(data)
    check_against(choices, catalogue)
    assert choices.sections[1].key == "eigen-1"
    again = from_data(choices.to_data())
    assert again == choices


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"format": "iets-anders", "edition": "2024"}, "format: must be 'bouwpakket-choices/1'"),
        ({"format": FORMAT}, "edition: required field is missing"),
        (minimal(sections=[{"agreements": []}]), "sections[0]: a section needs a catalogue 'number' or an own 'title'"),
        (minimal(date="23/11/2026"), "date: '23/11/2026' is not a date as YYYY-MM-DD"),
        (minimal(sections="geen lijst"), "sections: expected a list of parts"),
        (minimal(options={"approval": "ja"}), "options.approval: expected yes or no (true or false)"),
        (minimal(organisation={"type": "koninkrijk"}), "organisation.type: must be"),
    ],
)
def test_structural_errors_say_what_is_wrong(data, message):
    with pytest.raises(ChoicesError) as error:
        from_data(data)
    assert str(error.value).startswith(message)


@pytest.mark.parametrize(
    ("sections", "message"),
    [
        ([{"number": "5.99", "agreements": []}], "sections[0].number: unknown section '5.99'"),
        (
            [{"number": "5.1", "agreements": [{"id": "bestaat-niet"}]}],
            "unknown agreement id 'bestaat-niet' in section 5.1",
        ),
        (
            [{"number": "5.1", "agreements": [{"id": "persplanning"}]}],
            "unknown agreement id 'persplanning' in section 5.1",
        ),
        (
            [{"number": "5.2", "agreements": [{"id": "klachtencoordinatie", "variant": "Variant 9"}]}],
            "agreement 'klachtencoordinatie' has no variant 'Variant 9' (Variant)",
        ),
        (
            [{"title": "Eigen", "agreements": [{"id": "persplanning"}]}],
            "catalogue agreements belong in their catalogue section",
        ),
        ([{"title": "Eigen", "agreements": [{}]}], "an own agreement needs a 'text'"),
    ],
)
def test_unknown_ids_are_clear_errors(catalogue, sections, message):
    with pytest.raises(ChoicesError) as error:
        check_against(from_data(minimal(sections=sections)), catalogue)
    assert message in str(error.value)


def test_unknown_chapter_and_edition(catalogue):
    with pytest.raises(ChoicesError, match="unknown chapter id 'voorwoord'"):
        check_against(from_data(minimal(chapters=["voorwoord"])), catalogue)
    with pytest.raises(ChoicesError, match="choices are for edition '2019'"):
        check_against(from_data({**minimal(), "edition": "2019"}), catalogue)


def test_cli_render_reports_bad_files(runner, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "bouwpakket-choices/1", "edition": "2024", "sections": [{"number": "5.1", '
        '"agreements": [{"id": "nope"}]}]}',
        encoding="utf-8",
    )
    result = runner.invoke(args=["note", "render", str(bad), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 1
    assert "unknown agreement id 'nope' in section 5.1" in result.output
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    result = runner.invoke(args=["note", "render", str(broken), "-o", str(tmp_path / "x.docx")])
    assert "not valid JSON" in result.output
    result = runner.invoke(args=["note", "show", "A" * 43])
    assert result.exit_code == 1 and "No draft for that token" in result.output
