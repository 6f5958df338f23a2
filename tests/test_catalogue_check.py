"""`flask catalogue check` names the file and the field of every problem."""

from __future__ import annotations

import re

import pytest

from builder.formats.catalogue_files import check_tree

SECTION = "sections/02-diensten.yaml"


def edit(root, relative, old, new, count=1):
    path = root / "2024" / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_the_real_catalogue_passes(runner, catalogue_copy):
    result = runner.invoke(args=["catalogue", "check", "--dir", str(catalogue_copy)])
    assert result.exit_code == 0, result.output
    assert "Catalogue OK" in result.output


CASES = [
    pytest.param(
        SECTION,
        "- id: beelddatabank\n  number: 14\n",
        "- id: beelddatabank\n  number: 14\n  text: [unclosed\n",
        r"agreements/2024/sections/02-diensten\.yaml: line \d+: malformed YAML",
        id="malformed-yaml",
    ),
    pytest.param(
        SECTION,
        "  - De communicatiedienst ontwikkelt en beheert een beelddatabank.\n",
        "  - ''\n",
        r"02-diensten\.yaml: agreements\[6\]\.text\[0\]: required text is missing",
        id="missing-text",
    ),
    pytest.param(
        SECTION,
        "title: 'Gemeentediensten en communicatiedienst: elk met een eigen rol in communicatie'\n",
        "",
        r"02-diensten\.yaml: title: required field is missing",
        id="missing-title",
    ),
    pytest.param(
        SECTION,
        "- id: beelddatabank\n",
        "- id: openbaarheid-van-bestuur\n",
        r"02-diensten\.yaml: agreements\[6\]\.id: duplicate id 'openbaarheid-van-bestuur'",
        id="duplicate-id",
    ),
    pytest.param(
        SECTION,
        "  number: 14\n",
        "  number: 13\n",
        r"02-diensten\.yaml: agreements\[6\]\.number: duplicate number 13",
        id="duplicate-number",
    ),
    pytest.param(
        "sections/14-artificiele-intelligentie.yaml",
        "  number: 87\n",
        "  number: 88\n",
        r"14-artificiele-intelligentie\.yaml: number: numbers skip from 86 to 88: 87 missing",
        id="skipped-number",
    ),
    pytest.param(
        SECTION,
        "- agreement: klachtencoordinatie\n",
        "- agreement: klachtencoordinator\n",
        r"02-diensten\.yaml: variants\[0\]\.agreement: variant attached to unknown agreement 'klachtencoordinator'",
        id="variant-unknown-agreement",
    ),
    pytest.param(
        SECTION,
        "  agreements:\n  - openbaarheid-van-bestuur\n",
        "  agreements:\n  - openbaarheid\n",
        r"02-diensten\.yaml: references\[0\]\.agreements\[0\]: reference attached to unknown agreement 'openbaarheid'",
        id="reference-unknown-agreement",
    ),
    pytest.param(
        SECTION,
        "  number: 14\n",
        "  number: 14\n  txt: typo\n",
        r"02-diensten\.yaml: agreements\[6\]\.txt: unknown field",
        id="unknown-field",
    ),
    pytest.param(
        SECTION,
        "- id: beelddatabank\n",
        "- id: Beeld Databank\n",
        r"agreements\[6\]\.id: 'Beeld Databank' is not a valid id",
        id="invalid-id",
    ),
    pytest.param(
        "terminology.yaml",
        "- organisation: ocmw\n",
        "- organisation: deelgemeente\n",
        r"terminology\.yaml: terminology\[1\]\.organisation: ",
        id="terminology-unknown-kind",
    ),
    pytest.param(
        "terminology.yaml",
        "- organisation: ocmw\n",
        "- organisation: stad\n",
        r"terminology\.yaml: terminology\[1\]\.organisation: a second table for 'stad'",
        id="terminology-second-table",
    ),
    pytest.param(
        "terminology.yaml",
        "  - find: het college van burgermeester en schepenen\n    replace: het vast bureau\n",
        "  - find: het college van burgemeester en schepenen\n    replace: het vast bureau\n",
        r"terminology\.yaml: terminology\[1\]\.replacements\[1\]\.find: "
        r"'het college van burgemeester en schepenen' is also line 1",
        id="terminology-line-twice",
    ),
    pytest.param(
        "terminology.yaml",
        "    replace: het vast bureau\n",
        "    replace: het college van burgemeester en schepenen\n",
        r"terminology\.yaml: terminology\[1\]\.replacements\[0\]\.replace: is the same as find",
        id="terminology-same-words",
    ),
    pytest.param(
        "edition.yaml",
        "publisher: Kortom vzw\n",
        "publisher: Kortom vzw\nterminology: []\n",
        r"edition\.yaml: terminology: belongs in terminology\.yaml",
        id="terminology-in-edition-file",
    ),
]


@pytest.mark.parametrize(("relative", "old", "new", "message"), CASES)
def test_each_problem_is_reported_with_file_and_field(runner, catalogue_copy, relative, old, new, message):
    edit(catalogue_copy, relative, old, new)
    result = runner.invoke(args=["catalogue", "check", "--dir", str(catalogue_copy)])
    assert result.exit_code == 1
    assert re.search(message, result.output), result.output


def test_all_problems_are_listed_at_once(catalogue_copy):
    edit(catalogue_copy, SECTION, "  number: 14\n", "  number: 13\n")
    edit(catalogue_copy, "sections/08-pers.yaml", "- agreement: goedkeuring-persberichten\n", "- agreement: nergens\n")
    problems = [str(p) for p in check_tree(catalogue_copy)]
    assert any("duplicate number 13" in p for p in problems)
    assert any("unknown agreement 'nergens'" in p for p in problems)


def test_a_missing_edition_file_is_reported(catalogue_copy):
    (catalogue_copy / "2024" / "edition.yaml").unlink()
    assert [str(p) for p in check_tree(catalogue_copy)] == ["agreements/2024/edition.yaml: file is missing"]


def test_edition_id_must_match_its_folder(catalogue_copy):
    edit(catalogue_copy, "edition.yaml", "id: '2024'", "id: '2025'")
    assert "agreements/2024/edition.yaml: id: '2025' does not match folder '2024'" in [
        str(p) for p in check_tree(catalogue_copy)
    ]
