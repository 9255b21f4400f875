"""Uploads into the library: judged by content, capped, safely named, tagged, kept once."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from assets.models import Asset
from assets.services import AssetRejected, asset_upload
from faceless_site.mediastore.files import media_delete, media_exists, media_read
from tests.factories import make_channel, make_user
from tests.mediafiles import library_files

pytestmark = pytest.mark.django_db


def png(width=64, height=32, color="orange") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def wav(tmp_path, seconds=1) -> bytes:
    path = tmp_path / "tone.wav"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
                    str(path)], check=True)
    return path.read_bytes()


def stored_files(media_root):
    return library_files()


def test_an_image_is_recognised_by_content_whatever_its_name(media_root):
    user = make_user()
    asset = asset_upload(file=SimpleUploadedFile("holiday.mp4", png()), user=user, tags="sunset, beach")
    assert (asset.kind, asset.mime_type, asset.width, asset.height) == ("image", "image/png", 64, 32)
    assert asset.file.endswith(f"{asset.sha256}.png") and media_exists(asset.file)
    assert asset.source == "library" and asset.uploaded_by == user and asset.tags == "sunset, beach"
    assert asset.original_name == "holiday.mp4"


def test_a_channel_keeps_its_own_music_bed(tmp_path):
    channel = make_channel()
    asset = asset_upload(file=SimpleUploadedFile("calm bed.wav", wav(tmp_path)), user=make_user(), channel=channel,
                         tags="music calm")
    assert (asset.kind, asset.channel) == ("audio", channel)
    assert asset.duration_seconds == pytest.approx(1, abs=0.05)
    assert asset.title == "calm bed"


def test_a_text_file_named_like_an_image_is_refused_and_nothing_is_kept(media_root):
    with pytest.raises(AssetRejected, match="not an image, video or audio file"):
        asset_upload(file=SimpleUploadedFile("photo.jpg", b"just some words, not a photo\n" * 20), user=make_user())
    assert Asset.objects.count() == 0 and stored_files(media_root) == []


def test_a_truncated_image_is_refused(media_root):
    data = io.BytesIO()
    Image.new("RGB", (400, 400), "red").save(data, "JPEG")
    with pytest.raises(AssetRejected, match="damaged or cut short"):
        asset_upload(file=SimpleUploadedFile("cut.jpg", data.getvalue()[:300]), user=make_user())
    assert stored_files(media_root) == []


def test_an_empty_file_is_refused():
    with pytest.raises(AssetRejected, match="empty"):
        asset_upload(file=SimpleUploadedFile("empty.png", b""), user=make_user())


def test_a_file_over_the_upload_cap_is_refused(settings, media_root):
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(AssetRejected, match="larger than"):
        asset_upload(file=io.BytesIO(png(200, 200)), user=make_user())
    assert stored_files(media_root) == []


def test_the_same_content_twice_is_kept_once_with_both_sets_of_tags(media_root):
    user = make_user()
    first = asset_upload(file=SimpleUploadedFile("a.png", png()), user=user, tags="sky")
    second = asset_upload(file=SimpleUploadedFile("b.png", png()), user=user, tags="sky, orange")
    assert first.pk == second.pk and Asset.objects.count() == 1
    assert second.tag_list == ["sky", "orange"]
    assert len(stored_files(media_root)) == 1


def test_two_channels_with_the_same_file_each_get_their_own_item_and_one_file_on_disk(media_root):
    mine, theirs = make_channel(slug="mine"), make_channel(slug="theirs")
    theirs_item = asset_upload(file=SimpleUploadedFile("secret.png", png()), user=theirs.owner, channel=theirs,
                               tags="unreleased", title="Their launch")
    mine_item = asset_upload(file=SimpleUploadedFile("sky.png", png()), user=mine.owner, channel=mine, tags="sky")

    # Not the other channel's item, and nothing of it changed or shown: each library keeps its own.
    assert mine_item.pk != theirs_item.pk and mine_item.channel == mine
    assert mine_item.tag_list == ["sky"] and mine_item.title == "sky"
    theirs_item.refresh_from_db()
    assert theirs_item.tag_list == ["unreleased"] and theirs_item.title == "Their launch"
    assert mine_item.file == theirs_item.file and len(stored_files(media_root)) == 1
    # The same content again in the same library is still one item.
    again = asset_upload(file=SimpleUploadedFile("sky2.png", png()), user=mine.owner, channel=mine, tags="blue")
    assert again.pk == mine_item.pk and again.tag_list == ["sky", "blue"]
    assert Asset.objects.count() == 2


def test_a_hostile_name_never_reaches_the_file_system(media_root):
    asset = asset_upload(file=SimpleUploadedFile("../../etc/pass wd<script>.png", png()), user=make_user())
    assert asset.original_name == "pass_wdscript.png"
    assert (media_root / asset.file).resolve().is_relative_to(media_root.resolve())


def test_uploading_the_same_content_again_restores_a_lost_file(media_root):
    asset = asset_upload(file=SimpleUploadedFile("a.png", png()), user=make_user())
    media_delete(asset.file)
    again = asset_upload(file=SimpleUploadedFile("a.png", png()), user=make_user())
    assert again.pk == asset.pk and media_read(asset.file) == png()


def _png_header(width: int, height: int) -> bytes:
    """A PNG that says it is width x height: its header only, as the start of a huge upload reads."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + \
        chunk(b"IEND", b"")


