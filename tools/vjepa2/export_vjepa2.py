#!/usr/bin/env python3
"""Turns a V-JEPA 2 video encoder into a TorchScript file that SRPO Lab's Java side (VJepa2Encoder, on DJL's
PyTorch engine) loads, plus the JSON sidecar that tells Java how to prepare the frames.

The exported module is the encoder only (no predictor, no pooler): pixel values [B, T, 3, crop, crop] (float32,
already normalised) -> the mean over all output tokens [B, hidden] (float32), which is SRPO's trajectory
embedding (the released code mean-pools the last hidden state of V-JEPA 2's encoder).

Sub-commands (run with the export virtualenv, `make vjepa2-env`):

  export     --checkpoint DIR (a Hugging Face V-JEPA 2 folder: config.json + weights) or --random-tiny,
             writes OUT.pt and OUT.json; --reference REF.json also writes test videos and Python's embeddings
  bench      trajectories/s of an exported file in PyTorch (the twin of Java's VJepa2Bench)

`preprocess` below is the recipe, and Java's VJepa2Encoder mirrors it step for step: sample `frames` indices
evenly over the episode (cycling a short one), scale bytes to [0, 1], resize so the short side is
`resize_short_side` (bilinear, half-pixel centres, no antialiasing; the long side is floor(R * long / short)),
centre-crop `crop` (offset floor((side - crop) / 2)), normalise with ImageNet mean and std.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

FORMAT = "srpo-vjepa2-torchscript/1"
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


# --- the recipe ---------------------------------------------------------------------------------------------------

def sample_indices(length: int, count: int) -> list[int]:
    """The released recipe's frame choice: linspace over [0, length-1] truncated to int, or cycling when short.
    Same as Java's dev.srpo.encoder.FrameSampler."""
    if length < 1:
        raise ValueError("cannot sample frames from an empty trajectory")
    if length >= count:
        return [0 if count == 1 else (i * (length - 1)) // (count - 1) for i in range(count)]
    return [i % length for i in range(count)]


def resized_size(height: int, width: int, short_side: int) -> tuple[int, int]:
    """The short side becomes `short_side`, the long side keeps the aspect ratio (floored, integer arithmetic)."""
    if height <= width:
        return short_side, short_side * width // height
    return short_side * height // width, short_side


def preprocess(frames: np.ndarray, sidecar: dict) -> torch.Tensor:
    """One episode's RGB frames [L, H, W, 3] uint8 -> [T, 3, crop, crop] float32, the model's input for it."""
    if frames.dtype != np.uint8 or frames.ndim != 4 or frames.shape[3] != 3:
        raise ValueError(f"frames must be uint8 [L, H, W, 3], got {frames.dtype} {frames.shape}")
    idx = sample_indices(frames.shape[0], sidecar["frames"])
    x = torch.from_numpy(frames[idx]).permute(0, 3, 1, 2).float() / 255.0
    h, w = resized_size(x.shape[2], x.shape[3], sidecar["resize_short_side"])
    x = F.interpolate(x, size=(h, w), mode="bilinear", align_corners=False, antialias=False)
    crop = sidecar["crop"]
    top, left = (h - crop) // 2, (w - crop) // 2
    x = x[:, :, top : top + crop, left : left + crop]
    mean = torch.tensor(sidecar["mean"], dtype=torch.float32).view(1, 3, 1, 1)
    std = torch.tensor(sidecar["std"], dtype=torch.float32).view(1, 3, 1, 1)
    return ((x - mean) / std).contiguous()


class MeanPooledEncoder(torch.nn.Module):
    """V-JEPA 2's encoder followed by SRPO's pooling: the mean over every spatio-temporal token."""

    def __init__(self, encoder: torch.nn.Module):
        super().__init__()
        self.encoder = encoder

    def forward(self, pixel_values: torch.Tensor) -> torch.Tensor:
        tokens = self.encoder(pixel_values_videos=pixel_values).last_hidden_state
        return tokens.mean(dim=1).float()


# --- export -------------------------------------------------------------------------------------------------------

def tiny_config():
    """A small random V-JEPA 2 for tests: same architecture (3D patches, RoPE attention), a few thousand times smaller."""
    from transformers import VJEPA2Config

    return VJEPA2Config(
        hidden_size=64, num_hidden_layers=2, num_attention_heads=2, mlp_ratio=2.0, patch_size=16, tubelet_size=2,
        crop_size=64, frames_per_clip=8, pred_hidden_size=32, pred_num_hidden_layers=1, pred_num_attention_heads=2,
        attn_implementation="sdpa")


def load_model(args):
    from transformers import VJEPA2Model

    if args.random_tiny:
        torch.manual_seed(args.seed)
        return VJEPA2Model(tiny_config()), "random-tiny(seed=%d)" % args.seed
    ckpt = Path(args.checkpoint)
    if not (ckpt / "config.json").is_file():
        sys.exit(f"export: {ckpt} is not a Hugging Face V-JEPA 2 folder (no config.json); download e.g. "
                 "facebook/vjepa2-vitg-fpc64-384 with `huggingface-cli download` and pass its folder")
    model = VJEPA2Model.from_pretrained(ckpt, local_files_only=True, attn_implementation="sdpa")
    if model.config.model_type != "vjepa2":
        sys.exit(f"export: {ckpt} holds a '{model.config.model_type}' model, not V-JEPA 2")
    return model, ckpt.name


def build_sidecar(config, args, device: str, dtype: str) -> dict:
    crop = config.crop_size
    if args.crop is not None and args.crop != crop:
        sys.exit(f"export: the checkpoint was built for {crop}-pixel crops (its RoPE grid is {crop // config.patch_size}"
                 f" patches a side); --crop {args.crop} does not fit it")
    frames = args.frames or config.frames_per_clip
    if frames % config.tubelet_size:
        sys.exit(f"export: --frames {frames} is not a multiple of the tubelet size {config.tubelet_size}")
    import transformers

    return {
        "format": FORMAT,
        "frames": frames,
        "crop": crop,
        # The released recipe: short side int(256 / 224 * crop), e.g. 438 for 384, 292 for 256.
        "resize_short_side": args.resize_short_side or int(256 / 224 * crop),
        "interpolation": "bilinear",
        "mean": list(IMAGENET_MEAN),
        "std": list(IMAGENET_STD),
        "hidden_size": config.hidden_size,
        "patch_size": config.patch_size,
        "tubelet_size": config.tubelet_size,
        "device": device,
        "dtype": dtype,
        "torch_version": torch.__version__,
        "transformers_version": transformers.__version__,
    }


def write_atomic(path: Path, write) -> None:
    """Writes through a temporary file in the same folder, then renames it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the result is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def test_videos(seed: int, frames_needed: int) -> list[np.ndarray]:
    """Episodes that exercise every branch of the recipe: shorter than the clip (cycled), longer (linspace), a frame
    smaller than the resize (upsampled), larger (downsampled), landscape and portrait."""
    rng = np.random.default_rng(seed)
    shapes = [(max(1, frames_needed // 2 + 1), 40, 48), (frames_needed + 3, 80, 84), (frames_needed, 84, 76)]
    videos = []
    for length, h, w in shapes:
        # Smooth content plus noise: a moving gradient, so neighbouring frames differ like a video's do.
        yy, xx = np.mgrid[0:h, 0:w]
        base = np.stack([(xx * 255 // w), (yy * 255 // h), ((xx + yy) * 127 // (w + h))], axis=-1)
        clip = [(base + 9 * t + rng.integers(0, 40, size=(h, w, 3))) % 256 for t in range(length)]
        videos.append(np.stack(clip).astype(np.uint8))
    return videos


def trace_tolerance(dtype: str) -> float:
    """Largest |trace - eager| accepted: the same kernels run, so only summation order may differ."""
    return 1e-2 if dtype == "float16" else 1e-5


def export(args) -> None:
    device = args.device
    if device == "cuda" and not torch.cuda.is_available():
        sys.exit("export: --device cuda asked for, but PyTorch sees no GPU here")
    dtype = args.dtype
    if dtype == "float16" and device != "cuda":
        sys.exit("export: --dtype float16 needs --device cuda (half precision is for the GPU)")
    model, source = load_model(args)
    model = model.eval().to(device=device, dtype=getattr(torch, dtype))
    sidecar = build_sidecar(model.config, args, device, dtype)
    sidecar["source"] = source
    wrapper = MeanPooledEncoder(model.encoder).eval()
    crop, frames = sidecar["crop"], sidecar["frames"]
    # Traced and checked on short clips: the token count follows the input (frames / tubelet × grid²), so a trace
    # made on 2 tubelets runs the full clip, and a 1-billion-parameter ViT-g exports in seconds instead of running
    # three 18,432-token forward passes. The check uses another batch size and clip length than the trace, so
    # neither can have been frozen into it.
    tubelet = model.config.tubelet_size
    example = torch.randn(1, 2 * tubelet, 3, crop, crop, device=device)
    # The tracer warns that V-JEPA 2's "fewer frames than a tubelet" branch is frozen: the sidecar fixes the frame
    # count, so that branch never changes.
    warnings.filterwarnings("ignore", category=torch.jit.TracerWarning)
    with torch.no_grad():
        # Traced on the target device: V-JEPA 2's RoPE makes its position ids on the input's device, and tracing
        # records that device, so a CPU trace runs on the CPU only and a CUDA trace on the GPU only.
        traced = torch.jit.trace(wrapper, example, check_trace=False)
        other = torch.randn(2, 3 * tubelet, 3, crop, crop, device=device)
        diff = (traced(other) - wrapper(other)).abs().max().item()
    if diff > trace_tolerance(dtype):
        sys.exit(f"export: the trace disagrees with the model by {diff:.3g} on another batch size and clip length")
    out = Path(args.out)
    if out.suffix != ".pt":
        sys.exit(f"export: --out must end in .pt, got {out}")
    write_atomic(out, lambda tmp: traced.save(tmp))
    write_atomic(out.with_suffix(".json"),
                 lambda tmp: Path(tmp).write_text(json.dumps(sidecar, indent=2) + "\n"))
    print(f"export: wrote {out} ({out.stat().st_size / 1e6:.1f} MB) and {out.with_suffix('.json').name}: "
          f"{source}, hidden {sidecar['hidden_size']}, {frames} frames, crop {crop}, {device} {dtype}; "
          f"trace vs eager {diff:.2g}")
    if args.reference:
        write_reference(Path(args.reference), wrapper, traced, sidecar, args.seed, device)


def write_reference(path: Path, eager, traced, sidecar: dict, seed: int, device: str) -> None:
    """Test episodes (raw bytes) and the embeddings Python gives them, from the eager model (not the trace), so
    Java's check covers the trace, the recipe and the engine at once."""
    videos = test_videos(seed, sidecar["frames"])
    with torch.no_grad():
        batch = torch.stack([preprocess(v, sidecar) for v in videos]).to(device)
        eager_out = eager(batch).cpu().double().numpy()
        traced_out = traced(batch).cpu().double().numpy()
    entries = [{"length": int(v.shape[0]), "height": int(v.shape[1]), "width": int(v.shape[2]),
                "rgb_base64": base64.b64encode(v.tobytes()).decode("ascii")} for v in videos]
    diff = float(np.abs(eager_out - traced_out).max())
    if diff > trace_tolerance(sidecar["dtype"]):
        sys.exit(f"export: on the reference clips the trace disagrees with the model by {diff:.3g}")
    ref = {"model": sidecar["source"], "videos": entries, "embeddings": eager_out.tolist(),
           "trace_vs_eager_max_abs": diff}
    write_atomic(path, lambda tmp: Path(tmp).write_text(json.dumps(ref) + "\n"))
    print(f"export: wrote {path}: {len(videos)} episodes, embedding norm {np.linalg.norm(eager_out, axis=1).round(3)}")


# --- bench --------------------------------------------------------------------------------------------------------

def bench(args) -> None:
    sidecar = json.loads(Path(args.model).with_suffix(".json").read_text())
    device = sidecar["device"]
    if args.threads:
        torch.set_num_threads(args.threads)
    model = torch.jit.load(args.model, map_location=device).eval()
    rng = np.random.default_rng(0)
    videos = [rng.integers(0, 256, size=(args.length, args.size, args.size, 3), dtype=np.uint8)
              for _ in range(args.batch)]

    def clips():
        return torch.stack([preprocess(v, sidecar) for v in videos]).to(device)

    def forward(x):
        y = model(x)
        if device == "cuda":
            torch.cuda.synchronize()
        return y

    def per_second(work) -> float:
        with torch.no_grad():
            for _ in range(args.warmup):
                work()
            t0 = time.perf_counter()
            for _ in range(args.iterations):
                work()
            return args.iterations * args.batch / (time.perf_counter() - t0)

    prepared = clips()
    fwd = per_second(lambda: forward(prepared))
    tps = per_second(lambda: forward(clips()))
    print(f"pytorch {torch.__version__} {device} {sidecar['dtype']}: {tps:.2f} trajectories/s end to end, "
          f"{fwd:.2f} forward only (batch {args.batch}, {args.length} frames of {args.size}x{args.size}, "
          f"threads {torch.get_num_threads()})")
    if args.json:
        print(json.dumps({"trajectories_per_second": tps, "forward_trajectories_per_second": fwd}))


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("export", help="write OUT.pt (TorchScript) and OUT.json (the recipe)")
    src = e.add_mutually_exclusive_group(required=True)
    src.add_argument("--checkpoint", help="a Hugging Face V-JEPA 2 folder (config.json + safetensors)")
    src.add_argument("--random-tiny", action="store_true", help="a small randomly initialised V-JEPA 2 (tests)")
    e.add_argument("--out", required=True, help="the TorchScript file to write, NAME.pt (NAME.json goes beside it)")
    e.add_argument("--frames", type=int, help="frames per clip (default: the checkpoint's frames_per_clip, 64)")
    e.add_argument("--crop", type=int, help="crop side; must equal the checkpoint's crop_size (a check)")
    e.add_argument("--resize-short-side", type=int, help="default int(256 / 224 * crop): 438 for 384, 292 for 256")
    e.add_argument("--device", choices=["cpu", "cuda"], default="cpu", help="where the file will run")
    e.add_argument("--dtype", choices=["float32", "float16"], default="float32", help="float16 needs cuda")
    e.add_argument("--seed", type=int, default=7, help="seed of the random weights and of the test episodes")
    e.add_argument("--reference", help="also write test episodes and Python's embeddings of them to this JSON")
    b = sub.add_parser("bench", help="trajectories/s of an exported file in PyTorch")
    b.add_argument("--model", required=True)
    b.add_argument("--batch", type=int, default=4)
    b.add_argument("--length", type=int, default=100, help="frames per episode")
    b.add_argument("--size", type=int, default=256, help="frame side, pixels (LIBERO's agentview is 256)")
    b.add_argument("--warmup", type=int, default=3, help="untimed batches (TorchScript optimises during the first runs)")
    b.add_argument("--iterations", type=int, default=10)
    b.add_argument("--threads", type=int, default=0, help="torch threads (default: PyTorch's choice)")
    b.add_argument("--json", action="store_true", help="also print the result as one JSON line")
    args = p.parse_args(argv)
    {"export": export, "bench": bench}[args.command](args)


if __name__ == "__main__":
    main()
