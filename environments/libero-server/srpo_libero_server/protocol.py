"""The wire protocol, version 1 (PROTOCOL.md): message checks shared by the server and its tests.

Kept free of LIBERO and of the network so it is tested on its own.
"""

from __future__ import annotations

import math

import msgpack

PROTOCOL_VERSION = 1
MAX_MESSAGE_BYTES = 8 * 1024 * 1024  # larger requests get a `too_large` error reply
HARD_LIMIT_BYTES = 4 * MAX_MESSAGE_BYTES  # above this the socket library closes with 1009 (cannot be read safely)
SUITES = ("libero_spatial", "libero_object", "libero_goal", "libero_10")
ACTION_DIM = 7
MAX_CHUNK = 64
MAX_WARMUP = 100
MIN_SIDE, MAX_SIDE = 16, 1024
LAYOUTS = ("evaluation", "training")  # reset's starts: LIBERO's 50 fixed states, or 50 fresh draws of its sampler
MAX_SEED = 2**32 - 1  # NumPy's seed range: LIBERO seeds NumPy's global generator at every reset


class ProtocolError(Exception):
    """A request the server refuses: becomes an error reply ``{kind, message}``; the connection stays open."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def decode(frame) -> dict:
    if isinstance(frame, str):
        raise ProtocolError("bad_request", "text frame received: send each request as one binary msgpack frame")
    if len(frame) > MAX_MESSAGE_BYTES:
        raise ProtocolError("too_large", f"request of {len(frame)} bytes exceeds the limit of {MAX_MESSAGE_BYTES}")
    try:
        msg = msgpack.unpackb(frame, raw=False, strict_map_key=False)
    except Exception as e:  # noqa: BLE001
        raise ProtocolError("bad_request", f"not a msgpack message: {e}") from None
    if not isinstance(msg, dict):
        raise ProtocolError("bad_request", f"a request is a msgpack map, got {type(msg).__name__}")
    if not isinstance(msg.get("op"), str):
        raise ProtocolError("bad_request", "a request needs a string field 'op'")
    return msg


def encode(msg: dict) -> bytes:
    return msgpack.packb(msg, use_bin_type=True)


def error(request_id, kind: str, message: str) -> dict:
    return {"id": request_id, "ok": False, "error": {"kind": kind, "message": message}}


def field(msg: dict, name: str, kind, default=...):
    if name not in msg or msg[name] is None:
        if default is ...:
            raise ProtocolError("bad_request", f"'{msg.get('op')}' needs a field '{name}'")
        return default
    value = msg[name]
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ProtocolError("bad_request", f"'{name}' must be an integer, got {value!r}")
    if kind is not int and not isinstance(value, kind):
        raise ProtocolError("bad_request", f"'{name}' must be {kind.__name__}, got {type(value).__name__}")
    return value


def check_task(suite, index, catalog):
    if suite not in SUITES:
        raise ProtocolError("unknown_task", f"unknown suite {suite!r}: use one of {', '.join(SUITES)}")
    n = sum(1 for t in catalog if t["suite"] == suite)
    if not 0 <= index < n:
        raise ProtocolError("unknown_task", f"task index {index} is out of range for {suite}: use 0..{n - 1}")


def check_side(name, value):
    if not MIN_SIDE <= value <= MAX_SIDE:
        raise ProtocolError("bad_request", f"{name} {value} is outside {MIN_SIDE}..{MAX_SIDE} pixels")
    return value


def check_seed(value):
    if not 0 <= value <= MAX_SEED:
        raise ProtocolError("bad_request", f"seed {value} is outside 0..{MAX_SEED} (NumPy's seed range)")
    return value


def check_actions(actions, where: str):
    """A chunk of 1..MAX_CHUNK actions of 7 finite numbers; values outside [-1, 1] are clipped (LIBERO's controller
    clips too)."""
    if not isinstance(actions, list) or not actions:
        raise ProtocolError("bad_action", f"{where}: 'actions' must be a non-empty list of 7-number actions")
    if len(actions) > MAX_CHUNK:
        raise ProtocolError("bad_action", f"{where}: a chunk holds at most {MAX_CHUNK} actions, got {len(actions)}")
    out = []
    for k, a in enumerate(actions):
        if not isinstance(a, list) or len(a) != ACTION_DIM:
            n = len(a) if isinstance(a, list) else type(a).__name__
            raise ProtocolError("bad_action", f"{where}: action {k} has {n} numbers, expected 7 "
                                              "(delta position 3, delta rotation 3, gripper 1)")
        row = []
        for j, v in enumerate(a):
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                raise ProtocolError("bad_action", f"{where}: action {k}[{j}] is {v!r}, expected a finite number")
            row.append(max(-1.0, min(1.0, float(v))))
        out.append(row)
    return out
