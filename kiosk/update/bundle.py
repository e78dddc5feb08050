"""Signed release archives: build one from a bundle folder, unpack one only if it is genuine.

Archive layout (an uncompressed or gzip tar, members in this order):
``manifest.json`` (format, version, every file's path, size, SHA-256 and executable bit,
every symlink's target), ``manifest.sig`` (the raw 64-byte Ed25519 signature of the
manifest's bytes, RFC 8032) and then ``payload/<path>`` for each file and symlink.

Unpacking reads the tar as a stream: the manifest is verified against the kiosk's public key
before any payload byte is written, sizes are checked against the free disk before
unpacking, and each file's hash is compared as it is written. Anything not in the manifest,
a path leaving the folder, a link pointing out of it: the whole archive is refused.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import stat
import tarfile
from pathlib import Path, PurePosixPath

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FORMAT = 1
MAX_MANIFEST = 16 * 1024 * 1024
MAX_FILES = 100_000
MAX_TOTAL = 8 * 1024**3
VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$")
_CHUNK = 1024 * 1024


class UpdateError(Exception):
    """An update refused or failed; ``vi``/``en`` for the technician's screen, detail in str()."""

    def __init__(self, detail: str, vi: str = "Bản cập nhật không hợp lệ, máy giữ phiên bản cũ.",
                 en: str = "The update is not valid; the kiosk keeps its current version."):
        super().__init__(detail)
        self.vi, self.en = vi, en


def generate_keypair(private_path: Path, public_path: Path) -> None:
    """A release signing key (PEM, 0600; keep it off the kiosks) and its public half."""
    key = Ed25519PrivateKey.generate()
    private_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption()))
    public_path.write_bytes(key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))


