"""Join, facilitator and personal codes: short, unambiguous to read aloud, hard to guess.

The join code lets participants find a workshop; it is stored as it is and
shown by `workshop status`. The facilitator code authorises releasing events,
revealing the outcome and opening rounds; it is stored only as a check value
made with a key derived from it (scrypt, a salt of its own per workshop), so
it is shown once, when the workshop is made. The same key seals the rows only
the facilitator changes (`optionscope.workshop.store`). A personal code is
handed to each participant on first submission; replacing that participant's
submission needs it, and only its hash is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""No 0/O, 1/I: codes are read aloud and typed from a projector."""

JOIN_GROUPS = 2
FACILITATOR_GROUPS = 3
PERSONAL_GROUPS = 4
GROUP_LENGTH = 4

_CODE = re.compile(rf"^[{ALPHABET}]+$")


def new_code(groups: int) -> str:
    """Random groups of four characters joined by dashes, e.g. `K7QM-3XPA`."""
    return "-".join(
        "".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(groups)
    )


def canonical(code: str) -> str:
    """The code as typed, made comparable: upper case, without spaces or dashes."""
    return re.sub(r"[\s-]", "", code).upper()


def is_well_formed(code: str, groups: int) -> bool:
    text = canonical(code)
    return len(text) == groups * GROUP_LENGTH and bool(_CODE.fullmatch(text))


LENGTH_WRONG = "{a} has {n} letters and digits, like {like}"
NOT_IN_CODES = (
    "{a} has no {found}: its letters and digits leave out 0, O, 1 and I, which read "
    "alike; check the code as it was given"
)


def form_problem(code: str, groups: int, a: str) -> str | None:
    """Why `code` cannot be `a` code of `groups` groups ("a personal code"), or None: its
    length, or the characters no code has (a 0 typed for an O, say)."""
    text = canonical(code)
    if len(text) != groups * GROUP_LENGTH:
        like = "-".join(("ABCD", "EFGH", "JKLM", "NPQR", "STUV")[:groups])
        return LENGTH_WRONG.format(a=a, n=groups * GROUP_LENGTH, like=like)
    stray = sorted({c for c in text if c not in ALPHABET})
    if stray:
        return NOT_IN_CODES.format(a=a, found=" or ".join(repr(c) for c in stray))
    return None


SCRYPT_PREFIX = "scrypt"
"""Marks a facilitator check made with a derived key (schema 3 on)."""

_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
"""scrypt's cost: about 16 MiB and a few tens of milliseconds per derivation."""

_CHECK = b"optionscope facilitator code"


def hash_code(code: str, salt: str | None = None) -> str:
    """`salt$sha256(salt + code)`, from the canonical form of the code (stores of schema 2).

    Kept to read older stores; new ones use `facilitator_check`.
    """
    salt = salt if salt is not None else secrets.token_hex(16)
    digest = hashlib.sha256((salt + canonical(code)).encode("utf-8")).hexdigest()
    return f"{salt}${digest}"


def derive_key(code: str, salt: str) -> bytes:
    """The workshop's key: scrypt of the canonical code with the workshop's salt (hex)."""
    return hashlib.scrypt(canonical(code).encode("utf-8"), salt=bytes.fromhex(salt), **_SCRYPT)


def facilitator_check(key: bytes, salt: str) -> str:
    """`scrypt$salt$HMAC-SHA256(key, ...)`: what the store keeps to recognise the code."""
    tag = hmac.new(key, _CHECK, hashlib.sha256).hexdigest()
    return f"{SCRYPT_PREFIX}${salt}${tag}"


def new_facilitator_check(code: str) -> tuple[str, bytes]:
    """A fresh salt: the check value to store and the key it was made with."""
    salt = secrets.token_hex(16)
    key = derive_key(code, salt)
    return facilitator_check(key, salt), key


def key_if_matches(code: str, stored_hash: str) -> bytes | None:
    """The workshop's key if the code matches a `facilitator_check` value, else None."""
    prefix, _, rest = stored_hash.partition("$")
    salt, sep, _ = rest.partition("$")
    if prefix != SCRYPT_PREFIX or not sep:
        return None
    try:
        key = derive_key(code, salt)
    except ValueError:  # a salt that is not hex: not a value this code wrote
        return None
    return key if hmac.compare_digest(facilitator_check(key, salt), stored_hash) else None


def code_matches(code: str, stored_hash: str) -> bool:
    """Does the code match the stored value, of either form? (constant-time comparison)"""
    if stored_hash.startswith(SCRYPT_PREFIX + "$"):
        return key_if_matches(code, stored_hash) is not None
    salt, sep, _ = stored_hash.partition("$")
    if not sep:
        return False
    return hmac.compare_digest(hash_code(code, salt), stored_hash)


def seal(key: bytes, payload: bytes) -> str:
    """HMAC-SHA256 of the rows only the facilitator changes."""
    return hmac.new(key, b"optionscope seal\n" + payload, hashlib.sha256).hexdigest()


def personal_hash(code: str) -> str:
    """What the store keeps of a personal code (random, 80 bits: a plain hash suffices)."""
    return hashlib.sha256(b"optionscope personal code:" + canonical(code).encode()).hexdigest()
