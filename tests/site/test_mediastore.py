"""The media store (faceless_site.mediastore) against a real S3 server (SeaweedFS), with a fault proxy
in front of it for the bad days, and the local folder as the embedded default."""

from __future__ import annotations

import os
import time
from pathlib import Path

import boto3
import httpx
import pytest
import time_machine
from botocore.config import Config
from django.test import RequestFactory

from faceless_site.media import serve_file
from faceless_site.mediastore import files, scratch
from faceless_site.mediastore.errors import (
    BucketMissing,
    ClockSkew,
    MediaMissing,
    MediaStoreError,
    ScratchFull,
    StoreRefused,
    StoreUnavailable,
)
from tests.fakes.s3_proxy import S3FaultProxy

MIB = 1024 * 1024


def raw_client(store):
    """The real SDK, straight at the server: what is really in the bucket."""
    return boto3.client("s3", endpoint_url=store.endpoint, aws_access_key_id=store.access_key,
                        aws_secret_access_key=store.secret_key, region_name="us-east-1",
                        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))


def keys(store) -> list[str]:
    listing = raw_client(store).list_objects_v2(Bucket=store.bucket, Prefix=store.prefix + "/")
    return sorted(item["Key"].removeprefix(store.prefix + "/") for item in listing.get("Contents", []))


def pending(store) -> list[str]:
    uploads = raw_client(store).list_multipart_uploads(Bucket=store.bucket, Prefix=store.prefix + "/")
    return [u["Key"] for u in uploads.get("Uploads", [])]


def a_file(folder: Path, size: int, name: str = "source.bin") -> tuple[Path, bytes]:
    data = os.urandom(size)
    path = folder / name
    path.write_bytes(data)
    return path, data


@pytest.fixture
def through(s3_media, settings):
    """The store behind a fault proxy (the SDK signs for the proxy's address, which passes it on)."""
    with S3FaultProxy(s3_media.endpoint) as proxy:
        settings.STORAGES["default"]["OPTIONS"]["endpoint_url"] = proxy.endpoint
        settings.STORAGES = dict(settings.STORAGES)  # a new storage with the proxy's address
        yield proxy


def uploads_of_part(number: int):
    return lambda seen: seen.method == "PUT" and f"partNumber={number}" in seen.query_string


# --- the local folder: nothing extra -------------------------------------------------------------

