"""The quickstart runs at CI scale and shows what it promises: a chart and a frame as images, a table as HTML,
a rollout-style animation as a GIF."""
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]


class QuickstartShowsItsOutputs(unittest.TestCase):

    def test_outputs_are_present(self):
        with tempfile.TemporaryDirectory() as out:
            proc = subprocess.run(
                [sys.executable, str(ROOT / "tools" / "run_notebooks.py"), "--profile", "ci", "--out", out,
                 str(ROOT / "notebooks" / "00-quickstart.ipynb")], capture_output=True, text=True, timeout=600)
            self.assertEqual(0, proc.returncode, proc.stdout + proc.stderr)
            nb = nbformat.read(str(Path(out) / "notebooks" / "00-quickstart.ipynb"), as_version=4)
        data = [o.get("data", {}) for c in nb.cells for o in c.get("outputs", [])]
        self.assertGreaterEqual(sum("image/png" in d for d in data), 2, "chart and frame as PNG images")
        html = [d["text/html"] for d in data if "text/html" in d]
        self.assertTrue(any("<table" in h and "effective bins" in h for h in html), "the entropy table")
        self.assertTrue(any("data:image/gif;base64," in h for h in html), "the temperature-sweep GIF")
        text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
        self.assertIn("PyTorch 2.7.1", text)
        self.assertIn("profile ci", text)


if __name__ == "__main__":
    unittest.main()
