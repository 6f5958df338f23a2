"""The curators' domain without a browser: three-way merges, numbered mentions, paragraph diffs, restores."""

from __future__ import annotations

import dataclasses

import pytest

from builder.model import editing, plain, restoring
from builder.model.mentions import numbers_in, touched
from builder.model.publishing import publishable, unchanged_details
from builder.model.text_diff import block_diffs, field_diffs
from builder.model.versions import merge, read_version, version_of, with_seen

SHOWN = {"text": "A", "notes": "N"}


@pytest.mark.parametrize(
    ("posted", "current", "stored", "conflicts"),
    [
        ({"text": "A", "notes": "N"}, {"text": "A", "notes": "N"}, {"text": "A", "notes": "N"}, []),
        ({"text": "B", "notes": "N"}, {"text": "A", "notes": "N"}, {"text": "B", "notes": "N"}, []),
        # someone else changed the notes; I changed the text: both are kept
        ({"text": "B", "notes": "N"}, {"text": "A", "notes": "M"}, {"text": "B", "notes": "M"}, []),
        # I left the text as shown, someone else changed it: theirs stays
        ({"text": "A", "notes": "N"}, {"text": "C", "notes": "N"}, {"text": "C", "notes": "N"}, []),
        # both changed the text, the same way (a double click): no conflict
        ({"text": "B", "notes": "N"}, {"text": "B", "notes": "N"}, {"text": "B", "notes": "N"}, []),
        # both changed the text, differently
        ({"text": "B", "notes": "N"}, {"text": "C", "notes": "N"}, {"text": "C", "notes": "N"}, ["text"]),
        # the object is gone, and I changed it
        ({"text": "B", "notes": "N"}, {"text": None, "notes": None}, {"text": None, "notes": None}, ["text"]),
    ],
)
def test_a_save_keeps_every_change_and_names_the_clashes(posted, current, stored, conflicts):
    merged = merge(version_of(SHOWN), posted, current)
    assert merged.conflicts == conflicts
    if not conflicts:
        assert merged.values == stored


@pytest.mark.parametrize("version", ["", "garbled", "e30", "W10", "!!!"])
def test_a_missing_or_garbled_version_never_overwrites_a_change(version):
    assert read_version(version) == {}
    assert merge(version, {"text": "mine"}, {"text": "theirs"}).conflicts == ["text"]


def test_after_seeing_a_conflict_my_choice_is_saved():
    seen = with_seen(version_of(SHOWN), {"text": "C"})
    merged = merge(seen, {"text": "B", "notes": "N"}, {"text": "C", "notes": "N"})
    assert merged.conflicts == [] and merged.values["text"] == "B"
    merged = merge(seen, {"text": "B"}, {"text": "C"}, keep=frozenset({"text"}))
    assert merged.conflicts == [] and merged.values["text"] == "C", "keeping the stored version"


def left_side(line: str) -> str:
    return line.split("→")[0].strip()


TABLE = "a → 1\nb → 2\nc → 3"


@pytest.mark.parametrize(
    ("mine", "theirs", "stored", "clash"),
    [
        # each adds a line: both stay, in place
        ("a → 1\nb → 2\nb2 → x\nc → 3", "a → 1\nb → 2\nc → 3\nd → 4", "a → 1\nb → 2\nb2 → x\nc → 3\nd → 4", ()),
        # I rewrite one line, they remove another
        ("a → 9\nb → 2\nc → 3", "a → 1\nc → 3", "a → 9\nc → 3", ()),
        # both rewrite the same line the same way: no clash
        ("a → 9\nb → 2\nc → 3", "a → 9\nb → 2", "a → 9\nb → 2", ()),
        # both rewrite the same line differently: only that line clashes
        ("a → 9\nb → 2\nc → 3\nz → 0", "a → 8\nb → 2\nc → 3", "a → 9\nb → 2\nc → 3\nz → 0", (("a → 9", "a → 8"),)),
        # I remove a line they rewrote
        ("b → 2\nc → 3", "a → 8\nb → 2\nc → 3", "b → 2\nc → 3", ((None, "a → 8"),)),
        # blank lines mean nothing
        ("a → 1\n\nb → 2\n\nc → 3", "a → 1\nb → 2\nc → 3", "a → 1\nb → 2\nc → 3", ()),
    ],
)
def test_a_text_merged_line_by_line_clashes_only_on_a_line_both_changed(mine, theirs, stored, clash):
    lines = {"lines": left_side}
    merged = merge(version_of({"lines": TABLE}, lines), {"lines": mine}, {"lines": theirs}, lines=lines)
    assert merged.values["lines"] == stored
    assert (merged.lines["lines"].rows if clash else ()) == clash
    assert merged.conflicts == (["lines"] if clash else [])
    if clash:
        assert merged.lines["lines"].theirs == theirs + "\nz → 0" * ("z → 0" in mine), "their line, my others"


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Zie met betrekking tot dit onderdeel ook afspraak 37.", [37]),
        ("zoals in Afspraak 5 en afspraak 12", [5, 12]),
        ("De afspraken 12 en 13 gelden ook hier.", [12, 13]),
        ("Lees de afspraken 12, 13 of 14.", [12, 13, 14]),
        ("De afspraken 20 tot 22 en 30.", [20, 21, 22, 30]),
        ("De afspraken 20-22.", [20, 21, 22]),
        ("De afspraken 20 tot en met 21.", [20, 21]),
        ("Er zijn 37 afspraken.", []),
        ("afspraakje 3", []),
    ],
)
def test_texts_that_name_agreements_by_number_are_found(text, numbers):
    assert [n for n, _quote in numbers_in(text)] == numbers


