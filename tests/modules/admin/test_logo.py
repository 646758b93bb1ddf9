"""The network's logo: only real raster images, re-encoded as PNG without their metadata."""

from __future__ import annotations

import io
import struct
import zlib

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image, PngImagePlugin
from werkzeug.test import TestResponse

from mentornet.modules.accounts.models import Role
from mentornet.modules.audit.models import AuditEntry
from mentornet.modules.tenants.operations import tenant_session

from helpers import Database, UserFactory, csrf_token, login, table_digests

PAGE = "/denmark/admin/logo"


def _admin(app: Flask, make_user: UserFactory, tenant: str = "denmark") -> FlaskClient:
    make_user(tenant, email=f"admin@{tenant}.test", roles=(Role.ADMIN,))
    client = app.test_client()
    login(client, tenant, f"admin@{tenant}.test")
    return client


def _image(kind: str = "PNG", size: tuple[int, int] = (800, 300), **save: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (91, 42, 134)).save(out, format=kind, **save)
    return out.getvalue()


def _upload(client: FlaskClient, content: bytes | None, name: str = "logo.png") -> TestResponse:
    data: dict[str, object] = {"csrf_token": csrf_token(client, PAGE)}
    if content is not None:
        data["logo"] = (io.BytesIO(content), name)
    return client.post(f"{PAGE}/upload", data=data, content_type="multipart/form-data")


def _bomb() -> bytes:
    """A valid PNG header claiming 60,000 x 60,000 pixels, with almost no data behind it."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 60_000, 60_000, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64))


def test_an_upload_is_reencoded_and_shown_on_every_page(app: Flask, make_user: UserFactory) -> None:
    client = _admin(app, make_user)
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "taken at Nørrebrogade 12")
    exif = Image.Exif()
    exif[0x010E] = "private description"
    jpeg = _image("JPEG", exif=exif.tobytes())
    for upload in (_image("PNG", pnginfo=info), jpeg):
        assert _upload(client, upload).status_code == 303
    served = app.test_client().get("/denmark/logo.png")  # as a visitor: shared caches may keep it
    assert served.status_code == 200 and served.mimetype == "image/png"
    image = Image.open(io.BytesIO(served.data))
    assert image.format == "PNG" and image.size == (640, 240)  # scaled to fit
    assert b"private description" not in served.data and not image.getexif()
    assert served.headers["ETag"] and "max-age" in served.headers["Cache-Control"]
    assert (
        client.get(
            "/denmark/logo.png", headers={"If-None-Match": served.headers["ETag"]}
        ).status_code
        == 304
    )

    portal = app.test_client().get("/denmark/").get_data(as_text=True)
    assert 'class="brand__logo"' in portal and "/denmark/logo.png?v=" in portal
    assert app.test_client().get("/morocco/logo.png").status_code == 404
    assert 'class="brand__logo"' not in app.test_client().get("/morocco/").get_data(as_text=True)
    with app.app_context(), tenant_session("denmark") as (session, _):
        actions = list(session.scalars(sa.select(AuditEntry.action)))
    assert actions.count("logo_changed") == 2

    assert (
        client.post(f"{PAGE}/remove", data={"csrf_token": csrf_token(client, PAGE)}).status_code
        == 303
    )
    assert app.test_client().get("/denmark/logo.png").status_code == 404


def test_what_is_not_a_raster_image_is_refused_and_nothing_is_saved(
    app: Flask, make_user: UserFactory, migrated: Database
) -> None:
    client = _admin(app, make_user)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    cases = {
        "svg": (svg, "logo.svg", "ikke et billede"),
        "text as png": (b"hello, not an image", "logo.png", "ikke et billede"),
        "truncated": (_image()[:200], "logo.png", "ikke et billede"),
        "bomb": (_bomb(), "logo.png", "for mange pixels"),
        "bmp": (
            _image("BMP", (20, 20)),
            "logo.bmp",
            "Upload et billede i PNG, JPEG, WebP eller GIF",
        ),
        "too large": (b"\x89PNG" + b"0" * (3 * 1024 * 1024), "logo.png", "2 MiB"),
        "no file": (None, "", "Vælg en billedfil"),
    }
    before = table_digests(migrated, {"audit_log"})
    for name, (content, filename, expected) in cases.items():
        response = _upload(client, content, filename)
        assert response.status_code == 422, name
        assert expected in response.get_data(as_text=True), name
    assert table_digests(migrated, {"audit_log"}) == before


def test_only_administrators_change_the_logo(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="coordinator@denmark.test", roles=(Role.COORDINATOR,))
    login(client, "denmark", "coordinator@denmark.test")
    assert client.get(PAGE).status_code == 403
    token = csrf_token(client, "/denmark/me/")
    response = client.post(
        f"{PAGE}/upload",
        data={"csrf_token": token, "logo": (io.BytesIO(_image()), "logo.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 403
    assert client.get("/denmark/logo.png").status_code == 404
