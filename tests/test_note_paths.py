"""A note takes many paths; a field of the note (or a rule) added on one path is there on all of them.

`everything_filled()` is a note in which every field the model declares holds a value that is not
its default. Each path a note takes must give it back whole: storage, the choices file, the .docx
(untouched, it has no changes from Word), a move to an edition with the same content, a kept version
restored, the command line, the review pages, the published page and the conflict page's description.
A field added to `builder/model/choices.py` fails `test_the_guard_note_fills_every_field` until it is given a value
here, and then fails every path that drops it.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re

import pytest
from support import Browser, publish_2024_1

from builder.db import connect, drafts, editions
from builder.formats.note_file import import_note
from builder.formats.word import render_note, to_bytes
from builder.model import upgrade
from builder.model.building import AgreementAnswer, OwnAnswer, SectionAnswers, add_own_section, apply_section
from builder.model.choices import (
    FORMAT,
    AgreementChoice,
    Author,
    Choices,
    Options,
    Organisation,
    check_against,
    from_data,
)
from builder.model.terminology import tailor_for

KIND = "provincie"
UNTAILORED = "overleg-schepen-en-communicatieverantwoordelijke"  # 5.1, says "schepen": tailored for a province
VARIANT = "klachtencoordinatie"  # 5.2, its variant asks "(specifieer)"
REWORDED = "beelddatabank"  # 5.2
OWN_TEXT = "Elke dienst heeft een communicatiepeter."
OWN_SECTION_TEXT = "De nieuwsbrief verschijnt elke maand."


def everything_filled(catalogue) -> Choices:
    """A province's note on `catalogue` in which every field of the model holds a value that is not its default."""
    choices = Choices(
        edition=catalogue.edition.id,
        organisation=Organisation(name="Provincie Oost-Vlaanderen", type=KIND),
        title="Onze afspraken over communicatie",
        date="2026-11-23",
        version="0.9",
        author=Author(name="An Peeters", function="communicatieverantwoordelijke"),
        chapters=tuple(c.id for c in catalogue.chapters[:2]),
        vision="Wij communiceren helder.\n\n- open\n- tijdig",
        options=Options(
            references=False,
            provenance=False,
            approval=True,
            approved_by="de deputatie",
            approved_on="2026-12-15",
            decision="DEP 2026/123",
            signatories=("Jan Janssens", "Marie Peeters"),
        ),
    )
    first = catalogue.section("5.1")
    choices = apply_section(
        choices,
        catalogue,
        first,
        SectionAnswers(agreements={UNTAILORED: AgreementAnswer(include=True, untailored=True)}),
    )
    second = catalogue.section("5.2")
    answers = {
        VARIANT: AgreementAnswer(include=True, variant="Variant", fill="de dienst Onthaal"),
        REWORDED: AgreementAnswer(include=True, text="Wij beheren samen één fotobank."),
    }
    own = [OwnAnswer(OWN_TEXT, after=REWORDED)]
    choices = apply_section(choices, catalogue, second, SectionAnswers(agreements=answers, own=own))
    with_intro = catalogue.section("5.9")
    choices = apply_section(
        choices,
        catalogue,
        with_intro,
        SectionAnswers(agreements={with_intro.agreements[0].id: AgreementAnswer(include=True)}, intro=True),
    )
    choices, key = add_own_section(choices, catalogue, "Nieuwsbrief", after="5.3")
    own_part = dataclasses.replace(choices.own_part(key), agreements=(AgreementChoice(text=OWN_SECTION_TEXT),))
    return choices.with_part(own_part)


CONSTANT = {"Choices.format"}  # always FORMAT: the one value a note cannot vary


