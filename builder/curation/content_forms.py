"""Forms that edit what an edition holds: chapters, sections with their references, agreements with their variants.

Each page is one form: every button on it saves what the curator typed (curation/saving.py).
Checkboxes and places name agreements by number and first words; ids stay out of sight.
"""

from __future__ import annotations

import re

from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    ValidationError,
)
from wtforms.validators import Optional, StopValidation

from ..model import crossref
from ..model.catalogue import WEB_ADDRESS, Catalogue, Section
from ..model.text import clean_line, first_words
from ..web.fields import LINE_MAX, Form, MaxLength, MultiCheckboxField, line_field, options, text_field
from ..web.i18n import gettext as _
from ..web.i18n import lazy_gettext as _l
from .forms import CuratedForm

MAX_ROWS = 60  # variants of an agreement, references of a section: far more than any has
TEXT_HELP = _l(
    "Witregel tussen alinea’s; begin een regel met “- ” voor een opsomming. Zie “Zo schrijf je de tekst” hieronder, "
    "ook om naar een andere afspraak te verwijzen of de gebruiker iets te laten invullen."
)


class _Every:
    """Stands in for the agreements of an edition when a form was not told them: only the syntax is checked."""

    def __contains__(self, item: object) -> bool:
        return True


def knowing_agreements(form, catalogue: Catalogue):
    """The form (and its sub-forms), told which agreements the edition holds, so a reference can be checked."""
    form.agreement_ids = frozenset(catalogue.numbers)
    for field in form:
        if field.type == "FormField":
            knowing_agreements(field.form, catalogue)
        elif field.type == "FieldList":
            for entry in field.entries:
                if entry.type == "FormField":
                    knowing_agreements(entry.form, catalogue)
    return form


def checked_text(form, field) -> None:
    """Field validator: each reference names an agreement of the edition, and each "[" is closed again."""
    text = field.data or ""
    found = crossref.problems(text, getattr(form, "agreement_ids", None) or _Every())
    messages = []
    for kind, value in found:
        if kind == "unknown":
            messages.append(
                _(
                    "“[[%(id)s]]” verwijst naar een afspraak die niet in deze editie staat. Kies de afspraak in de "
                    "lijst “Verwijs naar een andere afspraak”, of haal de verwijzing weg.",
                    id=value,
                )
            )
        else:
            messages.append(_("“%(start)s” is geen volledige verwijzing naar een afspraak.", start=value))
    unclosed = _unclosed(crossref.REFERENCE.sub("", text))
    if unclosed:
        messages.append(
            _("“%(start)s” heeft geen “]”: sluit af zoals in [een andere dienst (specifieer)].", start=unclosed)
        )
    if messages:
        raise ValidationError(" ".join(messages))


def _unclosed(text: str) -> str:
    """The start of the first "[" without its "]" (references taken out), or ""."""
    opened: list[int] = []
    for i, char in enumerate(text):
        if char == "[":
            opened.append(i)
        elif char == "]" and opened:
            opened.pop()
    return first_words(text[opened[0] :].split("\n")[0], 5) if opened and "[[" not in text else ""


MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")


def no_markup(form, field) -> None:
    """Field validator: a name a permanent id is made from holds words, no HTML code ("<script>")."""
    if field.data and MARKUP.search(field.data):
        raise ValidationError(
            _l("Gebruik gewone woorden, zonder HTML-code zoals “<b>”: van deze naam wordt een vaste naam gemaakt.")
        )


def valid_url(form, field) -> None:
    """Field validator: a web address starts with http:// or https:// and holds no spaces."""
    if field.data and not WEB_ADDRESS.match(field.data):
        raise ValidationError(_l("Een webadres begint met https:// en bevat geen spaties."))


def valid_reference_lines(form, field) -> None:
    """Field validator for "title | address" lines: every address given is a web address."""
    for line in (field.data or "").splitlines():
        _title, separator, url = line.partition(" | ")
        if separator and url.strip() and not WEB_ADDRESS.match(url.strip()):
            raise ValidationError(
                _("“%(url)s” is geen webadres: het begint met https:// en bevat geen spaties.", url=url.strip())
            )


