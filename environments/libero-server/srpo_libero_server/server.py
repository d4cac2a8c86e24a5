"""The LIBERO bridge server: WebSocket + msgpack (PROTOCOL.md), a pool of worker processes behind it.

One asyncio loop reads every connection; each request runs as its own task, so requests for different
environments (different workers) overlap: a client steps many environments in lock-step over one connection by
sending one request per environment before reading the replies.
"""

from __future__ import annotations

import asyncio
import functools
import hmac
import ipaddress
import itertools
import signal
import socket
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed

from . import __version__
from . import protocol as p
from .workers import CommandFailed, WorkerDied, WorkerPool

SERVER_NAME = f"srpo-libero-server/{__version__}"
PRE_HELLO_MAX_BYTES = 64 * 1024  # until the token is checked, a frame this large closes the connection (1009)
MAX_AUTH_FAILURES = 3  # wrong tokens on one connection before it is closed (1008)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class OpenEnv:
    def __init__(self, env_id, worker, suite, index, language):
        self.id = env_id
        self.worker = worker
        self.suite = suite
        self.index = index
        self.language = language
        self.lock = asyncio.Lock()  # one request at a time per environment
        self.closed = False  # set when closed or lost: requests queued behind that must not reach the worker
        self.was_reset = False

    def describe(self):
        return f"{self.suite}/{self.index} (\"{self.language}\", env {self.id}, worker {self.worker.slot})"