def test_an_image_over_the_pixel_limit_is_refused_from_its_header(media_root):
    # 15000 x 15000: the 225-megapixel PNG that took a render's ffmpeg to 749 MB.
    with pytest.raises(AssetRejected, match=r"15000x15000 pixels \(225 megapixels\); the largest accepted is 50"):
        asset_upload(file=SimpleUploadedFile("huge.png", _png_header(15000, 15000)), user=make_user())
    assert stored_files(media_root) == []


def test_an_image_larger_than_a_render_uses_is_scaled_down_on_upload(settings, media_root):
    settings.IMAGE_MAX_SIDE = 100
    asset = asset_upload(file=SimpleUploadedFile("wide.png", png(400, 200)), user=make_user())
    assert (asset.width, asset.height, asset.mime_type) == (100, 50, "image/png")
    assert len(stored_files(media_root)) == 1
    kept = media_read(asset.file)
    with Image.open(io.BytesIO(kept)) as image:
        assert image.size == (100, 50) and image.format == "PNG"
    assert asset.size_bytes == len(kept) and asset.original_name == "wide.png"
    again = asset_upload(file=SimpleUploadedFile("wide again.png", png(400, 200)), user=make_user())
    assert again.pk == asset.pk  # the same picture is still kept once


def test_a_scaled_photo_keeps_its_orientation(settings, media_root):
    settings.IMAGE_MAX_SIDE = 100
    photo = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned a quarter: the camera was held upright
    Image.new("RGB", (400, 200), "teal").save(photo, "JPEG", exif=exif)
    asset = asset_upload(file=SimpleUploadedFile("upright.jpg", photo.getvalue()), user=make_user())
    assert len(stored_files(media_root)) == 1
    with Image.open(io.BytesIO(media_read(asset.file))) as image:
        assert image.size == (100, 50) and image.getexif().get(0x0112) == 6
    assert asset.mime_type == "image/jpeg"


def _clip(tmp_path, *args: str) -> bytes:
    path = tmp_path / "clip.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=2",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", *args, str(path)], check=True)
    return path.read_bytes()


def test_a_half_cut_clip_with_its_index_at_the_front_is_refused(tmp_path, media_root):
    whole = _clip(tmp_path, "-movflags", "+faststart")  # the index (moov) first, as web-ready MP4s have it
    assert whole[4:8] == b"ftyp" and whole.find(b"moov") < whole.find(b"mdat")
    with pytest.raises(AssetRejected, match=r"cut short.*upload the whole file again"):
        asset_upload(file=SimpleUploadedFile("half.mp4", whole[: len(whole) // 2]), user=make_user())
    assert stored_files(media_root) == []
    kept = asset_upload(file=SimpleUploadedFile("whole.mp4", whole), user=make_user())
    assert kept.kind == "video" and kept.duration_seconds == pytest.approx(2, abs=0.1)
    # Index at the end: a cut copy has no index at all, and was refused already.
    with pytest.raises(AssetRejected):
        end = _clip(tmp_path)
        asset_upload(file=SimpleUploadedFile("cut.mp4", end[: len(end) // 2]), user=make_user())
