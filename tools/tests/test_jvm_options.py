"""The project's JVM flags live in one place, tools/jvm.options, and every JVM the project starts takes them from
there: bin/srpo, the Makefile, Maven Surefire and the Jupyter kernel."""

import os
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))

import install_kernel  # noqa: E402


def read(*parts):
    with open(os.path.join(ROOT, *parts)) as f:
        return f.read()


class JvmOptionsTest(unittest.TestCase):
    def test_the_flags_are_defined_once_and_everyone_points_there(self):
        flags = install_kernel.project_jvm_options()
        self.assertIn("-Dai.djl.offline=true", flags)
        self.assertIn("-DOPT_OUT_TRACKING=true", flags)
        self.assertIn("-Djava.awt.headless=true", flags)
        self.assertTrue(all(f.startswith("-") for f in flags), flags)
        users = {"bin/srpo": read("bin", "srpo"), "pom.xml": read("pom.xml")}
        for name, text in users.items():
            self.assertIn("tools/jvm.options", text, f"{name} does not take its flags from tools/jvm.options")
        users["Makefile"] = read("Makefile")
        for name, text in users.items():
            for flag in flags:
                self.assertNotIn(flag, text, f"{name} repeats {flag}: it belongs in tools/jvm.options only")
        # the Makefile starts no JVM of its own: every Java command goes through bin/srpo
        for line in read("Makefile").splitlines():
            if line.startswith("\t"):
                self.assertNotRegex(line, r"(^|[\s@;(])java\s", f"the Makefile starts java itself: {line.strip()}")

    def test_the_kernel_gets_the_same_flags(self):
        self.assertNotIn("-Dai.djl.offline=true", read("tools", "install_kernel.py"))
        spec = os.path.join(ROOT, ".venv", "share", "jupyter", "kernels", "java", "kernel.json")
        if not os.path.exists(spec):
            self.skipTest("no kernel installed yet (make setup)")
        import json

        with open(spec) as f:
            argv = json.load(f)["argv"]
        for flag in install_kernel.project_jvm_options():
            self.assertIn(flag, argv)


if __name__ == "__main__":
    unittest.main()
