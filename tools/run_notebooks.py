"""Executes notebooks headless on the Java kernel and says which passed.

    .venv/bin/python tools/run_notebooks.py [--profile ci|full] [--out DIR] [--html] [NOTEBOOK_OR_DIR ...]

With no paths, every .ipynb under notebooks/ and reward-studies/ runs, in name order. Each notebook runs in its
own kernel, from its own folder, with SRPO_PROFILE set to the profile (the notebooks size their work by it).
A notebook fails on:
  * any cell error: exceptions, compile errors (the kernel's CompilationException), failed magics;
  * a dependency that did not resolve, even where a kernel only prints a warning for it;
  * an uncaught exception in a background thread (Java prints it to stderr; the cell itself succeeds);
  * a dead kernel, a kernel that does not start, or a cell timeout;
  * a first cell that loads another toolkit version than the one this checkout builds.
The executed copy, outputs included, is always written under --out (default target/executed), also on failure.
The last line printed is `N passed, N failed`; the exit status is 1 if any notebook failed or none was found.
"""
import argparse
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = ["notebooks", "reward-studies"]
TEMPLATES = ROOT / "tools" / "nbconvert"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Kernels differ in how loudly a dependency magic fails; these are the texts that mean it did.
UNRESOLVED = re.compile(r"Could not resolve|Error resolving dependenc|Failed to resolve|Unresolved dependenc", re.I)
BACKGROUND_CRASH = re.compile(r'Exception in thread "')
TOOLKIT_MAGIC = re.compile(r"^%maven\s+dev\.srpo:(srpo-[a-z]+):(\S+)", re.M)


def toolkit_version():
    pom = (ROOT / "pom.xml").read_text()
    match = re.search(r"<artifactId>srpo-lab</artifactId>\s*<version>([^<]+)</version>", pom)
    return match.group(1) if match else None


def discover(paths):
    found = []
    for p in paths or [ROOT / d for d in DEFAULT_DIRS]:
        p = Path(p).resolve()
        if p.is_file():
            found.append(p)
        elif p.is_dir():
            found += [n for n in p.rglob("*.ipynb") if ".ipynb_checkpoints" not in n.parts]
        elif paths:
            sys.exit(f"run_notebooks: no such notebook or folder: {p}")
    return sorted(set(found))


def cell_label(nb, index):
    cell = nb.cells[index]
    first = next((line for line in cell.source.splitlines() if line.strip()), "")
    return f"cell {index + 1} [{first[:60]}]"


def describe_error(out):
    """`Name: value` of an error output, plus the traceback lines that are not stack frames (for a compile
    error: the offending source line and the compiler's message)."""
    head = f"{out.ename}: {ANSI.sub('', out.evalue)}"
    lines = [ANSI.sub("", line).strip() for line in out.get("traceback", [])]
    detail = [line for line in lines if line and not line.startswith("at ") and line not in head][:4]
    return "\n        ".join([head] + detail)


def problems_in_outputs(nb):
    """Failures as the outputs show them, also those a kernel prints rather than reports as an error."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                found.append((i, describe_error(out)))
            elif out.output_type == "stream":
                text = ANSI.sub("", out.text)
                if UNRESOLVED.search(text):
                    found.append((i, "dependency not resolved: " + text.strip().splitlines()[0]))
                if out.name == "stderr" and BACKGROUND_CRASH.search(text):
                    line = next(l for l in text.splitlines() if BACKGROUND_CRASH.search(l))
                    found.append((i, "uncaught exception in a background thread: " + line.strip()))
    return found


def error_summary(exc):
    """The end of an exception's text, where the error is (used when no output shows it)."""
    lines = [l for l in ANSI.sub("", str(exc)).splitlines() if l.strip()]
    return "\n        ".join(lines[-4:]) if lines else type(exc).__name__


def write_atomically(nb, path, html):
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".ipynb.tmp")
    nbformat.write(nb, str(tmp))
    os.replace(tmp, path)
    if html:
        from nbconvert import HTMLExporter
        # titled by the notebook's name, and with no script from a CDN (tools/nbconvert/offline)
        exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="offline")
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
        html_path = path.with_suffix(".html")
        tmp = html_path.with_suffix(".html.tmp")
        tmp.write_text(body, encoding="utf-8")
        os.replace(tmp, html_path)


