# SRPO Lab: the commands from README.md.
#   make demo   set up, build, and run the main job (for now: the quickstart and the simulator tour at full scale)
#   make test   set up, then every test (JUnit, the tool tests, every notebook at CI scale), loopback network only
#   make lab    set up, then open JupyterLab on the notebooks
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python

.PHONY: setup demo test lab kernel-check bench-env variants demos sft-baseline clean

setup:
	@tools/setup.sh

demo: setup
	@$(PY) tools/run_notebooks.py --profile full --html --out target/demo \
	  notebooks/00-quickstart.ipynb notebooks/01-environments.ipynb
	@echo "demo: outputs are in target/demo/notebooks/ (open the .html files in a browser, or the .ipynb in 'make lab')"

# All three suites run even when one fails, so every summary is printed; the status is the worst of them.
test: setup
	@tools/offline.sh bash -c 'status=0; \
	  mvn -B -o --no-transfer-progress install || status=1; \
	  $(PY) -m unittest discover -s tools/tests || status=1; \
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

# Regenerate the LIBERO-Plus-style variant lists shipped in datasets/libero-plus-variants/ (deterministic).
variants: setup
	@java -cp "environments/target/classes:$$(cat environments/target/runtime-classpath.txt)" \
	  dev.srpo.tabletop.perturb.VariantGenerator datasets/libero-plus-variants

# Regenerate the one-shot demonstration sets shipped in datasets/demos/one-shot/ (deterministic).
demos: setup
	@for s in libero_spatial libero_object libero_goal libero_10; do \
	  java -Djava.awt.headless=true -cp "environments/target/classes:$$(cat environments/target/runtime-classpath.txt)" \
	    dev.srpo.tabletop.DemoGenerator --suite $$s --per-task 1 --out datasets/demos/one-shot/$$s || exit 1; \
	done

# The SFT baseline for one suite from the command line: SUITE=goal PER_TASK=1 STEPS=3000 STATES=50 make sft-baseline
sft-baseline: setup
	@java -Djava.awt.headless=true -Dai.djl.offline=true -DOPT_OUT_TRACKING=true --enable-native-access=ALL-UNNAMED \
	  -cp "environments/target/classes:$$(cat environments/target/runtime-classpath.txt)" dev.srpo.tabletop.SftBaseline \
	  $${SUITE:-goal} $${PER_TASK:-1} $${STEPS:-3000} $${STATES:-50} runs/sft-baseline/$${SUITE:-goal}-$${PER_TASK:-1}

clean:
	rm -rf target */target
