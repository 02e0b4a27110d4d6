"""``make bench``: the build against a naive loop, warm against plain kernels, incremental
rebuilds of each kind of edit, the first run on a fresh clone (uv against pip), and scaling.

Writes ``reports/bench/results.json`` and ``docs/BENCHMARKS.md``. Not part of ``make test``:
speed is measured here, never asserted in a timed test. The machine is shared: every
measurement records the load average around it, and comparisons alternate their sides (A B A B)
so that drift in the machine's speed falls on both.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import paths

VENV_BIN = Path(sys.executable).parent
TARGETS = {
    "full_over_naive": 0.15,
    "one_row_over_full": 0.1,
    "noop_seconds": 1.0,
    "first_run_over_before": 0.5,
}
FIRST_RUN_BEFORE = 257.0  # seconds: the first `make report` on a fresh clone before issue 15 (pip)


def _clock(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def our_build(data_dir: Path, reports: Path, config: Path | None = None, plain: bool = False) -> tuple[float, dict]:
    """One in-process build; its duration and what it did (timings.json of the new version)."""
    from .build import kernels
    from .build.pipeline import run_build

    if plain:
        os.environ[kernels.ENV_PLAIN] = "1"
    try:
        log: list[str] = []
        t0 = time.perf_counter()
        result = run_build(data_dir=data_dir, reports_dir=reports, config_path=config, echo=log.append)
        seconds = time.perf_counter() - t0
    finally:
        os.environ.pop(kernels.ENV_PLAIN, None)
    if result.status != 0:
        raise RuntimeError("build failed:\n" + "\n".join(log))
    timings = {} if result.up_to_date else json.loads((reports / result.version / "timings.json").read_text())
    return seconds, timings


def naive_loop(runs, data_dir: Path, work: Path) -> float:
    """What a user would do by hand: papermill CLI then nbconvert CLI, one notebook after another."""
    import nbformat
    import yaml

    from .build.execute import jupytext_to_notebook

    env = {**os.environ, paths.ENV_DATA_DIR: str(data_dir), "MPLBACKEND": "Agg"}
    inputs = []
    for run in runs:  # conversion from .py is not timed (a naive user would keep .ipynb files)
        src = work / f"{run.name}.in.ipynb"
        nbformat.write(jupytext_to_notebook(run.notebook, record_modules=False), src)
        inputs.append((run, src))
    t0 = time.perf_counter()
    for run, src in inputs:
        out = work / f"{run.name}.ipynb"
        env[paths.ENV_OUT_DIR] = str(work / run.name)
        subprocess.run(
            [
                str(VENV_BIN / "papermill"),
                str(src),
                str(out),
                "-k",
                paths.KERNEL_NAME,
                "-y",
                yaml.safe_dump(run.parameters),
                "--no-progress-bar",
                "--cwd",
                str(paths.NOTEBOOKS),
            ],
            check=True,
            env=env,
            capture_output=True,
        )
        subprocess.run(
            [str(VENV_BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(out)],
            check=True,
            env=env,
            capture_output=True,
        )
    return time.perf_counter() - t0


def _real_runs():
    from .analysis.stages import first_dates
    from .build.config import expand, load_config, order_cases
    from .data.dataset import load_dataset

    ds = load_dataset(paths.ROOT / "data")
    firsts = first_dates(ds.events, ds.cutoff)
    config = load_config()
    return expand(config, order_cases(sorted(firsts.index[firsts["confirmation_decision"].notna()]), config.case_order))


def _where(timings: dict) -> dict:
    nb = timings["notebooks"]
    return {
        "execute_and_render_wall_seconds": timings["execute_and_render_seconds"],
        "assemble_and_pdf_wall_seconds": timings["assemble_and_pdf_seconds"],
        "kernel_start_seconds_sum": round(sum(n["kernel_start_seconds"] for n in nb), 1),
        "execution_seconds_sum": round(sum(n["seconds"] - n["kernel_start_seconds"] for n in nb), 1),
        "render_seconds_sum": round(sum(n.get("render_seconds", 0) for n in nb), 1),
        "html_seconds_sum": round(sum(n.get("render_seconds", 0) - n.get("pdf_part_seconds", 0) for n in nb), 1),
        "pdf_part_seconds_sum": round(sum(n.get("pdf_part_seconds", 0) for n in nb), 1),
    }


def full_build_vs_naive(pairs: int) -> dict:
    """Cold full builds of the real report: ours with warm kernels, ours with plain kernels, naive."""
    data = paths.ROOT / "data"
    runs = _real_runs()
    sides = {"warm": [], "plain": [], "naive": []}
    where, sizes, loads = {}, {}, []
    for i in range(pairs):
        order = ["warm", "plain", "naive"]
        order = order if i % 2 == 0 else order[::-1]
        for which in order:
            with tempfile.TemporaryDirectory(prefix="jg-bench-") as tmp:
                tmp = Path(tmp)
                loads.append(_load())
                if which == "naive":
                    sides[which].append(naive_loop(runs, data, tmp))
                else:
                    seconds, timings = our_build(data, tmp / "reports", plain=which == "plain")
                    sides[which].append(seconds)
                    where[which] = _where(timings)
                    latest = tmp / "reports" / os.readlink(tmp / "reports" / "latest")
                    sizes = {p.name: p.stat().st_size for p in latest.glob("*.html")}
            print(f"  pair {i + 1}: {which} {sides[which][-1]:.1f} s (load {loads[-1]})", flush=True)
    med = {k: statistics.median(v) for k, v in sides.items()}
    return {
        "notebook_runs": len(runs),
        "seconds": sides,
        "median": med,
        "ratio_warm_over_naive": med["warm"] / med["naive"],
        "ratio_plain_over_naive": med["plain"] / med["naive"],
        "ratio_warm_over_plain": med["warm"] / med["plain"],
        "where_time_goes": where,
        "largest_page_bytes": max(sizes.values()),
        "load_averages": loads,
    }


def copy_checkout(dest: Path) -> Path:
    """The project's code, notebooks, config, lock and data in another folder (a second checkout)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.ipynb", "staging", ".ipynb_checkpoints")
    for folder in ("src", "notebooks", "data"):
        shutil.copytree(paths.ROOT / folder, dest / folder, ignore=ignore)
    for name in ("report.yml", "requirements.lock"):
        shutil.copy(paths.ROOT / name, dest / name)
    return dest


