"""User accounts and roles, in a small SQLite database (setting ``accounts``, default
``var/accounts.sqlite``), shared by the command line (``lawgraph users …``) and the web app.

Roles, from the issue "Experts enter their reports, editors export the Law Review":

| role | may |
|---|---|
| ``official`` | read everything, download exports and bulk data |
| ``expert`` | write the reports of their own country (``country``, an EU code) |
| ``reviewer`` | approve or return a submitted report, never their own |
| ``editor`` | export the Law Review and edit the texts of its entries |
| ``admin`` | manage accounts (never writes reports) |

Passwords are hashed with scrypt (:func:`werkzeug.security.generate_password_hash`); the clear
text is neither stored nor logged. Usernames are unique, case-insensitive (kept in lower case)::

    accounts = AccountStore("var/accounts.sqlite")
    accounts.create("anna", "a long passphrase", role="expert", country="DE", name="Anna Berg")
    accounts.verify("anna", "a long passphrase")     # → User(…) or None
    accounts.set_role("anna", "reviewer")

:class:`LoginThrottle` keeps failed logins in the same database, so that every worker process
of the web app counts them together. The schema is migrated on open (``PRAGMA user_version``);
migrating twice, or from several processes at once, is harmless.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from lawgraph.errors import LawgraphError

__all__ = [
    "DEFAULT_PATH",
    "ROLES",
    "AccountError",
    "AccountStore",
    "LoginThrottle",
    "User",
    "check_password",
    "normalise_username",
]

DEFAULT_PATH = "var/accounts.sqlite"
ROLES = ("official", "expert", "reviewer", "editor", "admin")
PASSWORD_MIN = 12
PASSWORD_MAX = 256  # bounds the work a login asks of scrypt
HASH_METHOD = "scrypt"
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._@-]{1,63}")

#: each step is a list of statements; step n brings the database to user_version n + 1
_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        f"""CREATE TABLE IF NOT EXISTS users (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            username TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL CHECK (role IN ({", ".join(f"'{r}'" for r in ROLES)})),
            country TEXT,
            active INTEGER NOT NULL DEFAULT 1,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL)""",
    ),
    (
        # bumped whenever the password, the role, the country or the state changes: sessions
        # made before stop working
        "ALTER TABLE users ADD COLUMN auth_version INTEGER NOT NULL DEFAULT 1",
        """CREATE TABLE IF NOT EXISTS login_failures (
            username TEXT NOT NULL, address TEXT NOT NULL, at REAL NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS login_failures_by_at ON login_failures (at)",
    ),
)
SCHEMA_VERSION = len(_MIGRATIONS)


class AccountError(LawgraphError):
    """A request about accounts that cannot be done; ``field`` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class User:
    """An account as the rest of lawgraph sees it (never with its password hash)."""

    id: int
    username: str
    name: str
    role: str
    country: str | None  # EU code (experts; reviewers may have one)
    active: bool

    @property
    def label(self) -> str:
        """``Anna Berg (anna)``, or the username alone."""
        return f"{self.name} ({self.username})" if self.name else self.username

    def record(self) -> dict[str, object]:
        return asdict(self)


def normalise_username(username: str) -> str:
    """Lower case, surrounding spaces removed; an :class:`AccountError` if not a username."""
    value = (username or "").strip().lower()
    if not _USERNAME.fullmatch(value):
        raise AccountError(
            "username",
            f"{username[:70]!r} is not a username: 2–64 letters, digits and . _ @ -, "
            "starting with a letter or digit",
        )
    return value


def check_password(password: str, username: str = "") -> str:
    """The password if it may be used; else an :class:`AccountError` that says why."""
    if not isinstance(password, str) or len(password) < PASSWORD_MIN:
        raise AccountError("password", f"a password needs at least {PASSWORD_MIN} characters")
    if len(password) > PASSWORD_MAX:
        raise AccountError("password", f"a password may have at most {PASSWORD_MAX} characters")
    if username and password.strip().lower() == username.lower():
        raise AccountError("password", "the password must not be the username")
    return password


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError("role", f"unknown role {role[:30]!r}; use one of {', '.join(ROLES)}")
    return role


def _check_country(country: str | None) -> str | None:
    if country is None or not str(country).strip():
        return None
    from lawgraph.refdata import reference_index

    found = reference_index().country(str(country).strip()) if len(country) <= 60 else None
    if found is None:
        raise AccountError(
            "country", f"unknown country {country[:60]!r}: use an EU code such as DE or EL"
        )
    return found.eu_code


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@contextmanager
def _connect(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection in autocommit mode (transactions are explicit), schema up to date."""
    fresh = not path.exists()
    if fresh:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        connection = sqlite3.connect(path, timeout=10, isolation_level=None)
    except sqlite3.Error as exc:
        raise AccountError("accounts", f"cannot open the accounts database {path}: {exc}") from exc
    with closing(connection):
        if fresh:
            os.chmod(path, 0o600)  # password hashes: readable by the service only
        try:
            _migrate(connection)
            yield connection
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.IntegrityError):
                raise
            raise AccountError("accounts", f"{path} is not an accounts database: {exc}") from exc


