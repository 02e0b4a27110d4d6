"""Every path the project uses, resolved from the project root (never the caller's cwd)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
NOTEBOOKS = ROOT / "notebooks"
TEMPLATES = Path(__file__).resolve().parent / "build" / "templates"
REPORT_CONFIG = ROOT / "report.yml"
LOCK_FILE = ROOT / "requirements.lock"

KERNEL_NAME = "justicegap"

# Environment variables through which the build tells a notebook kernel where to read and write.
ENV_DATA_DIR = "JUSTICEGAP_DATA_DIR"
ENV_OUT_DIR = "JUSTICEGAP_OUT_DIR"


def data_dir() -> Path:
    """The dataset directory: $JUSTICEGAP_DATA_DIR if set (tests, fixtures), else ``data/``."""
    override = os.environ.get(ENV_DATA_DIR)
    return Path(override).resolve() if override else ROOT / "data"


def reports_dir() -> Path:
    override = os.environ.get("JUSTICEGAP_REPORTS_DIR")
    return Path(override).resolve() if override else ROOT / "reports"


def out_dir() -> Path:
    """Where a notebook writes its tables, figures and metrics (set by the build)."""
    override = os.environ.get(ENV_OUT_DIR)
    path = Path(override) if override else ROOT / "reports" / "_scratch"
    path.mkdir(parents=True, exist_ok=True)
    return path