def _checkout_env(checkout: Path, **extra: str) -> dict:
    return {**os.environ, "PYTHONPATH": str(checkout / "src"), **extra}


def server_ready(checkout: Path, reports: Path) -> bool:
    """Wait (untimed) until the checkout's build server is up with its spare warm kernel parent
    ready, as it is when an analyst takes a moment between an edit and ``make report``; False
    if there is no server for the checkout's current code (the next build then runs in its own
    process and starts one)."""
    proc = subprocess.run(
        [sys.executable, "-m", "justicegap.build.daemon", "ready", str(reports)],
        cwd=checkout,
        env=_checkout_env(checkout),
        capture_output=True,
    )
    return proc.returncode == 0


def cli_build(checkout: Path, reports: Path, **env_extra: str) -> tuple[float, dict]:
    """``python -m justicegap.cli report`` from a checkout, as ``make report`` runs it."""
    env = _checkout_env(checkout, **env_extra)
    for var in (paths.ENV_DATA_DIR, paths.ENV_OUT_DIR, "JUSTICEGAP_REPORTS_DIR"):
        env.pop(var, None)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "justicegap.cli", "report", "--reports-dir", str(reports)],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError("build failed:\n" + proc.stdout + proc.stderr)
    if "Up to date" in proc.stdout:
        return seconds, {"executed": [], "rendered": [], "typeset": [], "phases": {}, "notebooks": [], "served": None}
    return seconds, json.loads((reports / "latest" / "timings.json").read_text())


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    if old not in text:
        raise RuntimeError(f"bench edit: {old!r} not in {path}")
    path.write_text(text.replace(old, new, 1))


