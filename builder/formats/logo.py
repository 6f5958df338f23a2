"""A logo for the title page: checked, then decoded by Pillow and written anew at a bounded size.

Only its pixels are kept: private chunks, comments and anything after the image in the file go,
and a picture of 8000 × 8000 pixels becomes one of at most LOGO_SIDE a side (house_style.py's
`logo_size` scales it onto the page).
"""

from __future__ import annotations

import warnings
from io import BytesIO

from ..model.messages import N_
from .upload import UploadRefused

MAX_LOGO_BYTES = 1024 * 1024
MAX_LOGO_PIXELS = 8000
PNG, JPEG = b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"
MAX_LOGO_AREA = 8_000_000  # pixels decoded at most (~32 MB: Pillow keeps 4 bytes a pixel); a JPEG at a reduced scale
LOGO_SIDE = 1200  # the longest side of a logo as stored: 6 cm at ~500 dpi, sharp in print


def checked_logo(data: bytes) -> bytes:
    """The logo as the note will hold it: checked, decoded by Pillow and written anew at most LOGO_SIDE
    pixels wide and high (nothing of the upload but its pixels: no chunks or data after the image);
    UploadRefused (a Dutch message) when a check fails."""
    if not data:
        raise UploadRefused(N_("Het bestand is leeg. Kies een PNG- of JPEG-afbeelding."))
    if len(data) > MAX_LOGO_BYTES:
        size = f"{len(data) / 1048576:.1f}".replace(".", ",")
        raise UploadRefused(N_("Het logo is %(size)s MB; het maximum is 1 MB."), size=size)
    if not data.startswith((PNG, JPEG)):
        raise UploadRefused(
            N_("Dit is geen PNG- of JPEG-afbeelding. Bewaar je logo als PNG of JPEG en probeer opnieuw.")
        )
    image = _opened(data)
    width, height = image.size
    if not (0 < width <= MAX_LOGO_PIXELS and 0 < height <= MAX_LOGO_PIXELS):
        raise UploadRefused(
            N_("Het logo is %(width)d × %(height)d pixels; hoogstens %(max)d pixels breed en hoog."),
            width=width,
            height=height,
            max=MAX_LOGO_PIXELS,
        )
    return _written_anew(image, data.startswith(JPEG))


DAMAGED_IMAGE = N_("Deze afbeelding is beschadigd en kan niet gelezen worden.")


def _opened(data: bytes):
    """The image as Pillow reads its header (nothing decoded yet); a decompression bomb is refused."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(BytesIO(data), formats=("PNG", "JPEG"))
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise UploadRefused(N_("Deze afbeelding heeft meer pixels dan een logo nodig heeft.")) from None
    except Exception:  # noqa: BLE001 - whatever Pillow cannot read is a damaged image to the user
        raise UploadRefused(DAMAGED_IMAGE) from None
    return image


def _written_anew(image, jpeg: bool) -> bytes:
    """The image decoded (a JPEG at a reduced scale) and written again, fitting LOGO_SIDE."""
    from PIL import Image

    if jpeg:
        image.draft("RGB", (LOGO_SIDE, LOGO_SIDE))  # decode at 1/2, 1/4 or 1/8 of the size where that still fits
    width, height = image.size
    if width * height > MAX_LOGO_AREA:
        raise UploadRefused(
            N_(
                "Het logo is %(width)d × %(height)d pixels; bewaar het kleiner (zo’n 1200 pixels breed) "
                "en probeer opnieuw."
            ),
            width=width,
            height=height,
        )
    try:
        image.load()
        image.thumbnail((LOGO_SIDE, LOGO_SIDE), Image.Resampling.LANCZOS)
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA" if "transparency" in image.info or "A" in image.mode else "RGB")
        out = BytesIO()
        if jpeg:
            image.convert("RGB").save(out, "JPEG", quality=90)
        else:
            image.save(out, "PNG", optimize=True)
    except Exception:  # noqa: BLE001 - a truncated or malformed image stream
        raise UploadRefused(DAMAGED_IMAGE) from None
    return out.getvalue()