def _migrate(connection: sqlite3.Connection) -> None:
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if version >= SCHEMA_VERSION:
        return
    connection.execute("BEGIN IMMEDIATE")  # one process migrates; the others wait, then see it
    try:
        (version,) = connection.execute("PRAGMA user_version").fetchone()
        for step in range(version, SCHEMA_VERSION):
            for statement in _MIGRATIONS[step]:
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {max(version, SCHEMA_VERSION)}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


_COLUMNS = "id, username, name, role, country, active"


def _user(row: tuple) -> User:
    return User(int(row[0]), row[1], row[2], row[3], row[4], bool(row[5]))


class AccountStore:
    """The accounts database at ``path`` (created with its folder on first write)."""

    def __init__(self, path: str | Path = DEFAULT_PATH) -> None:
        self.path = Path(path)
        self._dummy_hash: str | None = None

    # --- reading ---------------------------------------------------------------------------
    def users(self) -> list[User]:
        """Every account, by username."""
        if not self.path.exists():
            return []
        with _connect(self.path) as db:
            rows = db.execute(f"SELECT {_COLUMNS} FROM users ORDER BY username").fetchall()
        return [_user(r) for r in rows]

    def get(self, username: str) -> User | None:
        try:
            name = normalise_username(username)
        except AccountError:
            return None
        return self._one("username = ?", name)

    def by_id(self, user_id: int) -> User | None:
        return self._one("id = ?", int(user_id))

    def session_stamp(self, user_id: int) -> int | None:
        """The account's current authentication version (None: no such account)."""
        if not self.path.exists():
            return None
        with _connect(self.path) as db:
            row = db.execute("SELECT auth_version FROM users WHERE id = ?", (user_id,)).fetchone()
        return int(row[0]) if row else None

    def count_admins(self) -> int:
        return sum(1 for u in self.users() if u.role == "admin" and u.active)

    def _one(self, where: str, value: object) -> User | None:
        if not self.path.exists():
            return None
        with _connect(self.path) as db:
            row = db.execute(f"SELECT {_COLUMNS} FROM users WHERE {where}", (value,)).fetchone()
        return _user(row) if row else None

    def _require(self, username: str) -> User:
        found = self.get(username)
        if found is None:
            raise AccountError("username", f"there is no account {username[:70]!r}")
        return found

    # --- writing ---------------------------------------------------------------------------
    def create(
        self,
        username: str,
        password: str,
        *,
        role: str,
        name: str = "",
        country: str | None = None,
        active: bool = True,
    ) -> User:
        """A new account; experts need a country."""
        username = normalise_username(username)
        _check_role(role)
        code = _check_country(country)
        if role == "expert" and code is None:
            raise AccountError("country", "an expert needs a country (EU code, e.g. DE)")
        digest = generate_password_hash(check_password(password, username), method=HASH_METHOD)
        stamp = _now()
        with _connect(self.path) as db:
            try:
                db.execute(
                    "INSERT INTO users (username, name, role, country, active, password_hash, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (username, _clean_name(name), role, code, int(active), digest, stamp, stamp),
                )
            except sqlite3.IntegrityError:
                raise AccountError("username", f"the username {username!r} is taken") from None
        created = self.get(username)
        assert created is not None
        return created

    def remove(self, username: str) -> User:
        found = self._require(username)
        with _connect(self.path) as db:
            db.execute("DELETE FROM users WHERE id = ?", (found.id,))
        return found

    def update(
        self,
        username: str,
        *,
        name: str | None = None,
        role: str | None = None,
        country: str | None | object = ...,
        active: bool | None = None,
    ) -> User:
        """Change any of name, role, country (None: none; left out: unchanged) and state, all
        checked before anything is written. Every change but the name ends the account's
        sessions. An expert must keep a country."""
        found = self._require(username)
        values: dict[str, object] = {}
        if name is not None and _clean_name(name) != found.name:
            values["name"] = _clean_name(name)
        if role is not None and _check_role(role) != found.role:
            values["role"] = role
        if country is not ...:
            code = _check_country(country)  # type: ignore[arg-type]
            if code != found.country:
                values["country"] = code
        if active is not None and bool(active) != found.active:
            values["active"] = int(bool(active))
        if (
            values.get("role", found.role) == "expert"
            and values.get("country", found.country) is None
        ):
            raise AccountError("country", "an expert needs a country (EU code, e.g. DE)")
        if not values:
            return found
        return self._update(found, bump=set(values) != {"name"}, **values)

    def set_role(self, username: str, role: str, *, country: str | None = None) -> User:
        """Change the role (and the country, when given)."""
        return self.update(username, role=role, **({"country": country} if country else {}))

    def set_country(self, username: str, country: str | None) -> User:
        return self.update(username, country=country)

    def set_name(self, username: str, name: str) -> User:
        return self.update(username, name=name)

    def set_active(self, username: str, active: bool) -> User:
        return self.update(username, active=active)

    def end_sessions(self, username: str) -> User:
        """End every session of the account (logging out, a suspected stolen cookie)."""
        return self._update(self._require(username))

    def set_password(self, username: str, password: str) -> User:
        found = self._require(username)
        digest = generate_password_hash(
            check_password(password, found.username), method=HASH_METHOD
        )
        return self._update(found, password_hash=digest)

    def _update(self, found: User, *, bump: bool = True, **values: object) -> User:
        values["updated_at"] = _now()
        assignments = ", ".join(f"{column} = ?" for column in values)
        if bump:
            assignments += ", auth_version = auth_version + 1"
        with _connect(self.path) as db:
            db.execute(f"UPDATE users SET {assignments} WHERE id = ?", (*values.values(), found.id))
        updated = self.by_id(found.id)
        assert updated is not None
        return updated

    # --- passwords -------------------------------------------------------------------------
    def verify(self, username: str, password: str) -> User | None:
        """The account if the password is right (active or not: the caller decides), else
        None. Unknown usernames cost as much time as wrong passwords."""
        found_hash, user = None, None
        if self.path.exists() and isinstance(password, str) and len(password) <= PASSWORD_MAX:
            try:
                name = normalise_username(username)
            except AccountError:
                name = None
            if name is not None:
                with _connect(self.path) as db:
                    row = db.execute(
                        f"SELECT {_COLUMNS}, password_hash FROM users WHERE username = ?", (name,)
                    ).fetchone()
                if row:
                    user, found_hash = _user(row[:6]), row[6]
        if found_hash is None:
            check_password_hash(self._dummy(), password if isinstance(password, str) else "")
            return None
        return user if check_password_hash(found_hash, password) else None

    def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = generate_password_hash("not a password", method=HASH_METHOD)
        return self._dummy_hash


