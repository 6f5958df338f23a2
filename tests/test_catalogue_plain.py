"""One plain-data mapping for the catalogue: files, JSON export, database rows and history all follow the fields."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import caches
from builder import db as database
from builder.db import backup, editions
from builder.formats.catalogue_files import edition_files, read_tree, write_edition
from builder.formats.catalogue_json import export_data
from builder.model import plain
from builder.model.catalogue import (
    Agreement,
    Block,
    Catalogue,
    Chapter,
    Edition,
    Migration,
    Reference,
    Section,
    TailoredText,
    Terminology,
    Variant,
)

KINDS = (Edition, Chapter, Section, Agreement, Variant, Reference, Block, TailoredText)
# Where each kind is stored, and which of its fields are rows of another table.
TABLES = {
    Edition: ("editions", ()),
    Chapter: ("chapters", ("references",)),
    Section: ("sections", ("agreements", "references")),
    Agreement: ("agreements", ("variants",)),
    Variant: ("variants", ()),
    Reference: ("reference_links", ()),
}


def everything_filled(catalogue: Catalogue) -> Catalogue:
    """The real catalogue with every field of every kind of object filled somewhere."""
    first = catalogue.sections[0]
    agreement = dataclasses.replace(
        first.agreements[0],
        subheading="Een tussentitel",
        items=("Een punt", "Nog een punt\nmet uitleg"),
        notes=("Een noot voor de lezer.",),
        variants=(Variant(label="Variant", text=("Een andere tekst (specifieer).", "Tweede alinea.")),),
    )
    more = Reference(title="Meer lezen", agreements=(agreement.id,), url="https://www.kortom.be/meer")
    section = dataclasses.replace(
        first,
        intro=("Een inleiding.",),
        agreements=(agreement, *first.agreements[1:]),
        references=(*first.references, more),
    )
    chapter = dataclasses.replace(
        catalogue.chapters[0],
        body=(*catalogue.chapters[0].body, Block(tip="Een tip voor wie de nota schrijft.")),
        references=(more,),
    )
    edition = dataclasses.replace(
        catalogue.edition,
        id="2030",
        status="draft",
        based_on="2024",
        published_at="2030-01-01T00:00:00.000000Z",
        change_summary="Alles nagekeken.",
        migrations=(Migration(agreement="een-oude-afspraak", kind="split", into=("a", "b"), reason="In tweeën."),),
    )
    written = TailoredText(
        agreement=agreement.id,
        variant="Variant",
        text=("Een andere tekst voor een provincie (specifieer).",),
        items=("Een punt voor een provincie",),
        reason="De woordenlijst kan dit niet zeggen.",
    )
    tables = tuple(
        dataclasses.replace(t, texts=(written,)) if t.organisation == "provincie" else t for t in edition.terminology
    )
    edition = dataclasses.replace(edition, terminology=tables)
    return dataclasses.replace(
        catalogue,
        edition=edition,
        chapters=(chapter, *catalogue.chapters[1:]),
        sections=(section, *catalogue.sections[1:]),
    )


def objects(value) -> list:
    """Every catalogue object inside `value`, itself included."""
    if isinstance(value, tuple):
        return [o for v in value for o in objects(v)]
    if not dataclasses.is_dataclass(value):
        return []
    return [value, *(o for name in plain.field_names(type(value)) for o in objects(getattr(value, name)))]


def empty_database(path: Path):
    db = database.connect(path)
    database.migrate(db)
    return db


def through_database(catalogue: Catalogue, path: Path) -> Catalogue:
    db = empty_database(path)
    try:
        with database.write(db):
            editions.insert_catalogue(db, catalogue)
        return editions.load(db, catalogue.edition.id)
    finally:
        db.close()


def through_files(catalogue: Catalogue, folder: Path) -> Catalogue:
    write_edition(catalogue, folder)
    (again,) = read_tree(folder)
    return again


def test_the_filled_catalogue_fills_every_field_of_every_kind(catalogue):
    """So the round trips below cover a field as soon as it is added to the model."""
    found = objects(everything_filled(catalogue))
    for kind in KINDS:
        of_kind = [o for o in found if type(o) is kind]
        for name in plain.field_names(kind):
            assert any(getattr(o, name) not in ("", (), 0) for o in of_kind), f"no {kind.__name__} fills {name}"


def test_a_catalogue_with_every_field_filled_round_trips_through_plain_data_files_and_database(catalogue, tmp_path):
    filled = everything_filled(catalogue)
    data = filled.to_plain()
    assert json.loads(json.dumps(data)) == data, "plain data is only dicts, lists, str and int"
    assert Catalogue.from_plain(data) == filled
    problems: list[plain.Problem] = []
    assert Catalogue.from_plain(data, problems) == filled
    assert problems == []
    assert Catalogue.from_plain(filled.to_plain(compact=True)) == filled
    assert through_files(filled, tmp_path / "agreements") == filled
    assert through_database(filled, tmp_path / "round-trip.sqlite3") == filled


def test_every_field_is_written_to_the_files_the_export_and_the_database_row(catalogue, tmp_path):
    filled = everything_filled(catalogue)
    files = {name: yaml.safe_load(text) for name, text in edition_files(filled).items()}
    section_file = files[f"sections/01-{filled.sections[0].id}.yaml"]
    assert set(files["edition.yaml"]) == set(plain.field_names(Edition)) - {"terminology"}
    (province,) = [t for t in files["terminology.yaml"]["terminology"] if t["organisation"] == "provincie"]
    assert set(province) == set(plain.field_names(Terminology))
    assert set(province["texts"][0]) == set(plain.field_names(TailoredText))
    assert set(files["chapters.yaml"]["chapters"][0]) == set(plain.field_names(Chapter))
    assert set(section_file) == set(plain.field_names(Section)) | {"variants"}
    assert set(section_file["agreements"][0]) == set(plain.field_names(Agreement)) - {"variants"}
    assert set(section_file["variants"][0]) == {"agreement", *plain.field_names(Variant)}
    assert set(section_file["references"][-1]) == set(plain.field_names(Reference))

    exported = export_data(filled)
    agreement = exported["sections"][0]["agreements"][0]
    assert set(plain.field_names(Agreement)) | {"paragraphs", "references"} == set(agreement)
    assert set(plain.field_names(Edition)) - {"based_on", "change_summary"} == set(exported["edition"])

    through_database(filled, tmp_path / "rows.sqlite3")
    conn = sqlite3.connect(tmp_path / "rows.sqlite3")
    conn.row_factory = sqlite3.Row
    section = filled.sections[0]
    agreement = section.agreements[0]
    filled_ones = {  # each kind's filled object, and the columns that find its row
        Edition: (filled.edition, {"id": filled.edition.id}),
        Chapter: (filled.chapters[0], {"id": filled.chapters[0].id}),
        Section: (section, {"id": section.id}),
        Agreement: (agreement, {"id": agreement.id}),
        Variant: (agreement.variants[0], {"agreement_id": agreement.id}),
        Reference: (
            section.references[-1],
            {"owner_kind": "section", "owner_id": section.id, "url": "https://www.kortom.be/meer"},
        ),
    }
    for kind, (table, children) in TABLES.items():
        obj, keys = filled_ones[kind]
        where = " AND ".join(f"{column} = ?" for column in keys)
        row = conn.execute(f"SELECT * FROM {table} WHERE {where}", list(keys.values())).fetchone()
        expected = {k: v for k, v in plain.to_plain(obj).items() if k not in children}
        assert set(expected) <= set(row.keys()), f"{table} lacks a column for a field of {kind.__name__}"
        stored = {k: json.loads(row[k]) if isinstance(v, list) else row[k] for k, v in expected.items()}
        assert stored == expected, table


def test_the_history_keeps_an_agreement_as_its_plain_data(catalogue):
    from builder.curation.saving import snapshot

    agreement = everything_filled(catalogue).sections[0].agreements[0]
    assert snapshot(agreement) == plain.to_plain(agreement)
    assert plain.from_plain(Agreement, json.loads(json.dumps(snapshot(agreement)))) == agreement
    assert snapshot(None) is None


# ---------------------------------------------------------------- reading checks as it goes


def broken(catalogue: Catalogue, change) -> list[str]:
    data = catalogue.to_plain()
    change(data)
    problems: list[plain.Problem] = []
    Catalogue.from_plain(data, problems)
    return [f"{p.path}: {p.message}" for p in problems]


def _agreement(data, **fields):
    data["sections"][1]["agreements"][6].update(fields)


CHECKS = [
    (lambda d: _agreement(d, text=[""]), "sections[1].agreements[6].text[0]: required text is missing"),
    (lambda d: _agreement(d, text="gewoon"), "sections[1].agreements[6].text: expected a list of texts"),
    (lambda d: _agreement(d, number=0), "sections[1].agreements[6].number: expected a positive whole number"),
    (lambda d: _agreement(d, txt="typo"), "sections[1].agreements[6].txt: unknown field"),
    (
        lambda d: _agreement(d, id="Beeld Databank"),
        "sections[1].agreements[6].id: 'Beeld Databank' is not a valid id (lowercase letters, digits and dashes)",
    ),
    (
        lambda d: d["sections"][1].pop("title"),
        "sections[1].title: required field is missing",
        "sections[1].title: required text is missing",
    ),
    (lambda d: d["sections"][1].update(agreements=7), "sections[1].agreements: expected a list of agreements"),
    (
        lambda d: d["sections"].__setitem__(0, 5),
        "sections[0]: expected a mapping of fields",
        "sections[0].number: required text is missing",
        "sections[0].id: required text is missing",
        "sections[0].title: required text is missing",
    ),
    (lambda d: d["edition"].update(status="klaar"), "edition.status: must be 'published' or 'draft'"),
    (
        lambda d: d["edition"]["introduction"][0].update(heading="Twee"),
        "edition.introduction[0]: a block has exactly one of text, heading, items or tip",
    ),
    (
        lambda d: d["chapters"][0]["body"].__setitem__(0, {"items": []}),
        "chapters[0].body[0].items: required text is missing",
    ),
    (
        lambda d: d["sections"][1]["references"][0].update(agreements=[["nested"]]),
        "sections[1].references[0].agreements[0]: expected text",
    ),
]


@pytest.mark.parametrize("case", CHECKS)
def test_reading_plain_data_names_the_path_of_each_problem(catalogue, case):
    change, *problems = case
    assert broken(catalogue, change) == problems


def test_trusted_plain_data_is_read_without_checks(catalogue):
    data = catalogue.to_plain()
    data["sections"][1]["agreements"][6]["id"] = "Not A Slug"
    assert Catalogue.from_plain(data).sections[1].agreements[6].id == "Not A Slug"


@dataclasses.dataclass(frozen=True)
class Counted:
    """A class whose `__init__` does more than set its fields: trusted data must still go through it."""

    name: str = ""
    length: int = dataclasses.field(default=0, init=False)

    def __post_init__(self):
        object.__setattr__(self, "length", len(self.name))


def test_trusted_objects_are_the_objects_their_class_builds(catalogue):
    read = Catalogue.from_plain(catalogue.to_plain())
    agreement = read.sections[0].agreements[0]
    assert vars(agreement) == vars(dataclasses.replace(agreement))  # every field there, defaults included
    assert read == catalogue and hash(read) == hash(catalogue)
    with pytest.raises(dataclasses.FrozenInstanceError):
        agreement.number = 3
    assert plain.from_plain(Counted, {"name": "vier"}).length == 4


# ---------------------------------------------------------------- any valid catalogue

slugs = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
words = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "Zs", "S"), exclude_characters="\x85\u2028\u2029"),
    min_size=1,
    max_size=30,
)
texts = st.one_of(words, st.builds(lambda a, b: f"{a}\n{b}", words, words))
optional = st.one_of(st.just(""), texts)
paragraphs = st.lists(texts, min_size=1, max_size=3).map(tuple)
blocks = st.lists(
    st.one_of(
        st.builds(Block, text=texts),
        st.builds(Block, heading=words),
        st.builds(Block, items=paragraphs),
    ),
    max_size=3,
).map(tuple)


@st.composite
def catalogues(draw) -> Catalogue:
    """A catalogue that passes every check: unique slugs, numbers 1..N, references to agreements that exist."""
    ids = draw(st.lists(slugs, min_size=1, max_size=6, unique=True))
    cuts = sorted(draw(st.lists(st.integers(0, len(ids)), max_size=2)))
    groups = [ids[a:b] for a, b in zip([0, *cuts], [*cuts, len(ids)], strict=True)]
    numbers = iter(range(1, len(ids) + 1))
    refs = st.builds(
        Reference,
        title=texts,
        url=st.one_of(st.just(""), texts.map(lambda t: "https://kortom.be/" + "".join(t.split()))),
        agreements=st.lists(st.sampled_from(ids), max_size=2).map(tuple),
    )
    sections = []
    for position, group in enumerate(groups, start=1):
        agreements = tuple(
            Agreement(
                id=agreement_id,
                number=next(numbers),
                subheading=draw(optional),
                text=draw(paragraphs),
                items=draw(st.lists(texts, max_size=2).map(tuple)),
                notes=draw(st.lists(texts, max_size=1).map(tuple)),
                variants=tuple(
                    Variant(label=label, text=draw(paragraphs))
                    for label in draw(st.lists(words, max_size=2, unique=True))
                ),
            )
            for agreement_id in group
        )
        section_id = draw(slugs.filter(lambda s, used=[s.id for s in sections]: s not in used))
        sections.append(
            Section(
                number=f"5.{position}",
                id=section_id,
                title=draw(texts),
                intro=draw(st.lists(texts, max_size=2).map(tuple)),
                agreements=agreements,
                references=tuple(draw(st.lists(refs, max_size=2))),
            )
        )
    chapter_ids = draw(st.lists(slugs, max_size=2, unique=True))
    chapters = tuple(
        Chapter(id=i, title=draw(texts), body=draw(blocks), references=tuple(draw(st.lists(refs, max_size=1))))
        for i in chapter_ids
    )
    edition = Edition(
        id=draw(slugs),
        title=draw(texts),
        subtitle=draw(optional),
        publisher=draw(texts),
        updates=draw(optional),
        status=draw(st.sampled_from(["published", "draft"])),
        based_on=draw(optional),
        published_at=draw(optional),
        change_summary=draw(optional),
        introduction=draw(blocks),
    )
    return Catalogue(edition=edition, chapters=chapters, sections=tuple(sections))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated=catalogues())
def test_any_valid_catalogue_round_trips_unchanged_through_plain_data_files_and_database(generated):
    problems: list[plain.Problem] = []
    assert Catalogue.from_plain(generated.to_plain(), problems) == generated
    assert problems == []
    assert Catalogue.from_plain(generated.to_plain(compact=True)) == generated
    with tempfile.TemporaryDirectory() as folder:
        assert through_files(generated, Path(folder) / "agreements") == generated
        assert through_database(generated, Path(folder) / "catalogue.sqlite3") == generated


# ---------------------------------------------------------------- the published-editions cache


def test_a_published_edition_is_read_once_per_database_file_and_a_restore_forgets_it(db_path, tmp_path):
    caches.published_editions.clear()
    db = database.connect(db_path)
    first = editions.load(db, "2024")
    read_only = database.connect(f"file:{db_path}?mode=ro")
    assert editions.load(read_only, "2024") is first, "the same file, however it was opened"
    assert caches.published_editions.keys() == [(str(db_path), "2024", first.edition.published_at)]
    draft = dataclasses.replace(first, edition=dataclasses.replace(first.edition, id="2026", status="draft"))
    with database.write(db):
        editions.insert_catalogue(db, draft)
    assert editions.load(db, "2026") == draft
    assert len(caches.published_editions) == 1, "a draft edition is read fresh every time"
    copy = tmp_path / "copy.sqlite3"
    backup.backup(db, copy)
    backup.restore(copy, db)
    assert len(caches.published_editions) == 0
    assert editions.load(db, "2024") == first
    read_only.close()
    db.close()