class Server:
    def __init__(self, workers: int, token: str | None):
        self.pool = WorkerPool(workers)
        self.token = token
        self.executor = ThreadPoolExecutor(max_workers=workers + 4, thread_name_prefix="libero-call")
        self.catalog = []
        self.env_ids = itertools.count(1)
        self.connections = 0
        self.auth_failures = {}  # remote host -> wrong tokens in a row (each reply waits longer)
        self.background = set()  # worker close-and-release tasks that must outlive a cancelled request

    async def start(self):
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self.executor, self.pool.wait_ready)
        worker = self.pool.workers[0]
        self.catalog = await loop.run_in_executor(
            self.executor, functools.partial(worker.call, "catalog", suites=list(p.SUITES)))

    async def call(self, worker, op, **args):
        return await asyncio.get_running_loop().run_in_executor(
            self.executor, functools.partial(worker.call, op, **args))

    # --- one connection -----------------------------------------------------------------------------------------
    async def handle(self, ws):
        self.connections += 1
        session = {"hello": False, "envs": {}, "auth_failures": 0, "host": remote_host(ws),
                   "hello_lock": asyncio.Lock()}  # hellos one at a time: pipelined guesses wait their turn
        set_max_size(ws, PRE_HELLO_MAX_BYTES)  # nothing large is buffered for a client that has not shown the token
        tasks = set()
        try:
            async for frame in ws:
                t = asyncio.create_task(self.answer(ws, session, frame))
                tasks.add(t)
                t.add_done_callback(tasks.discard)
        except ConnectionClosed:
            pass  # an abnormal disconnect is the client's business: its environments are given back below
        finally:
            for t in list(tasks):
                t.cancel()
            for env in list(session["envs"].values()):  # the client is gone: give its workers back
                await self.drop(session, env, close=True)
            self.connections -= 1

    async def answer(self, ws, session, frame):
        request_id = None
        try:
            msg = p.decode(frame)
            request_id = msg.get("id")
            reply = await self.dispatch(session, msg)
            reply.update(id=request_id, ok=True)
            if msg["op"] == "hello":
                set_max_size(ws, p.HARD_LIMIT_BYTES)
        except p.ProtocolError as e:
            reply = p.error(request_id, e.kind, str(e))
        except Exception as e:  # noqa: BLE001 - a bug is an error reply, never a dropped connection
            reply = p.error(request_id, "internal", f"{type(e).__name__}: {e}")
        try:
            await ws.send(p.encode(reply))
        except Exception:  # noqa: BLE001 - the client left; nothing to tell
            return
        if session["auth_failures"] >= MAX_AUTH_FAILURES:
            await ws.close(1008, "too many wrong tokens")

    async def dispatch(self, session, msg):
        op = msg["op"]
        if op == "hello":
            return await self.hello(session, msg)
        if not session["hello"]:
            raise p.ProtocolError("handshake_required", f"send 'hello' (protocol {p.PROTOCOL_VERSION}) before '{op}'")
        if op == "ping":
            return {}
        if op == "tasks":
            suites = p.field(msg, "suites", list, list(p.SUITES))
            for s in suites:
                p.check_task(s, 0, self.catalog)
            return {"tasks": [t for t in self.catalog if t["suite"] in suites]}
        if op == "status":
            return {"workers": len(self.pool.workers), "free": self.pool.free(), "connections": self.connections}
        if op == "open":
            return await self.open(session, msg)
        if op not in ("reset", "step", "close"):
            raise p.ProtocolError("unknown_op", f"unknown op {op!r}: use hello, tasks, open, reset, step, close, "
                                                "ping, status")
        env = self.env_of(session, msg)
        async with env.lock:
            if env.closed:  # closed or lost while this request waited: never run it on the worker's next tenant
                raise p.ProtocolError("unknown_env", f"environment {env.id} was closed before this '{op}' ran")
            if op == "reset":
                state = p.field(msg, "init_state", int)
                if not 0 <= state < 50:
                    raise p.ProtocolError("bad_request", f"initial state {state} is out of range for "
                                                         f"{env.suite}/{env.index}: use 0..49")
                warmup = p.field(msg, "warmup", int, 10)
                if not 0 <= warmup <= p.MAX_WARMUP:
                    raise p.ProtocolError("bad_request", f"warmup {warmup} is outside 0..{p.MAX_WARMUP}")
                layout = p.field(msg, "layout", str, "evaluation")
                if layout not in p.LAYOUTS:
                    raise p.ProtocolError("bad_request", f"layout {layout!r} is not one of {', '.join(p.LAYOUTS)}")
                env.was_reset = False  # a reset that fails leaves no scene to step
                obs = await self.run(session, env, "reset", init_state=state, warmup=warmup, layout=layout)
                env.was_reset = True
                return {"obs": obs}
            if op == "step":
                if not env.was_reset:
                    raise p.ProtocolError("bad_request", f"{env.describe()} has not been reset: send 'reset' "
                                                         "before 'step'")
                actions = p.check_actions(msg.get("actions"), f"{env.suite}/{env.index}")
                frames = msg.get("frames", False)
                if not isinstance(frames, bool):
                    raise p.ProtocolError("bad_request", f"frames must be true or false, got {frames!r}")
                return {"obs": await self.run(session, env, "step", actions=actions, frames=frames)}
            # op == "close"
            await self.drop(session, env, close=True)
            return {}

    async def hello(self, session, msg):
        version = msg.get("protocol")
        if type(version) is not int or version != p.PROTOCOL_VERSION:  # True and 1.0 equal 1 in Python: not a version
            raise p.ProtocolError("version_mismatch", f"client speaks protocol {version!r}, this server speaks "
                                                      f"{p.PROTOCOL_VERSION} ({SERVER_NAME})")
        if self.token is not None:
            async with session["hello_lock"]:
                if session["auth_failures"] >= MAX_AUTH_FAILURES:  # the connection is closing: no more guesses
                    raise p.ProtocolError("unauthorized", "too many wrong tokens on this connection")
                given = msg.get("token")
                if not isinstance(given, str) or not hmac.compare_digest(given.encode(), self.token.encode()):
                    # slow down guessing: each wrong token from a host waits longer, a connection gets few tries
                    failures = self.auth_failures.get(session["host"], 0) + 1
                    self.auth_failures[session["host"]] = failures
                    session["auth_failures"] += 1
                    await asyncio.sleep(min(0.1 * 2 ** (failures - 1), 5.0))
                    raise p.ProtocolError("unauthorized", "wrong or missing token")
                self.auth_failures.pop(session["host"], None)
        session["hello"] = True
        return {"protocol": p.PROTOCOL_VERSION, "server": SERVER_NAME, "workers": len(self.pool.workers),
                "max_message_bytes": p.MAX_MESSAGE_BYTES, "max_chunk": p.MAX_CHUNK, "suites": list(p.SUITES)}

    async def open(self, session, msg):
        suite = p.field(msg, "suite", str)
        index = p.field(msg, "task", int)
        p.check_task(suite, index, self.catalog)
        args = {"suite_id": suite, "index": index,
                "width": p.check_side("width", p.field(msg, "width", int, 128)),
                "height": p.check_side("height", p.field(msg, "height", int, 128)),
                "wrist": p.field(msg, "wrist", bool, False), "seed": p.check_seed(p.field(msg, "seed", int, 7))}
        worker = self.pool.acquire()
        if worker is None:
            raise p.ProtocolError("no_capacity", f"all {len(self.pool.workers)} workers hold an environment: "
                                                 "close one, or start the server with more --workers")
        try:
            info = await self.call(worker, "open", **args)
        except (WorkerDied, CommandFailed) as e:
            self.pool.release(worker)
            raise p.ProtocolError("worker_died" if isinstance(e, WorkerDied) else "simulator",
                                  f"cannot open {suite}/{index}: {e}") from None
        except BaseException:  # cancelled (the client left mid-open) or a bug: the worker must come back
            self.close_and_release(worker)
            raise
        env = OpenEnv(next(self.env_ids), worker, suite, index, info["language"])
        session["envs"][env.id] = env
        return {"env": env.id, "language": env.language, "init_states": info["init_states"],
                "worker": worker.slot, "pid": worker.process.pid}

    def env_of(self, session, msg):
        env_id = p.field(msg, "env", int)
        env = session["envs"].get(env_id)
        if env is None:
            raise p.ProtocolError("unknown_env", f"no environment {env_id} on this connection: open one first")
        return env

    async def run(self, session, env, op, **args):
        try:
            return await self.call(env.worker, op, **args)
        except WorkerDied as e:
            await self.drop(session, env, close=False)
            raise p.ProtocolError("worker_died", f"{e} while running {env.describe()}: the environment is lost, "
                                                 "open another") from None
        except CommandFailed as e:
            raise p.ProtocolError(e.kind, f"{env.describe()}: {e}") from None

    async def drop(self, session, env, close):
        if session["envs"].pop(env.id, None) is None:
            return
        env.closed = True
        if close:
            # shielded: a cancelled close request (the client left) still closes and releases the worker
            await asyncio.shield(self.close_and_release(env.worker))
        else:
            self.pool.release(env.worker)

    def close_and_release(self, worker):
        """Closes the worker's environment, then lends the worker again, whatever happens to the caller."""

        async def run():
            try:
                await self.call(worker, "close")
            except Exception:  # noqa: BLE001 - a dead worker was replaced; a closed executor means shutdown
                pass
            finally:
                self.pool.release(worker)

        task = asyncio.get_running_loop().create_task(run())
        self.background.add(task)
        task.add_done_callback(self.background.discard)
        return task

    def stop(self):
        self.pool.stop()
        self.executor.shutdown(wait=False, cancel_futures=True)


