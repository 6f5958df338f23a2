"""The YAML format reads back exactly as written, so dumps are byte-for-byte stable."""

from __future__ import annotations

from builder.db import connect, editions
from builder.formats.catalogue_files import edition_files, read_tree, write_edition


def test_files_on_disk_are_exactly_what_the_writer_produces(catalogue, catalogue_copy):
    folder = catalogue_copy / "2024"
    for relative, content in edition_files(catalogue).items():
        assert (folder / relative).read_text(encoding="utf-8") == content, relative
    on_disk = {str(p.relative_to(folder)) for p in folder.rglob("*.yaml")}
    assert on_disk == set(edition_files(catalogue))


def test_database_round_trip_reproduces_the_files(db_path, catalogue, catalogue_copy, tmp_path):
    db = connect(db_path)
    from_db = editions.load(db, "2024")
    db.close()
    assert from_db == catalogue
    out = tmp_path / "dumped"
    write_edition(from_db, out)
    for path in (catalogue_copy / "2024").rglob("*.yaml"):
        assert (out / "2024" / path.relative_to(catalogue_copy / "2024")).read_bytes() == path.read_bytes()


def test_written_files_read_back_equal(catalogue, tmp_path):
    write_edition(catalogue, tmp_path)
    (again,) = read_tree(tmp_path)
    assert again == catalogue
