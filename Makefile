# SRPO Lab: the commands from README.md.
#   make demo   set up, build, and run the main job: SRPO from the shipped one-shot libero_object checkpoint
#   make test   set up, then every test (JUnit, the tool tests, every notebook at CI scale), loopback network only
#   make lab    set up, then open JupyterLab on the notebooks
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
# The V-JEPA 2 export environment (torch + transformers, large: make vjepa2-env); CI always has it.
EXPORT_PY   := .venv-export/bin/python
VJEPA2_TINY := target/vjepa2-tiny
# Every Java command goes through bin/srpo, the front door, which takes the JVM flags from tools/jvm.options.

.PHONY: setup setup-libero demo test lab kernel-check bench-env bench-libero bench-fleet gpu-env variants demos sft-baseline \
	encoders reward-benchmark bench-reward bench-train srpo-vs-grpo offline-srpo clean vjepa2-env vjepa2-export vjepa2-check vjepa2-bench

setup:
	@tools/setup.sh

# The LIBERO bridge server's own virtualenv (.venv-libero: real LIBERO, robosuite, MuJoCo; ~0.9 GB download once).
# SRPO_SKIP_LIBERO=1 skips it; the bridge's tests then skip, saying why.
setup-libero:
	@environments/libero-server/setup.sh

# The main job: SRPO from the shipped one-shot libero_object checkpoint, 60 RL steps of 8 prompts x 8 rollouts,
# greedy evaluation on all 500 evaluation episodes every 10 steps (about 15 minutes on 2 cores). A run already in
# runs/demo is resumed from its last checkpoint (delete the folder to start over). The full study:
# tools/srpo-vs-grpo.sh (every suite, SRPO and GRPO; results/srpo-vs-grpo/).
demo: setup
	@SRPO_JAVA_OPTS="$${SRPO_JAVA_OPTS:--Xmx6g}" bin/srpo train --init datasets/one-shot-sft/libero_object.vla \
	  --suite libero_object --reward srpo --steps $${STEPS:-60} --seed 1 --out runs/demo \
	  $$([ -f runs/demo/run.json ] && echo --resume)
	@echo "demo: runs/demo/curve.png (success vs RL step), runs/demo/eval.csv, runs/demo/metrics.jsonl, runs/demo/policy.vla"

# The SRPO vs GRPO study from the shipped one-shot checkpoints (results/srpo-vs-grpo/; see tools/srpo-vs-grpo.sh):
# [SUITES="libero_object ..."] [STEPS=200]; existing runs in runs/srpo-vs-grpo/ are resumed or extended.
srpo-vs-grpo: setup
	@tools/srpo-vs-grpo.sh $(SUITES)

# The offline SRPO study (results/offline-srpo/; see tools/offline-srpo.sh): per suite one buffer of one-shot
# rollouts, then offline SRPO, binary AWR and filtered BC on it; [SUITES="libero_object ..."].
offline-srpo: setup
	@tools/offline-srpo.sh $(SUITES)

# Every test: the Java tests, the tools' and the bridge's Python tests, every notebook at CI scale (tools/test.sh),
# inside a network namespace with loopback only (tools/offline.sh).
test: setup setup-libero
	@tools/offline.sh tools/test.sh

lab: setup
	. tools/libtorch.sh && srpo_libtorch "$$PWD" && $(VENV)/bin/jupyter lab --ServerApp.root_dir=. $(if $(filter 0,$(shell id -u)),--allow-root) \
	  notebooks/00-quickstart.ipynb

# 50 headless kernel starts in a row: the Java kernel must start every time.
kernel-check: setup
	@$(PY) tools/kernel_startup_check.py --starts 50

# How fast the embedded simulator steps, with and without rendering, on 1 and 2 threads.
bench-env: setup
	@bin/srpo bench env

# The LIBERO bridge's overhead: real LIBERO through the bridge vs in Python, 1 and 2 workers, and the embedded
# simulator's steps/s for the ratio.
bench-libero: setup setup-libero
	@bin/srpo bench libero

# The same loop through a fleet of bridge servers on Ray (this machine) against a plain local server.
bench-fleet: setup setup-libero
	@bin/srpo bench libero --fleet

# Regenerate the LIBERO-Plus-style variant lists shipped in datasets/libero-plus-variants/ (deterministic).
variants: setup
	@bin/srpo variants --out datasets/libero-plus-variants

# Regenerate the one-shot demonstration sets shipped in datasets/demos/one-shot/ (deterministic).
demos: setup
	@for s in libero_spatial libero_object libero_goal libero_10; do \
	  bin/srpo demos --suite $$s --per-task 1 --out datasets/demos/one-shot/$$s || exit 1; done

