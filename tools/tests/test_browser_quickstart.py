"""The notebook front door in a real browser: headless Chromium opens the quickstart in JupyterLab (what `make lab`
opens), and the kernel must read Idle before any cell runs, the notebook must not count as modified on opening,
every cell must run without an error, and the chart (PNG) and the animation (GIF) must be images the browser
decoded. On a JDK other than the one the notebooks were saved on, JJava reports another language_info version
and Lab marks the notebook modified; the test then checks that only the version differs and says so. Needs Debian's
`chromium` and `chromium-driver` (CI installs them, see .ci/run) and Selenium (the
virtualenv has it); without the browser it is skipped, unless SRPO_BROWSER_TEST=required.

Lab runs with autosave off and its own settings, workspace and runtime folders, so the tracked notebook is never
written (the test checks its bytes afterwards)."""
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_lab import running_lab  # noqa: E402  (one way to start a Lab under test)
NOTEBOOK = "notebooks/00-quickstart.ipynb"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
REQUIRED = os.environ.get("SRPO_BROWSER_TEST") == "required"

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
except ImportError:  # a virtualenv made before selenium was pinned: setup rebuilds it
    webdriver = None

MISSING = ("no selenium in this virtualenv (make setup)" if webdriver is None
           else None if CHROMIUM and CHROMEDRIVER
           else "no chromium and chromedriver (Debian: apt-get install chromium chromium-driver)")

# The notebook panel JupyterLab shows, reached through the app object (--LabApp.expose_app_in_browser).
PANEL = "const p = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
STATE = PANEL + """
if (!p || !p.context || !p.sessionContext) return null;
const cells = p.content.model ? Array.from(p.content.model.cells) : [];
const code = cells.filter(c => c.type === 'code');
const errors = [];
for (const c of code) {
  for (let i = 0; i < c.outputs.length; i++) {
    const o = c.outputs.get(i).toJSON();
    if (o.output_type === 'error') errors.push(o.ename + ': ' + o.evalue);
  }
}
return {path: p.context.path, ready: p.context.isReady, status: p.sessionContext.kernelDisplayStatus,
        kernel: p.sessionContext.kernelDisplayName, dirty: p.context.model.dirty,
        code: code.length, executed: code.filter(c => c.executionCount !== null).length, errors: errors,
        metadata: p.context.model.metadata};"""
IMAGES = """
return Array.from(document.querySelectorAll('.jp-OutputArea-output img')).map(i => ({
  kind: i.src.slice(0, 15), width: i.naturalWidth, height: i.naturalHeight, complete: i.complete}));"""


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@unittest.skipIf(MISSING and not REQUIRED, MISSING or "")
class QuickstartInARealBrowser(unittest.TestCase):

    def setUp(self):
        if MISSING:
            self.fail(MISSING + " (SRPO_BROWSER_TEST=required)")

    def wait(self, driver, what, condition, seconds):
        """Polls the panel's state until condition(state) holds; fails naming what was awaited and the last state."""
        deadline, state = time.monotonic() + seconds, None
        while time.monotonic() < deadline:
            state = driver.execute_script(STATE)
            if state is not None and condition(state):
                return state
            time.sleep(0.25)
        self.fail(f"waited {seconds} s for {what}; last state: {json.dumps(state)[:1500]}")

    def test_quickstart_opens_idle_clean_and_runs_with_pictures(self):
        before = sha256(ROOT / NOTEBOOK)
        token = "srpo-browser-test"
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            settings = tmp / "settings" / "@jupyterlab" / "docmanager-extension"
            settings.mkdir(parents=True)
            (settings / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
            env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(tmp / "settings"),
                   "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"), "SRPO_PROFILE": "ci"}
            with running_lab(ROOT, env, ["--LabApp.expose_app_in_browser=True"], token) as url:
                driver = None
                try:
                    options = webdriver.ChromeOptions()
                    options.binary_location = CHROMIUM
                    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                                 "--window-size=1400,1000", "--no-proxy-server"):
                        options.add_argument(flag)
                    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
                    driver.get(f"{url}/lab/tree/{NOTEBOOK}?token={token}")

                    opened = self.wait(driver, "the notebook to open with its kernel Idle",
                                       lambda s: s["path"] == NOTEBOOK and s["ready"] and s["status"] == "idle", 120)
                    self.assertEqual("Java (SRPO Lab)", opened["kernel"])
                    # the kernel's info reply writes language_info (with the JVM's version) into the model: only
                    # then can opening have made the notebook dirty
                    opened = self.wait(driver, "the kernel's language_info in the notebook",
                                       lambda s: "version" in s["metadata"].get("language_info", {}), 30)
                    time.sleep(1)  # and the model's dirty flag follows it
                    opened = self.wait(driver, "the opened notebook's state", lambda s: True, 10)
                    committed = json.loads((ROOT / NOTEBOOK).read_text())["metadata"]
                    reported = opened["metadata"]["language_info"]
                    if committed["language_info"] == reported:
                        self.assertFalse(opened["dirty"], "the notebook counts as modified on opening; its "
                                         f"metadata in Lab: {json.dumps(opened['metadata'])}")
                    else:  # JJava reports the JVM's exact build: another JDK than the one the notebooks were saved on
                        self.assertEqual({k: v for k, v in committed["language_info"].items() if k != "version"},
                                         {k: v for k, v in reported.items() if k != "version"})
                        print(f"\nbrowser test: this JDK ({reported.get('version')}) is not the one the notebooks "
                              f"were saved on ({committed['language_info'].get('version')}): Lab counts them as "
                              "modified on opening here", file=sys.stderr)

                    driver.execute_script("return window.jupyterapp.commands.execute('notebook:run-all-cells');")
                    ran = self.wait(driver, "every cell to run",
                                    lambda s: s["executed"] == s["code"] and s["status"] == "idle", 300)
                    self.assertEqual([], ran["errors"])
                    images = driver.execute_script(IMAGES)
                    decoded = [i for i in images if i["complete"] and i["width"] > 0 and i["height"] > 0]
                    kinds = [i["kind"] for i in decoded]
                    self.assertTrue(any(k.startswith("data:image/png") for k in kinds), f"no chart drawn: {images}")
                    self.assertTrue(any(k.startswith("data:image/gif") for k in kinds), f"no GIF drawn: {images}")
                finally:
                    if driver is not None:
                        driver.quit()
        self.assertEqual(before, sha256(ROOT / NOTEBOOK), f"{NOTEBOOK} was written")


if __name__ == "__main__":
    unittest.main()