INTRO_HELP = _l(
    "Witregel tussen alinea’s. Naar een afspraak verwijzen: kies ze hieronder in “Verwijs naar een andere afspraak”."
)


class ChapterForm(CuratedForm):
    title = line_field(
        _l("Titel van het hoofdstuk"), required_message=_l("Geef het hoofdstuk een titel."), validators=[no_markup]
    )
    body = text_field(
        _l("Tekst"),
        required_message=_l("Een hoofdstuk heeft tekst nodig."),
        description=_l("Zie “Zo schrijf je de tekst” hieronder voor alinea’s, opsommingen en tussentitels."),
        validators=[checked_text],
    )
    references = text_field(
        _l("Meer lezen?"),
        description=_l("Eén verwijzing per regel; voeg een webadres toe na “ | ”."),
        validators=[valid_reference_lines],
    )


class SectionTitleForm(CuratedForm):
    """A new section: its title and introduction."""

    title = line_field(
        _l("Titel van het onderdeel"), required_message=_l("Geef het onderdeel een titel."), validators=[no_markup]
    )
    intro = text_field(_l("Inleiding (optioneel)"), description=INTRO_HELP, validators=[checked_text])


def titled(form, field) -> None:
    """Field validator: a reference that is kept, or has an address or agreements, needs a title."""
    removed = getattr(form, "remove", None) is not None and form.remove.data
    used = getattr(form, "remove", None) is not None or form.url.data or form.agreements.data
    if not field.data and used and not removed:
        raise ValidationError(_l("Geef de verwijzing een titel."))


def unless_removed(form, field) -> None:
    """Field validator: nothing more to check on a reference ticked for removal."""
    if getattr(form, "remove", None) is not None and form.remove.data:
        raise StopValidation()


class NewReferenceForm(Form):
    """The empty row under the references list: filled in, it adds a reference."""

    class Meta:
        csrf = False

    title = StringField(_l("Titel van de verwijzing"), filters=[clean_line], validators=[MaxLength(LINE_MAX), titled])
    url = StringField(_l("Webadres (optioneel)"), filters=[clean_line], validators=[Optional(), valid_url])
    agreements = MultiCheckboxField(_l("Hoort bij afspraak"), validators=[Optional()], validate_choice=False)


class ReferenceForm(NewReferenceForm):
    """One row of the references list; the page's own CSRF token protects the whole list."""

    title = StringField(
        _l("Titel van de verwijzing"), filters=[clean_line], validators=[unless_removed, MaxLength(LINE_MAX), titled]
    )
    url = StringField(
        _l("Webadres (optioneel)"), filters=[clean_line], validators=[unless_removed, Optional(), valid_url]
    )
    remove = BooleanField(_l("Verwijder deze verwijzing"))


class SectionForm(SectionTitleForm):
    references = FieldList(FormField(ReferenceForm), max_entries=MAX_ROWS)
    new_reference = FormField(NewReferenceForm)


def agreement_choices(section: Section):
    """The agreements of a section as checkbox choices: number and first words."""
    return options((a.id, f"{a.number}. {first_words(a.text[0], 7)}") for a in section.agreements)


def section_form(section: Section, **kwargs) -> SectionForm:
    """A `SectionForm` whose reference checkboxes are the section's agreements."""
    form = SectionForm(**kwargs)
    for entry in (*form.references, form.new_reference):
        entry.form.agreements.choices = agreement_choices(section)
    return form


class VariantForm(Form):
    class Meta:
        csrf = False

    old_label = HiddenField(label="")
    label = line_field(_l("Naam van de variant"), required_message=_l("Geef de variant een naam."))
    text = text_field(
        _l("Tekst van de variant"),
        required_message=_l("Een variant heeft tekst nodig."),
        description=_l("De volledige afspraak zoals ze in de nota komt als de gebruiker deze variant kiest."),
        validators=[checked_text],
    )


