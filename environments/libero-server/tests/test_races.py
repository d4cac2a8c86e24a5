"""Races between connections on a real server with real LIBERO workers: a request queued behind a `close` must not
reach the worker's next environment, and a worker must come back when its client leaves in the middle of `open`.
Each test opens one or two LIBERO environments (a few seconds each on a CPU).
"""

import asyncio
import unittest

import msgpack
from websockets.asyncio.client import connect
from websockets.asyncio.server import serve

from srpo_libero_server import protocol as p
from srpo_libero_server.server import Server

NO_OP = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -1.0]
PUSH_X = [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, -1.0]  # full speed along +x: moves the arm visibly in one chunk


class Client:
    """One connection that may send several requests before reading; replies are matched by id."""

    def __init__(self, ws):
        self.ws, self.ids, self.replies = ws, 0, {}

    async def send(self, **msg):
        self.ids += 1
        await self.ws.send(msgpack.packb({"id": self.ids, **msg}))
        return self.ids

    async def reply(self, request_id, timeout=120):
        while request_id not in self.replies:
            r = msgpack.unpackb(await asyncio.wait_for(self.ws.recv(), timeout))
            self.replies[r["id"]] = r
        return self.replies.pop(request_id)

    async def ask(self, **msg):
        return await self.reply(await self.send(**msg))


class RaceTest(unittest.IsolatedAsyncioTestCase):
    async def asyncSetUp(self):
        self.server = Server(workers=1, token=None)
        await self.server.start()  # the real catalog, from a real worker
        self.ws_server = await serve(self.server.handle, "127.0.0.1", 0, max_size=p.HARD_LIMIT_BYTES)
        self.url = "ws://127.0.0.1:%d" % self.ws_server.sockets[0].getsockname()[1]

    async def asyncTearDown(self):
        self.ws_server.close()
        await self.ws_server.wait_closed()
        self.server.stop()

    async def client(self, stack):
        c = Client(await stack.enter_async_context(connect(self.url, max_size=p.HARD_LIMIT_BYTES)))
        self.assertTrue((await c.ask(op="hello", protocol=1))["ok"])
        return c

    async def open_when_free(self, c, timeout=120):
        for _ in range(int(timeout / 0.1)):
            r = await c.ask(op="open", suite="libero_goal", task=0, width=32, height=32)
            if r["ok"]:
                return r["env"]
            self.assertEqual(r["error"]["kind"], "no_capacity", r)
            await asyncio.sleep(0.1)
        self.fail("the worker never came back")

    async def free_workers_after(self, c, timeout=120):
        for _ in range(int(timeout / 0.1)):
            if (await c.ask(op="status"))["free"] == len(self.server.pool.workers):
                return True
            await asyncio.sleep(0.1)
        return False

    async def test_requests_queued_behind_a_close_never_reach_the_next_environment(self):
        from contextlib import AsyncExitStack

        async with AsyncExitStack() as stack:
            a, b = await self.client(stack), await self.client(stack)
            env_a = await self.open_when_free(a)
            r = await a.ask(op="step", env=env_a, actions=[NO_OP])
            self.assertEqual(r["error"]["kind"], "bad_request")  # never reset: refused, not served
            self.assertIn("reset", r["error"]["message"])
            self.assertTrue((await a.ask(op="reset", env=env_a, init_state=0, warmup=0))["ok"])
            # A: a long chunk, then close, then steps that queue behind them
            first = await a.send(op="step", env=env_a, actions=[PUSH_X] * 20)
            close = await a.send(op="close", env=env_a)
            stale = [await a.send(op="step", env=env_a, actions=[PUSH_X] * 5) for _ in range(6)]
            # B takes the freed worker as soon as it can and puts its robot at the initial state
            env_b = await self.open_when_free(b)
            reset_b = await b.ask(op="reset", env=env_b, init_state=0, warmup=0)
            self.assertTrue(reset_b["ok"], reset_b)
            self.assertTrue((await a.reply(first))["ok"])
            self.assertTrue((await a.reply(close))["ok"])
            for rid in stale:
                r = await a.reply(rid)
                self.assertEqual(r["error"]["kind"], "unknown_env", r)
            # B's robot moved only by B: one no-op after the reset leaves it (almost) where the reset put it
            after = (await b.ask(op="step", env=env_b, actions=[NO_OP]))["obs"]["proprio"]
            moved = abs(after[0] - reset_b["obs"]["proprio"][0])
            self.assertLess(moved, 0.02, f"B's arm moved {moved:.3f} m along x: another client's steps ran on it")

    async def test_a_client_leaving_during_open_gives_its_worker_back(self):
        from contextlib import AsyncExitStack

        async with AsyncExitStack() as stack:
            watcher = await self.client(stack)
            ws = await connect(self.url)
            leaver = Client(ws)
            await leaver.ask(op="hello", protocol=1)
            await leaver.send(op="open", suite="libero_goal", task=0, width=32, height=32)
            await asyncio.sleep(0.3)  # the open is running in the worker
            self.assertEqual((await watcher.ask(op="status"))["free"], 0)
            ws.transport.abort()  # gone mid-open, without a close frame
            self.assertTrue(await self.free_workers_after(watcher), "the worker was never released")
            env = await self.open_when_free(watcher)  # and it serves the next client
            self.assertTrue((await watcher.ask(op="reset", env=env, init_state=1, warmup=0))["ok"])


if __name__ == "__main__":
    unittest.main()
