"""`flask catalogue export --format json`: the loaded catalogue, stable and complete."""

from __future__ import annotations

import json


def export(runner):
    result = runner.invoke(args=["catalogue", "export", "--format", "json"])
    assert result.exit_code == 0, result.output
    return result.output


def test_export_shape(runner):
    data = json.loads(export(runner))
    assert list(data) == ["edition", "chapters", "sections"]
    assert data["edition"]["id"] == "2024"
    assert data["edition"]["publisher"] == "Kortom vzw"
    assert len(data["chapters"]) == 4
    assert [s["number"] for s in data["sections"]] == [f"5.{n}" for n in range(1, 15)]
    agreements = [a for s in data["sections"] for a in s["agreements"]]
    assert len(agreements) == 87
    assert list(agreements[0])[:4] == ["id", "number", "subheading", "text"]


def test_text_joins_paragraphs_with_blank_lines(runner):
    data = json.loads(export(runner))
    by_number = {a["number"]: a for s in data["sections"] for a in s["agreements"]}
    assert by_number[61]["text"].count("\n\n") == 1
    assert by_number[61]["text"].startswith("Gemeentelijke medewerkers stellen zich terughoudend op")
    assert by_number[46]["variants"] == [
        {
            "label": "Variant 1",
            "text": "De persberichten worden vooraf nagelezen door de bevoegde schepen(en) of kabinetsmedewerker. "
            "De burgemeester (of kabinetschef) geeft de finale goedkeuring.",
        },
        {"label": "Variant 2", "text": "de persberichten bevatten een quote van de mandataris."},
    ]
    assert len(by_number[37]["items"]) == 6
    assert by_number[12]["references"] == [
        {"title": "Wat is openbaarheid van bestuur?", "url": "", "agreements": ["openbaarheid-van-bestuur"]}
    ]


def test_export_is_byte_for_byte_stable(runner):
    assert export(runner) == export(runner)


def test_export_without_a_loaded_catalogue_says_what_to_do(tmp_path):
    from builder import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "k" * 40, "DATABASE": str(tmp_path / "empty.sqlite3")})
    result = app.test_cli_runner().invoke(args=["catalogue", "export"])
    assert result.exit_code == 1
    assert "catalogue load" in result.output
