"""The fleet launcher on a private Ray on loopback: 2 servers x 1 worker, the addresses file, restarts, shutdown.
Starts Ray and two real bridge servers (each loads LIBERO's task list), so it takes a minute or two on a CPU.
"""

import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import msgpack
from websockets.asyncio.client import connect

from srpo_libero_server import fleet

TOKEN = "fleet-s3cret"


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (exited, not yet reaped by its parent) counts as gone
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


async def hello(address, **fields):
    async with connect(address) as ws:
        await ws.send(msgpack.packb({"id": 1, "op": "hello", **fields}))
        return msgpack.unpackb(await ws.recv())


class AtomicWriteTest(unittest.TestCase):
    def test_the_file_is_replaced_whole_and_no_temporary_is_left(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "fleet.json")
            for n in range(3):
                fleet.write_atomically(path, fleet.fleet_document([{"actor": i} for i in range(n)], 1, 2))
                with open(path) as f:
                    self.assertEqual(len(json.load(f)["servers"]), n)
            self.assertEqual(os.listdir(d), ["fleet.json"])


class FleetTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.out = os.path.join(cls.dir.name, "fleet.json")
        cls.log = open(os.path.join(cls.dir.name, "fleet.log"), "w+")
        cls.launcher = subprocess.Popen(
            [sys.executable, "-m", "srpo_libero_server.fleet", "--servers", "2", "--workers-per-server", "1",
             "--out", cls.out, "--token", TOKEN, "--host", "127.0.0.1", "--num-cpus", "2",
             "--interval", "0.5"], stdout=cls.log, stderr=subprocess.STDOUT, start_new_session=True)

    @classmethod
    def tearDownClass(cls):
        if cls.launcher.poll() is None:
            os.killpg(cls.launcher.pid, signal.SIGKILL)
        cls.log.close()
        cls.dir.cleanup()

    def read(self):
        with open(self.out) as f:
            return json.load(f)  # never a half-written file: it is replaced by rename

    def wait_for(self, predicate, timeout=240, what="the fleet"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.launcher.poll() is not None:
                self.log.seek(0)
                self.fail(f"the launcher exited ({self.launcher.returncode}):\n{self.log.read()[-3000:]}")
            if os.path.exists(self.out):
                doc = self.read()
                if predicate(doc):
                    return doc
            time.sleep(0.2)
        self.log.seek(0)
        self.fail(f"timed out waiting for {what}:\n{self.log.read()[-3000:]}")

    def test_fleet(self):
        doc = self.wait_for(lambda d: len(d["servers"]) == 2, what="two servers")
        self.assertEqual((doc["version"], doc["expected_servers"], doc["workers_per_server"]), (1, 2, 1))
        first = {s["actor"]: s for s in doc["servers"]}
        with open(self.out) as f:
            self.assertNotIn(TOKEN, f.read())  # the secret stays out of the file
        for s in first.values():
            self.assertTrue(s["address"].startswith("ws://127.0.0.1:"), s)
            ok = asyncio.run(hello(s["address"], protocol=1, token=TOKEN))
            self.assertTrue(ok["ok"], ok)
            self.assertEqual(ok["workers"], 1)
            self.assertEqual(asyncio.run(hello(s["address"], protocol=1, token="wrong"))["error"]["kind"],
                             "unauthorized")
            self.assertEqual(asyncio.run(hello(s["address"], protocol=2, token=TOKEN))["error"]["kind"],
                             "version_mismatch")

        # a server process dies under its live actor: the actor starts another, the file names it
        os.kill(first[0]["pid"], signal.SIGKILL)
        doc = self.wait_for(lambda d: any(s["actor"] == 0 and s["pid"] != first[0]["pid"] for s in d["servers"]),
                            what="server 0 restarted")
        again = {s["actor"]: s for s in doc["servers"]}[0]
        self.assertEqual(again["restarts"], 1)
        self.assertTrue(asyncio.run(hello(again["address"], protocol=1, token=TOKEN))["ok"])

        # an actor dies: Ray restarts it, its old server went down with it, the file names the new one
        os.kill(first[1]["actor_pid"], signal.SIGKILL)
        doc = self.wait_for(lambda d: any(s["actor"] == 1 and s["actor_pid"] != first[1]["actor_pid"]
                                          for s in d["servers"]) and len(d["servers"]) == 2,
                            what="actor 1 restarted")
        deadline = time.monotonic() + 30  # it stops gracefully (its workers too) once its stdin closes
        while time.monotonic() < deadline and alive(first[1]["pid"]):
            time.sleep(0.2)
        self.assertFalse(alive(first[1]["pid"]), "the dead actor's server outlived it")
        servers = doc["servers"]

        # the launcher stops: every actor and server is gone, and the file lists none
        self.launcher.send_signal(signal.SIGTERM)
        self.assertEqual(self.launcher.wait(timeout=120), 0)
        self.assertEqual(self.read()["servers"], [])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(alive(s["pid"]) or alive(s["actor_pid"]) for s in servers):
            time.sleep(0.2)
        for s in servers:
            self.assertFalse(alive(s["pid"]), f"server {s['actor']} survived the launcher")
            self.assertFalse(alive(s["actor_pid"]), f"actor {s['actor']} survived the launcher")


if __name__ == "__main__":
    unittest.main()
