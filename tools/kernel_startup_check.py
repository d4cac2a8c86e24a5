"""Starts the Java kernel many times in a row, headless, and checks that every start answers.

    .venv/bin/python tools/kernel_startup_check.py [--starts 50] [--kernel java] [--timeout 60]

Each start: launch the kernel, wait for kernel_info, execute `6 * 7`, check the reply says 42, shut down.
A start that does not answer within --timeout seconds counts as a hang. Prints the start-to-first-result times
(median and max) and exits 1 on any hang or wrong answer. Kernels with start-up races (one was seen in another
Java kernel, hanging 16% of starts) fail this check.
"""
import argparse
import statistics
import sys
import time

from jupyter_client.manager import start_new_kernel


def one_start(kernel, timeout):
    """Seconds from launch to the first result, the reply's status, and the results' text."""
    began = time.monotonic()
    manager, client = start_new_kernel(kernel_name=kernel, startup_timeout=timeout)
    results = []

    def keep_result(msg):
        if msg["msg_type"] == "execute_result":
            results.append(msg["content"]["data"].get("text/plain", ""))

    try:
        reply = client.execute_interactive("6 * 7", timeout=timeout, output_hook=keep_result)
        return time.monotonic() - began, reply["content"]["status"], results
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--starts", type=int, default=50)
    parser.add_argument("--kernel", default="java")
    parser.add_argument("--timeout", type=int, default=60)
    args = parser.parse_args()

    times, failures = [], []
    for i in range(1, args.starts + 1):
        try:
            seconds, status, results = one_start(args.kernel, args.timeout)
            if status != "ok" or "42" not in results:
                failures.append(f"start {i}: status {status}, results {results}")
            times.append(seconds)
        except Exception as e:  # a hang surfaces as a timeout from jupyter_client
            failures.append(f"start {i}: {type(e).__name__}: {e}")
        print(f"\r{i}/{args.starts} starts, {len(failures)} failed", end="", flush=True)
    print()
    if times:
        print(f"start to first result: median {statistics.median(times):.2f} s, max {max(times):.2f} s")
    for f in failures:
        print("  " + f)
    print(f"{args.starts - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