def _filled_fields(value, found: dict[str, bool]) -> None:
    """Record, per 'Class.field', whether any object of the note holds a value other than the default there."""
    for f in dataclasses.fields(value):
        item = getattr(value, f.name)
        default = f.default if f.default is not dataclasses.MISSING else f.default_factory()
        name = f"{type(value).__name__}.{f.name}"
        found[name] = found.get(name, False) or item != default
        for nested in item if isinstance(item, tuple) else (item,):
            if dataclasses.is_dataclass(nested):
                _filled_fields(nested, found)


@pytest.fixture(scope="module")
def filled(catalogue) -> Choices:
    return everything_filled(catalogue)


def test_the_guard_note_fills_every_field(filled, catalogue):
    found: dict[str, bool] = {}
    _filled_fields(filled, found)
    assert sorted(name for name, yes in found.items() if not yes) == sorted(CONSTANT)
    check_against(filled, catalogue)
    assert tailor_for(catalogue, KIND).changes(catalogue.agreement(UNTAILORED).text[0])


# ---------------------------------------------------------------- the paths, without the web


def test_storage_gives_the_note_back_whole(filled, db_path):
    db = connect(db_path)
    draft = drafts.create(db, drafts.new_token(), filled)
    assert drafts.get(db, draft.id).choices == filled
    db.close()


def test_the_choices_file_gives_the_note_back_whole(filled):
    text = json.dumps(filled.to_data(), ensure_ascii=False)
    assert from_data(json.loads(text)) == filled
    assert json.loads(text)["format"] == FORMAT


def test_the_docx_gives_the_note_back_whole_without_changes_from_word(filled, catalogue):
    data = to_bytes(render_note(filled, catalogue))
    imported = import_note(data, "nota.docx", lambda edition: catalogue if edition == catalogue.edition.id else None)
    assert imported.choices == filled
    assert imported.changes == []


def test_a_move_to_an_edition_with_the_same_content_changes_only_the_edition(filled, catalogue):
    same = dataclasses.replace(
        catalogue, edition=dataclasses.replace(catalogue.edition, id="2024.9", based_on=catalogue.edition.id)
    )
    steps = upgrade.plan(filled, catalogue, same)
    assert {s.status for s in steps} == {upgrade.UNCHANGED}
    assert upgrade.upgraded(filled, catalogue, same, {}, {}) == dataclasses.replace(filled, edition="2024.9")


def test_a_kept_version_comes_back_whole(filled, db_path):
    db = connect(db_path)
    draft = drafts.create(db, drafts.new_token(), filled)
    emptied = dataclasses.replace(filled, sections=(), vision="")
    replaced = drafts.replace_note(db, draft.id, draft.version, emptied, {}, "test")
    (kept,) = drafts.kept_versions(db, draft.id)
    restored = drafts.restore(db, draft.id, kept.id, replaced.version, "terug")
    assert restored.choices == filled
    assert drafts.get(db, draft.id).choices == filled
    db.close()


def test_the_command_line_prints_and_renders_the_whole_note(filled, db_path, runner, tmp_path):
    db = connect(db_path)
    token = drafts.new_token()
    drafts.create(db, token, filled)
    db.close()
    shown = runner.invoke(args=["note", "show", "--", token])
    assert shown.exit_code == 0 and from_data(json.loads(shown.output)) == filled
    path = tmp_path / "keuzes.json"
    path.write_text(shown.output, encoding="utf-8")
    rendered = runner.invoke(args=["note", "render", str(path), "-o", str(tmp_path / "nota.docx")])
    assert rendered.exit_code == 0, rendered.output
    imported = import_note((tmp_path / "nota.docx").read_bytes(), "nota.docx", lambda e: _loaded(db_path, e))
    assert imported.choices == filled and imported.changes == []


def _loaded(db_path, edition_id):
    db = connect(db_path)
    try:
        return editions.load(db, edition_id)
    finally:
        db.close()


# ---------------------------------------------------------------- the paths on the web


