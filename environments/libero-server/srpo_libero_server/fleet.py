"""A fleet of bridge servers on a Ray cluster: one Ray actor per server, an addresses file the Java pool reads.

    python -m srpo_libero_server.fleet --servers 4 --workers-per-server 8 --out fleet.json          # this machine
    python -m srpo_libero_server.fleet --address auto --servers 16 --workers-per-server 8 --out fleet.json

Each actor reserves ``--workers-per-server`` CPUs, so Ray spreads the servers over the cluster's nodes, and runs
one bridge server (``python -m srpo_libero_server``) bound to its node's address with the fleet's token. An actor
that dies is restarted by Ray (``max_restarts``); a server process that dies under a live actor is restarted by
the actor. The launcher checks every actor each ``--interval`` seconds and rewrites the addresses file, atomically,
whenever the set of live servers changes; the Java side (``LiberoPool.fromFleet``) re-reads it when it loses a
server. On SIGTERM, SIGINT or any exit the launcher stops every actor (their servers go with them) and leaves a
file that lists no server.

Scheduling stays Ray's: the trainer only reads addresses, so nothing in the bridge's protocol knows about Ray.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import sys
import tempfile
import time

FLEET_VERSION = 1
BANNER = "listening on ws://"


def write_atomically(path: str, data: dict):
    """Writes JSON to a temporary file beside ``path`` and renames it over ``path``: readers see old or new."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".fleet.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w") as f:
            json.dump(data, f, indent=2)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def fleet_document(servers: list, workers: int, expected: int) -> dict:
    """The addresses file: ``servers`` are the live ones; the token is not in it (it is the fleet's secret)."""
    return {
        "version": FLEET_VERSION,
        "updated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "expected_servers": expected,
        "workers_per_server": workers,
        "servers": sorted(servers, key=lambda s: s["actor"]),
    }


