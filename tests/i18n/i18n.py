"""The translations, checked two ways.

`i18n.py po`: every language in po/LINGUAS is complete against a template
extracted afresh from the sources (so a new or changed string without its
translation fails here, not in a user's hands), msgfmt --check clean
(format specifiers in order and type), and po/POTFILES.in names every source
file that has translatable strings.

`i18n.py locale`: the real binary speaks the user's language: under
LANG=de_DE.UTF-8 (fr_FR, es_ES) --help and `check` print the translation,
numbers still read and print with a dot, and a language without a
translation falls back to English. Locales the system has not generated are
compiled into a temporary LOCPATH with localedef, no root needed; it skips
(77) only when that cannot be done either (no Debian package locales, which
scripts/deps.sh test installs).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
SOURCE_ROOT = os.environ.get("SMR_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("SMR_BINARY", "smr-timer")
PO_DIR = os.path.join(SOURCE_ROOT, "po")
ROUTINE = os.path.join(SOURCE_ROOT, "routines", "hamstrings-spiky-ball.json")

# The same keywords and comments as po/meson.build's i18n.gettext.
XGETTEXT_ARGS = ["--keyword=_", "--keyword=N_", "--from-code=UTF-8",
                 "--add-comments=TRANSLATORS:", "--flag=N_:1:pass-c-format"]

# Per language: the locale, phrases --help must print, and one `check` must.
LANGUAGES = {
    "de": ("de_DE.UTF-8", ["Aufruf: smr-timer", "diese Hilfe zeigen und beenden",
                           "keine medizinische Beratung"], "Positionen"),
    "fr": ("fr_FR.UTF-8", ["afficher cette aide et quitter", "pas un avis médical"],
           "positions"),
    "es": ("es_ES.UTF-8", ["Uso: smr-timer", "muestra esta ayuda y sale",
                           "no es un consejo médico"], "posiciones"),
}

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def linguas():
    langs = []
    with open(os.path.join(PO_DIR, "LINGUAS"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0]
            langs += line.split()
    return langs


def run(cmd, env=None, **kw):
    """Runs cmd; without env, in English (msgfmt's statistics are parsed)."""
    if env is None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANGUAGE"}
        env["LC_ALL"] = "C.UTF-8"
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                          **kw)


# ---- po ---------------------------------------------------------------------

def potfiles():
    with open(os.path.join(PO_DIR, "POTFILES.in"), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.lstrip().startswith("#")]


def check_potfiles(listed):
    """POTFILES.in lists exactly the sources with _(" or N_(" in them."""
    marked = set()
    for dirpath, _dirs, files in os.walk(os.path.join(SOURCE_ROOT, "src")):
        for name in files:
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            if re.search(r'\bN?_\("', text):
                marked.add(os.path.relpath(path, SOURCE_ROOT))
    for p in sorted(marked - set(listed)):
        fail(f"{p} has translatable strings but is not in po/POTFILES.in")
    for p in listed:
        if not os.path.exists(os.path.join(SOURCE_ROOT, p)):
            fail(f"po/POTFILES.in lists {p}, which does not exist")


def extract(listed, out):
    p = run(["xgettext", "--package-name=smr-timer", "-o", out, "-D", SOURCE_ROOT]
            + XGETTEXT_ARGS + listed)
    if p.returncode != 0:
        fail("xgettext failed:\n" + p.stderr)
        return False
    return True


def msgids(po_file, *attrib_args):
    """The msgids msgattrib selects (e.g. --untranslated), as written in the
    file (escapes kept), the header left out."""
    p = run(["msgattrib", "--no-wrap", *attrib_args, po_file])
    ids, cur = [], None
    for line in p.stdout.splitlines() + [""]:
        line = line[3:] if line.startswith("#~ ") else line
        if line.startswith('msgid "'):
            cur = [line[7:-1]]
        elif cur is not None and line.startswith('"'):
            cur.append(line[1:-1])
        elif cur is not None:
            if "".join(cur):
                ids.append("".join(cur))
            cur = None
    return ids


def check_language(lang, pot, work):
    po = os.path.join(PO_DIR, lang + ".po")
    if not os.path.exists(po):
        fail(f"po/LINGUAS names {lang} but po/{lang}.po is missing")
        return
    # The file as committed: syntax, header, format strings.
    p = run(["msgfmt", "--check", "--statistics", "-o", os.devnull, po])
    if p.returncode != 0:
        fail(f"msgfmt --check po/{lang}.po:\n{p.stderr}")
    # Against today's sources: merged without fuzzy guesses, every message
    # must be translated and still pass --check with the template's flags.
    merged = os.path.join(work, lang + ".po")
    p = run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, pot])
    if p.returncode != 0:
        fail(f"msgmerge po/{lang}.po:\n{p.stderr}")
        return
    p = run(["msgfmt", "--check", "--statistics", "-o", os.devnull, merged])
    stats = p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ""
    print(f"{lang}: {stats}")
    if p.returncode != 0:
        fail(f"po/{lang}.po against the current sources fails msgfmt --check:\n{p.stderr}")
        return
    missing = msgids(merged, "--untranslated")
    fuzzy = msgids(merged, "--only-fuzzy")
    if missing or fuzzy or not re.fullmatch(r"\d+ translated messages?\.", stats):
        fail(f"po/{lang}.po is not complete ({stats}); translate these, then "
             f"'meson compile -C build smr-timer-update-po' keeps the file in step:\n  "
             + "\n  ".join(missing + ["(fuzzy) " + m for m in fuzzy]))
    stale = msgids(merged, "--only-obsolete")
    if stale:
        print(f"note: po/{lang}.po has {len(stale)} entries no longer in the sources "
              "(update-po marks them obsolete)")


