"""One LIBERO environment, run inside a worker process: build, reset to a fixed initial state, step, observe.

Everything here talks to LIBERO's Python API (``libero.libero.benchmark`` and ``OffScreenRenderEnv``); the rest of
the server never imports LIBERO, so the protocol code and its tests load without MuJoCo.
"""

from __future__ import annotations

import math
import os

import numpy as np

# No-op evaluators send while objects settle after a reset: stand still, gripper open (LIBERO's num_steps_wait).
NO_OP = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -1.0)
DEFAULT_SEED = 7  # the customary LIBERO evaluation seed (OpenVLA, openpi)


def training_seed(seed: int, layout: int) -> int:
    """NumPy's seed for training layout ``layout``: apart from every evaluation start (those restore a fixed state)."""
    return ((seed + 1) * 1_000_003 + layout) % 2**32


def quat_to_axis_angle(quat) -> np.ndarray:
    """Rotation vector (axis * angle, radians) of a unit quaternion in robosuite's (x, y, z, w) order."""
    x, y, z, w = (float(v) for v in quat)
    w = max(-1.0, min(1.0, w))
    s = math.sqrt(max(0.0, 1.0 - w * w))  # sin(angle / 2)
    if s < 1e-8:  # no rotation: the axis is undefined
        return np.zeros(3)
    angle = 2.0 * math.acos(w)
    return np.array([x, y, z]) * (angle / s)


def upright(image: np.ndarray) -> bytes:
    """LIBERO renders upside-down (OpenGL's bottom-up rows): turn 180 degrees, as the evaluators do."""
    return np.ascontiguousarray(image[::-1, ::-1]).tobytes()


def catalog(suites):
    """The tasks of the given suites in LIBERO's benchmark order: suite, index, name, language, init states."""
    from libero.libero import benchmark

    out = []
    registry = benchmark.get_benchmark_dict()
    for suite_id in suites:
        suite = registry[suite_id]()
        for i in range(suite.n_tasks):
            task = suite.get_task(i)
            out.append({"suite": suite_id, "index": i, "name": task.name, "language": task.language})
    return out


class SimEnv:
    """One task's ``OffScreenRenderEnv`` with the evaluators' protocol (fixed initial state, warm-up no-ops)."""

    def __init__(self, suite_id: str, index: int, width: int, height: int, wrist: bool, seed: int):
        from pathlib import Path

        from libero.libero import benchmark, get_libero_path
        from libero.libero.envs import OffScreenRenderEnv

        suite = benchmark.get_benchmark_dict()[suite_id]()
        task = suite.get_task(index)
        self.language = task.language
        self.init_states = suite.get_task_init_states(index)
        bddl = Path(get_libero_path("bddl_files")) / task.problem_folder / task.bddl_file
        cameras = ["agentview", "robot0_eye_in_hand"] if wrist else ["agentview"]
        self.wrist = wrist
        self.width, self.height = width, height
        self.env = OffScreenRenderEnv(
            bddl_file_name=str(bddl), camera_heights=height, camera_widths=width, camera_names=cameras
        )
        self.seed = seed
        self.obs = None

    def reset(self, init_state: int, warmup: int, layout: str = "evaluation") -> dict:
        if layout == "training":
            # A training layout is a fresh draw of LIBERO's own placement sampler (objects in their BDDL regions,
            # as LIBERO drew the fixed states it ships), seeded per index: reproducible, and never one of the 50
            # evaluation states, so RL on LIBERO does not train where it is evaluated.
            self.env.seed(training_seed(self.seed, init_state))
            self.obs = self.env.reset()
        else:
            # The initial state restores joints and free objects, but the fixtures' placement (stove, cabinet, ...)
            # is drawn from NumPy's global generator at reset: seeding before every reset makes reset(i) the same
            # start every time, as the toolkit's Env promises (evaluators that seed once get a different draw per
            # episode).
            self.env.seed(self.seed)
            self.env.reset()
            self.obs = self.env.set_init_state(self.init_states[init_state])
        for _ in range(warmup):
            self.obs, _, _, _ = self.env.step(NO_OP)
        return self.observation(success=bool(self.env.check_success()))

    def step(self, actions, frames: bool = False) -> dict:
        """Applies the actions in order, stopping at the first success; returns the last observation, and with
        `frames` the agentview frame and proprioceptive state after every applied action."""
        success = False
        path = []
        seen, states = [], []
        steps = 0
        for action in actions:
            self.obs, _, _, _ = self.env.step(np.asarray(action, dtype=np.float64))
            steps += 1
            path.extend(float(v) for v in self.obs["robot0_eef_pos"])
            if frames:
                seen.append(upright(self.obs["agentview_image"]))
                states.extend(self.proprio())
            success = bool(self.env.check_success())
            if success:
                break
        out = self.observation(success)
        out["steps"] = steps
        out["eef_path"] = path
        if frames:
            out["frames"] = seen
            out["proprios"] = states
        return out

    def proprio(self) -> list:
        o = self.obs
        state = np.concatenate(
            [o["robot0_eef_pos"], quat_to_axis_angle(o["robot0_eef_quat"]), o["robot0_gripper_qpos"]]
        )
        return [float(v) for v in state]

    def observation(self, success: bool) -> dict:
        o = self.obs
        return {
            "width": self.width,
            "height": self.height,
            "agentview": upright(o["agentview_image"]),
            "wrist": upright(o["robot0_eye_in_hand_image"]) if self.wrist else None,
            "proprio": self.proprio(),
            "eef_quat": [float(v) for v in o["robot0_eef_quat"]],
            "success": success,
        }

    def close(self):
        self.env.close()


def configure_rendering():
    """Headless MuJoCo: EGL (Mesa's software llvmpipe without a GPU) unless the caller chose a backend."""
    os.environ.setdefault("MUJOCO_GL", "egl")
    if os.environ["MUJOCO_GL"] in ("egl", "osmesa"):
        os.environ.setdefault("PYOPENGL_PLATFORM", os.environ["MUJOCO_GL"])