def run_one(path, args, expected_version):
    nb = nbformat.read(str(path), as_version=4)
    for i, cell in enumerate(nb.cells):
        magic = TOOLKIT_MAGIC.search(cell.source) if cell.cell_type == "code" else None
        if magic and expected_version and magic.group(2) != expected_version:
            return nb, [(i, f"loads {magic.group(1)} {magic.group(2)}, but this checkout builds {expected_version}: "
                            "change the %maven line")]

    kernel = args.kernel or nb.metadata.get("kernelspec", {}).get("name") or "java"
    code_cells = sum(1 for c in nb.cells if c.cell_type == "code")
    running = [None]  # index of the cell the kernel is running now
    done = [0]

    def on_cell_start(cell, cell_index):
        running[0] = cell_index

    def on_cell_executed(cell, cell_index, execute_reply):
        done[0] += 1
        if sys.stdout.isatty():  # a live counter on a terminal; logs get the summary lines only
            print(f"\r    {done[0]}/{code_cells} cells", end="", flush=True)

    client = NotebookClient(
        nb, kernel_name=kernel, timeout=args.timeout, startup_timeout=args.startup_timeout,
        allow_errors=False, record_timing=True, on_cell_start=on_cell_start, on_cell_executed=on_cell_executed,
        resources={"metadata": {"path": str(path.parent)}})
    stopped = None  # what stopped the run, for when no output shows it (a timeout, a dead kernel)
    try:
        client.execute()
    except CellTimeoutError:
        stopped = (running[0], f"timed out after {args.timeout} s")
    except DeadKernelError as e:
        stopped = (running[0], f"the kernel died ({e})")
    except CellExecutionError as e:  # the cell's error output says it better, unless there is none
        stopped = (running[0], error_summary(e))
        if any(o.output_type == "error" for o in nb.cells[running[0]].get("outputs", [])):
            stopped = None
    except Exception as e:  # the kernel did not start: unknown kernelspec, no java, no answer in time
        stopped = (None, f"kernel '{kernel}' failed: {type(e).__name__}: {error_summary(e)}")
    finally:
        if sys.stdout.isatty():
            print("\r\x1b[K", end="")
    failures = ([stopped] if stopped else []) + problems_in_outputs(nb)
    return nb, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", help="notebooks or folders (default: notebooks/ and reward-studies/)")
    parser.add_argument("--profile", default=os.environ.get("SRPO_PROFILE", "ci"), choices=["ci", "full"])
    parser.add_argument("--out", default=str(ROOT / "target" / "executed"), help="where executed copies go")
    parser.add_argument("--html", action="store_true", help="also write an HTML copy of each executed notebook")
    parser.add_argument("--timeout", type=int,
                        help="seconds one cell may run (default 600 at ci scale, 7200 at full scale); the Java "
                             "kernel cannot interrupt a cell, so a timeout is what stops a hung one")
    parser.add_argument("--startup-timeout", type=int, default=60, help="seconds the kernel may take to start")
    parser.add_argument("--kernel", help="kernel name (default: the notebook's kernelspec, else 'java')")
    args = parser.parse_args()

    os.environ["SRPO_PROFILE"] = args.profile  # the kernel inherits it
    if args.timeout is None:
        args.timeout = 600 if args.profile == "ci" else 7200
    notebooks = discover(args.paths)
    if not notebooks:
        print("run_notebooks: no notebooks found")
        print("0 passed, 0 failed")
        sys.exit(1)

    version = toolkit_version()
    out_dir = Path(args.out).resolve()
    passed = failed = 0
    print(f"Running {len(notebooks)} notebook(s) on the Java kernel, profile {args.profile}")
    for n, path in enumerate(notebooks, 1):
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else Path(path.name)
        print(f"[{n}/{len(notebooks)}] {rel}", flush=True)
        start = time.monotonic()
        out_path = out_dir / rel
        try:
            nb, failures = run_one(path, args, version)
        except Exception as e:  # e.g. an unreadable notebook: a failure with a name, not a crash
            nb, failures = None, [(None, f"{type(e).__name__}: {e}")]
        if nb is not None:
            try:
                write_atomically(nb, out_path, args.html)
            except Exception as e:
                failures.append((None, f"could not write the executed copy: {type(e).__name__}: {e}"))
        seconds = time.monotonic() - start
        if failures:
            failed += 1
            print(f"    FAIL {rel} ({seconds:.1f} s)")
            for index, message in failures:
                where = cell_label(nb, index) if index is not None else "notebook"
                print(f"      {where}: {message}")
        else:
            passed += 1
            print(f"    ok   {rel} ({seconds:.1f} s)")
        if nb is not None:
            print(f"      executed copy: {out_path}"
                  + (f" (+ {out_path.with_suffix('.html').name})" if args.html else ""))
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