def opened(client, db_path, choices: Choices) -> Browser:
    """A browser working on a draft that holds `choices`, opened through its private link."""
    db = connect(db_path)
    token = drafts.new_token()
    drafts.create(db, token, choices)
    db.close()
    user = Browser(client)
    user.get(f"/hervat/{token}", status=302)
    return user


def shown_texts(choices: Choices) -> list[str]:
    """What a reader of the note must find on every page that shows it."""
    texts = [choices.title, choices.organisation.name, choices.version, choices.author.name, choices.author.function]
    texts += ["Wij communiceren helder.", "tijdig", "de dienst Onthaal", "Wij beheren samen één fotobank."]
    texts += [OWN_TEXT, OWN_SECTION_TEXT, "Nieuwsbrief"]
    return texts


def test_the_review_pages_show_the_whole_note(filled, client, db_path):
    author = opened(client, db_path, filled)
    author.get("/nota/nalezen")
    review = author.text()
    for text in shown_texts(filled):
        assert text in review, text
    for text in ("de deputatie", "DEP 2026/123", "Jan Janssens", "Marie Peeters", "15/12/2026"):
        assert text in author.page, text
    link = author.review_link()
    reviewer = Browser(client.application.test_client())
    reviewer.get(link)
    read = reviewer.text()
    for text in shown_texts(filled):
        assert text in read, text


def test_the_published_page_shows_the_whole_note(filled, client, db_path):
    author = opened(client, db_path, filled)
    author.get("/nota/downloaden")
    author.send({"action": "publish"}, action="/nota/publiceren")
    author.get("/nota/downloaden")
    path = re.search(r'id="webpagina" type="text" value="[^"]*(/gepubliceerd/[^"]+)"', author.page).group(1)
    reader = Browser(client.application.test_client())
    reader.get(path)
    read = reader.text()
    for text in shown_texts(filled):
        assert text in read, text
    assert "Goedgekeurd door de deputatie op 15 december 2026" in read


def _leaves(value, path: str = ""):
    """(path, field name, default) of every field in the note that holds a value other than its default."""
    for f in dataclasses.fields(value):
        item = getattr(value, f.name)
        default = f.default if f.default is not dataclasses.MISSING else f.default_factory()
        here = f"{path}.{f.name}" if path else f.name
        if item != default:
            yield here, f.name, default
        for i, nested in enumerate(item if isinstance(item, tuple) else ()):
            if dataclasses.is_dataclass(nested):
                yield from _leaves(nested, f"{here}[{i}]")
        if dataclasses.is_dataclass(item):
            yield from _leaves(item, here)


def _without(choices, path: str, default):
    """The note with the field at `path` back to its default (parts and agreements are addressed by index)."""
    name, _sep, rest = path.partition(".")
    match = re.fullmatch(r"(\w+)\[(\d+)\]", name)
    if match:
        field, index = match.group(1), int(match.group(2))
        items = list(getattr(choices, field))
        items[index] = _without(items[index], rest, default)
        return dataclasses.replace(choices, **{field: tuple(items)})
    if rest:
        return dataclasses.replace(choices, **{name: _without(getattr(choices, name), rest, default)})
    return dataclasses.replace(choices, **{name: default})


def test_the_conflict_page_names_and_shows_every_unit_of_the_note(filled, app, catalogue):
    """Every field is in a unit (tests/test_merging.py); every unit has a name and a text on the conflict page."""
    from builder.model.merging import units
    from builder.wizard.conflicts import unit_label, unit_text

    with app.test_request_context():
        for key, value in units(filled).items():
            assert unit_label(key, filled, catalogue) != key, f"name {key} on the conflict page (FIELD_LABELS)"
            assert unit_text(key, value, filled, catalogue) or value in ((), "", False), key


# ---------------------------------------------------------------- the seams the core issue reported


