# SRPO Lab: the commands from README.md.
#   make demo   set up, build, and run the main job (for now: the quickstart and the simulator tour at full scale)
#   make test   set up, then every test (JUnit, the tool tests, every notebook at CI scale), loopback network only
#   make lab    set up, then open JupyterLab on the notebooks
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python

.PHONY: setup setup-libero demo test lab kernel-check bench-env bench-libero variants clean

setup:
	@tools/setup.sh

# The LIBERO bridge server's own virtualenv (.venv-libero: real LIBERO, robosuite, MuJoCo; ~0.9 GB download once).
# SRPO_SKIP_LIBERO=1 skips it; the bridge's tests then skip, saying why.
setup-libero:
	@environments/libero-server/setup.sh

demo: setup
	@$(PY) tools/run_notebooks.py --profile full --html --out target/demo \
	  notebooks/00-quickstart.ipynb notebooks/01-environments.ipynb
	@echo "demo: outputs are in target/demo/notebooks/ (open the .html files in a browser, or the .ipynb in 'make lab')"

# All three suites run even when one fails, so every summary is printed; the status is the worst of them.
test: setup setup-libero
	@tools/offline.sh bash -c 'status=0; \
	  mvn -B -o --no-transfer-progress install || status=1; \
	  $(PY) -m unittest discover -s tools/tests || status=1; \
	  if [ -x .venv-libero/bin/python ]; then .venv-libero/bin/python -m unittest discover \
	    -s environments/libero-server/tests -t environments/libero-server || status=1; fi; \
	  $(PY) tools/run_notebooks.py --profile ci || status=1; \
	  exit $$status'

lab: setup
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=. $(if $(filter 0,$(shell id -u)),--allow-root) \
	  notebooks/00-quickstart.ipynb

# 50 headless kernel starts in a row: the Java kernel must start every time.
kernel-check: setup
	@$(PY) tools/kernel_startup_check.py --starts 50

# How fast the embedded simulator steps, with and without rendering, on 1 and 2 threads.
bench-env: setup
	@java -Djava.awt.headless=true -cp "environments/target/classes:$$(cat environments/target/runtime-classpath.txt)" \
	  dev.srpo.tabletop.TabletopBench

# The LIBERO bridge's overhead: real LIBERO through the bridge vs in Python, 1 and 2 workers, and the embedded
# simulator's steps/s for the ratio.
bench-libero: setup setup-libero
	@java -Djava.awt.headless=true -cp "environments/target/classes:$$(cat environments/target/runtime-classpath.txt)" \
	  dev.srpo.libero.LiberoBench

# Regenerate the LIBERO-Plus-style variant lists shipped in datasets/libero-plus-variants/ (deterministic).
variants: setup
	@java -cp "environments/target/classes:$$(cat environments/target/runtime-classpath.txt)" \
	  dev.srpo.tabletop.perturb.VariantGenerator datasets/libero-plus-variants

clean:
	rm -rf target */target