def _clean_name(name: str | None) -> str:
    text = " ".join(str(name or "").split())
    if len(text) > 200:
        raise AccountError("name", "a name may have at most 200 characters")
    return text


class LoginThrottle:
    """Failed logins per username and client address, and per address alone, in a sliding
    window: after ``limit`` failures for one username from one address (or ``address_limit``
    from one address, whatever the username) logins wait until the oldest failure leaves the
    window. Kept in the accounts database, so all worker processes count together."""

    def __init__(
        self,
        path: str | Path = DEFAULT_PATH,
        *,
        limit: int = 5,
        address_limit: int = 20,
        window: float = 600.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = Path(path)
        self.limit = limit
        self.address_limit = address_limit
        self.window = window
        self.clock = clock

    def retry_after(self, username: str, address: str) -> int:
        """Seconds to wait before the next attempt (0: go ahead)."""
        if not self.path.exists():
            return 0
        since = self.clock() - self.window
        key = username.strip().lower()[:100]
        with _connect(self.path) as db:
            pair = db.execute(
                "SELECT at FROM login_failures WHERE username = ? AND address = ? AND at > ? "
                "ORDER BY at",
                (key, address, since),
            ).fetchall()
            alone = db.execute(
                "SELECT at FROM login_failures WHERE address = ? AND at > ? ORDER BY at",
                (address, since),
            ).fetchall()
        waits = [
            rows[-limit][0] + self.window - self.clock()
            for rows, limit in ((pair, self.limit), (alone, self.address_limit))
            if len(rows) >= limit
        ]
        return max(1, int(max(waits)) + 1) if waits else 0

    def failed(self, username: str, address: str) -> None:
        now = self.clock()
        with _connect(self.path) as db:
            db.execute("DELETE FROM login_failures WHERE at <= ?", (now - self.window,))
            db.execute(
                "INSERT INTO login_failures (username, address, at) VALUES (?, ?, ?)",
                (username.strip().lower()[:100], address, now),
            )

    def succeeded(self, username: str, address: str) -> None:
        if not self.path.exists():
            return
        with _connect(self.path) as db:
            db.execute(
                "DELETE FROM login_failures WHERE username = ? AND address = ?",
                (username.strip().lower()[:100], address),
            )