class NewVariantForm(Form):
    class Meta:
        csrf = False

    label = line_field(_l("Naam van de nieuwe variant"))
    text = text_field(
        _l("Tekst van de nieuwe variant"),
        description=_l("Laat leeg als je geen variant toevoegt."),
        validators=[checked_text],
    )


def one_of_the_places(form, field) -> None:
    """Field validator: a place from the list (the list changes when agreements move)."""
    if field.data and field.data not in {c.value for c in field.choices}:
        raise ValidationError(_l("Die plaats bestaat niet meer. Kies een plaats uit de lijst."))


def place_field() -> SelectField:
    """Where an agreement goes: a section, at its top or after one of its agreements (`place_choices`)."""
    return SelectField(
        _l("Plaats in de editie"),
        validators=[Optional(), one_of_the_places],
        validate_choice=False,
        description=_l("De afspraak krijgt het nummer van die plaats; de nummers erna schuiven op."),
    )


ADD_VARIANT = "variant-toevoegen"


class AgreementForm(CuratedForm):
    text = text_field(
        _l("Tekst van de afspraak"),
        required_message=_l("Een afspraak heeft tekst nodig."),
        description=TEXT_HELP,
        validators=[checked_text],
    )
    notes = text_field(
        _l("Noten voor de lezer (optioneel)"),
        description=_l("Tips bij de afspraak; ze komen niet in de nota van de gebruiker. Witregel tussen noten."),
        validators=[checked_text],
    )
    subheading = line_field(
        _l("Tussentitel vóór deze afspraak (optioneel)"), description=_l("Bijvoorbeeld “Pers zoekt overheid”.")
    )
    variants = FieldList(FormField(VariantForm), max_entries=MAX_ROWS)
    new_variant = FormField(NewVariantForm)
    place = place_field()
    action = HiddenField(label="")  # the button that was pressed (every button posts the whole page)

    def validate(self, extra_validators=None) -> bool:
        """Every field, then what depends on the button: "Variant toevoegen" needs the new variant's text."""
        valid = super().validate(extra_validators)
        if self.action.data == ADD_VARIANT and not self.new_variant.form.text.data:
            self.new_variant.form.text.errors.append(_l("Een variant heeft tekst nodig."))
            return False
        return valid


class NewAgreementForm(CuratedForm):
    title = line_field(
        _l("Korte naam van de afspraak"),
        required_message=_l("Geef de afspraak een korte naam, bijvoorbeeld “TikTok-account”."),
        description=_l("Enkel voor Kortom: zo herken je de afspraak in de geschiedenis en bij suggesties."),
        validators=[no_markup],
    )
    text = text_field(
        _l("Tekst van de nieuwe afspraak"),
        required_message=_l("Een afspraak heeft tekst nodig."),
        description=TEXT_HELP,
        validators=[checked_text],
    )
    place = place_field()


def place_value(section_id: str, after_id: str) -> str:
    """A place as the select posts it: the section, and the agreement it comes after ("" for the top)."""
    return f"{section_id}/{after_id}"


def read_place(value: str) -> tuple[str, str]:
    """The inverse of `place_value`."""
    section_id, _sep, after_id = (value or "").partition("/")
    return section_id, after_id


def place_choices(catalogue: Catalogue, moving: str = "") -> list[SelectChoice]:
    """Every place in the edition, grouped per section: at the top, or after each agreement (but `moving`)."""
    found = []
    for section in catalogue.sections:
        group = f"{section.number} {section.title}"
        found.append(
            SelectChoice(
                place_value(section.id, ""), _("Bovenaan in %(number)s", number=section.number), optgroup=group
            )
        )
        for a in section.agreements:
            if a.id != moving:
                label = _("Na afspraak %(n)d (%(words)s)", n=a.number, words=first_words(a.text[0], 6))
                found.append(SelectChoice(place_value(section.id, a.id), label, optgroup=group))
    return found
