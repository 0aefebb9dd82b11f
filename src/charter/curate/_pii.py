"""PII scrubbing: emails, phone numbers, card numbers (Luhn-checked), IBANs (mod-97
checked), US social security numbers and IP addresses become typed placeholders such as
``[EMAIL]``. Regex based: look-alikes that fail the checks (order numbers, dates, versions,
invalid octets, reserved SSN ranges) are left alone.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable

from charter.evaluate import Span

__all__ = ["PII_KINDS", "scrub_pii"]


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card_ok(m: str) -> bool:
    digits = re.sub(r"\D", "", m)
    return 13 <= len(digits) <= 19 and len(set(digits)) > 1 and _luhn(digits)


def _iban_ok(m: str) -> bool:
    s = re.sub(r"\s", "", m).upper()
    if not 15 <= len(s) <= 34:
        return False
    moved = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def _ssn_ok(m: str) -> bool:
    area, group, serial = m.split("-")
    return area not in ("000", "666") and not area.startswith("9") and group != "00" and serial != "0000"


def _ip_ok(m: str) -> bool:
    try:
        ipaddress.ip_address(m)
    except ValueError:
        return False
    return True


def _phone_ok(m: str) -> bool:
    return 10 <= len(re.sub(r"\D", "", m)) <= 15


_B = r"(?<![\w.@/-])"  # not glued to a longer token
_E = r"(?![\w@/-]|\.\w)"
# (placeholder, pattern, validator); earlier entries win overlaps
_DETECTORS: list[tuple[str, re.Pattern[str], Callable[[str], bool]]] = [
    ("EMAIL", re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"), lambda m: True),
    ("IBAN", re.compile(_B + r"[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?" + _E), _iban_ok),
    ("CARD", re.compile(_B + r"\d(?:[ -]?\d){12,18}" + _E), _card_ok),
    ("SSN", re.compile(_B + r"\d{3}-\d{2}-\d{4}" + _E), _ssn_ok),
    ("IP", re.compile(_B + r"(?:\d{1,3}\.){3}\d{1,3}" + _E), _ip_ok),
    ("IP", re.compile(r"(?<![\w:])(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}(?![\w:])"), _ip_ok),
    ("PHONE", re.compile(_B + r"(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\d{2,4}[ .-])\d{3,4}[ .-]\d{3,4}" + _E),
     _phone_ok),
]
_LOOKALIKE_BLOCKS = frozenset({"IBAN", "CARD", "SSN"})
PII_KINDS = tuple(dict.fromkeys(k for k, _, _ in _DETECTORS))


def scrub_pii(text: str, *, kinds: tuple[str, ...] = PII_KINDS) -> tuple[str, list[Span]]:
    """Replace PII with ``[KIND]`` placeholders. Returns the new text and the spans found
    (offsets into the *original* text, ``label`` = the kind)."""
    found: list[Span] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern, ok in _DETECTORS:
        if kind not in kinds:
            continue
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if not ok(m.group()):
                if kind in _LOOKALIKE_BLOCKS:  # e.g. an order number failing Luhn is not a phone
                    taken.append((s, e))
                continue
            taken.append((s, e))
            found.append(Span(start=s, end=e, text=m.group(), label=kind))
    found.sort(key=lambda sp: sp.start)
    out: list[str] = []
    pos = 0
    for sp in found:
        out.append(text[pos:sp.start])
        out.append(f"[{sp.label}]")
        pos = sp.end
    out.append(text[pos:])
    return "".join(out), found
