"""Unit tests of the protocol checks and the observation conversions (no LIBERO, no network needed).

Run: .venv-libero/bin/python -m unittest discover -s environments/libero-server/tests -t environments/libero-server
"""

import math
import unittest

import msgpack
import numpy as np

from srpo_libero_server import protocol as p
from srpo_libero_server.sim import quat_to_axis_angle, upright

CATALOG = [{"suite": s, "index": i} for s in p.SUITES for i in range(10)]


class DecodeTest(unittest.TestCase):
    def test_a_map_with_an_op_decodes(self):
        self.assertEqual(p.decode(msgpack.packb({"op": "ping", "id": 3})), {"op": "ping", "id": 3})

    def test_refusals_name_the_problem(self):
        cases = {
            "text frame": ("x", "bad_request"),
            "not msgpack": (b"\xc1", "bad_request"),
            "not a map": (msgpack.packb([1, 2]), "bad_request"),
            "no op": (msgpack.packb({"id": 1}), "bad_request"),
            "too large": (b"\x00" * (p.MAX_MESSAGE_BYTES + 1), "too_large"),
        }
        for name, (frame, kind) in cases.items():
            with self.subTest(name), self.assertRaises(p.ProtocolError) as e:
                p.decode(frame)
            self.assertEqual(e.exception.kind, kind)

    def test_error_replies_keep_the_id(self):
        self.assertEqual(p.error(5, "bad_action", "x"),
                         {"id": 5, "ok": False, "error": {"kind": "bad_action", "message": "x"}})


class ChecksTest(unittest.TestCase):
    def test_actions_are_clipped_and_validated(self):
        self.assertEqual(p.check_actions([[2, -3, 0, 0, 0, 0, 1]], "t"), [[1.0, -1.0, 0.0, 0.0, 0.0, 0.0, 1.0]])
        for bad in ([], [[0] * 6], [[0] * 8], [[0, 0, 0, 0, 0, 0, math.nan]], [[0] * 7] * (p.MAX_CHUNK + 1),
                    [[0, 0, 0, 0, 0, 0, True]], "x"):
            with self.subTest(bad=str(bad)[:40]), self.assertRaises(p.ProtocolError) as e:
                p.check_actions(bad, "libero_goal/1")
            self.assertEqual(e.exception.kind, "bad_action")
            self.assertIn("libero_goal/1", str(e.exception))

    def test_tasks_outside_the_four_suites_are_unknown(self):
        p.check_task("libero_10", 9, CATALOG)
        for suite, index in (("libero_90", 0), ("libero_goal", 10), ("libero_goal", -1)):
            with self.assertRaises(p.ProtocolError) as e:
                p.check_task(suite, index, CATALOG)
            self.assertEqual(e.exception.kind, "unknown_task")

    def test_fields_are_typed(self):
        self.assertEqual(p.field({"env": 3}, "env", int), 3)
        self.assertEqual(p.field({}, "width", int, 128), 128)
        for msg in ({}, {"env": "3"}, {"env": True}):
            with self.assertRaises(p.ProtocolError):
                p.field(msg, "env", int)
        with self.assertRaises(p.ProtocolError):
            p.check_side("width", 8)


class ObservationTest(unittest.TestCase):
    def test_axis_angle_of_known_rotations(self):
        np.testing.assert_allclose(quat_to_axis_angle([0, 0, 0, 1]), [0, 0, 0])
        s = math.sin(math.pi / 4)  # 90 degrees about z
        np.testing.assert_allclose(quat_to_axis_angle([0, 0, s, math.cos(math.pi / 4)]), [0, 0, math.pi / 2],
                                   atol=1e-9)
        np.testing.assert_allclose(quat_to_axis_angle([1, 0, 0, 0]), [math.pi, 0, 0], atol=1e-9)

    def test_frames_are_turned_180_degrees(self):
        img = np.arange(2 * 3 * 3, dtype=np.uint8).reshape(2, 3, 3)
        out = np.frombuffer(upright(img), np.uint8).reshape(2, 3, 3)
        np.testing.assert_array_equal(out[0, 0], img[1, 2])
        np.testing.assert_array_equal(out[1, 2], img[0, 0])


if __name__ == "__main__":
    unittest.main()
