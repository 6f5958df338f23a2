"""The reviewer's form: a name, a verdict and a remark, on one agreement or the whole note."""

from __future__ import annotations

from wtforms import HiddenField, RadioField
from wtforms.validators import Optional

from ..model.reviews import COMMENT_MAX, NAME_MAX, VERDICTS
from ..web.fields import Form, MaxLength, line_field, options, text_field
from ..web.i18n import lazy_gettext as _l


class CommentForm(Form):
    """One comment; `agreement` is the agreement's key, empty for the note as a whole."""

    agreement = HiddenField(label="")
    author = line_field(
        _l("Je naam"),
        required_message=_l("Vul je naam in, zodat de auteur weet van wie de opmerking komt."),
        validators=[MaxLength(NAME_MAX)],
    )
    verdict = RadioField(
        _l("Je oordeel"),
        choices=options((key, _l(label)) for key, label in VERDICTS),
        default="",
        filters=[lambda value: (value or "").strip()],  # "  " is no verdict (Optional() would let it past the choices)
        validators=[Optional()],
        validate_choice=True,
    )
    text = text_field(_l("Je opmerking"), limit=COMMENT_MAX)

    def validate(self, extra_validators=None) -> bool:
        """The fields' own checks, and: a comment says something (a remark, a verdict, or both)."""
        valid = super().validate(extra_validators)
        if not self.text.data and not self.verdict.data and not self.text.errors:
            self.text.errors = [*self.text.errors, _l("Schrijf je opmerking, of kies akkoord of niet akkoord.")]
            valid = False
        return valid