def remote_host(ws):
    try:
        return ws.remote_address[0]
    except (TypeError, IndexError, AttributeError):
        return "?"


def set_max_size(ws, limit):
    """The largest frame this connection reads (the protocol object's limit; changed once the client is trusted).
    websockets >= 15 (pyproject.toml) calls it ``max_message_size``."""
    ws.protocol.max_message_size = limit


async def serve_forever(host: str, port: int, workers: int, token: str | None, ping_interval: float,
                        watch_stdin: bool = False):
    server = Server(workers, token)
    try:
        await server.start()
        loop = asyncio.get_running_loop()
        stop = loop.create_future()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
        if watch_stdin:  # the process that started us holds our stdin: its end of file means it is gone
            def watch():
                sys.stdin.read()
                loop.call_soon_threadsafe(lambda: stop.done() or stop.set_result(None))

            threading.Thread(target=watch, name="stdin-watch", daemon=True).start()
        # connections start at the pre-hello limit; a successful hello raises theirs to HARD_LIMIT_BYTES
        async with serve(server.handle, host, port, max_size=PRE_HELLO_MAX_BYTES, compression=None,
                         ping_interval=ping_interval, ping_timeout=ping_interval,
                         family=socket.AF_INET6 if ":" in host else socket.AF_INET) as ws_server:
            bound = ws_server.sockets[0].getsockname()
            shown = f"[{bound[0]}]" if ":" in bound[0] else bound[0]
            print(f"{SERVER_NAME} listening on ws://{shown}:{bound[1]} (protocol {p.PROTOCOL_VERSION}, "
                  f"{workers} workers, {len(server.catalog)} tasks)", flush=True)
            await stop
        print(f"{SERVER_NAME} stopped", flush=True)
    finally:
        server.stop()


def main(argv=None):
    import argparse
    import os

    ap = argparse.ArgumentParser(prog="srpo-libero-server", description="Serve LIBERO environments to SRPO Lab.")
    ap.add_argument("--host", default="127.0.0.1", help="address to bind (default loopback only)")
    ap.add_argument("--port", type=int, default=8765, help="port (0: any free port; the banner names it)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes = environments open at once")
    ap.add_argument("--token", default=os.environ.get("SRPO_LIBERO_TOKEN"),
                    help="shared secret clients must send in hello (default $SRPO_LIBERO_TOKEN); required off "
                         "loopback")
    ap.add_argument("--ping-interval", type=float, default=20.0, help="seconds between WebSocket pings")
    ap.add_argument("--watch-stdin", action="store_true", help="stop when standard input closes (the process that "
                                                               "started the server, e.g. a fleet actor, is gone)")
    args = ap.parse_args(argv)
    if args.workers < 1:
        ap.error("--workers must be >= 1")
    if not is_loopback(args.host) and not args.token:
        ap.error(f"binding {args.host} exposes the simulator beyond this machine: set --token (or "
                 "SRPO_LIBERO_TOKEN) so only clients that know it are served")
    try:
        asyncio.run(serve_forever(args.host, args.port, args.workers, args.token or None, args.ping_interval,
                                  args.watch_stdin))
    except OSError as e:
        print(f"srpo-libero-server: cannot listen on {args.host}:{args.port}: {e}", file=sys.stderr)
        sys.exit(2)