def load_public_key(path: Path) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(Path(path).read_bytes())
    except (OSError, ValueError) as exc:
        raise UpdateError(f"cannot read the public key {path}: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise UpdateError(f"{path} is not an Ed25519 public key")
    return key


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def build_manifest(folder: Path, version: str) -> dict:
    """Every regular file and symlink under ``folder``, sorted, with hashes."""
    if not VERSION_RE.match(version):
        raise UpdateError(f"bad version name {version!r}")
    files, links = [], []
    for path in sorted(Path(folder).rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            links.append({"path": rel, "target": os.readlink(path)})
        elif path.is_file():
            files.append({"path": rel, "size": path.stat().st_size, "sha256": _sha256(path),
                          "exec": bool(path.stat().st_mode & stat.S_IXUSR)})
    return {"format": FORMAT, "version": version, "files": files, "links": links}


def sign_bundle(folder: Path, version: str, private_key_path: Path, out: Path) -> Path:
    """Write the signed release archive of ``folder`` to ``out`` (gzip if it ends in .gz)."""
    key = serialization.load_pem_private_key(Path(private_key_path).read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise UpdateError(f"{private_key_path} is not an Ed25519 private key")
    manifest = json.dumps(build_manifest(folder, version), indent=1, sort_keys=True).encode()
    signature = key.sign(manifest)
    mode = "w:gz" if str(out).endswith("gz") else "w"
    with tarfile.open(out, mode, format=tarfile.PAX_FORMAT) as tar:
        for name, data in (("manifest.json", manifest), ("manifest.sig", signature)):
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), 0o644
            tar.addfile(info, io.BytesIO(data))
        for entry in json.loads(manifest)["files"] + json.loads(manifest)["links"]:
            tar.add(Path(folder) / entry["path"], arcname=f"payload/{entry['path']}", recursive=False)
    return out


def _safe_rel(path: str) -> str:
    p = PurePosixPath(path)
    if not path or p.is_absolute() or ".." in p.parts or str(p) != path:
        raise UpdateError(f"unsafe path in bundle: {path!r}")
    return path


def _check_manifest(data: bytes, signature: bytes, key: Ed25519PublicKey) -> dict:
    try:
        key.verify(signature, data)
    except InvalidSignature:
        raise UpdateError("bad signature: the bundle was not signed by the release key",
                          "Chữ ký của bản cập nhật không đúng, máy giữ phiên bản cũ.",
                          "The update's signature is wrong; the kiosk keeps its current version.") from None
    manifest = json.loads(data)
    if manifest.get("format") != FORMAT or not VERSION_RE.match(str(manifest.get("version", ""))):
        raise UpdateError("unknown manifest format or bad version")
    if len(manifest["files"]) + len(manifest["links"]) > MAX_FILES:
        raise UpdateError("too many files in the bundle")
    for entry in manifest["files"] + manifest["links"]:
        _safe_rel(entry["path"])
    for link in manifest["links"]:
        target = PurePosixPath(link["path"]).parent / link["target"]
        if PurePosixPath(link["target"]).is_absolute() or os.path.normpath(target).startswith(".."):
            raise UpdateError(f"link leaves the bundle: {link['path']} -> {link['target']}")
    return manifest


def read_manifest(tar: tarfile.TarFile, key: Ed25519PublicKey) -> dict:
    """The first two members, the manifest verified; nothing else read yet."""
    parts = []
    for name, limit in (("manifest.json", MAX_MANIFEST), ("manifest.sig", 64)):
        member = tar.next()  # a stream: each member is read before the next is asked for
        if member is None or member.name != name or not member.isfile() or member.size > limit:
            raise UpdateError(f"not a kiosk release archive: {name} expected, at most {limit} bytes")
        parts.append(tar.extractfile(member).read())
    data, signature = parts
    return _check_manifest(data, signature, key)


def unpack_verified(archive: Path, key: Ed25519PublicKey, versions_dir: Path) -> tuple[str, Path]:
    """Unpack a genuine archive to ``versions_dir/<version>``; return (version, folder).

    Works in a staging folder renamed into place at the end, so a power cut or a refusal
    leaves no half version behind.
    """
    try:
        with tarfile.open(archive, "r|*") as tar:
            manifest = read_manifest(tar, key)
            version = manifest["version"]
            final = versions_dir / version
            if final.exists():
                return version, final
            total = sum(f["size"] for f in manifest["files"])
            versions_dir.mkdir(parents=True, exist_ok=True)
            if total > MAX_TOTAL or total > shutil.disk_usage(versions_dir).free - 64 * 1024**2:
                raise UpdateError(f"bundle needs {total} bytes; not enough free disk",
                                  "Không đủ dung lượng đĩa cho bản cập nhật, máy giữ phiên bản cũ.",
                                  "Not enough disk space for the update; the kiosk keeps its current version.")
            staging = versions_dir / f".staging-{version}-{os.getpid()}"
            shutil.rmtree(staging, ignore_errors=True)
            try:
                _unpack_payload(tar, manifest, staging)
                os.rename(staging, final)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except (tarfile.TarError, OSError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise UpdateError(f"cannot unpack {archive}: {type(exc).__name__}: {exc}") from exc
    fsync_dir(versions_dir)
    return version, final


def _unpack_payload(tar: tarfile.TarFile, manifest: dict, staging: Path) -> None:
    files = {f["path"]: f for f in manifest["files"]}
    links = {link["path"]: link for link in manifest["links"]}
    seen: set[str] = set()
    while (member := tar.next()) is not None:  # not ``for … in tar``: that restarts at the manifest
        rel = member.name.removeprefix("payload/")
        if member.name == rel or rel in seen or (rel not in files and rel not in links):
            raise UpdateError(f"unexpected member {member.name!r}")
        seen.add(rel)
        dest = staging / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if rel in links:
            if not member.issym() or member.linkname != links[rel]["target"]:
                raise UpdateError(f"link {rel} differs from the manifest")
            os.symlink(member.linkname, dest)
            continue
        entry = files[rel]
        if not member.isfile() or member.size != entry["size"]:
            raise UpdateError(f"file {rel} differs from the manifest")
        digest = hashlib.sha256()
        source = tar.extractfile(member)
        with open(dest, "wb") as out:
            while block := source.read(_CHUNK):
                digest.update(block)
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != entry["sha256"]:
            raise UpdateError(f"file {rel} does not match its signed hash")
        os.chmod(dest, 0o755 if entry["exec"] else 0o644)
    missing = (files.keys() | links.keys()) - seen
    if missing:
        raise UpdateError(f"{len(missing)} files of the manifest are missing, e.g. {sorted(missing)[0]}")


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
