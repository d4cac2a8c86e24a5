# SRPO Lab: the commands from README.md.
#   make demo   set up, build, and run the main job (for now: the quickstart and the simulator tour at full scale)
#   make test   set up, then every test (JUnit, the tool tests, every notebook at CI scale), loopback network only
#   make lab    set up, then open JupyterLab on the notebooks
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python

.PHONY: setup demo test lab kernel-check bench-env variants encoders reward-benchmark clean

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

# DJL must not phone home (README, troubleshooting): every java started here gets both opt-outs.
JAVA_DJL := OPT_OUT_TRACKING=true java -Dai.djl.offline=true -Djava.awt.headless=true
STUDIES_CP = reward-studies/target/classes:$$(cat reward-studies/target/runtime-classpath.txt)

# Train the CPU encoders shipped in datasets/world-model/ (the world model and the image baseline) from scratch;
# rebuild afterwards (make setup) so the toolkit jar carries the new weights.
encoders: setup
	@$(JAVA_DJL) -cp "$(STUDIES_CP)" dev.srpo.studies.TrainEncoders datasets/world-model

# The progress-reward benchmark (paper Table 3) → reward-studies/results/progress-benchmark-PROFILE.{csv,md}.
PROFILE ?= full
reward-benchmark: setup
	@$(JAVA_DJL) -cp "$(STUDIES_CP)" dev.srpo.studies.ProgressBenchmark --profile $(PROFILE)

clean:
	rm -rf target */target
