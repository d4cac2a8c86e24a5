"""The server's connection handling over a real WebSocket on loopback: handshake, version, token, errors as
replies. No LIBERO environment is opened (the worker pool starts, the task list is given), so it runs in seconds.
"""

import asyncio
import contextlib
import io
import os
import time
import unittest
from unittest import mock

import msgpack
from websockets.asyncio.client import connect
from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed

from srpo_libero_server import protocol as p
from srpo_libero_server.server import Server, is_loopback, main

CATALOG = [{"suite": s, "index": i, "name": f"t{i}", "language": f"task {i}"} for s in p.SUITES for i in range(10)]


class ServerTest(unittest.IsolatedAsyncioTestCase):
    async def asyncSetUp(self):
        self.server = Server(workers=1, token="s3cret")
        self.server.catalog = CATALOG
        self.ws_server = await serve(self.server.handle, "127.0.0.1", 0, max_size=p.HARD_LIMIT_BYTES)
        self.url = "ws://127.0.0.1:%d" % self.ws_server.sockets[0].getsockname()[1]

    async def asyncTearDown(self):
        self.ws_server.close()
        await self.ws_server.wait_closed()
        self.server.stop()

    async def ask(self, ws, **msg):
        await ws.send(msgpack.packb(msg))
        return msgpack.unpackb(await ws.recv())

    async def test_handshake_version_and_token(self):
        async with connect(self.url) as ws:
            r = await self.ask(ws, id=1, op="tasks")
            self.assertEqual(r["error"]["kind"], "handshake_required")
            r = await self.ask(ws, id=2, op="hello", protocol=2, token="s3cret")
            self.assertEqual(r["error"]["kind"], "version_mismatch")
            self.assertIn("speaks 1", r["error"]["message"])
            r = await self.ask(ws, id=3, op="hello", protocol=1, token="wrong")
            self.assertEqual((r["id"], r["error"]["kind"]), (3, "unauthorized"))
            r = await self.ask(ws, id=4, op="hello", protocol=1, token="s3cret")
            self.assertTrue(r["ok"])
            self.assertEqual((r["protocol"], r["workers"], r["max_message_bytes"]), (1, 1, p.MAX_MESSAGE_BYTES))
            r = await self.ask(ws, id=5, op="tasks")
            self.assertEqual(len(r["tasks"]), 40)

    async def test_bad_requests_are_answered_and_the_connection_stays(self):
        async with connect(self.url) as ws:
            await self.ask(ws, id=1, op="hello", protocol=1, token="s3cret")
            await ws.send("a text frame")
            self.assertEqual(msgpack.unpackb(await ws.recv())["error"]["kind"], "bad_request")
            await ws.send(b"\x00" * (p.MAX_MESSAGE_BYTES + 1))
            self.assertEqual(msgpack.unpackb(await ws.recv())["error"]["kind"], "too_large")
            cases = [({"op": "fly"}, "unknown_op"), ({"op": "step", "env": 99, "actions": [[0] * 7]}, "unknown_env"),
                     ({"op": "open", "suite": "libero_90", "task": 0}, "unknown_task"),
                     ({"op": "open", "suite": "libero_goal", "task": 0, "width": 4}, "bad_request"),
                     ({"op": "reset"}, "bad_request")]
            for i, (msg, kind) in enumerate(cases):
                r = await self.ask(ws, id=10 + i, **msg)
                self.assertEqual((r["id"], r["error"]["kind"]), (10 + i, kind), r)
            r = await self.ask(ws, id=99, op="status")
            self.assertEqual((r["workers"], r["free"]), (1, 1))

    async def test_a_version_must_be_the_integer_1(self):
        async with connect(self.url) as ws:
            for i, version in enumerate([True, 1.0, "1", None]):
                r = await self.ask(ws, id=i, op="hello", protocol=version, token="s3cret")
                self.assertEqual(r["error"]["kind"], "version_mismatch", version)

    async def test_a_seed_outside_numpys_range_is_refused_at_open(self):
        async with connect(self.url) as ws:
            await self.ask(ws, id=1, op="hello", protocol=1, token="s3cret")
            for i, seed in enumerate([-1, 2**32]):
                r = await self.ask(ws, id=i, op="open", suite="libero_goal", task=0, seed=seed)
                self.assertEqual(r["error"]["kind"], "bad_request")
                self.assertIn("seed", r["error"]["message"])
            self.assertEqual((await self.ask(ws, id=9, op="status"))["free"], 1)

    async def test_a_large_frame_before_hello_closes_the_connection_unread(self):
        async with connect(self.url, max_size=None) as ws:
            await ws.send(b"\x00" * (1024 * 1024))
            with self.assertRaises(ConnectionClosed) as closed:
                await ws.recv()
            self.assertEqual(closed.exception.rcvd.code, 1009)
        async with connect(self.url) as ws:  # after hello the same frame is an error reply, the connection stays
            await self.ask(ws, id=1, op="hello", protocol=1, token="s3cret")
            await ws.send(b"\x00" * (1024 * 1024))
            self.assertEqual(msgpack.unpackb(await ws.recv())["error"]["kind"], "bad_request")

    async def test_wrong_tokens_are_slowed_down_and_the_connection_closed(self):
        async with connect(self.url) as ws:
            waits = []
            for i in range(3):
                start = time.monotonic()
                r = await self.ask(ws, id=i, op="hello", protocol=1, token="guess%d" % i)
                waits.append(time.monotonic() - start)
                self.assertEqual(r["error"]["kind"], "unauthorized")
            self.assertGreater(waits[2], 0.35)  # 0.1, 0.2, 0.4 s: doubling per wrong token from this host
            self.assertLess(waits[0], waits[2])
            with self.assertRaises(ConnectionClosed) as closed:
                await ws.recv()
            self.assertEqual(closed.exception.rcvd.code, 1008)
        async with connect(self.url) as ws:  # the right token still gets in, and resets the count
            self.assertTrue((await self.ask(ws, id=1, op="hello", protocol=1, token="s3cret"))["ok"])
        self.assertEqual(self.server.auth_failures, {})

    async def test_pipelined_guesses_get_three_tries_and_no_more(self):
        async with connect(self.url) as ws:
            for i in range(5):
                await ws.send(msgpack.packb({"id": i, "op": "hello", "protocol": 1, "token": "guess%d" % i}))
            await ws.send(msgpack.packb({"id": 9, "op": "hello", "protocol": 1, "token": "s3cret"}))
            replies = []
            with self.assertRaises(ConnectionClosed):
                while True:
                    replies.append(msgpack.unpackb(await ws.recv()))
            self.assertFalse(any(r["ok"] for r in replies), replies)  # not even the right token, sent too late
            checked = [r for r in replies if r["error"]["message"] == "wrong or missing token"]
            self.assertEqual(len(checked), 3, replies)

    async def test_an_abnormal_disconnect_is_not_logged_as_a_failure(self):
        with self.assertNoLogs("websockets", level="ERROR"):
            ws = await connect(self.url)
            await self.ask(ws, id=1, op="hello", protocol=1, token="s3cret")
            ws.transport.abort()  # no close frame: the server reads a ConnectionClosedError
            for _ in range(100):
                if self.server.connections == 0:
                    break
                await asyncio.sleep(0.02)
            self.assertEqual(self.server.connections, 0)

    def test_only_loopback_counts_as_loopback(self):
        self.assertTrue(is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost"))
        self.assertFalse(is_loopback("0.0.0.0") or is_loopback("192.0.2.1") or is_loopback("example.org"))

    def test_refuses_to_listen_beyond_loopback_without_a_token(self):
        err = io.StringIO()
        with mock.patch.dict(os.environ, {"SRPO_LIBERO_TOKEN": ""}), contextlib.redirect_stderr(err), \
                self.assertRaises(SystemExit):
            main(["--host", "0.0.0.0", "--port", "0"])
        self.assertIn("--token", err.getvalue())


if __name__ == "__main__":
    unittest.main()
