"""Worker processes: each owns at most one LIBERO environment and answers commands over a pipe.

MuJoCo and its OpenGL context are not thread-safe and a crash in native code takes the process down, so every
environment lives in its own process (spawned, not forked: forking a process that already holds a GL context is
unsafe, LIBERO issue #3). The server keeps a fixed pool; lock-step stepping of many environments is many workers
answering at once.
"""

from __future__ import annotations

import multiprocessing as mp
import threading
import traceback


class WorkerDied(RuntimeError):
    """The worker process exited (killed, or crashed in native code) while it held an environment."""


class CommandFailed(RuntimeError):
    """The worker answered a command with an error: ``kind`` is a protocol error kind."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def _worker_main(conn):
    from . import sim

    sim.configure_rendering()
    env = None
    conn.send(("ready",))
    while True:
        try:
            op, args = conn.recv()
        except EOFError:  # the server went away
            break
        try:
            if op == "open":
                if env is not None:
                    env.close()
                    env = None
                env = sim.SimEnv(**args)
                result = {"language": env.language, "init_states": int(len(env.init_states))}
            elif op == "reset":
                result = env.reset(**args)
            elif op == "step":
                result = env.step(**args)
            elif op == "close":
                if env is not None:
                    env.close()
                env = None
                result = {}
            elif op == "catalog":
                result = sim.catalog(**args)
            elif op == "quit":
                conn.send(("ok", {}))
                break
            else:
                raise ValueError(f"unknown worker command {op!r}")
            conn.send(("ok", result))
        except Exception as e:  # noqa: BLE001 - every failure becomes an error reply, the worker lives on
            conn.send(("err", "simulator", f"{type(e).__name__}: {e}", traceback.format_exc(limit=5)))
    if env is not None:
        env.close()


class Worker:
    """The server-side handle of one worker process; one command at a time."""

    def __init__(self, ctx, slot: int):
        self.slot = slot
        self._ctx = ctx
        self._lock = threading.Lock()
        self._start()

    def _start(self):
        parent, child = self._ctx.Pipe()
        self.process = self._ctx.Process(target=_worker_main, args=(child,), name=f"libero-worker-{self.slot}",
                                         daemon=True)
        self.process.start()
        child.close()
        self._conn = parent
        self._ready = False

    def wait_ready(self, timeout: float = 120.0):
        if self._ready:
            return
        if not self._conn.poll(timeout):
            raise WorkerDied(f"worker {self.slot} did not start within {timeout:.0f} s")
        self._conn.recv()
        self._ready = True

    def call(self, op: str, **args):
        """Runs one command in the worker; blocks until it answers."""
        with self._lock:
            try:
                self.wait_ready()
                self._conn.send((op, args))
                reply = self._conn.recv()
            except (EOFError, OSError, BrokenPipeError) as e:
                self.process.join(timeout=5)  # reap it, so its exit code is known
                code = self.process.exitcode
                self._start()  # a fresh process for the next environment; this one's state is gone
                raise WorkerDied(f"worker process {self.slot} exited (exit code {code})") from e
        if reply[0] == "ok":
            return reply[1]
        raise CommandFailed(reply[1], reply[2])

    def stop(self):
        try:
            with self._lock:
                self._conn.send(("quit", {}))
                self._conn.poll(5) and self._conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()


class WorkerPool:
    """A fixed number of worker processes; a slot is lent to one environment at a time."""

    def __init__(self, size: int):
        ctx = mp.get_context("spawn")
        self.workers = [Worker(ctx, i) for i in range(size)]
        self._free = list(range(size))
        self._lock = threading.Lock()

    def wait_ready(self):
        for w in self.workers:
            w.wait_ready()

    def acquire(self):
        with self._lock:
            return self.workers[self._free.pop(0)] if self._free else None

    def release(self, worker):
        with self._lock:
            if worker.slot not in self._free:
                self._free.append(worker.slot)

    def free(self) -> int:
        with self._lock:
            return len(self._free)

    def stop(self):
        for w in self.workers:
            w.stop()