EDITS = [  # (label, file in the checkout, old, new)
    (
        "one sentence row (Al Hassan's months)",
        "data/sentences.csv",
        "al-hassan,trial_sentence,2024-11-20,120,",
        "al-hassan,trial_sentence,2024-11-20,121,",
    ),
    (
        "one event row (Al Hassan's trial opening)",
        "data/events.csv",
        "al-hassan,trial_opening,2020-07-14",
        "al-hassan,trial_opening,2020-07-15",
    ),
    (
        "a module no notebook imports (bench.py)",
        "src/justicegap/bench.py",
        '"""``make bench``',
        '"""(edited) ``make bench``',
    ),
    (
        "a module one notebook imports, a comment (analysis/sentences.py)",
        "src/justicegap/analysis/sentences.py",
        "from __future__",
        "# edited\nfrom __future__",
    ),
    (
        "one notebook's text (03_durations)",
        "notebooks/03_durations.py",
        "# ## The longest waits",
        "# ## The longest waits so far",
    ),
    ("the render code (render.py, a comment)", "src/justicegap/build/render.py", '"""Render', '"""(edited) Render'),
    (
        "a template (report.css)",
        "src/justicegap/build/templates/justicegap/report.css",
        "body {",
        ".jg-edited { color: red; }\nbody {",
    ),
]

# The data edits once more, each to a value not built before (so nothing comes from the cache),
# with the build server off: (label of the edit in EDITS, file, value it left, another value)
OWN_PROCESS_EDITS = [
    (EDITS[0][0], EDITS[0][1], EDITS[0][3], "al-hassan,trial_sentence,2024-11-20,122,"),
    (EDITS[1][0], EDITS[1][1], EDITS[1][3], "al-hassan,trial_opening,2020-07-16"),
]


def incremental() -> dict:
    """Each kind of edit, one after another, built the way `make report` builds (a new process)."""
    with tempfile.TemporaryDirectory(prefix="jg-bench-") as tmp:
        tmp = Path(tmp)
        checkout = copy_checkout(tmp / "checkout")
        reports = tmp / "reports"
        cold, _ = cli_build(checkout, reports)
        rows = []
        server_ready(checkout, reports)
        noop_cli, _ = cli_build(checkout, reports)
        # each edit as an analyst makes it (a build server up, if the code has not changed since
        # the last build), then the data edits again with other values and no server
        edits = [(*edit, {}) for edit in EDITS] + [
            (f"{label}, in its own process", rel, left, again, {"JUSTICEGAP_DAEMON": "0"})
            for label, rel, left, again in OWN_PROCESS_EDITS
        ]
        for label, rel, old, new, env in edits:
            server_ready(checkout, reports)
            _edit(checkout / rel, old, new)
            load = _load()
            seconds, timings = cli_build(checkout, reports, **env)
            rows.append(
                {
                    "change": label,
                    "seconds": seconds,
                    "executed": timings["executed"],
                    "rendered": len(timings["rendered"]),
                    "typeset": len(timings["typeset"]),
                    "served": timings.get("served"),
                    "load": load,
                    "critical_path": critical_path(seconds, timings),
                }
            )
            print(f"  {label}: {seconds:.1f} s, {len(timings['executed'])} executed", flush=True)
        server_ready(checkout, reports)
        noop_again, _ = cli_build(checkout, reports)
    return {"cold_seconds": cold, "noop_cli_seconds": min(noop_cli, noop_again), "edits": rows}


def critical_path(seconds: float, timings: dict) -> dict:
    """Where one build's wall-clock time went, in the order it is spent: the process's start
    (interpreter, imports, and after the build the publish step: what the build's own clock does
    not see), the build's phases from ``timings.json``, and within the pool the run that finished
    last, split into its kernel start, its cells, its HTML editions and its PDF part."""
    phases = dict(timings.get("phases") or {})
    runs = [n for n in timings.get("notebooks", []) if n["status"] != "cached" or n["render_seconds"]]
    out = {"process_seconds": max(0.0, seconds - sum(phases.values())), **phases}
    if runs:
        last = max(runs, key=lambda n: n["seconds"] + n["render_seconds"])
        out["longest_run"] = {
            "name": last["name"],
            "kernel_start_seconds": last["kernel_start_seconds"],
            "cells_seconds": round(max(0.0, last["seconds"] - last["kernel_start_seconds"]), 2),
            "html_seconds": round(max(0.0, last["render_seconds"] - last["pdf_part_seconds"]), 2),
            "pdf_part_seconds": last["pdf_part_seconds"],
        }
    return out


