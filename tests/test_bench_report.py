"""make bench's reading of a build's timings: pure, no build, hand-computed."""

from justicegap import bench

TIMINGS = {
    "phases": {
        "prepare_seconds": 1.0,
        "lookup_seconds": 0.2,
        "preload_seconds": 1.3,
        "pool_seconds": 5.0,
        "assemble_seconds": 1.0,
    },
    "notebooks": [
        {"name": "cached", "status": "cached", "seconds": 0.0, "kernel_start_seconds": 0.0,
         "render_seconds": 0.0, "pdf_part_seconds": 0.0},
        {"name": "short", "status": "executed", "seconds": 2.0, "kernel_start_seconds": 0.4,
         "render_seconds": 1.0, "pdf_part_seconds": 0.6},
        {"name": "long", "status": "executed", "seconds": 3.0, "kernel_start_seconds": 0.5,
         "render_seconds": 2.5, "pdf_part_seconds": 2.0},
    ],
}  # fmt: skip


def test_critical_path_splits_the_wall_clock_and_the_last_run():
    path = bench.critical_path(10.0, TIMINGS)
    # 10 s measured, 8.5 s seen by the build's own clock: 1.5 s is the process around it
    assert round(path["process_seconds"], 2) == 1.5
    assert path["pool_seconds"] == 5.0
    # "long" ends last: 3.0 + 2.5 s against 2.0 + 1.0 s; its 3.0 s hold 0.5 s of kernel start,
    # its 2.5 s of render 2.0 s of PDF
    assert path["longest_run"] == {
        "name": "long",
        "kernel_start_seconds": 0.5,
        "cells_seconds": 2.5,
        "html_seconds": 0.5,
        "pdf_part_seconds": 2.0,
    }


def test_an_up_to_date_build_has_no_runs():
    path = bench.critical_path(0.4, {"phases": {}, "notebooks": []})
    assert path == {"process_seconds": 0.4}


def test_critical_path_lines_say_what_the_target_leaves():
    inc = {
        "cold_seconds": 50.0,
        "edits": [
            {
                "change": "one sentence row",
                "seconds": 10.0,
                "critical_path": bench.critical_path(10.0, TIMINGS),
                "executed": ["short", "long"],
                "rendered": 2,
            },
            {"change": "a template", "seconds": 20.0, "critical_path": {"process_seconds": 1.0}},
        ],
    }
    text = "\n".join(bench._critical_path_lines(inc))
    assert "a template" not in text  # only the data edits are broken down
    assert "The target (0.1 of this cold build) is 5.0 s." in text
    # everything but the pool: 1.5 + 1.0 + 0.2 + 1.3 + 1.0 = 5.0 s, leaving 0.0 s; the last
    # run's chain 0.5 + 2.5 + 0.5 + 2.0 = 5.5 s
    assert (
        "- one sentence row: 10.0 s, target not met. Everything but the runs took 5.0 s, leaving 0.0 s "
        "for them; the last run to finish (long) took 5.5 s" in text
    )
    assert "| imports made once for the workers (nbconvert, WeasyPrint, papermill) | 1.30 |" in text
    # two runs re-executed; 2 pages rendered are one run's two editions
    assert "- one sentence row: 2 run(s) re-executed, 1 of them with pages that changed." in text
