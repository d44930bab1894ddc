"""An Xvfb of our own on a free display, for the tests and the bench that
need a real X server (tests/app, tests/bench): -displayfd makes Xvfb pick a
free display and say which once it accepts clients, so nothing races for a
display number and nothing waits longer than the server takes to start."""
import os
import select
import subprocess
import time


class XvfbError(RuntimeError):
    pass


def start(width, height, fbdir=None, timeout=15):
    """Starts Xvfb at width x height x 24 (its screen kept in an XWD file in
    fbdir when given); returns (process, ":N"). Raises XvfbError."""
    args = ["Xvfb", "-displayfd", None, "-screen", "0", f"{width}x{height}x24"]
    if fbdir:
        args += ["-fbdir", fbdir]
    args += ["-nolisten", "tcp", "-noreset"]
    rfd, wfd = os.pipe()
    args[2] = str(wfd)
    proc = subprocess.Popen(args, pass_fds=(wfd,), stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(wfd)
    buf = b""
    deadline = time.monotonic() + timeout
    try:
        while not buf.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([rfd], [], [], left)[0]:
                raise XvfbError(f"Xvfb did not report a display within {timeout} s")
            chunk = os.read(rfd, 64)
            if not chunk:
                raise XvfbError("Xvfb exited before reporting a display")
            buf += chunk
    except XvfbError:
        proc.kill()
        proc.wait()
        raise
    finally:
        os.close(rfd)
    return proc, ":" + buf.decode().strip()


def stop(proc, timeout=5):
    """Ends an Xvfb (or any child) we started: SIGTERM, then SIGKILL after
    `timeout` s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
