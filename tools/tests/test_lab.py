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
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1 never via a proxy


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_lab(root_dir, env=None, args=(), token="srpo-test"):
    """A JupyterLab of the project virtualenv on 127.0.0.1, answering: yields its base URL (the token is
    `token`); stopped on exit. One that exits or does not answer within 60 s fails with the end of its log."""
    port = free_port()
    jupyter = Path(sys.executable).parent / "jupyter"
    with tempfile.TemporaryDirectory() as runtime, tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen(
            [str(jupyter), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
             f"--IdentityProvider.token={token}", "--ServerApp.allow_root=True", f"--ServerApp.root_dir={root_dir}",
             *args],
            stdout=subprocess.DEVNULL, stderr=log, env={**(env or os.environ), "JUPYTER_RUNTIME_DIR": runtime})
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    with NO_PROXY.open(f"{url}/api/status?token={token}", timeout=5):
                        break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise AssertionError(("jupyter lab exited: " if server.poll() is not None
                                              else "jupyter lab did not answer within 60 s: ") + log.read()[-2000:])
                    time.sleep(0.5)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)


class JupyterLabListsTheJavaKernel(unittest.TestCase):

    def test_lab_serves_and_lists_java(self):
        token = "srpo-test"
        with running_lab(ROOT / "notebooks", token=token) as url:
            with NO_PROXY.open(f"{url}/api/kernelspecs?token={token}", timeout=5) as r:
                specs = json.load(r)
            self.assertIn("java", specs["kernelspecs"])
            self.assertEqual("Java (SRPO Lab)", specs["kernelspecs"]["java"]["spec"]["display_name"])
            with NO_PROXY.open(f"{url}/lab?token={token}", timeout=10) as r:
                self.assertIn("JupyterLab", r.read().decode())


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
