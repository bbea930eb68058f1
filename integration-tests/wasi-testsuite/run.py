#!/usr/bin/env python3
"""Runs the wasi-testsuite preview-1 programs with trapdoor, invoked as the suite's adapters/wasmtime.py invokes a
runtime: `--env K=V` per variable, `--dir ROOT::/` when the test has a root, then the program and its arguments.

The suite is not part of this repository. Point this script at a local copy of the compiled tests (branch
prod/testsuite-base of github.com/WebAssembly/wasi-testsuite), e.g.:

    git clone -b prod/testsuite-base https://github.com/WebAssembly/wasi-testsuite /tmp/wasi-testsuite
    integration-tests/wasi-testsuite/run.py /tmp/wasi-testsuite

Each test's root directory is copied to a fresh temporary directory first, so the copy stays clean. Exit status 0
when every test passes; one line per test, then the count.
"""
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRAPDOOR = HERE.parent.parent / "bin" / "trapdoor"


def run_test(wasm: Path, timeout: int) -> str | None:
    config_path = wasm.with_suffix(".json")
    config = json.loads(config_path.read_text()) if config_path.exists() else {}
    argv = [str(TRAPDOOR), "run"]
    for key, value in config.get("env", {}).items():
        argv += ["--env", f"{key}={value}"]
    with tempfile.TemporaryDirectory() as scratch:
        if config.get("root"):
            root = Path(scratch) / "root"
            shutil.copytree(wasm.parent / config["root"], root, symlinks=True)
            argv += ["--dir", f"{root}::/"]
        argv += [str(wasm)] + config.get("args", [])
        try:
            proc = subprocess.run(argv, stdin=subprocess.PIPE, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return "timeout"
    expected_code = config.get("exit_code", 0)
    if proc.returncode != expected_code:
        lines = proc.stderr.decode(errors="replace").strip().splitlines()
        # A panic or assertion message says why; the frames after it rarely do.
        why = [line for i, line in enumerate(lines) if "panicked" in line or "panicked" in lines[i - 1] or "ssert" in line]
        return f"exit {proc.returncode}, expected {expected_code}: " + " | ".join((why or lines)[:4])
    if "stdout" in config and proc.stdout.decode(errors="replace") != config["stdout"]:
        return f"stdout {proc.stdout!r}, expected {config['stdout']!r}"
    return None


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    suite = Path(sys.argv[1])
    only = sys.argv[2:]
    tests = sorted(p for p in (suite / "tests").glob("*/testsuite/wasm32-wasip1/*.wasm"))
    if only:
        tests = [t for t in tests if t.stem in only]
    failed = 0
    for wasm in tests:
        failure = run_test(wasm, timeout=120)
        name = f"{wasm.parts[-4]}/{wasm.stem}"
        print(f"{'FAIL' if failure else 'pass'} {name}{': ' + failure if failure else ''}", flush=True)
        failed += failure is not None
    print(f"{len(tests) - failed} of {len(tests)} passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