def first_run(sides=("uv", "pip")) -> dict:
    """A fresh clone of this commit, `make report` from nothing: set-up (venv) plus the build.

    uv starts from an empty cache (as on a fresh machine); pip is told not to use its cache."""
    out = {}
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=paths.ROOT, capture_output=True, text=True).stdout.strip()
    for side in sides:
        with tempfile.TemporaryDirectory(prefix="jg-first-") as tmp:
            clone = Path(tmp) / "clone"
            subprocess.run(["git", "clone", "-q", str(paths.ROOT), str(clone)], check=True)
            subprocess.run(["git", "checkout", "-q", commit], cwd=clone, check=True)
            env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "JUSTICEGAP_"))}
            env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if not p.startswith(str(VENV_BIN)))
            env.update({"UV_CACHE_DIR": str(Path(tmp) / "uv-cache"), "PIP_NO_CACHE_DIR": "1"})
            if side == "pip":
                env["JUSTICEGAP_INSTALLER"] = "pip"
            load = _load()
            t0 = time.perf_counter()
            venv = subprocess.run(["make", "venv"], cwd=clone, env=env, capture_output=True, text=True)
            t_venv = time.perf_counter() - t0
            report = subprocess.run(["make", "report"], cwd=clone, env=env, capture_output=True, text=True)
            total = time.perf_counter() - t0
            if venv.returncode or report.returncode:
                raise RuntimeError(
                    f"first run ({side}) failed:\n{venv.stdout}{venv.stderr}{report.stdout}{report.stderr}"
                )
            out[side] = {"setup_seconds": t_venv, "total_seconds": total, "load": load}
            print(f"  first run with {side}: set-up {t_venv:.0f} s, total {total:.0f} s (load {load})", flush=True)
    return out


def _scale_once(factor: int, base_persons: int) -> dict:
    """Time validation and every analysis function on a synthetic dataset ``factor`` times the real one."""
    from .analysis import durations, funnel, sentences, sgbc, stages
    from .data.dataset import Dataset
    from .data.schema import load_package
    from .data.validate import validate
    from .synthetic import generate

    with tempfile.TemporaryDirectory(prefix="jg-scale-") as tmp:
        out = generate(Path(tmp), base_persons * factor, seed=factor)
        ds = Dataset(out, load_package(out))
        rows = sum(len(ds.table(t)) for t in ("persons", "events", "charges", "sentences"))
        cut = ds.cutoff
        t = {"validate": _clock(lambda: validate(out))}
        t["charge_outcomes"] = _clock(lambda: stages.charge_outcomes(ds.charges, ds.events, ds.persons, cut))
        oc = stages.charge_outcomes(ds.charges, ds.events, ds.persons, cut)
        marked = sgbc.mark_sgbc(oc, ds.crimes, "broad")
        t["person_status"] = _clock(lambda: stages.person_status(ds.persons, ds.events, ds.charges, cut))
        t["funnel_counts"] = _clock(lambda: (funnel.funnel_counts(oc, "charge"), funnel.funnel_counts(oc, "person")))
        t["loss_counts"] = _clock(lambda: funnel.loss_counts(oc, by="situation"))
        t["sgbc"] = _clock(lambda: (sgbc.persons_funnel(marked), sgbc.losses(marked, ds.events)))
        t["intervals"] = _clock(lambda: durations.intervals(ds.persons, ds.events, ds.charges, cut))
        table = durations.intervals(ds.persons, ds.events, ds.charges, cut)
        t["km_summary"] = _clock(lambda: durations.km_summary(table))
        t["detention"] = _clock(lambda: durations.detention_before_judgment(ds.persons, ds.events, ds.charges, cut))
        t["sentences"] = _clock(lambda: sentences.sentence_table(ds.sentences, ds.charges, ds.events, ds.persons, cut))
    total = sum(t.values())
    return {
        "persons": base_persons * factor,
        "rows": rows,
        "seconds": {k: round(v, 3) for k, v in t.items()},
        "total_seconds": round(total, 2),
        "microseconds_per_row": round(1e6 * total / rows, 1),
    }


