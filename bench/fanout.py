"""Fan-out: one window opening for many agencies, against Telegram's sending limits.

300 agency groups share the 07:30 WIB window. The fake Bot API (its own process) enforces
30 messages/s overall, 1/s per chat and 20/min per group, answering 429 beyond them.
Timed: ``await app.tick()`` (plan the day, enqueue the prompts, send them through
``Notifier`` and the throttled session) until the fake accepted the last prompt.

The minimum Telegram allows: with at most 30 messages in any 1 s, the first 30 may go at
once and message k (0-based) no earlier than floor(k / 30) s, so the last of N arrives
no earlier than (N - 30) / 30 s (9 s for 300). ratio = measured / that minimum.

Each run is a fresh process (``_fanout_run.py``: fresh database, limiter and peak RSS);
medians are printed. This file imports nothing heavy, so the children's ``ru_maxrss`` is
their own. Run: ``python bench/fanout.py`` (``--help`` for sizes).
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

from _stats import median, spread

GLOBAL_PER_SECOND = 30
RUN = Path(__file__).with_name("_fanout_run.py")


def minimum_seconds(n: int, per_second: int = GLOBAL_PER_SECOND) -> float:
    """When the last of ``n`` messages can arrive at the earliest: floor((n-1)/30) s."""
    return float(math.floor((n - 1) / per_second)) if n else 0.0


def aiogram_floor_mb() -> float:
    """Peak RSS of a process that does nothing but ``import aiogram`` (the library's floor)."""
    code = "import resource, aiogram; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(done.stdout.strip()) / 1024


def run_child(agencies: int, members: int) -> dict[str, Any]:
    command = [sys.executable, str(RUN), str(agencies), str(members)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"run failed with exit code {done.returncode}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--agencies", type=int, default=300)
    parser.add_argument("--members", type=int, default=3, help="members per agency")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    n = args.agencies
    floor_s = minimum_seconds(n)
    print(
        f"fanout: {n} groups x {args.members} members, one window, limits 30/s, 1/s per chat,"
        f" 20/min per group; minimum (N-30)/30 = {floor_s:.1f} s (N/30 = {n / 30:.1f} s);"
        f" {args.runs} runs, each a fresh process"
    )
    runs = []
    for i in range(args.runs):
        r = run_child(args.agencies, args.members)
        runs.append(r)
        print(
            f"  run {i + 1}: prompts accepted from {r['first_accepted_s']:.2f} s"
            f" to {r['last_accepted_s']:.2f} s (tick returned {r['tick_returned_s']:.2f} s),"
            f" 429s {r['rejected']}, peak RSS {r['peak_rss_mb']:.0f} MB"
            f" ({r['rss_before_mb']:.0f} MB before the tick); the tick used"
            f" {r['tick_cpu_s']:.2f} CPU-s and {r['statements']} SQL statements"
        )
    lasts = [r["last_accepted_s"] for r in runs]
    firsts = [r["first_accepted_s"] for r in runs]
    sending = [r["last_accepted_s"] - r["first_accepted_s"] for r in runs]
    ratios = [x / floor_s for x in lasts]
    print(f"  last prompt accepted: median {median(lasts):.2f} s ({spread(lasts)})")
    print(f"  ratio to the minimum (N-30)/30: median {median(ratios):.3f} ({spread(ratios)})")
    print(f"  ratio to N/30: median {median(lasts) / (n / 30):.3f}")
    print(
        f"  of which: before the first prompt (planning, claiming, outbox) median"
        f" {median(firsts):.2f} s; first to last prompt median {median(sending):.2f} s"
        f" (ratio {median(sending) / floor_s:.3f} to the minimum)"
    )
    print(f"  429s: total {sum(r['rejected'] for r in runs)} over {len(runs)} runs")
    hwm = [r["vm_hwm_mb"] for r in runs if r.get("vm_hwm_mb")]
    print(
        f"  peak RSS (ru_maxrss): max {max(r['peak_rss_mb'] for r in runs):.0f} MB"
        + (f" (VmHWM max {max(hwm):.0f} MB)" if hwm else "")
        + f"; a process that only imports aiogram: {aiogram_floor_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
