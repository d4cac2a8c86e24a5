"""Tests of the V-JEPA 2 export script; they need the export virtualenv (make vjepa2-env):

    .venv-export/bin/python -m unittest discover -s tools/vjepa2

`make test` runs them whenever .venv-export exists. Java's side of the parity check is VJepa2EncoderTest.
"""

import base64
import io
import json
import sys
import tempfile
import unittest
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import export_vjepa2 as ex  # noqa: E402


def run(*argv):
    out = io.StringIO()
    with redirect_stdout(out):
        ex.main(list(argv))
    return out.getvalue()


class RecipeTest(unittest.TestCase):
    def test_sampling_matches_java_frame_sampler(self):
        # The same cases as PixelEncoderTest's FrameSampler checks.
        self.assertEqual(ex.sample_indices(10, 4), [0, 3, 6, 9])
        self.assertEqual(ex.sample_indices(3, 4), [0, 1, 2, 0])
        self.assertEqual(ex.sample_indices(64, 4), [0, 21, 42, 63])
        with self.assertRaises(ValueError):
            ex.sample_indices(0, 4)

    def test_resize_keeps_the_aspect_ratio_with_floored_long_side(self):
        self.assertEqual(ex.resized_size(256, 256, 438), (438, 438))
        self.assertEqual(ex.resized_size(40, 48, 73), (73, 87))
        self.assertEqual(ex.resized_size(84, 76, 73), (80, 73))

    def test_solid_frames_normalise_to_constants(self):
        sidecar = {"frames": 4, "crop": 8, "resize_short_side": 9, "mean": list(ex.IMAGENET_MEAN),
                   "std": list(ex.IMAGENET_STD)}
        frames = np.zeros((3, 10, 12, 3), dtype=np.uint8)
        frames[..., 0] = 255
        frames[..., 2] = 128
        x = ex.preprocess(frames, sidecar)
        self.assertEqual(tuple(x.shape), (4, 3, 8, 8))
        want = [(1 - 0.485) / 0.229, (0 - 0.456) / 0.224, (128 / 255 - 0.406) / 0.225]
        for c in range(3):
            self.assertTrue(torch.allclose(x[:, c], torch.full((4, 8, 8), want[c]), atol=1e-5))

    def test_bad_frames_are_refused(self):
        sidecar = {"frames": 2, "crop": 2, "resize_short_side": 2, "mean": [0, 0, 0], "std": [1, 1, 1]}
        with self.assertRaises(ValueError):
            ex.preprocess(np.zeros((2, 4, 4, 3), dtype=np.float32), sidecar)


class ExportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name)
        torch.manual_seed(3)
        from transformers import VJEPA2Model

        VJEPA2Model(ex.tiny_config()).save_pretrained(cls.dir / "ckpt")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_checkpoint_folder_exports_with_sidecar_and_reference(self):
        out = self.dir / "ck.pt"
        run("export", "--checkpoint", str(self.dir / "ckpt"), "--out", str(out), "--frames", "4",
            "--reference", str(self.dir / "ck-ref.json"))
        sidecar = json.loads(out.with_suffix(".json").read_text())
        self.assertEqual(sidecar["format"], ex.FORMAT)
        self.assertEqual((sidecar["frames"], sidecar["crop"], sidecar["resize_short_side"]), (4, 64, 73))
        self.assertEqual((sidecar["device"], sidecar["dtype"], sidecar["hidden_size"]), ("cpu", "float32", 64))
        self.assertTrue(sidecar["torch_version"].startswith("2.7.1"))
        # The saved file runs a batch of another size and gives the reference's numbers.
        ref = json.loads((self.dir / "ck-ref.json").read_text())
        model = torch.jit.load(str(out))
        videos = [np.frombuffer(base64.b64decode(v["rgb_base64"]), dtype=np.uint8)
                  .reshape(v["length"], v["height"], v["width"], 3) for v in ref["videos"]]
        with torch.no_grad():
            got = model(torch.stack([ex.preprocess(v, sidecar) for v in videos[:2]])).double().numpy()
        self.assertLess(np.abs(got - np.array(ref["embeddings"][:2])).max(), 1e-5)
        self.assertEqual(out.stat().st_mode & 0o777, 0o644)

    def test_bad_requests_are_named(self):
        ckpt, out = str(self.dir / "ckpt"), str(self.dir / "x.pt")
        cases = {
            "no config.json": ["--checkpoint", str(self.dir), "--out", out],
            "does not fit it": ["--checkpoint", ckpt, "--out", out, "--crop", "96"],
            "multiple of the tubelet": ["--checkpoint", ckpt, "--out", out, "--frames", "5"],
            "needs --device cuda": ["--random-tiny", "--out", out, "--dtype", "float16"],
            "must end in .pt": ["--random-tiny", "--out", str(self.dir / "x.bin")],
        }
        if not torch.cuda.is_available():
            cases["sees no GPU"] = ["--random-tiny", "--out", out, "--device", "cuda"]
        for words, argv in cases.items():
            with self.subTest(words), self.assertRaises(SystemExit) as e:
                run("export", *argv)
            self.assertIn(words, str(e.exception))
        self.assertFalse((self.dir / "x.pt").exists())


if __name__ == "__main__":
    unittest.main()
