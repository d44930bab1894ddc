#!/usr/bin/env python3
"""install_e2e.py CASE --build DIR --prefix P --bindir B --datadir D --mandir M

Installs the build into a temporary destdir (`meson install --destdir`, as a
packager does) and checks one thing a desktop needs of the installed tree:

  desktop    the .desktop file: desktop-file-validate says nothing; it runs
             `smr-timer %f` and claims the routine type
  metainfo   the AppStream entry: `appstreamcli validate --no-net` passes;
             it names the installed desktop file and icon
  mime       the routine type: update-mime-database takes the XML without a
             word, and `xdg-mime query filetype` (with the installed MIME
             database first in XDG_DATA_HOME) calls a bundled routine
             application/x-smr-routine, named X.smr.json (glob) and X.json
             (content), and a plain JSON file not
  man        the man page renders without a warning and names every command
             and every option of the installed binary's --help
  icons      the hicolor icons: every PNG has the size its folder says and
             the SVG is what data/icons/gen_icon.py draws
  relocated  the destdir moved elsewhere, the source tree out of reach and
             SMR_DATA_DIR unset: the binary finds its data beside itself,
             `check` passes its bundled routines and a headless session of
             the default routine runs to its summary; `handout` opens the
             print module installed beside it (<libdir>/smr-timer) and
             writes a PDF; the binary in the build tree still uses the
             source tree

Exit status: 0 pass, 1 fail, 77 skip (a validator is not installed; the
reason is printed)."""

import argparse
import fcntl
import glob
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

SKIP = 77
APP_ID = "io.github.smr_timer.SmrTimer"
ROUTINE_TYPE = "application/x-smr-routine"
HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(HERE, "..", "app"))
import smrapp  # noqa: E402  (the shared harness: answering the checklist)


class Fail(Exception):
    pass


