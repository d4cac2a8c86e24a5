"""Tests of the notebook runner against the real Java kernel: every way a notebook can fail is caught and named.

    .venv/bin/python -m unittest discover -s tools/tests
"""
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import run_notebooks  # noqa: E402

KERNELSPEC = {"kernelspec": {"name": "java", "display_name": "Java (SRPO Lab)", "language": "java"}}


def write(folder, name, *cells):
    nb = new_notebook(cells=[new_code_cell(c) for c in cells], metadata=KERNELSPEC)
    nbformat.write(nb, str(folder / name))


class RunnerOnTheJavaKernel(unittest.TestCase):
    """One run of the runner over a folder of notebooks, each failing in its own way (one passes)."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        nbs = Path(cls.tmp.name) / "nbs"
        nbs.mkdir()
        write(nbs, "a-passes.ipynb", "int x = 6 * 7;", "System.out.println(x);")
        write(nbs, "b-compile-error.ipynb", "int ok = 1;", 'int y = "text";')
        write(nbs, "c-exception.ipynb", 'throw new IllegalStateException("boom on purpose");')
        write(nbs, "d-unresolved.ipynb", "%maven org.example.nothere:nothere:9.9.9")
        write(nbs, "e-background.ipynb",
              'var t = new Thread(() -> { throw new RuntimeException("lost in a thread"); });',
              "t.start(); t.join();")
        write(nbs, "f-old-toolkit.ipynb", "%maven dev.srpo:srpo-toolkit:0.0.1")
        nbformat.write(new_notebook(cells=[new_code_cell("1")], metadata={"kernelspec": {"name": "nosuchkernel", "display_name": "x"}}),
                       str(nbs / "g-unknown-kernel.ipynb"))
        (nbs / "h-not-a-notebook.ipynb").write_text("{ this is not json")
        cls.out = Path(cls.tmp.name) / "out"
        proc = subprocess.run(
            [sys.executable, str(ROOT / "tools" / "run_notebooks.py"), "--out", str(cls.out),
             "--timeout", "120", str(nbs)],
            capture_output=True, text=True, timeout=600)
        cls.rc, cls.stdout = proc.returncode, proc.stdout
        cls.report = {}  # notebook name -> the lines the runner printed about it
        current = None
        for line in cls.stdout.splitlines():
            if line.startswith("["):
                current = line.split()[-1].rsplit("/", 1)[-1]
            elif current:
                cls.report.setdefault(current, []).append(line)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def said(self, notebook):
        return "\n".join(self.report.get(notebook, []))

    def test_summary_is_the_last_line_and_the_status_fails(self):
        self.assertEqual("1 passed, 7 failed", self.stdout.strip().splitlines()[-1], self.stdout)
        self.assertEqual(1, self.rc)

    def test_passing_notebook(self):
        self.assertIn("ok ", self.said("a-passes.ipynb"))

    def test_compile_error_names_cell_and_error(self):
        text = self.said("b-compile-error.ipynb")
        self.assertIn("FAIL", text)
        self.assertIn('cell 2 [int y = "text";]', text)
        self.assertIn("CompilationException", text)

    def test_exception_names_cell_and_message(self):
        text = self.said("c-exception.ipynb")
        self.assertIn("cell 1", text)
        self.assertIn("IllegalStateException", text)
        self.assertIn("boom on purpose", text)

    def test_unresolved_dependency_fails(self):
        text = self.said("d-unresolved.ipynb")
        self.assertIn("FAIL", text)
        self.assertIn("org.example.nothere:nothere:9.9.9", text)

    def test_background_thread_exception_fails(self):
        text = self.said("e-background.ipynb")
        self.assertIn("cell 2", text)
        self.assertIn("uncaught exception in a background thread", text)

    def test_wrong_toolkit_version_fails_before_running(self):
        text = self.said("f-old-toolkit.ipynb")
        self.assertIn("loads srpo-toolkit 0.0.1, but this checkout builds", text)

    def test_unknown_kernel_is_named(self):
        text = self.said("g-unknown-kernel.ipynb")
        self.assertIn("notebook: kernel 'nosuchkernel' failed: NoSuchKernel", text)

    def test_unreadable_notebook_is_a_failure_not_a_crash(self):
        self.assertIn("FAIL", self.said("h-not-a-notebook.ipynb"))

    def test_executed_copies_are_written_also_for_failures(self):
        copies = sorted(p.name for p in self.out.rglob("*.ipynb"))
        self.assertEqual(7, len(copies), copies)  # all but the unreadable one
        executed = nbformat.read(str(next(self.out.rglob("c-exception.ipynb"))), as_version=4)
        self.assertEqual("error", executed.cells[0].outputs[0].output_type)


class HtmlCopy(unittest.TestCase):

    def test_html_is_titled_by_the_notebook_and_fetches_nothing(self):
        nb = nbformat.read(str(ROOT / "notebooks" / "00-quickstart.ipynb"), as_version=4)
        with tempfile.TemporaryDirectory() as d:
            run_notebooks.write_atomically(nb, Path(d) / "00-quickstart.ipynb", html=True)
            page = (Path(d) / "00-quickstart.html").read_text(encoding="utf-8")
        self.assertIn("<title>00-quickstart</title>", page)
        self.assertIn("SRPO Lab", page)  # the notebook's own text is there
        self.assertNotRegex(page, r"<script[^>]*\bsrc=", "no script is fetched: the copy opens offline")
        self.assertNotRegex(page, r"<link[^>]*\bhref=[\"']https?:", "no stylesheet is fetched")


class RunnerStopsAHungCell(unittest.TestCase):

    def test_timeout_names_the_running_cell(self):
        with tempfile.TemporaryDirectory() as tmp:
            write(Path(tmp), "hangs.ipynb", "int a = 1;", "while (true) { Thread.onSpinWait(); }", "int b = 2;")
            proc = subprocess.run(
                [sys.executable, str(ROOT / "tools" / "run_notebooks.py"), "--out", tmp + "/out", "--timeout", "5",
                 tmp + "/hangs.ipynb"], capture_output=True, text=True, timeout=300)
        self.assertEqual(1, proc.returncode, proc.stdout)
        self.assertIn("cell 2 [while (true) { Thread.onSpinWait(); }]: timed out after 5 s", proc.stdout)


class OutputChecks(unittest.TestCase):
    """The checks on outputs that a kernel prints instead of reporting as an error."""

    def test_a_dependency_warning_in_a_stream_is_a_failure(self):
        nb = new_notebook(cells=[new_code_cell("%maven x:y:1")])
        nb.cells[0].outputs = [new_output("stream", name="stdout", text="Could not resolve dependencies.\n")]
        self.assertEqual([(0, "dependency not resolved: Could not resolve dependencies.")],
                         run_notebooks.problems_in_outputs(nb))

    def test_plain_stderr_text_is_not_a_failure(self):
        nb = new_notebook(cells=[new_code_cell("System.err.println(1);")])
        nb.cells[0].outputs = [new_output("stream", name="stderr", text="a warning that is not a crash\n")]
        self.assertEqual([], run_notebooks.problems_in_outputs(nb))


if __name__ == "__main__":
    unittest.main()
