"""Join and facilitator codes: short, unambiguous to read aloud, hard to guess.

The join code lets participants find a workshop; it is stored as it is and
shown by `workshop status`. The facilitator code authorises releasing events,
revealing the outcome and opening rounds; only a salted hash of it is stored,
so it is shown once, when the workshop is made.
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


def hash_code(code: str, salt: str | None = None) -> str:
    """`salt$sha256(salt + code)`, from the canonical form of the code."""
    salt = salt if salt is not None else secrets.token_hex(16)
    digest = hashlib.sha256((salt + canonical(code)).encode("utf-8")).hexdigest()
    return f"{salt}${digest}"


def code_matches(code: str, stored_hash: str) -> bool:
    """Does the code match the stored hash? (constant-time comparison)"""
    salt, sep, _ = stored_hash.partition("$")
    if not sep:
        return False
    return hmac.compare_digest(hash_code(code, salt), stored_hash)