class Skip(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Fail(what)


def need(tool, package):
    path = shutil.which(tool)
    if not path:
        raise Skip(f"{tool} is not installed (apt-get install {package})")
    return path


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


class Tree:
    """Where the installed files are under a destdir."""

    def __init__(self, destdir, o):
        self.root = destdir
        self.prefix = destdir + o.prefix
        self.bin = os.path.join(self.prefix, o.bindir, "smr-timer")
        self.share = os.path.join(self.prefix, o.datadir)
        self.data = os.path.join(self.share, "smr-timer")
        self.module = os.path.join(self.prefix, o.libdir, "smr-timer", "smr-timer-print.so")
        self.man = os.path.join(self.prefix, o.mandir, "man1", "smr-timer.1")
        self.desktop = os.path.join(self.share, "applications", APP_ID + ".desktop")
        self.metainfo = os.path.join(self.share, "metainfo", APP_ID + ".metainfo.xml")
        self.mime_xml = os.path.join(self.share, "mime", "packages", "smr-timer.xml")
        self.icons = os.path.join(self.share, "icons", "hicolor")


def install(o, tmp):
    """meson install into tmp/destdir. Cases run in parallel and meson
    install writes its log in the build tree, so one at a time."""
    destdir = os.path.join(tmp, "destdir")
    with open(os.path.join(o.build, "meson-private", "install-test.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        p = run([o.meson, "install", "-C", o.build, "--no-rebuild", "--quiet", "--destdir", destdir])
    check(p.returncode == 0, f"meson install failed:\n{p.stdout}{p.stderr}")
    return Tree(destdir, o)


def desktop_entry(path):
    entry = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "=" in line and not line.startswith("#"):
                k, v = line.rstrip("\n").split("=", 1)
                entry[k] = v
    return entry


# ---- cases ----------------------------------------------------------------

def case_desktop(t, o, tmp):
    tool = need("desktop-file-validate", "desktop-file-utils")
    check(os.path.isfile(t.desktop), f"no {t.desktop}")
    p = run([tool, t.desktop])
    # Hints count too: a clean file is one the validator has nothing to say about.
    check(p.returncode == 0 and not (p.stdout + p.stderr).strip(),
          f"desktop-file-validate:\n{p.stdout}{p.stderr}")
    e = desktop_entry(t.desktop)
    check(e.get("Exec") == "smr-timer %f", f"Exec={e.get('Exec')}")
    check(ROUTINE_TYPE in e.get("MimeType", "").split(";"), f"MimeType={e.get('MimeType')}")
    check(e.get("Icon") == APP_ID, f"Icon={e.get('Icon')}")
    check(e.get("Categories") and e.get("Keywords"), "no Categories or Keywords")


def case_metainfo(t, o, tmp):
    tool = need("appstreamcli", "appstream")
    check(os.path.isfile(t.metainfo), f"no {t.metainfo}")
    p = run([tool, "validate", "--no-net", "--no-color", t.metainfo])
    check(p.returncode == 0, f"appstreamcli validate:\n{p.stdout}{p.stderr}")
    with open(t.metainfo, encoding="utf-8") as f:
        xml = f.read()
    check(f"<id>{APP_ID}</id>" in xml, "the id is not the application id")
    launch = re.search(r'<launchable type="desktop-id">([^<]+)</launchable>', xml)
    check(launch and os.path.isfile(os.path.join(t.share, "applications", launch.group(1))),
          "the launchable is not the installed desktop file")
    for what in ("<description>", "<screenshot ", "<release ", "<content_rating type=\"oars-"):
        check(what in xml, f"no {what} in the metainfo")
    # Each screenshot is one the program made and the repo keeps (docs/*.png,
    # from docs/*.script), at the size the entry states.
    for w, h, url in re.findall(r'<image type="source" width="(\d+)" height="(\d+)">([^<]+)</image>', xml):
        rel = url.split("/main/", 1)[-1]
        png = os.path.join(SOURCE_ROOT, rel)
        check(os.path.isfile(png), f"screenshot {url}: no {rel} in the repo")
        check(png_size(png) == (int(w), int(h)), f"{rel} is {png_size(png)}, the entry says {w}x{h}")
        script = os.path.splitext(png)[0] + ".script"
        check(os.path.isfile(script), f"{rel} has no {os.path.basename(script)} that makes it")


def mime_type_of(path, env, desktop):
    env = dict(env, XDG_CURRENT_DESKTOP=desktop)
    p = run(["xdg-mime", "query", "filetype", path], env=env)
    check(p.returncode == 0, f"xdg-mime query filetype {path} ({desktop}): {p.stderr}")
    return p.stdout.strip()


def mime_backends():
    """The desktops whose lookup xdg-mime can do here: the generic one
    through File::MimeInfo's mimetype, GNOME's through gio."""
    out = []
    if shutil.which("mimetype"):
        out.append("X-Generic")
    if shutil.which("gio"):
        out.append("GNOME")
    if not out:
        raise Skip("neither mimetype (apt-get install libfile-mimeinfo-perl) nor gio "
                   "(libglib2.0-bin) is installed for xdg-mime to ask")
    return out


def case_mime(t, o, tmp):
    update = need("update-mime-database", "shared-mime-info")
    need("xdg-mime", "xdg-utils")
    backends = mime_backends()
    check(os.path.isfile(t.mime_xml), f"no {t.mime_xml}")
    env = dict(os.environ, XDG_DATA_HOME=t.share, XDG_DATA_DIRS="/usr/local/share:/usr/share")
    p = run([update, os.path.join(t.share, "mime")], env=env)
    check(p.returncode == 0 and not p.stderr.strip(), f"update-mime-database:\n{p.stderr}")
    routine = os.path.join(t.data, "routines", "hamstrings-post-run.json")
    files = {}
    for name in ("routine.smr.json", "routine.json"):
        files[name] = os.path.join(tmp, name)
        shutil.copyfile(routine, files[name])
    plain = os.path.join(tmp, "plain.json")
    with open(plain, "w", encoding="utf-8") as f:
        f.write('{"format": "something else", "a": 1}\n')
    for desktop in backends:
        for name, path in files.items():
            got = mime_type_of(path, env, desktop)
            check(got == ROUTINE_TYPE, f"{desktop}: {name} is {got!r}, wanted {ROUTINE_TYPE}")
        got = mime_type_of(plain, env, desktop)
        check(got != ROUTINE_TYPE, f"{desktop}: plain JSON is taken for a routine")
        print(f"{desktop}: routine.smr.json and routine.json are {ROUTINE_TYPE}, plain.json is {got}")


def help_options(binary):
    p = run([binary, "--help"])
    check(p.returncode == 0, "--help failed")
    return sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", p.stdout)))


def case_man(t, o, tmp):
    need("man", "man-db")
    check(os.path.isfile(t.man), f"no {t.man}")
    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8", MAN_KEEP_FORMATTING="")
    env.pop("MANPAGER", None)
    env.pop("PAGER", None)
    p = run(["man", "--warnings", "-l", t.man], env=env)
    check(p.returncode == 0 and not p.stderr.strip(), f"man --warnings:\n{p.stderr}")
    text = re.sub(r".\x08", "", p.stdout).replace("\u2010", "-").replace("\u2212", "-")
    words = help_options(t.bin) + ["check", "plan", "--json", "SMR_LOG", "SMR_DATA_DIR",
                                   "XDG_STATE_HOME", "history.jsonl", "EXIT STATUS"]
    missing = [w for w in words if w not in text]
    check(not missing, f"the man page does not mention {missing}")


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    check(head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG")
    return struct.unpack(">II", head[16:24])


def case_icons(t, o, tmp):
    pngs = glob.glob(os.path.join(t.icons, "*", "apps", APP_ID + ".png"))
    sizes = []
    for png in pngs:
        folder = os.path.basename(os.path.dirname(os.path.dirname(png)))
        w, h = png_size(png)
        check(folder == f"{w}x{h}", f"{png} is {w}x{h}")
        sizes.append(w)
    check(sorted(sizes)[:1] == [16] and max(sizes) >= 512, f"PNG sizes {sorted(sizes)}")
    svg = os.path.join(t.icons, "scalable", "apps", APP_ID + ".svg")
    check(os.path.isfile(svg), f"no {svg}")
    p = run([sys.executable, os.path.join(SOURCE_ROOT, "data", "icons", "gen_icon.py"), "--stdout"])
    check(p.returncode == 0, f"gen_icon.py: {p.stderr}")
    with open(svg, encoding="utf-8") as f:
        check(f.read() == p.stdout, "the installed SVG is not what gen_icon.py draws: run it")


# ---- relocated --------------------------------------------------------------

HIDE = 'mount -t tmpfs none "$1" && shift && exec "$@"'


def hider():
    """A command prefix that runs a command with SOURCE_ROOT an empty tmpfs
    (a private mount namespace), or None where namespaces are not allowed."""
    for prefix in (["unshare", "-m"], ["unshare", "-rm"]):
        if shutil.which("unshare") and run(prefix + ["true"]).returncode == 0:
            return prefix + ["sh", "-c", HIDE, "sh", SOURCE_ROOT]
    return None


def app_env(tmp):
    env = dict(os.environ)
    for k in ("SMR_DATA_DIR", "SMR_SOURCE_ROOT", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(k, None)
    # The sanitizer build's leak suppressions live in the source tree, which
    # the relocated binary must not see: hand it a copy.
    m = re.search(r"suppressions=([^:]+)", env.get("LSAN_OPTIONS", ""))
    if m and os.path.isfile(m.group(1)):
        copy = os.path.join(tmp, "lsan.supp")
        shutil.copyfile(m.group(1), copy)
        env["LSAN_OPTIONS"] = env["LSAN_OPTIONS"].replace(m.group(0), "suppressions=" + copy)
    env.update(SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software", SDL_FRAMEBUFFER_ACCELERATION="0",
               SDL_AUDIODRIVER="dummy", DBUS_SESSION_BUS_ADDRESS="disabled:", SMR_LOG="debug",
               XDG_STATE_HOME=os.path.join(tmp, "state"), HOME=tmp)
    return env


def data_line(err):
    m = re.search(r"data from (.+?): (\S+)$", err, re.M)
    return m.groups() if m else (None, None)


def complaints(err):
    return [l for l in err.splitlines() if re.search(r": (warning|error):", l)]


def session_script(tmp):
    lines = ["wait-screen checklist"] + smrapp.answer_all_no().splitlines()
    lines += ["key Return", "wait-screen overview", "key Return", "wait-screen session",
              "wait-step 1", "screenshot running", "wait-done", "wait-screen summary",
              "screenshot summary", "quit"]
    path = os.path.join(tmp, "script.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return path


def case_relocated(t, o, tmp):
    moved = os.path.join(tmp, "elsewhere")
    os.rename(t.root, moved)
    t = Tree(moved, o)
    check(os.path.isfile(t.bin), f"no {t.bin}")
    prefix = hider()
    if prefix is None:
        print("note: no mount namespace here, so the source tree stays; the data line proves the choice")
    prefix = prefix or []
    env = app_env(tmp)
    cwd = tmp  # not the source tree: nothing may be found relative to it

    routines = sorted(glob.glob(os.path.join(t.data, "routines", "hamstrings-*.json")))
    check(routines, f"no routines in {t.data}")
    p = run(prefix + [t.bin, "check"] + routines, env=env, cwd=cwd)
    check(p.returncode == 0, f"check of the installed routines: {p.returncode}\n{p.stdout}{p.stderr}")
    check(len(re.findall(r": ok", p.stdout)) == len(routines), f"check said:\n{p.stdout}")

    shots = os.path.join(tmp, "shots")
    os.makedirs(shots)
    cmd = [t.bin, "--script", session_script(tmp), "--screenshot-dir", shots, "--speed", "500", "--no-voice",
           "hamstrings-spiky-ball"]  # by id: the installed library finds it
    p = run(prefix + cmd, env=env, cwd=cwd, timeout=60)
    sys.stderr.write("\n".join(l for l in p.stderr.splitlines() if "session: step" not in l) + "\n")
    check(p.returncode == 0, f"the relocated session exited {p.returncode}")
    why, where = data_line(p.stderr)
    check(why == "beside the executable" and where == os.path.realpath(t.data),
          f"the relocated binary took its data from {why}: {where}")
    check(not complaints(p.stderr), f"the relocated session complained: {complaints(p.stderr)}")
    for shot in ("running", "summary"):
        check(os.path.isfile(os.path.join(shots, shot + ".png")), f"no {shot} screenshot: the session did not run")

    relocated_handout(t, prefix, env, cwd, tmp)

    # The other half: the binary in the build tree uses the source tree.
    p = run([o.binary, "--script", os.path.join(tmp, "script.txt"), "--screenshot-dir", shots,
             "--speed", "500", "--no-voice", "hamstrings-spiky-ball"], env=env, cwd=cwd, timeout=60)
    why, where = data_line(p.stderr)
    check(p.returncode == 0 and where == SOURCE_ROOT,
          f"the build-tree binary exited {p.returncode} with data from {why}: {where}")


def relocated_handout(t, prefix, env, cwd, tmp):
    """`handout` from the moved tree: the module beside it, not the build
    tree's (SMR_LOG=debug names the one opened)."""
    check(os.path.isfile(t.module), f"no {t.module}")
    pdf = os.path.join(tmp, "handout.pdf")
    p = run(prefix + [t.bin, "handout", os.path.join(t.data, "routines", "hamstrings-spiky-ball.json"), "-o", pdf],
            env=dict(env, SMR_LOG="debug"), cwd=cwd, timeout=60)
    check(p.returncode == 0, f"the relocated handout exited {p.returncode}\n{p.stderr}")
    opened = re.findall(r"handout: module (\S+)", p.stderr)
    check(opened and os.path.realpath(opened[0]) == os.path.realpath(t.module),
          f"the relocated handout opened {opened}, not {t.module}")
    with open(pdf, "rb") as f:
        check(f.read(5) == b"%PDF-", f"{pdf} is not a PDF")
    print(f"handout: {os.path.relpath(opened[0], t.root)} wrote a PDF")


CASES = {
    "desktop": case_desktop,
    "metainfo": case_metainfo,
    "mime": case_mime,
    "man": case_man,
    "icons": case_icons,
    "relocated": case_relocated,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("case", choices=sorted(CASES))
    for opt in ("build", "prefix", "bindir", "libdir", "datadir", "mandir", "meson", "binary"):
        ap.add_argument("--" + opt, required=True)
    o = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix=f"smr-install-{o.case}-")
    try:
        CASES[o.case](install(o, tmp), o, tmp)
    except Skip as e:
        print(f"SKIP: {e}")
        return SKIP
    except Fail as e:
        print(f"FAIL {o.case}: {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"ok {o.case}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