def test_a_move_warns_about_the_text_that_names_a_shifted_agreement(catalogue):
    draft = editing.new_edition(catalogue, "2026", "T")
    moved = editing.move_after(
        draft, "beelddatabank", "artificiele-intelligentie", ""
    )  # 14 to the last section: 15..87 shift down
    warnings = touched(draft, moved)
    assert [str(w) for w in warnings] == [
        "Let op: de inleiding van onderdeel 5.9 noemt “afspraak 37”; die afspraak "
        "(“Gemeentelijke medewerkers en gemeentelijke communicatiekanalen stellen…”) krijgt nummer 36. "
        "Pas die tekst aan."
    ]
    assert touched(draft, editing.move_after(draft, "ai-bij-gemeentediensten", "artificiele-intelligentie", "")) == []


def test_a_paragraph_diff_pairs_what_was_rewritten_and_keeps_items_apart():
    old = [("paragraph", "Een twee drie."), ("item", "eerste"), ("item", "tweede")]
    new = [("paragraph", "Een vier drie."), ("item", "eerste"), ("item", "derde"), ("item", "vierde")]
    blocks, unchanged = block_diffs(old, new)
    assert unchanged == 1
    assert [(b.style, b.words) for b in blocks] == [
        ("paragraph", (("equal", "Een"), ("delete", "twee"), ("insert", "vier"), ("equal", "drie."))),
        ("item", (("delete", "tweede"), ("insert", "derde"))),
        ("item", (("insert", "vierde"),)),
    ]


def test_an_added_variant_is_its_own_field_not_glued_to_the_text(catalogue):
    before = catalogue.agreement("beelddatabank")
    after = editing.add_variant(catalogue, "beelddatabank", "Variant", ("Een partner beheert ze.",))
    fields = field_diffs("agreement", plain.to_plain(before), plain.to_plain(after.agreement("beelddatabank")))
    assert [str(f.label) for f in fields] == ["Variant “Variant”"]


def test_an_edition_without_changes_cannot_be_published(catalogue):
    draft = editing.new_edition(catalogue, "2026", catalogue.edition.title)
    assert "Er veranderde nog niets tegenover editie 2024" in str(publishable(draft, catalogue)[-1])
    changed = editing.update_agreement(draft, "beelddatabank", text=("Nieuw.",), items=(), notes=(), subheading="")
    assert publishable(changed, catalogue) == []


def test_details_left_as_in_the_previous_edition_are_pointed_out(catalogue):
    draft = editing.new_edition(catalogue, "2026", catalogue.edition.title)
    assert [str(w) for w in unchanged_details(draft, catalogue)] == [
        "De ondertitel vermeldt nog “2024”: kijk na of dat klopt.",
        "De inleiding is nog dezelfde als in editie 2024.",
    ]
    fresh = editing.set_edition(
        draft, title=draft.edition.title, subtitle="Update 2026", publisher="Kortom vzw", introduction=()
    )
    assert unchanged_details(fresh, catalogue) == []


