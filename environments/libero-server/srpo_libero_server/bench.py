"""The baseline for the bridge's overhead: the same loop as the bridge benchmark, in Python without the bridge.

``--envs 1`` steps one LIBERO environment in this process; ``--envs N`` steps N environments in lock-step in N
worker processes (the server's own workers, without the WebSocket in front). The loop runs ``--repeat`` timed
blocks of ``--steps`` steps and reports the best block (the machine is shared: the best block is the least
disturbed). Prints one line: ``python-baseline envs=N steps=S seconds=T steps_per_s=R``.
"""

from __future__ import annotations

import argparse
import time
from concurrent.futures import ThreadPoolExecutor

from . import protocol as p
from .sim import SimEnv, configure_rendering

TASKS = [("libero_spatial", 0), ("libero_goal", 1), ("libero_object", 2), ("libero_10", 3)]


def action(t: int):
    """The benchmark's fixed action sequence: a slow circle in x/y, gripper open (never solves a task)."""
    return [0.3 if (t // 10) % 2 == 0 else -0.3, 0.3 if (t // 20) % 2 == 0 else -0.3, 0, 0, 0, 0, -1]


def main(argv=None):
    ap = argparse.ArgumentParser(prog="srpo-libero-bench")
    ap.add_argument("--envs", type=int, default=1)
    ap.add_argument("--steps", type=int, default=100, help="steps per environment")
    ap.add_argument("--size", type=int, default=128)
    ap.add_argument("--repeat", type=int, default=3, help="timed blocks; the best is reported")
    args = ap.parse_args(argv)
    configure_rendering()
    tasks = [TASKS[i % len(TASKS)] for i in range(args.envs)]
    if args.envs == 1:
        env = SimEnv(tasks[0][0], tasks[0][1], args.size, args.size, False, 7)
        env.reset(0, 10)
        seconds = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            for t in range(args.steps):
                env.step([action(t)])
            seconds = min(seconds, time.perf_counter() - start)
    else:
        from .workers import WorkerPool

        pool = WorkerPool(args.envs)
        pool.wait_ready()
        with ThreadPoolExecutor(args.envs) as ex:
            list(ex.map(lambda wt: wt[0].call("open", suite_id=wt[1][0], index=wt[1][1], width=args.size,
                                              height=args.size, wrist=False, seed=7), zip(pool.workers, tasks)))
            list(ex.map(lambda w: w.call("reset", init_state=0, warmup=10), pool.workers))
            seconds = float("inf")
            for _ in range(args.repeat):
                start = time.perf_counter()
                for t in range(args.steps):
                    a = p.check_actions([action(t)], "bench")
                    list(ex.map(lambda w: w.call("step", actions=a), pool.workers))
                seconds = min(seconds, time.perf_counter() - start)
        pool.stop()
    total = args.steps * args.envs
    print(f"python-baseline envs={args.envs} steps={total} seconds={seconds:.3f} steps_per_s={total / seconds:.3f}",
          flush=True)


if __name__ == "__main__":
    main()
