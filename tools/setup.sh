#!/usr/bin/env bash
# One-time (and idempotent) set-up of SRPO Lab on a fresh machine: checks the prerequisites, creates the
# project virtualenv (.venv) with JupyterLab and the JJava kernel, registers the kernel with SRPO Lab's JVM
# options, and builds and installs the toolkit into the local Maven repository, where notebooks load it from.
# A second run only redoes what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
missing() { printf 'setup: %s\n' "$*" >&2; exit 1; }

# --- prerequisites: one clear line each ----------------------------------------------------------------------
# Maven and the kernel use $JAVA_HOME when it is set, else the java on PATH: check that one.
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java" javac="$JAVA_HOME/bin/javac"; else java=java javac=javac; fi
command -v "$java" >/dev/null || missing "no '$java': install a JDK 17 or newer (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless)"
command -v "$javac" >/dev/null || missing "'$java' is a JRE without 'javac': install a full JDK 17 or newer (Debian/Ubuntu: openjdk-17-jdk-headless)"
java_major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
[ "${java_major:-0}" -ge 17 ] || missing "Java ${java_major:-unknown} found ($java), SRPO Lab needs Java 17 or newer: install openjdk-17-jdk-headless (or newer) and set JAVA_HOME or PATH to it"
command -v mvn >/dev/null || missing "no 'mvn' on PATH: install Maven 3.6.3 or newer (Debian/Ubuntu: apt-get install maven)"
command -v "$PYTHON" >/dev/null || missing "no '$PYTHON' on PATH: install Python 3.10 or newer (Debian/Ubuntu: apt-get install python3 python3-venv), or set PYTHON=/path/to/python3"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
  || missing "$("$PYTHON" --version 2>&1) found, SRPO Lab needs Python 3.10 or newer (or set PYTHON=/path/to/python3.10+)"
"$PYTHON" -c 'import venv, ensurepip' 2>/dev/null \
  || missing "$PYTHON cannot create virtualenvs: install its venv module (Debian/Ubuntu: apt-get install python3-venv)"
"$PYTHON" -c 'import sqlite3' 2>/dev/null \
  || missing "$PYTHON was built without sqlite3, which JupyterLab needs: use a Python with it (Debian/Ubuntu: python3), or rebuild yours with libsqlite3-dev"

# --- the virtualenv: JupyterLab, JJava, nbclient (binder/requirements.txt, locked by binder/constraints.txt) ----
. tools/venv.sh
pins=(binder/requirements.txt binder/constraints.txt)
if ! venv_current "$VENV" "${pins[@]}"; then
  say "creating $VENV (JupyterLab, JJava kernel, nbclient) from binder/requirements.txt"
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r binder/requirements.txt
  venv_built "$VENV" "${pins[@]}"
fi
"$VENV/bin/python" tools/install_kernel.py
# notebooks are committed without outputs: git stages them through nbstripout (.gitattributes names the filter)
if git rev-parse --git-dir >/dev/null 2>&1; then
  git config filter.nbstripout.clean "'$PWD/$VENV/bin/nbstripout' --keep-id"
  git config filter.nbstripout.smudge cat
fi

# --- the toolkit: build and install into ~/.m2, where a notebook's first cell (%maven) finds it ------------------
# `make test` later builds with `mvn -o` inside a network namespace that has no way out, so everything it needs is
# fetched here: one quick test runs so that Surefire fetches its JUnit provider, and the format check runs once so
# that its formatter is fetched (its verdict is `make test`'s business, not set-up's).
say "building the toolkit (mvn install)"
strip_colour() { sed -u 's/\x1b\[[0-9;]*m//g'; }  # Maven 3.8 prints stray colour resets even in batch mode
mvn -B -q install -Dspotless.check.skip=true -Dtest=SrpoToolkitTest -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
  | strip_colour
mvn -B -q spotless:check >/dev/null 2>&1 || true
say "ready: toolkit $(sed -n 's/^version=//p' toolkit/target/classes/dev/srpo/toolkit.properties) installed, kernel 'java' registered in $VENV"