def test_with_the_local_store_a_stored_file_is_its_own_local_copy(media_root, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    out = files.media_output("videos/3/renders/v1.mp4")
    assert out == media_root.resolve() / "videos/3/renders/v1.mp4"
    out.write_bytes(b"frames")
    inode = out.stat().st_ino
    assert files.media_save(out, "videos/3/renders/v1.mp4") == 6
    assert files.media_local("videos/3/renders/v1.mp4").stat().st_ino == inode  # no copy was made
    assert not Path(settings.MEDIA_SCRATCH_DIR).exists()
    files.media_copy("videos/3/renders/v1.mp4", "videos/3/cache/a.mp4")
    assert (media_root / "videos/3/cache/a.mp4").stat().st_ino == inode  # a hard link
    with pytest.raises(MediaMissing):
        files.media_local("../outside.txt")


# --- the object store ----------------------------------------------------------------------------

def test_a_large_file_goes_up_in_parts_and_is_read_back_without_a_second_download(through, s3_media, settings,
                                                                                   tmp_path):
    settings.MEDIA_UPLOAD_PART_BYTES = 5 * MIB
    path, data = a_file(tmp_path, 11 * MIB + 7)
    assert files.media_save(path, "videos/1/renders/v1.mp4") == len(data)
    parts = [s for s in through.seen if s.method == "PUT" and "partNumber=" in s.query_string]
    assert len(parts) == 3 and keys(s3_media) == ["videos/1/renders/v1.mp4"]
    head = raw_client(s3_media).head_object(Bucket=s3_media.bucket, Key=f"{s3_media.prefix}/videos/1/renders/v1.mp4")
    assert head["ContentType"] == "video/mp4" and len(head["Metadata"]["sha256"]) == 64
    local = files.media_local("videos/1/renders/v1.mp4")
    # The uploaded file became this machine's copy: reading it fetched nothing.
    assert local.read_bytes() == data and local.is_relative_to(settings.MEDIA_SCRATCH_DIR)
    assert not [s for s in through.seen if s.method == "GET"]
    assert files.media_read_range("videos/1/renders/v1.mp4", 5 * MIB - 3, 6) == data[5 * MIB - 3:5 * MIB + 3]


def test_another_machine_fetches_a_stored_file_once_into_its_own_scratch_folder(through, settings, tmp_path):
    path, data = a_file(tmp_path, 300_000, "clip.mp4")
    files.media_save(path, "assets/ab/clip.mp4")
    settings.MEDIA_SCRATCH_DIR = tmp_path / "other-machine"
    first = files.media_local("assets/ab/clip.mp4")
    second = files.media_local("assets/ab/clip.mp4")
    assert first == second and first.read_bytes() == data and first.is_relative_to(tmp_path / "other-machine")
    assert len([s for s in through.seen if s.method == "GET"]) == 1


def test_a_503_slowdown_is_retried_and_the_upload_completes(through, s3_media, settings, tmp_path):
    settings.MEDIA_UPLOAD_PART_BYTES = 5 * MIB
    through.fail(uploads_of_part(2), "slowdown", times=2)
    path, data = a_file(tmp_path, 6 * MIB)
    files.media_save(path, "videos/1/v.mp4")
    assert len([s for s in through.seen if uploads_of_part(2)(s)]) == 3
    assert files.media_read("videos/1/v.mp4") == data and pending(s3_media) == []


def test_a_store_that_dies_mid_upload_leaves_no_object_no_parts_and_the_file(through, s3_media, settings, tmp_path):
    settings.MEDIA_UPLOAD_PART_BYTES = 5 * MIB
    settings.MEDIA_STORE_MAX_RETRIES = 2
    through.fail(uploads_of_part(2), "drop", times=-1)
    path, _ = a_file(tmp_path, 11 * MIB)
    with pytest.raises(StoreUnavailable) as failed:
        files.media_save(path, "videos/1/renders/v2.mp4")
    assert failed.value.retryable and "did not answer after 3 tries" in failed.value.message
    assert keys(s3_media) == [] and pending(s3_media) == []  # the parts were aborted
    assert path.stat().st_size == 11 * MIB  # what was made is still here for the next try


def test_an_upload_its_worker_never_finished_is_aborted_by_the_clean_up(s3_media):
    client = raw_client(s3_media)
    upload = client.create_multipart_upload(Bucket=s3_media.bucket, Key=f"{s3_media.prefix}/videos/9/v.mp4")
    client.upload_part(Bucket=s3_media.bucket, Key=f"{s3_media.prefix}/videos/9/v.mp4",
                       UploadId=upload["UploadId"], PartNumber=1, Body=b"x" * 1000)
    assert files.media_clean_uploads(older_than_seconds=3600) == []  # a live upload is left alone
    assert files.media_clean_uploads(older_than_seconds=0) == ["videos/9/v.mp4"]
    assert pending(s3_media) == [] and keys(s3_media) == []


def test_the_store_down_at_start_is_named_with_the_fix(s3_media, settings):
    from faceless_site import objectstore

    closed = objectstore.free_ports(1)[0]
    settings.MEDIA_STORE_MAX_RETRIES = 1
    settings.STORAGES["default"]["OPTIONS"]["endpoint_url"] = f"http://127.0.0.1:{closed}"
    settings.STORAGES = dict(settings.STORAGES)
    with pytest.raises(StoreUnavailable) as down:
        files.media_check()
    assert f"127.0.0.1:{closed}" in down.value.message and "AWS_S3_ENDPOINT_URL" in down.value.message


def test_a_missing_bucket_is_named_with_the_fix(s3_media, settings):
    settings.STORAGES["default"]["OPTIONS"]["bucket_name"] = "no-such-bucket"
    settings.STORAGES = dict(settings.STORAGES)
    with pytest.raises(BucketMissing) as missing:
        files.media_check()
    assert "'no-such-bucket' does not exist" in missing.value.message
    assert "AWS_STORAGE_BUCKET_NAME" in missing.value.message
    with pytest.raises(BucketMissing):  # a read's 404 is told apart from a missing file
        files.media_local("videos/1/v.mp4")


def test_wrong_credentials_are_refused_and_never_shown(s3_media, settings):
    settings.STORAGES["default"]["OPTIONS"]["secret_key"] = "wrong-secret-planted-0123"
    settings.STORAGES = dict(settings.STORAGES)
    with pytest.raises(StoreRefused) as refused:
        files.media_check()
    assert "AWS_S3_SECRET_ACCESS_KEY" in refused.value.message and not refused.value.retryable
    assert "wrong-secret-planted" not in refused.value.message and s3_media.secret_key not in refused.value.message


def test_a_clock_an_hour_off_is_told_apart_from_bad_credentials(s3_media, tmp_path):
    path, _ = a_file(tmp_path, 1000)
    files.media_save(path, "videos/1/n.wav")
    with time_machine.travel(time.time() + 3600, tick=True):
        for action in (files.media_check, lambda: files.media_exists("videos/1/n.wav")):
            with pytest.raises(ClockSkew) as skewed:
                action()
            assert "60 minutes ahead of the media store's" in skewed.value.message
            assert "timedatectl set-ntp true" in skewed.value.message


def test_a_full_scratch_folder_says_how_much_room_is_missing_and_keeps_the_stored_file(s3_media, settings, tmp_path):
    path, data = a_file(tmp_path, 2 * MIB)
    files.media_save(path, "assets/cd/big.mp4")
    settings.MEDIA_SCRATCH_DIR = tmp_path / "full-machine"
    settings.MIN_FREE_DISK_BYTES = 10**18  # more than any disk has free
    with pytest.raises(ScratchFull) as full:
        files.media_local("assets/cd/big.mp4")
    assert "MEDIA_SCRATCH_DIR" in full.value.message and "needs 2 MB more" in full.value.message
    assert not list((tmp_path / "full-machine").rglob("*.mp4"))
    assert files.media_read("assets/cd/big.mp4") == data


def test_the_scratch_copies_stay_within_their_budget_least_recently_used_first(s3_media, settings, tmp_path):
    settings.MEDIA_SCRATCH_BYTES = 250_000
    for number in range(3):
        path, _ = a_file(tmp_path, 100_000, f"f{number}.png")
        files.media_save(path, f"assets/{number}.png")
    settings.MEDIA_SCRATCH_DIR = tmp_path / "fresh"
    first = files.media_local("assets/0.png")
    os.utime(first, (time.time() - 60, time.time() - 60))
    files.media_local("assets/1.png")
    files.media_local("assets/2.png")  # the budget fits two: the least recently used goes
    assert not first.exists() and scratch.used_bytes() == 200_000


# --- downloads -----------------------------------------------------------------------------------

def test_a_download_streams_through_the_view_with_ranges_and_no_store_address(s3_media, tmp_path):
    path, data = a_file(tmp_path, 200_000)
    files.media_save(path, "videos/4/renders/v1.mp4")
    request = RequestFactory().get("/x", HTTP_RANGE="bytes=1000-1999")
    response = serve_file(request, "videos/4/renders/v1.mp4")
    body = b"".join(response.streaming_content)
    assert response.status_code == 206 and body == data[1000:2000]
    assert response["Content-Range"] == "bytes 1000-1999/200000" and response["Content-Length"] == "1000"
    shown = str(response.items())
    assert s3_media.endpoint.split("//")[1] not in shown and s3_media.bucket not in shown
    whole = serve_file(RequestFactory().get("/x"), "videos/4/renders/v1.mp4", download_name="video.mp4")
    assert whole.status_code == 200 and b"".join(whole.streaming_content) == data
    assert whole["Content-Disposition"] == 'attachment; filename="video.mp4"'
    beyond = serve_file(RequestFactory().get("/x", HTTP_RANGE="bytes=900000-"), "videos/4/renders/v1.mp4")
    assert beyond.status_code == 416 and beyond["Content-Range"] == "bytes */200000"
    from django.http import Http404

    with pytest.raises(Http404):
        serve_file(RequestFactory().get("/x"), "videos/4/renders/missing.mp4")


def test_a_download_can_redirect_to_a_short_lived_presigned_url(s3_media, settings, tmp_path):
    settings.MEDIA_DOWNLOADS = "redirect"
    settings.MEDIA_PRESIGN_SECONDS = 120
    path, data = a_file(tmp_path, 5000)
    files.media_save(path, "videos/4/renders/v1.jpg")
    response = serve_file(RequestFactory().get("/x"), "videos/4/renders/v1.jpg")
    assert response.status_code == 302 and "X-Amz-Expires=120" in response["Location"]
    assert s3_media.secret_key not in response["Location"]
    assert httpx.get(response["Location"]).content == data


def test_a_store_down_during_a_download_answers_503_with_the_reason(s3_media, settings):
    from faceless_site import objectstore

    settings.MEDIA_STORE_MAX_RETRIES = 0
    settings.STORAGES["default"]["OPTIONS"]["endpoint_url"] = f"http://127.0.0.1:{objectstore.free_ports(1)[0]}"
    settings.STORAGES = dict(settings.STORAGES)
    response = serve_file(RequestFactory().get("/x"), "videos/4/renders/v1.mp4")
    assert response.status_code == 503 and b"did not answer" in response.content


# --- another Django storage (e.g. Google Cloud or Azure through django-storages) -----------------

def test_any_other_django_storage_works_through_the_plain_storage_api(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "bucket")}}}
    assert files.kind() == "other"
    out = files.media_output("videos/2/narration/a.wav")
    assert out.is_relative_to(settings.MEDIA_SCRATCH_DIR)
    out.write_bytes(b"RIFF" * 100)
    files.media_save(out, "videos/2/narration/a.wav")
    assert (tmp_path / "bucket/videos/2/narration/a.wav").read_bytes() == b"RIFF" * 100
    assert files.media_local("videos/2/narration/a.wav").read_bytes() == b"RIFF" * 100
    files.media_copy("videos/2/narration/a.wav", "videos/2/cache/b.wav")
    assert sorted(e.name for e in files.media_list("videos/2/")) == ["videos/2/cache/b.wav", "videos/2/narration/a.wav"]
    assert files.media_delete_prefix("videos/2/") == 2 and not files.media_exists("videos/2/cache/b.wav")


def test_a_store_with_no_bucket_or_keys_set_says_which_settings_to_set(s3_media, settings):
    settings.STORAGES["default"]["OPTIONS"].update(bucket_name="", access_key=None, secret_key=None)
    settings.STORAGES = dict(settings.STORAGES)
    with pytest.raises(MediaStoreError) as incomplete:
        files.media_check()
    assert not incomplete.value.retryable and "AWS_STORAGE_BUCKET_NAME" in incomplete.value.message