def scaling(base_persons: int) -> dict:
    results = {f"{factor}x": _scale_once(factor, base_persons) for factor in (1, 10, 100)}
    per_row = [results[k]["microseconds_per_row"] for k in ("1x", "10x", "100x")]
    results["growth_per_row_1x_to_100x"] = round(per_row[2] / per_row[0], 2)
    results["per_step_growth_1x_to_100x"] = {
        step: round(
            (results["100x"]["seconds"][step] / results["100x"]["rows"])
            / max(results["1x"]["seconds"][step] / results["1x"]["rows"], 1e-9),
            2,
        )
        for step in results["1x"]["seconds"]
    }
    return results


def _fmt(seconds: list[float]) -> str:
    return ", ".join(f"{x:.1f}" for x in seconds)


_PATH_PHASES = [
    ("process_seconds", "the process: interpreter start, imports, publishing"),
    ("prepare_seconds", "validating the edited table, loading the data, planning the runs"),
    ("lookup_seconds", "cache look-ups"),
    ("preload_seconds", "imports made once for the workers (nbconvert, WeasyPrint, papermill)"),
    ("pool_seconds", "the runs (in parallel; the last to finish is broken down below)"),
    ("assemble_seconds", "assembly: copies, index, cover, contents, joining the PDF"),
]


def _critical_path_lines(inc: dict) -> list[str]:
    """The data edits' time, phase by phase, and what the target leaves for the runs."""
    rows = [r for r in inc["edits"] if r.get("critical_path") and r["change"].startswith("one ")]
    if not rows:
        return []
    lines = [
        "### Where a data edit's time goes",
        "",
        "Wall-clock seconds of each phase of the build, in the order they are spent (from the build's "
        "`timings.json`; *the process* is the rest of the measured time).",
        "",
        "| phase | " + " | ".join(r["change"] for r in rows) + " |",
        "|---|" + "---|" * len(rows),
    ]
    for key, label in _PATH_PHASES:
        lines.append(f"| {label} | " + " | ".join(f"{r['critical_path'].get(key, 0.0):.2f}" for r in rows) + " |")
    for key, label in [
        ("kernel_start_seconds", "kernel start"),
        ("cells_seconds", "its cells"),
        ("html_seconds", "its two HTML editions"),
        ("pdf_part_seconds", "its PDF part"),
    ]:
        cells = []
        for r in rows:
            last = r["critical_path"].get("longest_run")
            cells.append(f"{last[key]:.2f}" if last else "")
        lines.append(f"| &nbsp;&nbsp;last run to finish: {label} | " + " | ".join(cells) + " |")
    lines.append(
        "| &nbsp;&nbsp;(that run) | "
        + " | ".join((r["critical_path"].get("longest_run") or {}).get("name", "") for r in rows)
        + " |"
    )
    budget = TARGETS["one_row_over_full"] * inc["cold_seconds"]
    lines += ["", f"The target ({TARGETS['one_row_over_full']} of this cold build) is {budget:.1f} s."]
    for r in rows:
        path = r["critical_path"]
        fixed = sum(path.get(k, 0.0) for k, _ in _PATH_PHASES if k != "pool_seconds")
        last = path.get("longest_run") or {}
        chain = sum(v for k, v in last.items() if k.endswith("_seconds"))
        verdict = "met" if r["seconds"] <= budget else "not met"
        lines.append(
            f"- {r['change']}: {r['seconds']:.1f} s, target {verdict}. Everything but the runs took "
            f"{fixed:.1f} s, leaving {budget - fixed:.1f} s for them; the last run to finish "
            f"({last.get('name', 'none')}) took {chain:.1f} s from its kernel's start to its PDF part."
        )
    lines += [
        "",
        "In its own process a build pays its interpreter's start, its imports and a warm kernel "
        "parent's start before any run; a build handed to the build server pays none of them, which "
        "imported the build's stack once and keeps a spare warm parent (compare each data edit's two "
        "columns). A chapter's PDF part is typeset one second-level section at a time, each cached on "
        "its own, so an edit re-typesets only the sections whose content it moved, and a chart the "
        "edit did not move comes from the figure cache. What is left of a run is its kernel's fork, "
        "its cells (the analysis, its tables, the charts the edit moved) and its HTML editions. An "
        "edit re-executes every run that read the edited table, whether or not its pages move:",
        "",
    ]
    for r in (r for r in rows if "executed" in r):
        moved = r.get("rendered", 0) // 2  # two editions a run
        runs = len(r["executed"])
        lines.append(f"- {r['change']}: {runs} run(s) re-executed, {moved} of them with pages that changed.")
    lines.append("")
    return lines


