"""Time the terminal UI headless: first screen, and a weight change re-ranked and redrawn.

    .venv/bin/python benchmarks/tui.py [SCENARIO] [--generated OPTIONSxCRITERIA] [--changes N]

Prints:
- import: importing the app module (textual included), from process start;
- first screen (from process start): until the main screen is mounted and drawn;
- first screen (from app creation): create_app(...) until the main screen is drawn;
- weight change, as asked: a key press (right/left arrow) until `await pilot.pause()`
  returns (the session re-ranked and the screen redrawn); median and 90th percentile
  over N. Pilot's idle detection adds a fixed overhead, so the same is timed for a key
  bound to nothing (the harness floor), and the net is shown;
- weight change, in the app: from the key press until the first frame the screen
  composes after the views were updated (timestamps taken inside the app).
- with `--smaa N`: key presses answered while the uncertainty screen simulates N
  samples (in its child process): median and worst press + pause, and how long
  the run took (the first run includes starting the child, about 0.3 s).
"""

from __future__ import annotations

import time

START = time.perf_counter()

import argparse  # noqa: E402
import asyncio  # noqa: E402
import datetime as dt  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def generated(options: int, criteria: int, seed: int = 7) -> object:
    from optionscope.model.scenario import Scenario

    rng = random.Random(seed)
    crit = [
        {
            "id": f"c{j:02d}",
            "name": f"Criterion {j}",
            "group": f"Group {j // 5}",
            "scale": {"min": 0, "max": 10},
        }
        for j in range(criteria)
    ]
    opts = [{"id": f"o{i:03d}", "name": f"Option {i}", "summary": "."} for i in range(options)]
    return Scenario.model_validate(
        {
            "id": "generated",
            "title": f"Generated {options} x {criteria}",
            "question": "Which one?",
            "as_of": dt.date(2024, 1, 1),
            "criteria": crit,
            "options": opts,
            "assessments": {
                o["id"]: {c["id"]: {"value": round(rng.uniform(0, 10), 2)} for c in crit}
                for o in opts
            },
        }
    )


async def measure(scenario: object, changes: int, size: tuple[int, int]) -> dict[str, float]:
    from optionscope.tui import create_app

    created = time.perf_counter()
    app = create_app(scenario, blink=False)
    out: dict[str, float] = {}
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        drawn = time.perf_counter()
        out["first_from_start"] = drawn - START
        out["first_from_create"] = drawn - created
        screen = app.main_screen
        frames: list[float] = []
        updated: list[float] = []
        compose_frame = screen._compositor_refresh
        refresh_views = screen.refresh_views

        def timed_frame() -> None:
            compose_frame()
            frames.append(time.perf_counter())

        def timed_refresh(rows: bool = True) -> None:
            refresh_views(rows)
            updated.append(time.perf_counter())

        screen._compositor_refresh = timed_frame  # type: ignore[method-assign]
        screen.refresh_views = timed_refresh  # type: ignore[method-assign]
        floor = []
        for _ in range(max(changes // 2, 10)):
            t0 = time.perf_counter()
            await pilot.press("f12")  # bound to nothing
            await pilot.pause()
            floor.append(time.perf_counter() - t0)
        times = []
        latency = []
        for i in range(changes):
            key = "right" if i % 2 == 0 else "left"
            frames.clear()
            updated.clear()
            t0 = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            times.append(time.perf_counter() - t0)
            if updated:
                drawn_after = [f for f in frames if f >= updated[-1]]
                if drawn_after:
                    latency.append(drawn_after[0] - t0)
        out["median"] = statistics.median(times)
        out["p90"] = sorted(times)[int(0.9 * (len(times) - 1))]
        out["floor"] = statistics.median(floor)
        out["latency"] = statistics.median(latency) if latency else float("nan")
        out["latency_p90"] = (
            sorted(latency)[int(0.9 * (len(latency) - 1))] if latency else float("nan")
        )
    return out


async def measure_smaa(scenario: object, samples: int, size: tuple[int, int]) -> dict[str, float]:
    """Keys pressed while SMAA runs: how long each takes to be handled."""
    from optionscope.tui import create_app
    from optionscope.tui.screens import UncertaintyScreen

    app = create_app(scenario, blink=False)
    out: dict[str, float] = {}
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = UncertaintyScreen(app.session, samples=samples)
        started = time.perf_counter()
        app.push_screen(screen)
        presses = []
        while True:
            t0 = time.perf_counter()
            await pilot.press("f12")
            await pilot.pause()
            presses.append(time.perf_counter() - t0)
            if not screen.running:
                break
        await app.workers.wait_for_complete()
        out["run"] = time.perf_counter() - started
        out["presses"] = float(len(presses))
        out["median"] = statistics.median(presses)
        out["worst"] = max(presses)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=str(ROOT / "tests" / "data" / "tiny.yaml"))
    parser.add_argument("--generated", metavar="OxC", help="a generated scenario, e.g. 500x60")
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--size", default="100x30")
    parser.add_argument("--smaa", type=int, metavar="N", help="also time keys during N-sample SMAA")
    args = parser.parse_args()
    t0 = time.perf_counter()
    import optionscope.tui.app  # noqa: F401

    imported = time.perf_counter()
    if args.generated:
        n_opt, n_crit = (int(x) for x in args.generated.lower().split("x"))
        scenario = generated(n_opt, n_crit)
        name = f"generated {n_opt} options x {n_crit} criteria"
    else:
        from optionscope.io.scenario_files import load_scenario

        scenario = load_scenario(args.scenario)
        name = args.scenario
    w, h = (int(x) for x in args.size.split("x"))
    result = asyncio.run(measure(scenario, args.changes, (w, h)))
    print(f"scenario: {name}  terminal {w}x{h}  python {sys.version.split()[0]}")
    print(f"import app (textual included):   {1000 * (imported - t0):7.1f} ms")
    print(f"first screen, from process start: {1000 * result['first_from_start']:7.1f} ms")
    print(f"first screen, from create_app:    {1000 * result['first_from_create']:7.1f} ms")
    ms = {k: 1000 * v for k, v in result.items()}
    print(
        f"weight change, press + pilot.pause(): median {ms['median']:.1f} ms, "
        f"p90 {ms['p90']:.1f} ms over {args.changes} changes"
    )
    print(f"  harness floor (key bound to nothing): median {ms['floor']:.1f} ms")
    print(f"  net of the floor:                     median {ms['median'] - ms['floor']:.1f} ms")
    print(
        f"weight change, key to next frame drawn (in-app): median {ms['latency']:.1f} ms, "
        f"p90 {ms['latency_p90']:.1f} ms"
    )

    if args.smaa:
        smaa = asyncio.run(measure_smaa(scenario, args.smaa, (w, h)))
        print(
            f"keys during SMAA ({args.smaa:,} samples, {smaa['run']:.2f} s): "
            f"{smaa['presses']:.0f} presses, press + pilot.pause() median "
            f"{1000 * smaa['median']:.1f} ms, worst {1000 * smaa['worst']:.1f} ms"
        )


if __name__ == "__main__":
    main()
