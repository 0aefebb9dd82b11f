"""Proxy security helpers: hashed API keys compared in constant time, per-key rate limits."""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Iterable
from pathlib import Path

from charter.errors import ConfigError

__all__ = ["KeyRing", "RateLimiter", "hash_key"]


def hash_key(key: str) -> str:
    """The stored form of an API key: ``sha256:`` + hex digest."""
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


class KeyRing:
    """Accepted API keys, kept only as sha256 digests. :meth:`check` compares the digest of
    the presented key with every stored digest (``hmac.compare_digest``, no early exit), so
    timing says nothing about which key, or how much of one, matched."""

    def __init__(self, hashes: Iterable[str] = ()) -> None:
        self._digests: list[bytes] = []
        for h in hashes:
            if not h.startswith("sha256:") or len(h) != 71:
                raise ConfigError(f"'{h[:12]}…' is not a sha256 key hash",
                                  hint="store keys as sha256:<64 hex digits> (`charter serve --hash-key KEY`)")
            self._digests.append(bytes.fromhex(h[7:]))

    @classmethod
    def from_file(cls, path: str | Path) -> KeyRing:
        """One key per line: ``sha256:<hex>`` (a hash) or a raw key (hashed on load, never kept);
        blank lines and ``#`` comments are skipped."""
        p = Path(path)
        try:
            lines = p.read_text(encoding="utf-8").splitlines()
        except OSError as e:
            raise ConfigError(f"cannot read API keys file {p}: {e.strerror or e}",
                              hint="one key (or sha256:<hex> hash) per line") from None
        hashes = []
        for i, line in enumerate(lines, 1):
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            if s.startswith("sha256:"):
                if len(s) != 71:
                    raise ConfigError(f"{p}:{i}: malformed key hash", hint="write sha256:<64 hex digits>")
                hashes.append(s)
            else:
                hashes.append(hash_key(s))
        return cls(hashes)

    def __len__(self) -> int:
        return len(self._digests)

    def check(self, presented: str | None) -> str | None:
        """The matching key's hash (an identity for rate limits), or None."""
        if presented is None or not self._digests:
            return None
        d = hashlib.sha256(presented.encode()).digest()
        found: bytes | None = None
        for stored in self._digests:
            if hmac.compare_digest(d, stored):
                found = stored
        return "sha256:" + found.hex() if found is not None else None


class RateLimiter:
    """A token bucket per identity: ``per_minute`` requests, bursts up to ``burst``."""

    def __init__(self, per_minute: float, burst: int | None = None, *, max_identities: int = 10_000) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst if burst is not None else max(1, int(per_minute)))
        self.max_identities = max_identities
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, identity: str, now: float | None = None) -> float:
        """0 when allowed (a token is taken); else the seconds until a token is free."""
        now = time.monotonic() if now is None else now
        tokens, last = self._buckets.get(identity, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens >= 1.0:
            self._buckets[identity] = (tokens - 1.0, now)
            if len(self._buckets) > self.max_identities:
                self._buckets.pop(next(iter(self._buckets)))
            return 0.0
        self._buckets[identity] = (tokens, now)
        return (1.0 - tokens) / self.rate if self.rate > 0 else float("inf")
