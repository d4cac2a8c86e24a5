"""Registers the JJava kernel that pip put into this virtualenv as kernel `java`, with SRPO Lab's JVM options.

The `jjava` wheel ships its jars and a kernel.json under <venv>/share/jupyter/kernels/java. We rewrite that
kernel.json so that the kernel JVM
  * never lets DJL touch the network (OPT_OUT_TRACKING, ai.djl.offline), and
  * is headless (charts render without a display),
and start the kernel jar directly with the JDK found now, instead of JJava's launcher, which would start a second
JVM with whatever `java` is first on PATH when Jupyter runs.

Extra JVM options (a heap size, say) go in SRPO_KERNEL_JVM_OPTS when this runs, e.g.
`SRPO_KERNEL_JVM_OPTS=-Xmx8g make setup`: kernel.json holds a fixed command line, so JJava's own JJAVA_JVM_OPTS,
read by the launcher we skip, has no effect.

Run with the virtualenv's python: `.venv/bin/python tools/install_kernel.py`. Idempotent.
"""
import json
import os
import shutil
import sys

def project_jvm_options():
    """The project's JVM flags from their one place, tools/jvm.options (a Java argument file: # comments)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jvm.options")
    with open(path) as f:
        return [line.strip() for line in f if line.strip() and not line.lstrip().startswith("#")]


KERNEL_OPTIONS = [
    # JJava logs every loop start at INFO on stderr; keep warnings only
    "-Djava.util.logging.config.file={resource_dir}/logging.properties",
    # JShell's internals that JJava needs (what JJava's own launcher adds)
    "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED",
]


def find_java():
    home = os.environ.get("JAVA_HOME")
    if home and os.access(os.path.join(home, "bin", "java"), os.X_OK):
        return os.path.join(home, "bin", "java")
    java = shutil.which("java")
    if not java:
        sys.exit("install_kernel: no 'java' on PATH and JAVA_HOME is not set: install a JDK 17 or newer")
    return os.path.realpath(java)


def write_json(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(data, f, indent=2)
    os.replace(tmp, path)


# JupyterLab in this virtualenv (make lab, Binder): no news pop-up over the outputs, and no update check (it
# would reach the network).
LAB_OVERRIDES = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}


def server_config():
    """The Jupyter server's defaults for this virtualenv: kernel_info replies count as activity, so that a notebook's
    kernel shows Idle once it connects instead of "Unknown" until the first cell runs (found with JupyterLab 4.6 and
    JJava, which answers kernel_info_request with its status)."""
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager

    untracked = [m for m in MappingKernelManager.class_traits()["untracked_message_types"].default()
                 if m not in ("kernel_info_request", "kernel_info_reply")]
    return {"MappingKernelManager": {"untracked_message_types": untracked}}


def main():
    spec_dir = os.path.join(sys.prefix, "share", "jupyter", "kernels", "java")
    if not os.path.isfile(os.path.join(spec_dir, "jjava.jar")):
        sys.exit(f"install_kernel: no JJava kernel in {spec_dir}: run this with the virtualenv's python after "
                 "`pip install -r binder/requirements.txt`")
    spec = {
        "argv": [find_java(), *project_jvm_options(), *KERNEL_OPTIONS,
                 *os.environ.get("SRPO_KERNEL_JVM_OPTS", "").split(),
                 "-jar", "{resource_dir}/jjava.jar", "{connection_file}"],
        "display_name": "Java (SRPO Lab)",
        "language": "java",
        "interrupt_mode": "message",
        "metadata": {"srpo": "written by tools/install_kernel.py"},
    }
    with open(os.path.join(spec_dir, "logging.properties"), "w") as f:
        f.write("handlers=java.util.logging.ConsoleHandler\n.level=WARNING\n"
                "java.util.logging.ConsoleHandler.level=WARNING\n")
    write_json(os.path.join(spec_dir, "kernel.json"), spec)
    write_json(os.path.join(sys.prefix, "share", "jupyter", "lab", "settings", "overrides.json"), LAB_OVERRIDES)
    write_json(os.path.join(sys.prefix, "etc", "jupyter", "jupyter_server_config.json"), server_config())


if __name__ == "__main__":
    main()
