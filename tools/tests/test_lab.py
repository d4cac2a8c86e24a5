"""JupyterLab from the project virtualenv starts and lists the Java kernel (what `make lab` opens)."""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class JupyterLabListsTheJavaKernel(unittest.TestCase):

    def test_lab_serves_and_lists_java(self):
        port, token = free_port(), "srpo-test"
        jupyter = Path(sys.executable).parent / "jupyter"
        no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1 never via a proxy
        with tempfile.TemporaryDirectory() as runtime, tempfile.TemporaryFile("w+") as log:
            server = subprocess.Popen(
                [str(jupyter), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
                 f"--IdentityProvider.token={token}", "--ServerApp.allow_root=True",
                 f"--ServerApp.root_dir={ROOT / 'notebooks'}"],
                stdout=subprocess.DEVNULL, stderr=log,
                env={**os.environ, "JUPYTER_RUNTIME_DIR": runtime})
            try:
                specs = None
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline and specs is None:
                    try:
                        with no_proxy.open(f"http://127.0.0.1:{port}/api/kernelspecs?token={token}", timeout=5) as r:
                            specs = json.load(r)
                    except OSError:
                        if server.poll() is not None:
                            log.seek(0)
                            self.fail("jupyter lab exited: " + log.read()[-2000:])
                        time.sleep(0.5)
                self.assertIsNotNone(specs, "jupyter lab did not answer within 60 s")
                self.assertIn("java", specs["kernelspecs"])
                self.assertEqual("Java (SRPO Lab)", specs["kernelspecs"]["java"]["spec"]["display_name"])
                with no_proxy.open(f"http://127.0.0.1:{port}/lab?token={token}", timeout=10) as r:
                    self.assertIn("JupyterLab", r.read().decode())
            finally:
                server.terminate()
                server.wait(timeout=30)


if __name__ == "__main__":
    unittest.main()


class LabSettings(unittest.TestCase):
    """What tools/install_kernel.py sets for JupyterLab in the virtualenv (make lab, Binder)."""

    def test_the_server_counts_kernel_info_as_activity_and_lab_fetches_no_news(self):
        code = (
            "from jupyter_server.serverapp import ServerApp\n"
            "app = ServerApp.instance()\n"
            "app.initialize(['--port=0', '--no-browser', '--ServerApp.allow_root=True'])\n"
            "print(sorted(set(app.kernel_manager.untracked_message_types) & {'kernel_info_request', 'status'}))\n")
        with tempfile.TemporaryDirectory() as runtime:
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                                 cwd=runtime, env={**os.environ, "JUPYTER_RUNTIME_DIR": runtime})
        self.assertEqual(out.stdout.strip().splitlines()[-1], "['status']", out.stderr[-2000:])
        overrides = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
        settings = json.loads(overrides.read_text())["@jupyterlab/apputils-extension:notification"]
        self.assertEqual((settings["fetchNews"], settings["checkForUpdates"]), ("false", False))
