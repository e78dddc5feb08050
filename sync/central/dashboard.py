"""The province dashboard's web face: login, a read-only page, its JSON figures.

Served by the central under ``/dashboard`` beside the kiosks' signed API, for the centre's
staff and their browsers: a login form (accounts: ``sync.central.staff``), then a page
(``web/``, plain HTML/JS/CSS, no framework) that fetches ``/dashboard/summary.json`` every
10 s.  The session cookie is ``HttpOnly`` (scripts cannot read it), ``SameSite=Strict`` (no
other site can make the browser send it) and ``Secure`` behind HTTPS; the page allows only
its own scripts (Content-Security-Policy) and cannot be framed.  Nothing here changes data
but the login itself.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from importlib import resources
from typing import Callable, Iterable
from urllib.parse import parse_qs, urlsplit

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import sessionmaker

from sync.central import overview, staff

COOKIE = "motcua_staff"
PREFIX = "/dashboard"
MAX_FORM_BYTES = 2048
_STATIC = {"dashboard.js": "text/javascript", "dashboard.css": "text/css"}
_HEADERS = [("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"), ("Referrer-Policy", "same-origin"),
            ("Content-Security-Policy",
             "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
             "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")]
_REASONS = {200: "OK", 303: "See Other", 400: "Bad Request", 401: "Unauthorized",
            403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
            411: "Length Required", 413: "Payload Too Large", 415: "Unsupported Media Type",
            429: "Too Many Requests", 503: "Service Unavailable"}


class _Refusal(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


def _web(name: str) -> bytes:
    return (resources.files("sync.central") / "web" / name).read_bytes()


class Dashboard:
    def __init__(self, session_factory: sessionmaker,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        self.Session, self.clock = session_factory, clock
        self.throttle = staff.LoginThrottle()
        self.routes = {"": {"GET": self.page}, "/": {"GET": self.page},
                       "/login": {"GET": self.login_page, "POST": self.log_in},
                       "/logout": {"POST": self.log_out},
                       "/summary.json": {"GET": self.summary}}

    def __call__(self, environ: dict, start_response) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")[len(PREFIX):]
        method = environ["REQUEST_METHOD"].upper()
        try:
            if path.startswith("/static/") and path[8:] in _STATIC:
                if method != "GET":
                    raise _Refusal(405, "method_not_allowed", "GET only", {"Allow": "GET"})
                status, ctype, body, extra = 200, _STATIC[path[8:]], _web(path[8:]), {}
            elif path in self.routes:
                handler = self.routes[path].get(method)
                if handler is None:
                    raise _Refusal(405, "method_not_allowed", "this path does not take that "
                                   "method", {"Allow": ", ".join(sorted(self.routes[path]))})
                status, ctype, body, extra = handler(environ)
            else:
                raise _Refusal(404, "not_found", "no such page")
        except OperationalError:  # the database is down or busy: the page retries
            status, ctype, extra = 503, "application/json", {"Retry-After": "5"}
            body = json.dumps({"error": "busy", "message": "try again shortly"}).encode()
        except _Refusal as exc:
            status, ctype, extra = exc.status, "application/json", exc.headers
            body = json.dumps({"error": exc.code, "message": exc.message}).encode()
        headers = [("Content-Type", ctype + "; charset=utf-8"),
                   ("Content-Length", str(len(body))), *_HEADERS, *extra.items()]
        start_response(f"{status} {_REASONS.get(status, 'Status')}", headers)
        return [body]

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _cookie(environ: dict) -> str:
        for part in environ.get("HTTP_COOKIE", "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == COOKIE:
                return value
        return ""

    def _account(self, environ: dict):
        with self.Session() as session:
            account = staff.session_account(session, self._cookie(environ), self.clock())
            return (account.username, account.centre_id) if account else None

    def _set_cookie(self, environ: dict, value: str, max_age: int) -> dict:
        secure = "; Secure" if environ.get("wsgi.url_scheme") == "https" else ""
        return {"Set-Cookie": f"{COOKIE}={value}; Path={PREFIX}; Max-Age={max_age}; "
                              f"HttpOnly; SameSite=Strict{secure}"}

    @staticmethod
    def _same_origin(environ: dict) -> None:
        """A form posted from another site is refused (SameSite already keeps the cookie
        away; this also stops login forgery).  The pages' Referrer-Policy is ``same-origin``:
        with ``no-referrer`` browsers send ``Origin: null`` for the page's own form."""
        origin = environ.get("HTTP_ORIGIN", "")
        if origin and urlsplit(origin).netloc != environ.get("HTTP_HOST", ""):
            raise _Refusal(403, "cross_origin", "the form must come from this site")

    @staticmethod
    def _form(environ: dict) -> dict[str, str]:
        if not environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
            raise _Refusal(415, "unsupported_media_type", "send the login form")
        text = environ.get("CONTENT_LENGTH") or ""
        if not re.fullmatch(r"[0-9]{1,6}", text):
            raise _Refusal(411, "length_required", "send a Content-Length")
        if int(text) > MAX_FORM_BYTES:
            raise _Refusal(413, "body_too_large", f"a login form is under {MAX_FORM_BYTES} bytes")
        raw = environ["wsgi.input"].read(int(text))
        try:
            fields = parse_qs(raw.decode("utf-8"), strict_parsing=True, max_num_fields=4,
                              errors="strict")
        except (UnicodeDecodeError, ValueError):
            raise _Refusal(400, "bad_form", "the login form could not be read") from None
        if any(len(v) != 1 for v in fields.values()):
            raise _Refusal(400, "bad_form", "each field once")
        return {k: v[0] for k, v in fields.items()}

    # ------------------------------------------------------------------ pages
    def page(self, environ):
        if self._account(environ) is None:
            return 303, "text/plain", b"", {"Location": PREFIX + "/login"}
        return 200, "text/html", _web("dashboard.html"), {}

    def login_page(self, environ, status: int = 200, error: str = ""):
        html = _web("login.html").replace(b"<!--error-->", error.encode())
        return status, "text/html", html, {}

    def log_in(self, environ):
        self._same_origin(environ)
        form = self._form(environ)
        username, password = form.get("username", ""), form.get("password", "")
        now = self.clock()
        with self.Session() as session:
            if self.throttle.blocked(session, username, now):
                return self.login_page(environ, 429, '<p class="error" role="alert">Sai quá '
                                       'nhiều lần. Vui lòng thử lại sau 5 phút.</p>')
            token = (staff.log_in(session, username, password, now)
                     if len(password) <= staff.MAX_PASSWORD else None)
            if token is None:
                self.throttle.failed(session, username, now)
            session.commit()
        if token is None:
            return self.login_page(environ, 401, '<p class="error" role="alert">Tên đăng nhập '
                                   'hoặc mật khẩu không đúng.</p>')
        return 303, "text/plain", b"", {
            "Location": PREFIX + "/",
            **self._set_cookie(environ, token, int(staff.SESSION_TTL.total_seconds()))}

    def log_out(self, environ):
        self._same_origin(environ)
        with self.Session() as session:
            staff.log_out(session, self._cookie(environ))
            session.commit()
        return 303, "text/plain", b"", {"Location": PREFIX + "/login",
                                        **self._set_cookie(environ, "", 0)}

    def summary(self, environ):
        account = self._account(environ)
        if account is None:
            raise _Refusal(401, "login_required", "log in again")
        with self.Session() as session:
            figures = overview.summary(session, account[1], self.clock())
        figures["username"] = account[0]
        return 200, "application/json", json.dumps(figures, ensure_ascii=False).encode(), {}
