"""Publishing a staged version: an atomic rename, then ``latest`` and the versions index.

A version is assembled in ``reports/.tmp-<version>-<pid>/`` and only renamed into place when it is
complete, so a failed or killed build never leaves a half-written version, and an existing
version is never overwritten. The build itself is :func:`justicegap.build.pipeline.build`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .manifest import MANIFEST


def build(*args, **kwargs) -> int:
    """Kept for callers of the old entry point: see :func:`justicegap.build.pipeline.build`."""
    from .pipeline import build as pipeline_build

    return pipeline_build(*args, **kwargs)


def staging_dir(reports_dir: Path, version: str) -> Path:
    return reports_dir / f".tmp-{version}-{os.getpid()}"


def remove_abandoned(reports_dir: Path) -> None:
    """Delete the temporary folders of builds that were killed (their process is gone)."""
    for tmp in reports_dir.glob(".tmp-*"):
        try:
            pid = int(tmp.name.rsplit("-", 1)[1])
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(tmp, ignore_errors=True)
        except (ValueError, IndexError, PermissionError):
            continue


def latest_version(reports_dir: Path) -> str | None:
    link = reports_dir / "latest"
    if link.is_symlink() and (reports_dir / os.readlink(link) / MANIFEST).exists():
        return os.readlink(link)
    return None


def point_latest(reports_dir: Path, version: str) -> None:
    link = reports_dir / "latest"
    if link.is_symlink() and os.readlink(link) == version:
        return
    tmp = reports_dir / f".latest-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(version, tmp)
    os.replace(tmp, link)


def publish(stage: Path, target: Path) -> bool:
    """Move a complete staged version into place; False if that version appeared meanwhile."""
    if target.exists():  # another build published it; never overwrite
        return False
    os.rename(stage, target)
    return True
