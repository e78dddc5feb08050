"""A real PC/SC stack without hardware: pcscd with vsmartcard-vpcd virtual readers.

Used by the tests and the demo: write a reader configuration with vpcd readers on chosen
TCP ports, start ``pcscd -f -c <conf>`` when no pcscd runs, and stop only a daemon we
started. pcscd reads its readers at start only, and keeps one socket per machine
(/run/pcscd/pcscd.comm), so a running daemon is reused as it is. ``-c`` makes it read our
file only, never the /etc/reader.conf.d drop-ins.

Nothing of it can be reached from the network. vpcd waits for the card on a TCP server
socket bound to every interface, with no option for the address (vsmartcard
virtualsmartcard/src/vpcd/vpcd.c ``opensock``: INADDR_ANY). Its "reversed" mode
(``DEVICENAME host:port``, vpcd connects to the card) would avoid the server socket, but
Debian 12's vpcd (3.3) aborts pcscd in that mode once no card answers (``FD_SET`` on
socket -1; fixed upstream in commit 76543ea, 2022). So pcscd runs in a network namespace
of its own (``unshare --net``) holding only its loopback: vpcd's "every interface" is that
loopback, and the emulated card connects from inside the namespace (``connect_to_vpcd``).
This is for tests and demos; a production kiosk has no vpcd installed (deploy/apt-runtime.txt).
"""
from __future__ import annotations

import ctypes
import logging
import os
import random
import shutil
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

VPCD_DRIVER = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"
PCSCD_SOCKET = Path("/run/pcscd/pcscd.comm")
READER_PREFIX = "Kiosk vpcd"


SLOTS = 2  # vpcd opens two slots per reader, on port and port + 1


def reader_name(base_port: int, slot: int = 0) -> str:
    """The name pyscard lists for ``slot`` of the vpcd reader configured on ``base_port``."""
    return f"{READER_PREFIX} {base_port} 00 {slot:02d}"


def write_reader_conf(path: Path, base_port: int) -> Path:
    # One vpcd reader only: with two vpcd entries in one configuration pcscd here never
    # saw a card on the first one; its two slots give the tests two readers anyway.
    path.write_text(
        f'FRIENDLYNAME "{READER_PREFIX} {base_port}"\n'
        f"DEVICENAME /dev/null:0x{base_port:X}\n"
        f"LIBPATH {VPCD_DRIVER}\n"
        f"CHANNELID 0x{base_port:X}\n"
    )
    return path


CLONE_NEWNET = 0x40000000  # <sched.h>


def pcscd_netns() -> Path | None:
    """The network namespace of the running pcscd when it is not ours, else None."""
    own = os.stat("/proc/self/ns/net").st_ino
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and (proc / "comm").read_text().strip() == "pcscd":
                netns = proc / "ns" / "net"
                return None if netns.stat().st_ino == own else netns
        except OSError:  # gone meanwhile, or not ours to look at
            continue
    return None


def connect_to_vpcd(host: str, port: int, timeout: float) -> socket.socket:
    """A TCP connection to vpcd, made inside pcscd's network namespace when it has one.

    setns(2) moves only the calling thread, so a short-lived thread enters the namespace
    and opens the socket; the socket stays in that namespace whoever uses it afterwards.
    """
    netns = pcscd_netns()
    if netns is None:
        return socket.create_connection((host, port), timeout=timeout)
    result: dict = {}

    def enter_and_connect() -> None:
        try:
            fd = os.open(netns, os.O_RDONLY)
            try:
                if ctypes.CDLL(None, use_errno=True).setns(fd, CLONE_NEWNET) != 0:
                    raise OSError(ctypes.get_errno(), f"setns {netns}")
            finally:
                os.close(fd)
            result["sock"] = socket.create_connection((host, port), timeout=timeout)
        except OSError as exc:
            result["error"] = exc

    worker = threading.Thread(target=enter_and_connect, name="vpcd-netns")
    worker.start()
    worker.join()
    if "error" in result:
        raise result["error"]
    return result["sock"]


def _private_network_command(argv: list[str]) -> list[str]:
    """``argv`` run in a new network namespace with only its loopback up (root only)."""
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("ip"):
        log.warning("cannot give pcscd a private network (needs root, unshare, ip): "
                    "vpcd listens on every interface while the stack runs")
        return argv
    # unshare and sh exec in turn, so the process we start is pcscd itself
    return ["unshare", "--net", "--", "sh", "-c", 'ip link set lo up && exec "$0" "$@"', *argv]


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


def pick_base_port(low: int = 38000, high: int = 58000) -> int:
    """A free port pair (vpcd opens port and port+1), away from commonly used ones."""
    rnd = random.Random()
    while True:
        port = rnd.randrange(low, high, 2)
        if _port_free(port) and _port_free(port + 1):
            return port


def pcscd_running() -> bool:
    if not PCSCD_SOCKET.exists():
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        try:
            s.connect(str(PCSCD_SOCKET))
        except OSError:
            return False
    return True


@dataclass
class PcscStack:
    base_port: int
    conf: Path | None = None
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    started_here: bool = False
    readers: list[str] = field(default_factory=list)

    def stop(self) -> None:
        """Stop pcscd only if this stack started it."""
        if self.process is None or not self.started_here:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None

    def slot(self, index: int = 0) -> tuple[str, int]:
        """(reader name, vpcd TCP port) of a slot: where to put an emulated card."""
        return reader_name(self.base_port, index), self.base_port + index


def _listed_readers() -> list[str]:
    from smartcard.System import readers

    try:
        return [str(r) for r in readers()]
    except Exception:  # pcscd not answering yet  # noqa: BLE001
        return []


def start_stack(workdir: Path, base_port: int | None = None, timeout: float = 10.0) -> PcscStack:
    """Start pcscd with a vpcd reader (two slots), or reuse a running pcscd.

    A running pcscd cannot gain readers: its vpcd base port is taken from the environment
    variable ``KIOSK_VPCD_PORT`` or from the name of a "Kiosk vpcd <port>" reader it lists.
    """
    if pcscd_running():
        listed = _listed_readers()
        env = os.environ.get("KIOSK_VPCD_PORT", "").strip()
        known = [int(env)] if env else [
            int(n.split()[2]) for n in listed if n.startswith(READER_PREFIX) and n.endswith("00 00")]
        if not known:
            raise RuntimeError("a pcscd runs without a Kiosk vpcd reader; stop it or set "
                               "KIOSK_VPCD_PORT to the vpcd port of its configuration")
        return PcscStack(known[0], readers=listed)
    if shutil.which("pcscd") is None or not Path(VPCD_DRIVER).exists():
        raise RuntimeError("pcscd or the vsmartcard-vpcd driver is not installed")
    base_port = base_port or pick_base_port()
    workdir.mkdir(parents=True, exist_ok=True)
    conf = write_reader_conf(workdir / "reader.conf", base_port)
    log_path = workdir / "pcscd.log"
    with open(log_path, "wb") as out:
        debug = ["-d"] if os.environ.get("KIOSK_PCSCD_DEBUG") else []
        proc = subprocess.Popen(_private_network_command(["pcscd", "-f", *debug, "-c", str(conf)]), stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    stack = PcscStack(base_port, conf, proc, log_path, started_here=True)
    deadline = time.monotonic() + timeout
    wanted = {reader_name(base_port, s) for s in range(SLOTS)}
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"pcscd exited with {proc.returncode}; see {log_path}")
        listed = _listed_readers()
        if wanted <= set(listed):
            stack.readers = listed
            return stack
        time.sleep(0.05)
    stack.stop()
    raise RuntimeError("pcscd did not list the vpcd readers in time")
