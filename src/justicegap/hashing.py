"""The one way the project hashes things: sha256, as hex.

Cache keys, report versions, manifest checksums and data-dependency digests all go through here,
so that "the same inputs" means the same thing everywhere. Every function is pure.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

MISSING = "missing"  # what a file that does not exist contributes to a digest


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """sha256 of a file's bytes, or ``MISSING`` if there is no such file."""
    try:
        return sha256_bytes(Path(path).read_bytes())
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return MISSING


def digest(*parts: str | bytes) -> str:
    """sha256 over several parts; each is length-prefixed, so ("ab", "c") differs from ("a", "bc")."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else bytes(part)
        h.update(f"{len(data)}:".encode())
        h.update(data)
    return h.hexdigest()


def files_digest(root: Path, names: Iterable[str]) -> str:
    """Digest of the named files under ``root`` (names relative to it, order-independent)."""
    root = Path(root)
    parts: list[str] = []
    for name in sorted(set(names)):
        parts += [name, sha256_file(root / name)]
    return digest(*parts)


def tree_digest(root: Path, pattern: str = "**/*") -> str:
    """Digest of every file under ``root`` matching ``pattern`` (names and bytes), caches excluded."""
    root = Path(root)
    names = [
        str(p.relative_to(root))
        for p in root.glob(pattern)
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    ]
    return files_digest(root, names)