def cmd_po():
    for tool in ("xgettext", "msgmerge", "msgfmt", "msgattrib"):
        if not shutil.which(tool):
            print(f"SKIP: {tool} not found (Debian package gettext)")
            return SKIP
    listed = potfiles()
    check_potfiles(listed)
    langs = linguas()
    for lang in LANGUAGES:
        if lang not in langs:
            fail(f"po/LINGUAS does not name {lang}")
    for name in os.listdir(PO_DIR):
        if name.endswith(".po") and name[:-3] not in langs:
            fail(f"po/{name} exists but po/LINGUAS does not name {name[:-3]}")
    with tempfile.TemporaryDirectory(prefix="smr-i18n-") as work:
        pot = os.path.join(work, "smr-timer.pot")
        if extract(listed, pot):
            for lang in langs:
                check_language(lang, pot, work)
    return 1 if failures else 0


# ---- locale -------------------------------------------------------------------

LOCPATH = None  # a directory of compiled locales, when the system lacks some


def env_for(loc, language=""):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env["LANG"] = loc
    env["LANGUAGE"] = language
    if LOCPATH:
        env["LOCPATH"] = LOCPATH
    return env


def works(loc, locpath=None):
    """Whether setlocale accepts loc (with LOCPATH, if given)."""
    env = dict(os.environ, **({"LOCPATH": locpath} if locpath else {}))
    p = run([sys.executable, "-c", "import locale, sys; locale.setlocale(locale.LC_ALL, sys.argv[1])",
             loc], env=env)
    return p.returncode == 0


def provide_locales(locales, work):
    """None when every locale works as the system is; else compiles them all
    into work/locale (LOCPATH replaces the system's archive, so all of them)
    and returns why that failed, or "" on success."""
    global LOCPATH
    if all(works(loc) for loc in locales):
        return None
    if not shutil.which("localedef"):
        return "no localedef"
    path = os.path.join(work, "locale")
    os.makedirs(path, exist_ok=True)
    for loc in locales:
        name, _, charmap = loc.partition(".")
        # Exit status 1 means warnings only; whether it works is checked below.
        p = run(["localedef", "-i", name, "-f", charmap, os.path.join(path, loc)])
        if not works(loc, path):
            return f"localedef {loc}: {p.stderr.strip() or 'failed'}"
    LOCPATH = path
    return ""


def expect(cmd, env, phrases, what, stream="stdout"):
    p = run(cmd, env=env, timeout=30)
    out = getattr(p, stream)
    if p.returncode != 0:
        fail(f"{what}: exit status {p.returncode}\n{p.stderr}")
        return
    for phrase in phrases:
        if phrase not in out:
            fail(f"{what}: '{phrase}' not in the output:\n{out}")


def fractional_routine(work):
    """The bundled routine with its outer strip starting at 10.5 cm."""
    with open(ROUTINE, encoding="utf-8") as f:
        r = json.load(f)
    r["strips"][0]["start_cm"] = 10.5
    path = os.path.join(work, "fractional.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(r, f)
    return path


def check_numbers(loc, work):
    """Numbers are read and written with a dot in every language."""
    env = env_for(loc)
    expect([BINARY, "--speed=0.5", "--help"], env, [], f"{loc}: --speed=0.5 --help")
    p = run([BINARY, "plan", "--json", fractional_routine(work)], env=env, timeout=30)
    try:
        plan = json.loads(p.stdout)
        cms = [s["cm"] for s in plan["steps"]]
        if 10.5 not in cms:
            fail(f"{loc}: plan --json lost the 10.5 cm position: {sorted(set(cms))}")
    except (ValueError, KeyError, TypeError) as e:
        fail(f"{loc}: plan --json is not JSON with steps ({e}):\n{p.stdout[:400]}\n{p.stderr}")


def cmd_locale():
    with tempfile.TemporaryDirectory(prefix="smr-i18n-") as work:
        locales = [loc for loc, _, _ in LANGUAGES.values()]
        why = provide_locales(locales, work)
        if why:
            print(f"SKIP: the locales {', '.join(locales)} are not generated here and cannot be "
                  f"compiled ({why}); install the Debian package locales (scripts/deps.sh test)")
            return SKIP
        if why == "":
            print("locales compiled into a temporary LOCPATH")
        for lang, (loc, help_phrases, check_word) in LANGUAGES.items():
            env = env_for(loc)
            expect([BINARY, "--help"], env, help_phrases, f"LANG={loc} smr-timer --help")
            expect([BINARY, "check", ROUTINE], env, [check_word], f"LANG={loc} smr-timer check")
            check_numbers(loc, work)
        # English is the fallback: a language with no translation, and C.
        loc = LANGUAGES["de"][0]
        expect([BINARY, "--help"], env_for(loc, "it"), ["Usage: smr-timer", "not medical advice"],
               f"LANG={loc} LANGUAGE=it smr-timer --help")
        expect([BINARY, "--help"], env_for("C.UTF-8"), ["Usage: smr-timer"],
               "LANG=C.UTF-8 smr-timer --help")
    return 1 if failures else 0


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "po":
        return cmd_po()
    if mode == "locale":
        return cmd_locale()
    print("usage: i18n.py po|locale", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
