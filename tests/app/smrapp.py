"""Helpers for the app's end-to-end tests: run the real binary headless with
a --script, collect its SMR_LOG=info lines, and read the PNG screenshots it
writes (stdlib only: zlib and struct)."""
import os
import re
import struct
import subprocess
import tempfile
import zlib

SOURCE_ROOT = os.environ.get("SMR_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("SMR_BINARY", "smr-timer")
ROUTINE = os.path.join(SOURCE_ROOT, "routines", "hamstrings-spiky-ball.json")


class Run:
    def __init__(self, status, log, shots):
        self.status = status
        self.log = log
        self.shots = shots

    def screens(self):
        """The screens shown, in order, from the 'screen: NAME' info lines."""
        return re.findall(r"info: \S+ screen: (\S+)", self.log)

    def session_line(self):
        m = re.search(r"session: steps_done=(\d+) elapsed_ms=(\d+)", self.log)
        return (int(m.group(1)), int(m.group(2))) if m else None

    def ball_lines(self, before_shot=None):
        """Every 'session: step=...' line as a dict of its fields (only those
        logged before the screenshot named `before_shot`, if given)."""
        out = []
        for line in self.log.splitlines():
            if before_shot and " script: screenshot " in line and \
                    line.split(" script: screenshot ", 1)[1].split()[0].endswith("/" + before_shot + ".png"):
                break
            if " session: step=" not in line:
                continue
            fields = dict(kv.split("=", 1) for kv in line.split(" session: ", 1)[1].split())
            out.append(fields)
        return out


def run(script, *args, window="800x600", speed=None, routine=ROUTINE, timeout=30, workdir=None,
        own_data=False):
    """Runs smr-timer with `script` (text) and returns a Run. routine=None
    starts it without one (the library). The history goes to WORK/state;
    the user's routines are in XDG_DATA_HOME as set, else (or with
    own_data) in WORK/data/smr-timer/routines."""
    work = workdir or tempfile.mkdtemp(prefix="smr-app-test-")
    script_path = os.path.join(work, "script.txt")
    with open(script_path, "w") as f:
        f.write(script)
    shots = os.path.join(work, "shots")
    os.makedirs(shots, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("SDL_VIDEODRIVER", "offscreen")
    env["SDL_RENDER_DRIVER"] = "software"
    env["SDL_FRAMEBUFFER_ACCELERATION"] = "0"
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    env["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"
    env["SMR_LOG"] = "info"
    env["XDG_STATE_HOME"] = os.path.join(work, "state")
    if own_data or "XDG_DATA_HOME" not in env:
        env["XDG_DATA_HOME"] = os.path.join(work, "data")
    cmd = [BINARY, "--script", script_path, "--screenshot-dir", shots, "--window", window, "--no-voice"]
    if speed:
        cmd += ["--speed", str(speed)]
    cmd += list(args) + ([routine] if routine else [])
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=timeout, text=True)
    return Run(p.returncode, p.stdout, shots)


# More than the checklist can ever hold: 13 built-in items plus at most 20 of
# a routine's own (the validator's list limit). A `key n` once every item is
# answered lands on Continue, where the app ignores it.
MAX_CHECKLIST_ITEMS = 40


def answer_all_no(n=None):
    """Key lines answering every checklist item No, for any routine."""
    return "key n\n" * (n if n is not None else MAX_CHECKLIST_ITEMS)


class Image:
    def __init__(self, width, height, rows):
        self.width = width
        self.height = height
        self.rows = rows  # list of bytes, RGB per pixel

    def px(self, x, y):
        r = self.rows[y]
        i = 3 * x
        return r[i], r[i + 1], r[i + 2]


def read_png(path):
    """Decodes an 8-bit RGB or RGBA, non-interlaced PNG into RGB rows."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos = 8
    idat = b""
    while pos < len(data):
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if ctype == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (2, 6) and interlace == 0, (depth, color, interlace)
        elif ctype == b"IDAT":
            idat += body
        elif ctype == b"IEND":
            break
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows = []
    prev = bytearray(stride)
    i = 0
    for _ in range(height):
        ftype = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 255
            elif ftype == 2:
                line[x] = (line[x] + b) & 255
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        prev = line
        if bpp == 4:
            rgb = bytearray(width * 3)
            rgb[0::3] = line[0::4]
            rgb[1::3] = line[1::4]
            rgb[2::3] = line[2::4]
            rows.append(bytes(rgb))
        else:
            rows.append(bytes(line))
    return Image(width, height, rows)


def close(c1, c2, tol):
    return all(abs(a - b) <= tol for a, b in zip(c1, c2))


def count_in(img, rect, pred, step=1):
    x0, y0, w, h = rect
    n = 0
    for y in range(max(0, y0), min(img.height, y0 + h), step):
        for x in range(max(0, x0), min(img.width, x0 + w), step):
            if pred(img.px(x, y)):
                n += 1
    return n