@pytest.mark.parametrize("kind", ["agreement", "section", "chapter"])
def test_a_removed_object_comes_back_from_its_history_snapshot(catalogue, kind):
    draft = editing.new_edition(catalogue, "2026", "T")
    if kind == "agreement":
        snapshot, parent = plain.to_plain(draft.agreement("beelddatabank")), "diensten"
        removed = editing.remove_agreement(draft, "beelddatabank")
        entity = "beelddatabank"
    elif kind == "chapter":
        snapshot, parent, entity = plain.to_plain(draft.chapter("hoofdrollen")), "", "hoofdrollen"
        removed = editing.remove_chapter(draft, "hoofdrollen")
    else:
        empty, section_id = editing.add_section(draft, "Toegankelijkheid")
        draft = editing.update_section(empty, section_id, "Toegankelijkheid", ("Voor iedereen.",))
        snapshot, parent, entity = plain.to_plain(draft.sections[-1]), "", section_id
        removed = editing.remove_section(draft, section_id)
    back = restoring.restore(removed, kind, entity, snapshot, parent)
    if kind == "chapter":
        assert back.chapter("hoofdrollen") == draft.chapter("hoofdrollen")
    elif kind == "agreement":
        assert back.agreements == draft.agreements, "back in its place, with its number and variants"
    else:
        assert back == draft


def test_restoring_an_earlier_wording_keeps_the_place(catalogue):
    draft = editing.new_edition(catalogue, "2026", "T")
    old = plain.to_plain(draft.agreement("beelddatabank"))
    changed = editing.update_agreement(draft, "beelddatabank", text=("Nieuw.",), items=(), notes=(), subheading="")
    moved = editing.move_after(changed, "beelddatabank", "beleid", "")
    back = restoring.restore(moved, "agreement", "beelddatabank", old)
    assert back.agreement("beelddatabank").text == draft.agreement("beelddatabank").text
    assert back.agreement("beelddatabank").number == 1, "a restore brings back the wording, not the old place"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda c: editing.add_section(c, "Sociale media"), "Er is al een onderdeel “Sociale media” (5.9)."),
        (lambda c: editing.update_section(c, "pers", " sociale  MEDIA ", ()), "Er is al een onderdeel “Sociale media”"),
        (lambda c: editing.add_chapter(c, c.chapters[0].title, ()), "Er is al een hoofdstuk"),
        (
            lambda c: editing.add_agreement(c, "pers", c.agreement("beelddatabank").text),
            "Afspraak 14 heeft al precies deze tekst.",
        ),
        (
            lambda c: editing.update_agreement(
                c, "persplanning", text=c.agreement("beelddatabank").text, items=(), notes=(), subheading=""
            ),
            "Afspraak 14 heeft al precies deze tekst.",
        ),
        (
            lambda c: editing.add_variant(
                c, "goedkeuring-persberichten", "Variant 3", c.agreement("goedkeuring-persberichten").variants[1].text
            ),
            "Variant “Variant 2” heeft al precies deze tekst.",
        ),
    ],
)
def test_duplicates_are_refused_everywhere(catalogue, edit, message):
    with pytest.raises(editing.EditError) as refused:
        edit(editing.new_edition(catalogue, "2026", "T"))
    assert message in str(refused.value)


def test_a_new_agreement_takes_its_id_from_its_title_never_an_old_one(catalogue):
    changed, new_id = editing.add_agreement(
        catalogue, "pers", ("Wij antwoorden binnen de dag.",), title="Snel antwoord", taken=frozenset({"snel-antwoord"})
    )
    assert new_id == "snel-antwoord-2"
    assert dataclasses.replace(changed.agreement(new_id), number=0).text == ("Wij antwoorden binnen de dag.",)


def test_taking_one_change_back_leaves_later_changes_and_names_the_parts_changed_again():
    before = {"text": ["Oud."], "notes": [], "variants": [{"label": "V1", "text": ["Een."]}]}
    after = {**before, "text": ["Nieuw."]}
    later_variant = {**after, "variants": [*after["variants"], {"label": "V2", "text": ["Twee."]}]}
    restored, later = restoring.taken_back("agreement", before, after, later_variant)
    assert restored["text"] == ["Oud."] and [v["label"] for v in restored["variants"]] == ["V1", "V2"]
    assert later == []
    rewritten_again = {**later_variant, "text": ["Nog nieuwer."]}
    restored, later = restoring.taken_back("agreement", before, after, rewritten_again)
    assert later == ["text"] and restored["text"] == ["Nog nieuwer."], "nothing goes without asking"
    restored, _later = restoring.taken_back("agreement", before, after, rewritten_again, force=True)
    assert restored["text"] == ["Oud."] and len(restored["variants"]) == 2
