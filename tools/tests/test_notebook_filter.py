"""Notebooks are committed clean: git stages them through nbstripout (the filter tools/setup.sh registers), which
drops outputs and execution counts, and leaves the committed notebooks byte for byte as they are."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NBSTRIPOUT = Path(sys.executable).parent / "nbstripout"


@unittest.skipUnless(NBSTRIPOUT.exists(), "no nbstripout in this virtualenv (make setup installs it)")
class NotebookFilter(unittest.TestCase):

    def test_the_committed_notebooks_are_what_the_filter_makes(self):
        notebooks = sorted(ROOT.glob("notebooks/*.ipynb")) + sorted(ROOT.glob("reward-studies/*.ipynb"))
        self.assertGreater(len(notebooks), 5)
        for nb in notebooks:
            out = subprocess.run([str(NBSTRIPOUT), "--keep-id", "-t", str(nb)], capture_output=True, check=True)
            self.assertEqual(out.stdout, nb.read_bytes(), f"{nb.name} would show as changed after setup")

    def test_every_notebook_carries_the_kernel_metadata_lab_writes(self):
        # JupyterLab writes the kernel's spec and language_info into a notebook when it connects; where they equal
        # the committed ones the notebook does not count as modified on opening (the browser test checks that on
        # the quickstart). language_info.version is the JVM's exact build, so all notebooks are saved on one JDK.
        notebooks = sorted(ROOT.glob("notebooks/*.ipynb")) + sorted(ROOT.glob("reward-studies/*.ipynb"))
        quickstart = json.loads((ROOT / "notebooks" / "00-quickstart.ipynb").read_text())["metadata"]
        self.assertEqual({"name": "java", "display_name": "Java (SRPO Lab)", "language": "java"},
                         quickstart["kernelspec"])
        self.assertEqual({"codemirror_mode", "file_extension", "mimetype", "name", "pygments_lexer", "version"},
                         set(quickstart["language_info"]), "language_info as JJava reports it")
        for nb in notebooks:
            self.assertEqual(quickstart, json.loads(nb.read_text())["metadata"], f"{nb.name}'s metadata")

    def test_outputs_never_reach_a_commit(self):
        with tempfile.TemporaryDirectory() as d:
            git = lambda *a: subprocess.run(["git", "-C", d, *a], capture_output=True, text=True, check=True)  # noqa
            git("init", "-q")
            git("config", "filter.nbstripout.clean", f"'{NBSTRIPOUT}' --keep-id")
            git("config", "filter.nbstripout.smudge", "cat")
            shutil.copy(ROOT / ".gitattributes", d)
            nb = json.loads((ROOT / "notebooks" / "00-quickstart.ipynb").read_text())
            code = next(c for c in nb["cells"] if c["cell_type"] == "code")
            code["execution_count"] = 7
            code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["x" * 1000]}]
            (Path(d) / "run.ipynb").write_text(json.dumps(nb))
            git("add", "run.ipynb")
            staged = json.loads(git("show", ":run.ipynb").stdout)
            cells = [c for c in staged["cells"] if c["cell_type"] == "code"]
            self.assertTrue(all(c["outputs"] == [] and c["execution_count"] is None for c in cells))
            self.assertEqual([c.get("id") for c in staged["cells"]], [c.get("id") for c in nb["cells"]])


if __name__ == "__main__":
    unittest.main()