def test_a_move_to_2024_1_keeps_the_catalogues_words_and_a_sections_intro(browser, db_path):
    browser.start()
    browser.organisation(name="Provincie Oost-Vlaanderen", type=KIND)
    browser.get("/nota/onderdeel/5.1")
    position = next(i for i, a in enumerate(_section(db_path, "5.1").agreements) if a.id == UNTAILORED)
    browser.submit("/nota/onderdeel/5.1", {f"include_{position}": "y", f"untailored_{position}": "y"})
    browser.submit("/nota/onderdeel/5.9", {"include_0": "y", "intro": "y"})
    publish_2024_1(db_path)
    browser.get("/nota/nieuwe-editie")
    browser.submit("/nota/nieuwe-editie", {})
    db = connect(db_path)
    (row,) = db.execute("SELECT id FROM drafts").fetchall()
    moved = drafts.get(db, row[0]).choices
    db.close()
    assert moved.edition == "2024.1"
    assert moved.part("5.1").agreements[0].untailored
    assert moved.part("5.9").intro


def _section(db_path, number):
    return _loaded(db_path, "2024").section(number)


def _upload_json(browser, data: dict, status: int):
    browser.get("/")
    body = json.dumps(data).encode()
    browser.post_files("/nota/uit-bestand", {"note_file": (io.BytesIO(body), "keuzes.json")}, status=status)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(title="T" * 4_000_000), "Deze tekst is 4000000 tekens lang; het maximum is 300."),
        (
            lambda d: d["sections"][0]["agreements"].extend([{"id": UNTAILORED}] * 75_000),
            "De gegevens van de nota in dit bestand zijn beschadigd.",
        ),
        (
            lambda d: d["sections"][0]["agreements"].extend([{"text": f"Eigen {n}."} for n in range(51)]),
            "Een onderdeel kan hoogstens 50 eigen afspraken hebben.",
        ),
        (
            lambda d: d["sections"].extend({"title": f"Eigen {n}", "agreements": []} for n in range(31)),
            "Een nota kan hoogstens 30 eigen onderdelen hebben.",
        ),
        (
            lambda d: d["sections"][0]["agreements"].append({"text": "x" * 20_001}),
            "Deze tekst is 20001 tekens lang; het maximum is 20000.",
        ),
    ],
)
def test_a_note_file_beyond_the_limits_is_refused_with_the_wizards_message(browser, filled, db_path, change, message):
    data = filled.to_data()
    change(data)
    _upload_json(browser, data, 400)
    assert message in browser.text()
    db = connect(db_path)
    assert db.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
    db.close()


def test_taking_every_change_from_word_at_once_meets_the_limits(browser, db_path, filled, catalogue):
    from builder.model.word_changes import ADDED, WordChange

    user = opened(browser.client, db_path, filled)
    db = connect(db_path)
    (row,) = db.execute("SELECT id FROM drafts").fetchall()
    draft = drafts.get(db, row[0])
    added = [WordChange(ADDED, 0, "5.2", "", f"Eigen afspraak {n} uit Word.").to_data() for n in range(3000)]
    progress = {"word_changes": {"changes": added, "tracked": False, "base": filled.to_data()}}
    drafts.save(db, draft.id, draft.version, filled, progress)
    db.close()
    user.get("/nota/wijzigingen-uit-word")
    user.send({"action": "all"}, status=400)
    assert "Een onderdeel kan hoogstens 50 eigen afspraken hebben." in user.text()
    db = connect(db_path)
    assert drafts.get(db, draft.id).choices == filled
    db.close()


def test_the_storage_itself_refuses_a_note_beyond_the_limits(filled, db_path):
    from builder.model.choices import NoteRefused

    own = filled.sections[-1]
    crowded = dataclasses.replace(own, agreements=tuple(AgreementChoice(text=f"Eigen {n}.") for n in range(51)))
    db = connect(db_path)
    with pytest.raises(NoteRefused, match="hoogstens 50 eigen afspraken"):
        drafts.create(db, drafts.new_token(), filled.with_part(crowded))
    assert db.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
    db.close()
