"""The network's logo: an uploaded image, checked and re-encoded before anyone is shown it.

Only PNG, JPEG, WebP and GIF are accepted (never SVG, which can carry script). The pixel count is
read from the header and refused above MAX_PIXELS before anything is decoded (no decompression
bomb), the image is decoded in full (a truncated or forged file fails here), scaled down to fit
MAX_SIZE and written again as PNG by Pillow: what is served holds no metadata (EXIF with a GPS
position, comments) and no bytes of the upload. Every logo is kept (`tenant_logos`), so the
history shows who changed it; `tenants.logo_sha256` names the one in use.
"""

from __future__ import annotations

import hashlib
import io
import warnings

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from PIL import Image, UnidentifiedImageError
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.modules.tenants.models import Tenant, TenantLogo

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 25_000_000  # 5,000 x 5,000: a photograph, not a bomb
MAX_SIZE = (640, 240)  # the header shows it at most 48 px high; twice that and more for sharpness
FORMATS = frozenset({"PNG", "JPEG", "WEBP", "GIF"})


def reencoded(data: bytes) -> tuple[bytes, int, int]:
    """The upload as a clean PNG no larger than MAX_SIZE, with its width and height."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise DomainError(
            _l("The image is larger than %(size)s MiB.", size=MAX_UPLOAD_BYTES // 1024 // 1024),
            field="logo",
        )
    too_many = DomainError(
        _l("The image has too many pixels; make it smaller than %(size)s.", size="5000 × 5000"),  # noqa: RUF001
        field="logo",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:
                raise DomainError(_l("Upload a PNG, JPEG, WebP or GIF image."), field="logo")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise too_many
            image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise too_many from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise DomainError(
            _l("This file is not an image that can be read. Upload a PNG, JPEG, WebP or GIF."),
            field="logo",
        ) from error
    clean = image.convert("RGBA")
    clean.thumbnail(MAX_SIZE)
    out = io.BytesIO()
    clean.save(out, format="PNG", optimize=True)
    return out.getvalue(), clean.width, clean.height


def store_logo(session: Session, tenant: Tenant, data: bytes, author_id: int) -> TenantLogo:
    """Re-encode the upload and make it the network's logo (the same image is stored once)."""
    content, width, height = reencoded(data)
    digest = hashlib.sha256(content).hexdigest()
    logo = session.scalar(sa.select(TenantLogo).where(TenantLogo.sha256 == digest))
    if logo is None:
        logo = TenantLogo(
            sha256=digest, content=content, width=width, height=height, uploaded_by_id=author_id
        )
        session.add(logo)
    tenant.logo_sha256 = digest
    session.flush()
    return logo


def current_logo(session: Session, tenant: Tenant) -> TenantLogo | None:
    if tenant.logo_sha256 is None:
        return None
    return session.scalar(sa.select(TenantLogo).where(TenantLogo.sha256 == tenant.logo_sha256))
