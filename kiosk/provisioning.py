"""Provisioning a kiosk: point it at its central, register once, keep the secret, not the token.

``kiosk provision --central URL --enroll-token T --kiosk-id ID`` (issue 9 item 6) and the
demo both end up in :func:`provision`.  The order makes it safe to run again at any point:

1. the new configuration is built and validated (``https://`` unless the development flag
   allows a loopback ``http://``), nothing written yet;
2. the kiosk registers with the one-time token (``sync.credentials.enroll``: credentials
   that already work are kept and the token left unspent) and the secret is written 0600,
   beside the store's key, outside the data folder;
3. the configuration file is written (atomically), with no enrollment token in it.

Qt-free: runs over SSH on a kiosk with no screen.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from kiosk import config as config_mod
from sync.client import check_central_url
from sync.credentials import credentials_beside, enroll
from sync.worker import make_client


@dataclass(frozen=True)
class Provisioned:
    config: config_mod.Config
    credentials_path: Path
    #: False when working credentials were already there (the token was not spent)
    registered: bool


def provision(config: config_mod.Config, *, central_url: str, token: str, kiosk_id: str,
              agency_id: str | None = None, ca_bundle: str | None = None,
              dev_insecure_http: bool = False) -> Provisioned:
    """Register ``config``'s kiosk with its central; returns the configuration to keep."""
    check_central_url(central_url, dev_insecure_http)
    sync = {"central_url": central_url, "kiosk_id": kiosk_id,
            "dev_insecure_http": dev_insecure_http}
    if agency_id:
        sync["agency_id"] = agency_id
    if ca_bundle is not None:
        sync["ca_bundle"] = ca_bundle
    new = config_mod.changed(config, "provisioning", kiosk={"id": kiosk_id}, sync=sync)
    settings = credentials_beside(new.sync, new.kiosk.resolved_key_file())
    client = make_client(settings)
    try:
        _creds, registered = enroll(settings, client, token)
    finally:
        client.close()
    return Provisioned(new, Path(settings.credentials_path), registered)


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


#: ``key = value  # comment`` with a basic string, or a bare value, before the comment
_KEY_LINE = re.compile(r'^\s*(?P<name>[A-Za-z0-9_-]+)\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^#]*?)'
                       r'(?P<comment>\s+#.*)?$')


def set_keys(text: str, section: str, values: dict, remove: tuple[str, ...] = ()) -> str:
    """``text`` (TOML) with ``values`` set in ``[section]`` (replaced in place, else added
    after the section's last key) and the ``remove`` keys gone; comments are kept."""
    lines = text.splitlines()
    header = re.compile(r"^\s*\[([^\]]+)\]\s*(#.*)?$")
    start = next((i for i, line in enumerate(lines)
                  if (m := header.match(line)) and m[1].strip() == section), None)
    if start is None:
        lines += ["", f"[{section}]"]
        start = len(lines) - 1
    end = next((i for i in range(start + 1, len(lines)) if header.match(lines[i])), len(lines))
    todo = dict(values)
    out = lines[:start + 1]
    last_key = start
    for line in lines[start + 1:end]:
        key = _KEY_LINE.match(line)
        name = key["name"] if key else None
        if name in remove:
            continue
        if name in todo:
            line = f"{name} = {_toml_value(todo.pop(name))}{key['comment'] or ''}"
        out.append(line)
        if name:
            last_key = len(out) - 1
    for name, value in todo.items():
        last_key += 1
        out.insert(last_key, f"{name} = {_toml_value(value)}")
    return "\n".join(out + lines[end:]) + "\n"


def configuration_text(text: str, done: Provisioned) -> str:
    """The configuration file's new text: the central, the kiosk's id, no token."""
    sync = done.config.sync
    values = {"central_url": sync.central_url, "agency_id": sync.agency_id,
              "ca_bundle": sync.ca_bundle, "dev_insecure_http": sync.dev_insecure_http}
    if re.search(r"(?m)^\s*kiosk_id\s*=", text):
        values["kiosk_id"] = sync.kiosk_id
    text = set_keys(text, "kiosk", {"id": done.config.kiosk.id})
    return set_keys(text, "sync", values, remove=("enrollment_token",))


def write_configuration(path: Path, text: str) -> None:
    """Atomically: a power cut leaves the old file or the new one."""
    config_mod.parse(text, str(path), environ={})  # never write a file the kiosk cannot read
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def provision_demo(config: config_mod.Config, central) -> config_mod.Config:
    """The demo provisions itself like a real kiosk, with a token its own central issues
    (``sync.central.demo.DemoCentral``); a demo restarted on the same data keeps its secret."""
    try:
        token = central.issue_token(config.kiosk.id, config.sync.agency_id)
    except ValueError:  # registered by an earlier run: a re-keying token, used only if needed
        token = central.issue_token(config.kiosk.id, config.sync.agency_id, rekey=True)
    return provision(config, central_url=central.url, token=token, kiosk_id=config.kiosk.id,
                     dev_insecure_http=True).config
