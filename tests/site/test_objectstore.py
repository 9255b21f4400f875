"""The embedded object store (faceless_site.objectstore, `manage.py objectstore`): SeaweedFS bound to
127.0.0.1 only, its own ports, and a start that waits for the previous server to be gone."""

from __future__ import annotations

import os
import socket
from io import StringIO

import pytest
from django.core.management import call_command

from faceless_site import objectstore


def listening(pid: int) -> list[tuple[str, int]]:
    """(address, port) of every TCP socket the process listens on, from /proc."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        target = os.readlink(f"/proc/{pid}/fd/{fd}") if os.path.islink(f"/proc/{pid}/fd/{fd}") else ""
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for table, family in (("/proc/net/tcp", socket.AF_INET), ("/proc/net/tcp6", socket.AF_INET6)):
        with open(table) as rows:
            for row in list(rows)[1:]:
                fields = row.split()
                if fields[3] == "0A" and fields[9] in inodes:  # LISTEN
                    address, port = fields[1].split(":")
                    raw = bytes.fromhex(address)
                    if family == socket.AF_INET:
                        raw = raw[::-1]
                    else:
                        raw = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
                    found.append((socket.inet_ntop(family, raw), int(port, 16)))
    return found


def test_every_port_of_the_embedded_store_listens_on_127_0_0_1_only(objectstore):
    if objectstore.process is None:
        pytest.skip("the store was started by `make test`; this checks one the test process starts")
    ports = listening(objectstore.process.pid)
    assert len(ports) >= 8, ports  # master, volume, filer, S3, admin, and their gRPC ports
    assert {address for address, _ in ports} == {"127.0.0.1"}
    assert int(objectstore.endpoint.rsplit(":", 1)[1]) in {port for _, port in ports}
    with open(f"/proc/{objectstore.process.pid}/cmdline") as cmdline:
        command = cmdline.read().split("\0")
    assert "-master.telemetry=false" in command and "-s3.autoCreateBucket=false" in command


def test_the_command_finds_a_store_already_answering(objectstore, settings):
    settings.AWS_S3_ACCESS_KEY_ID, settings.AWS_S3_SECRET_ACCESS_KEY = objectstore.access_key, objectstore.secret_key
    settings.AWS_STORAGE_BUCKET_NAME = objectstore.bucket
    port = objectstore.endpoint.rsplit(":", 1)[1]
    out = StringIO()
    call_command("objectstore", "status", "--port", port, stdout=out)
    call_command("objectstore", "start", "--port", port, stdout=out)
    assert f"{objectstore.endpoint}: answering" in out.getvalue()
    assert f"already answering at {objectstore.endpoint}" in out.getvalue()


def test_a_start_waits_for_the_port_of_the_previous_server_to_be_free():
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    port = holder.getsockname()[1]
    with pytest.raises(objectstore.ObjectStoreError, match=f"Port {port} on 127.0.0.1 is still in use"):
        objectstore.wait_port_free(port, 0.3)
    holder.close()
    objectstore.wait_port_free(port, 0.3)