def write_markdown(results: dict, path: Path) -> None:
    full, inc, first, sc = (results.get(k) for k in ("full_build", "incremental", "first_run", "scaling"))
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`python -m justicegap.bench`); numbers below are from the last run, on "
        "the machine described. Re-run to reproduce. Targets (from issue 15) are measured here, never "
        "asserted in a test.",
        "",
        f"Machine: {results['machine']}. The machine is shared with other work: each measurement lists "
        "the 1-minute load average when it started (2.0 means both cores were already busy).",
        "",
    ]
    lines += [
        "## Where the time goes",
        "",
        "A notebook run is, in order: a kernel (forked from the build's warm parent, which imported "
        "ipykernel, pandas, matplotlib, scipy and lifelines once; a plain kernel pays those imports on "
        "every run; either way the kernel is ready as soon as it can answer: its client retries the "
        "kernel's ports every 5 ms rather than ZeroMQ's default 100 ms, stops waiting at the message that "
        "ends the kernel-info exchange rather than after 0.2 s of silence, and hears of the kernel's exit "
        "at once rather than at the next 100 ms poll), the notebook's own work (in the case pages, most of "
        "it the timeline figure: laying it out, checking that its text fits, drawing it; a chart drawn "
        "before from the same inputs comes from the figure cache as the same PNG bytes), then in the "
        "same worker its two HTML editions (nbconvert, "
        "without its closing BeautifulSoup pass and without bleach over highlighted code, which were most "
        "of the reviewer edition's cost) and its PDF part (WeasyPrint: laying out the text, most of it "
        "the tables, laid out at the column widths nb.table computed rather than by measuring every cell; "
        "then drawing and embedding font subsets, made by the pinned HarfBuzz of uharfbuzz in C; the "
        "largest cost of a build, see *pdf_part_seconds_sum*; a chapter's part is typeset one section "
        "at a time, each cached by its content). The build starts the warm parent as soon "
        "as it knows it has work, so its imports overlap validation and the cache look-ups. The main process "
        "then assembles the version: copies, headers, index, the PDF's cover, contents and footers, and "
        "the join (pikepdf). Only the cover and a one-line version label are typeset for every version; "
        "the contents and the page numbers are cached by content. An edit re-does only the runs, pages "
        "and parts whose keys it moves (see the table of incremental rebuilds). A one-row data edit "
        "therefore costs the start (interpreter and imports, validating the edited table, loading the "
        "data, the cache look-ups), then the longest of the runs the row moves (kernel, the notebook's "
        "work, its pages and its PDF part), then the assembly. Of the kernels' start-up, only what the "
        "warm parent pays once per build is left; a build handed to the build server (the usual case "
        "after a data or notebook edit) pays neither the start nor the warm parent, which the server "
        "has ready.",
        "",
    ]
    for key, title in (("full_build", "Full build"), ("first_run", "First `make report` on a fresh clone")):
        if not results.get(key):
            lines += [f"## {title}", "", "Not measured in this run (re-run `make bench`).", ""]
    if full:
        med, where = full["median"], full["where_time_goes"]
        lines += [
            "## Full build: warm kernels, plain kernels, the naive loop",
            "",
            f"{full['notebook_runs']} notebook runs (the real report), cold cache, venv installed, run in turn "
            "(warm, plain, naive, then the reverse). Naive loop: `papermill` CLI then "
            "`jupyter nbconvert --to html --no-input`, one notebook after another (it makes no PDF, index "
            "or manifest; ours does). Plain kernels: our build with the warm parent switched off "
            "(`JUSTICEGAP_PLAIN_KERNELS=1`).",
            "",
            "| | runs (s) | median (s) |",
            "|---|---|---|",
            f"| this build, warm kernels | {_fmt(full['seconds']['warm'])} | {med['warm']:.1f} |",
            f"| this build, plain kernels | {_fmt(full['seconds']['plain'])} | {med['plain']:.1f} |",
            f"| naive loop | {_fmt(full['seconds']['naive'])} | {med['naive']:.1f} |",
            "",
            f"Ratio warm / naive: **{full['ratio_warm_over_naive']:.2f}** (target ≤ {TARGETS['full_over_naive']}); "
            f"plain / naive {full['ratio_plain_over_naive']:.2f}; warm / plain {full['ratio_warm_over_plain']:.2f}. "
            f"Load averages at each start: {', '.join(map(str, full['load_averages']))}.",
            "",
            "Where the time goes (last run of each; `*_sum` are summed over the runs, which execute two at a "
            "time; the wall-clock phases are the build's own):",
            "",
            "| | warm kernels | plain kernels |",
            "|---|---|---|",
        ]
        for key in where.get("warm", {}):
            lines.append(f"| {key} | {where['warm'][key]} | {where.get('plain', {}).get(key, '')} |")
        lines += [
            "",
            "Reading it: *kernel_start* is papermill's time from launch to the first cell; with warm kernels "
            "it is a fork plus the kernel's own set-up, and the notebooks' imports of pandas, matplotlib and "
            "lifelines cost nothing because the parent made them. *execution* is the notebooks' own work. "
            "*render* (in the same workers, overlapping other runs) is two nbconvert editions plus one "
            "WeasyPrint PDF part per run; *assemble_and_pdf* is the main process copying outputs, filling "
            "headers, writing the index, typesetting the cover and version label, and joining the PDF parts "
            "with their footers.",
            "",
            f"Largest HTML page: {full['largest_page_bytes'] / 1e6:.2f} MB (target: none over 5 MB).",
            "",
        ]
    if inc:
        lines += [
            "## Incremental rebuilds, by kind of edit",
            "",
            "From a checkout copy, one edit after another, each built as `make report` builds: the command "
            "is timed as a whole, from its interpreter's start. After a build in its own process, `make "
            "report` leaves a build server for that code (see the README); the next build is handed to it "
            "unless the code changed. Before each edit the bench waits, untimed, until that server is "
            "ready (its spare warm kernel parent has finished importing, a second or two after a build "
            "ends), as it is when an analyst pauses between an edit and `make report`. The data edits are "
            "then made once more, to values not built before, with the server off "
            f"(`JUSTICEGAP_DAEMON=0`). Cold build of that checkout: {inc['cold_seconds']:.1f} s.",
            "",
            "| change | seconds | share of the cold build | built by | executed | pages rendered | PDF parts | load |",
            "|---|---|---|---|---|---|---|---|",
            f"| none (no-op) | {inc['noop_cli_seconds']:.2f} | | | 0 | 0 | 0 | |",
        ]
        for row in inc["edits"]:
            names = ", ".join(row["executed"]) if len(row["executed"]) <= 3 else f"{len(row['executed'])} runs"
            by = {True: "the server", False: "its own process"}.get(row.get("served"), "")
            lines.append(
                f"| {row['change']} | {row['seconds']:.1f} | {row['seconds'] / inc['cold_seconds']:.2f} | {by} | "
                f"{names or 'none'} | {row['rendered']} | {row['typeset']} | {row['load']} |"
            )
        lines += [
            "",
            f"Targets: a one-row data edit ≤ {TARGETS['one_row_over_full']} of the full build; an edit to a module "
            f"no notebook imports re-executes nothing; no-op under {TARGETS['noop_seconds']:.0f} s. Any edit "
            "makes a new version, so even one that redoes nothing pays for assembling it: copying, the index, "
            "typesetting the cover and version label, and joining the PDF.",
            "",
        ]
        lines += _critical_path_lines(inc)
    if first:
        lines += [
            "## First `make report` on a fresh clone",
            "",
            "`git clone` of this commit, then `make venv` and `make report` with nothing cached (uv starts "
            "with an empty cache, pip with `PIP_NO_CACHE_DIR=1`), from the same package index.",
            "",
            "| installer | set-up (s) | set-up + build (s) | load |",
            "|---|---|---|---|",
        ]
        for side, row in first.items():
            lines.append(f"| {side} | {row['setup_seconds']:.0f} | {row['total_seconds']:.0f} | {row['load']} |")
        if "uv" in first:
            ratio = first["uv"]["total_seconds"] / FIRST_RUN_BEFORE
            lines += [
                "",
                f"Before issue 15 it took {FIRST_RUN_BEFORE:.0f} s (pip, plain kernels); now "
                f"{first['uv']['total_seconds']:.0f} s: **{ratio:.2f}** of it (target ≤ "
                f"{TARGETS['first_run_over_before']}).",
            ]
        lines.append("")
    if not sc:
        lines += ["## Scaling (synthetic data)", "", "Not measured in this run (`--skip-scaling`).", ""]
    if sc:
        lines += [
            "## Scaling (synthetic data)",
            "",
            "Validation plus every analysis function on synthetic datasets of 1x, 10x and 100x the "
            "real number of persons (`src/justicegap/synthetic.py`, valid under the schema).",
            "",
            "| size | persons | rows | total (s) | µs per row |",
            "|---|---|---|---|---|",
        ]
        for k in ("1x", "10x", "100x"):
            r = sc[k]
            lines.append(f"| {k} | {r['persons']} | {r['rows']} | {r['total_seconds']} | {r['microseconds_per_row']} |")
        lines += [
            "",
            f"Time per row, 100x over 1x: **{sc['growth_per_row_1x_to_100x']}**; 100x over 10x: "
            f"**{sc['100x']['microseconds_per_row'] / sc['10x']['microseconds_per_row']:.2f}** (at 1x fixed costs "
            "such as imports dominate; above 2 would mean worse than linear). Target, validation plus every "
            f"analysis function on 100x under 30 s: {sc['100x']['total_seconds']} s.",
            "",
            "Per step (time per row at 100x over 1x): "
            + ", ".join(f"{k} {v}" for k, v in sc["per_step_growth_1x_to_100x"].items())
            + ".",
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="justicegap.bench", description=__doc__)
    parser.add_argument("--pairs", type=int, default=3, help="rounds of the full-build comparison (default 3)")
    parser.add_argument("--skip-full", action="store_true", help="skip the (slow) full build comparison")
    parser.add_argument("--skip-first-run", action="store_true", help="skip the fresh-clone measurement")
    parser.add_argument(
        "--first-run-installers", default="uv,pip", help="installers the fresh-clone run compares (default uv,pip)"
    )
    parser.add_argument("--skip-scaling", action="store_true", help="skip the synthetic-data scaling")
    parser.add_argument(
        "--markdown-only",
        action="store_true",
        help="rewrite docs/BENCHMARKS.md from reports/bench/results.json without measuring",
    )
    args = parser.parse_args(argv)
    out = paths.reports_dir() / "bench"
    if args.markdown_only:
        results = json.loads((out / "results.json").read_text())
        write_markdown(results, paths.ROOT / "docs" / "BENCHMARKS.md")
        return 0
    os.environ.setdefault("MPLBACKEND", "Agg")
    previous = json.loads((out / "results.json").read_text()) if (out / "results.json").exists() else {}
    results = {"machine": f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}"}
    steps = [
        ("scaling", not args.skip_scaling, lambda: scaling(len(_persons()))),
        ("incremental", True, incremental),
        ("full_build", not args.skip_full, lambda: full_build_vs_naive(args.pairs)),
        ("first_run", not args.skip_first_run, lambda: first_run(tuple(args.first_run_installers.split(",")))),
    ]
    out.mkdir(parents=True, exist_ok=True)
    for key, wanted, fn in steps:
        if wanted:
            print(f"{key.replace('_', ' ').capitalize()}...", flush=True)
            results[key] = fn()
        elif key in previous:  # keep the last measurement of a skipped step
            results[key] = previous[key]
        # written after each step, so a long run that is stopped keeps what it measured
        (out / "results.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
        write_markdown(results, paths.ROOT / "docs" / "BENCHMARKS.md")
    print((paths.ROOT / "docs" / "BENCHMARKS.md").read_text())
    return 0


def _persons():
    from .data.dataset import load_dataset

    return load_dataset(paths.ROOT / "data").persons


if __name__ == "__main__":
    sys.exit(main())