# The SFT baseline for one suite from the command line: SUITE=goal PER_TASK=1 STATES=50 make sft-baseline
# (PER_TASK=50 for full SFT; STEPS defaults to the preset's: 6,000 one-shot, 12,000 full, 18,966 full Long).
# PRETRAIN=8 first pretrains on 8 demonstrations per task of the other three suites.
sft-baseline: setup
	@bin/srpo sft-baseline --suite $${SUITE:-goal} --per-task $${PER_TASK:-1} --steps $${STEPS:-0} \
	  --states $${STATES:-50} --pretrain $${PRETRAIN:-0} --out runs/sft-baseline/$${SUITE:-goal}-$${PER_TASK:-1}

# Train the CPU encoders shipped in datasets/world-model/ (the world model and the image baseline) from scratch;
# rebuild afterwards (make setup) so the toolkit jar carries the new weights.
encoders: setup
	@bin/srpo encoders --out datasets/world-model

# The progress-reward benchmark (paper Table 3) → reward-studies/results/progress-benchmark-PROFILE.{csv,md}.
PROFILE ?= full
reward-benchmark: setup
	@bin/srpo reward-benchmark --profile $(PROFILE)

# What the SRPO reward costs per RL step: encoding a 512-rollout batch (world model vs pixels) and the reward itself.
bench-reward: setup
	@bin/srpo bench reward

# One SRPO step on the embedded simulator, phase by phase, against the policy's own sampling and update rates
# measured in the same run: make bench-train [INIT=one-shot.vla] [BENCH_ARGS="--prompts 8 --group 8"]
bench-train: setup
	@bin/srpo bench train $(if $(INIT),--init $(INIT)) $(BENCH_ARGS)

# --- V-JEPA 2 (tools/vjepa2/README.md) ----------------------------------------------------------------------------
# The export environment: torch 2.7.1 + transformers in .venv-export (about 2.8 GB download, 5.4 GB on disk).
vjepa2-env:
	@tools/vjepa2/setup_env.sh

# The GPU path: DJL on the CUDA libtorch of PyPI's torch 2.7.1 wheel (.venv-export), through pytorch-jni's cu128 JNI
# library. Then SRPO_LIBTORCH=pypi bin/srpo ... and SRPO_LIBTORCH=pypi make lab use it.
gpu-env: setup
	@tools/vjepa2/setup_env.sh
	@SRPO_LIBTORCH=pypi bin/srpo info

# Export a V-JEPA 2 checkpoint (a Hugging Face folder) to TorchScript for Java:
#   make vjepa2-export CHECKPOINT=~/models/vjepa2-vitg-fpc64-384 OUT=models/vjepa2-vitg-384.pt [DEVICE=cuda DTYPE=float16]
vjepa2-export: vjepa2-env
	@[ -n "$(CHECKPOINT)" ] && [ -n "$(OUT)" ] || { echo "usage: make vjepa2-export CHECKPOINT=<HF folder> OUT=<name>.pt [DEVICE=cpu|cuda] [DTYPE=float32|float16] [FRAMES=64]"; exit 2; }
	@HF_HUB_OFFLINE=1 $(EXPORT_PY) tools/vjepa2/export_vjepa2.py export --checkpoint "$(CHECKPOINT)" --out "$(OUT)" \
	  --device $(or $(DEVICE),cpu) --dtype $(or $(DTYPE),float32) $(if $(FRAMES),--frames $(FRAMES))

# Export the tiny random V-JEPA 2 afresh and check Java's embeddings against Python's (what make test does).
vjepa2-check: vjepa2-env
	@HF_HUB_OFFLINE=1 $(EXPORT_PY) tools/vjepa2/export_vjepa2.py export --random-tiny \
	  --out $(VJEPA2_TINY)/vjepa2-tiny.pt --reference $(VJEPA2_TINY)/vjepa2-tiny-reference.json
	@mvn -B -o -q -pl toolkit test -Dtest=VJepa2EncoderTest -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dsrpo.vjepa2.dir=$$PWD/$(VJEPA2_TINY)

# Trajectories/s through DJL and through PyTorch, same export, same episodes' sizes (MODEL=... for a real one).
VJEPA2_MODEL ?= toolkit/src/test/resources/dev/srpo/encoder/vjepa2/vjepa2-tiny.pt
vjepa2-bench: setup
	@bin/srpo bench vjepa2 $(or $(MODEL),$(VJEPA2_MODEL)) $(BENCH_ARGS) $(if $(wildcard $(EXPORT_PY)),--python $(EXPORT_PY))

clean:
	rm -rf target */target