class BridgeServer:
    """The body of one fleet actor: one bridge server process on this node, restarted when it exits."""

    def __init__(self, index: int, workers: int, token: str, port: int, python: str, host: str | None):
        import ray

        self.index, self.workers, self.token, self.port, self.python = index, workers, token, port, python
        self.host = host or node_address(ray)
        self.process = None
        self.address = None
        self.restarts = 0
        self._start()

    def _start(self):
        import subprocess

        env = dict(os.environ, SRPO_LIBERO_TOKEN=self.token, PYTHONUNBUFFERED="1")
        port = self.port + self.index if self.port else 0  # a fixed base port: one per server, never shared
        # the server dies with this actor: it holds the server's stdin, which the kernel closes when the actor's
        # process is gone (a parent-death signal would follow the thread that started it, not the process)
        self.process = subprocess.Popen(
            [self.python, "-m", "srpo_libero_server", "--host", self.host, "--port", str(port),
             "--workers", str(self.workers), "--watch-stdin"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        lines = []
        for line in self.process.stdout:  # LIBERO's start-up chatter, then the banner naming the bound port
            lines.append(line.rstrip())
            if BANNER in line:
                self.address = "ws://" + line.split(BANNER, 1)[1].split()[0]
                break
        else:
            code = self.process.wait()
            raise RuntimeError(f"bridge server {self.index} on {self.host} exited with code {code} before listening:"
                               f"\n" + "\n".join(lines[-20:]))
        import threading

        threading.Thread(target=self._drain, args=(self.process,), daemon=True).start()

    @staticmethod
    def _drain(process):
        for _ in process.stdout:  # keep the pipe empty so the server never blocks on its own logging
            pass

    def info(self) -> dict:
        """This server's entry in the addresses file; restarts the server first if its process exited."""
        if self.process.poll() is not None:
            self.restarts += 1
            self._start()
        return {"actor": self.index, "address": self.address, "node": self.host, "workers": self.workers,
                "pid": self.process.pid, "actor_pid": os.getpid(), "restarts": self.restarts}

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except Exception:  # noqa: BLE001 - a server that ignores SIGTERM is killed
                self.process.kill()
        return True


def node_address(ray) -> str:
    """The address Ray knows this actor's node by (its --node-ip-address), which the server binds and announces."""
    me = ray.get_runtime_context().get_node_id()
    for node in ray.nodes():
        if node["NodeID"] == me:
            return node["NodeManagerAddress"]
    return ray.util.get_node_ip_address()


class Fleet:
    """Starts the actors, keeps the addresses file true, stops them all."""

    def __init__(self, servers: int, workers: int, token: str, out: str, port: int = 0, host: str | None = None,
                 python: str = sys.executable, max_restarts: int = -1):
        import ray

        self.ray = ray
        self.out, self.workers, self.expected = out, workers, servers
        actor = ray.remote(num_cpus=workers, max_restarts=max_restarts, max_task_retries=0)(BridgeServer)
        self.actors = [actor.remote(i, workers, token, port, python, host) for i in range(servers)]
        self.live = {}

    def refresh(self, timeout: float = 10.0) -> bool:
        """Asks every actor for its server; rewrites the file when the live set changed. True if it changed."""
        ray = self.ray
        pending = {a.info.remote(): i for i, a in enumerate(self.actors)}
        live = {}
        ready, _ = ray.wait(list(pending), num_returns=len(pending), timeout=timeout)
        for ref in ready:
            try:
                info = ray.get(ref)
                live[info["actor"]] = info
            except ray.exceptions.RayError:
                pass  # dead, restarting or failing: left out until it answers again
        key = lambda d: {i: (s["address"], s["pid"]) for i, s in d.items()}  # noqa: E731
        changed = key(live) != key(self.live)
        self.live = live
        if changed:
            write_atomically(self.out, fleet_document(list(live.values()), self.workers, self.expected))
        return changed

    def stop(self):
        ray = self.ray
        # every live actor stops its server gracefully; a dead one has nothing to stop and holds no one up
        ray.wait([a.stop.remote() for a in self.actors], num_returns=len(self.actors), timeout=30)
        for a in self.actors:
            ray.kill(a, no_restart=True)
        self.live = {}
        write_atomically(self.out, fleet_document([], self.workers, self.expected))


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m srpo_libero_server.fleet",
                                 description="Run LIBERO bridge servers as Ray actors and keep an addresses file.")
    ap.add_argument("--address", default=None,
                    help="Ray cluster to join ('auto', or HOST:PORT of its head); default: a private Ray on this "
                         "machine, stopped with the launcher")
    ap.add_argument("--servers", type=int, required=True, help="bridge servers (Ray actors)")
    ap.add_argument("--workers-per-server", type=int, default=2, help="LIBERO worker processes per server (CPUs "
                                                                      "each actor reserves)")
    ap.add_argument("--out", required=True, help="the addresses file to keep up to date (JSON)")
    ap.add_argument("--token", default=os.environ.get("SRPO_LIBERO_TOKEN"),
                    help="the servers' shared token (default $SRPO_LIBERO_TOKEN; a random one, printed, if unset)")
    ap.add_argument("--port", type=int, default=0, help="0: every server takes a free port; N: server i listens "
                                                        "on N+i")
    ap.add_argument("--interval", type=float, default=5.0, help="seconds between checks of the actors")
    ap.add_argument("--host", default=None, help="address every server binds and announces (default: its node's "
                                                 "address as Ray knows it; 127.0.0.1 keeps a one-machine fleet on "
                                                 "loopback)")
    ap.add_argument("--num-cpus", type=int, default=None, help="CPUs a private Ray offers (default: all)")
    ap.add_argument("--watch-stdin", action="store_true", help="stop when standard input closes (the parent "
                                                               "process that started the launcher is gone)")
    args = ap.parse_args(argv)
    if args.servers < 1 or args.workers_per_server < 1:
        ap.error("--servers and --workers-per-server must be >= 1")
    if args.interval <= 0:
        ap.error("--interval must be > 0")
    token = args.token or secrets.token_urlsafe(24)
    if not args.token:
        print(f"fleet: no token given: generated one; clients need SRPO_LIBERO_TOKEN={token}", flush=True)

    # a fresh file at once: readers never take a dead fleet's file (a killed launcher's) for this one
    write_atomically(args.out, fleet_document([], args.workers_per_server, args.servers))
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no phoning home
    import ray

    init = {"address": args.address, "include_dashboard": False, "log_to_driver": False,
            "configure_logging": False}
    if args.address is None:
        init.update(num_cpus=args.num_cpus, object_store_memory=100 * 1024 * 1024)  # no objects move through Ray
    ray.init(**{k: v for k, v in init.items() if v is not None or k == "address"})

    stopping = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stopping.append(True))
    if args.watch_stdin:
        import threading

        def watch():
            sys.stdin.read()  # returns at end of file: the parent is gone
            stopping.append(True)

        threading.Thread(target=watch, daemon=True).start()
    fleet = None
    try:
        fleet = Fleet(args.servers, args.workers_per_server, token, args.out, args.port, args.host)
        while not stopping:
            if fleet.refresh():
                print(f"fleet: {len(fleet.live)}/{args.servers} servers live: "
                      + ", ".join(s["address"] for s in fleet.live.values()) + f" -> {args.out}", flush=True)
            deadline = time.monotonic() + args.interval
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.1)
    finally:
        if fleet is not None:
            fleet.stop()
            print(f"fleet: stopped {args.servers} servers; {args.out} lists none", flush=True)
        ray.shutdown()


if __name__ == "__main__":
    main()
