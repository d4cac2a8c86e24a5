"""Writes the tiny LIBERO-layout HDF5 file the Java reader's test reads (dev.srpo.data.LiberoHdf5Test).

    python -m venv /tmp/h5 && /tmp/h5/bin/pip install h5py==3.16.0 numpy==2.4.6
    /tmp/h5/bin/python tools/testdata/make_libero_hdf5.py

The layout is LIBERO's (robomimic's): data/ with a `problem_info` JSON attribute holding the instruction, and
data/demo_N/ with obs/agentview_rgb (T, H, W, 3) uint8 stored upside down like LIBERO's renders,
obs/eye_in_hand_rgb, obs/ee_pos, actions (T, 7) float64, dones, rewards. Values are a fixed function of the
indices, so the Java test can check every number. Frames are 8x6 (H=6, W=8) instead of 128x128 to keep it tiny;
demo_1's frames are gzip-compressed and chunked, like files written by LIBERO's scripts.
"""
import json
from pathlib import Path

import h5py
import numpy as np

OUT = Path(__file__).resolve().parents[2] / "toolkit/src/test/resources/dev/srpo/data/libero-tiny.hdf5"
H, W = 6, 8


def frames(demo, steps):
    t = np.arange(steps)[:, None, None, None]
    y = np.arange(H)[None, :, None, None]
    x = np.arange(W)[None, None, :, None]
    c = np.arange(3)[None, None, None, :]
    upright = (demo * 100 + t * 10 + y * 3 + x * 2 + c) % 256
    return upright[:, ::-1, ::-1, :].astype(np.uint8)  # LIBERO's agentview frames are rotated by 180 degrees


def actions(demo, steps):
    t = np.arange(steps)[:, None]
    d = np.arange(7)[None, :]
    a = np.round((demo + 1) * 0.01 * (t + 1) * (d - 3), 6)
    a[:, 6] = np.where(t[:, 0] % 2 == 0, -1.0, 1.0)
    return a.astype(np.float64)


def main():
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with h5py.File(OUT, "w", track_order=True) as f:
        data = f.create_group("data")
        data.attrs["problem_info"] = json.dumps(
            {"problem_name": "libero_tabletop_manipulation", "domain_name": "kitchen",
             "language_instruction": "put the bowl on the plate"})
        data.attrs["env_args"] = json.dumps({"type": 1, "env_name": "Libero_Tabletop_Manipulation"})
        total = 0
        for demo, steps in ((0, 3), (1, 5), (2, 2)):
            g = data.create_group(f"demo_{demo}")
            obs = g.create_group("obs")
            kw = {"compression": "gzip", "chunks": True} if demo == 1 else {}
            obs.create_dataset("agentview_rgb", data=frames(demo, steps), **kw)
            obs.create_dataset("eye_in_hand_rgb", data=frames(demo + 7, steps))
            obs.create_dataset("ee_pos", data=np.zeros((steps, 3)))
            g.create_dataset("actions", data=actions(demo, steps))
            g.create_dataset("dones", data=(np.arange(steps) == steps - 1).astype(np.uint8))
            g.create_dataset("rewards", data=(np.arange(steps) == steps - 1).astype(np.uint8))
            g.attrs["num_samples"] = steps
            total += steps
        data.attrs["total"] = total
    print(OUT, OUT.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
