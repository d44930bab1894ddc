"""The translations, checked two ways.

`i18n.py po`: every language in po/LINGUAS is complete against a template
extracted afresh from the sources (so a new or changed string without its
translation fails here, not in a user's hands), msgfmt --check clean
(format specifiers in order and type), and po/POTFILES.in names every source
file that has translatable strings.

`i18n.py locale`: the real binary speaks the user's language: under
LANG=de_DE.UTF-8 (fr_FR, es_ES) --help and `check` print the translation,
numbers still read and print with a dot, `list` shows that language's
routines, a session started with options but no routine plays the default
routine in that language, `history` writes its means with a decimal comma,
a change of strip names the strip as the routine writes it, and a language without a
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
import time

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


def check_list(lang, loc):
    """`smr-timer list` shows the user's language: the six routines of lang
    (each English one has its translation); --all adds the rest after them
    in every area."""
    env = env_for(loc)
    env["XDG_DATA_HOME"] = "/nonexistent-smr-i18n"  # the bundled routines only
    p = run([BINARY, "list"], env=env, timeout=30)
    ids = [l.split("\t")[1] for l in p.stdout.splitlines()]
    if len(ids) != 6 or not all(i.endswith("-" + lang) for i in ids):
        fail(f"LANG={loc} smr-timer list: {ids}, want the six routines in {lang}")
    p = run([BINARY, "list", "--all"], env=env, timeout=30)
    rows = [l.split("\t")[:2] for l in p.stdout.splitlines()]
    if len(rows) != 24:
        fail(f"LANG={loc} smr-timer list --all: {len(rows)} lines, want 24")
    for area in ("back-of-thigh", "front-of-thigh", "calf"):
        in_area = [i for a, i in rows if a == area]
        if [i.endswith("-" + lang) for i in in_area[:2]] != [True, True]:
            fail(f"LANG={loc} smr-timer list --all: {area} does not start with {lang}: {in_area}")


# The calves' change to the outer strip, as plan --json gives its
# instruction: the strip's name as the routine writes it, quoted (the
# translation's "strip-name:as-written"), not "Bahn (Äußere Bahn)" nor a
# first letter made small only where it is ASCII ("innere" beside "Äußere").
STRIP_IN_SENTENCE = {
    "de": "Leg den Ball auf die nächste Bahn: „Äußere Bahn“, 8 cm unter der Kniekehle.",
    "fr": "Placez la balle sur la bande suivante\u00a0: «\u00a0Bande externe\u00a0», à 8 cm",
    "es": "Pon la pelota en la franja siguiente: «Franja externa», a 8 cm",
}


def check_strip_names(lang, loc):
    """A transition's instruction names the strip as the routine does."""
    routine = os.path.join(SOURCE_ROOT, "routines", f"calves-spiky-ball-{lang}.json")
    p = run([BINARY, "plan", "--json", routine], env=env_for(loc), timeout=30)
    try:
        said = [s["instruction"] for s in json.loads(p.stdout)["steps"] if s["type"] != "phase"]
    except (ValueError, KeyError, TypeError) as e:
        fail(f"{loc}: plan --json {routine}: {e}")
        return
    if not any(t.startswith(STRIP_IN_SENTENCE[lang]) for t in said):
        fail(f"LANG={loc} plan --json: no transition says {STRIP_IN_SENTENCE[lang]!r}: {said[:2]}")


def check_default_routine(lang, loc, work):
    """With options but no routine and nothing played before, the session is
    the default routine in the user's language, not the English one."""
    script = os.path.join(work, "quit.txt")
    with open(script, "w") as f:
        f.write("wait-screen checklist\nquit\n")
    env = env_for(loc)
    env.update({"SDL_VIDEODRIVER": "offscreen", "SDL_RENDER_DRIVER": "software",
                "SMR_AUDIO": "null", "SMR_LOG": "info", "SMR_SETTINGS": "",
                "XDG_DATA_HOME": "/nonexistent-smr-i18n",
                "XDG_STATE_HOME": os.path.join(work, "state")})
    p = run([BINARY, "--script", script, "--hold", "12", "--window", "800x600"], env=env,
            timeout=60)
    m = re.search(r"run: (\S+) volume=", p.stderr)
    want = f"hamstrings-spiky-ball-{lang}.json"
    if p.returncode != 0 or not m or os.path.basename(m.group(1)) != want:
        fail(f"LANG={loc} smr-timer --hold 12: played {m.group(1) if m else None} "
             f"(exit {p.returncode}), want {want}")


DECIMALS = {"de": "Spannung 7,0 vorher, 3,5 nachher (-3,5)",
            "fr": "tension 7,0 avant, 3,5 après (-3,5)",
            "es": "tensión 7,0 antes, 3,5 después (-3,5)"}


def check_history_decimals(lang, loc, work):
    """`smr-timer history` writes the means with the user's decimal comma
    (the program's own numbers stay C: --csv keeps the dot)."""
    state = os.path.join(work, "state-" + lang)
    os.makedirs(os.path.join(state, "smr-timer"), exist_ok=True)
    now = time.time()
    with open(os.path.join(state, "smr-timer", "history.jsonl"), "w", encoding="utf-8") as f:
        for i, (before, after) in enumerate(((8, 4), (6, 3))):
            f.write(json.dumps({
                "session": f"s{i}", "routine_id": "anna", "routine_file": "/r/anna.json",
                "title": "Anna", "target": "hamstrings", "sides": ["left"],
                "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - 60 * (i + 1))),
                "elapsed_ms": 600000, "positions_done": 4, "positions_skipped": 0,
                "positions_total": 4, "ended_by": "done", "tightness_before": before,
                "tightness_after": after}) + "\n")
    env = env_for(loc)
    env["XDG_STATE_HOME"] = state
    expect([BINARY, "history"], env, [DECIMALS[lang]], f"LANG={loc} smr-timer history")
    p = run([BINARY, "history", "--csv"], env=env, timeout=30)
    if ",8,4," not in p.stdout.replace('"', ""):
        fail(f"LANG={loc} smr-timer history --csv: the ratings as C numbers, got {p.stdout!r}")


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
            check_list(lang, loc)
            check_strip_names(lang, loc)
            check_default_routine(lang, loc, work)
            check_history_decimals(lang, loc, work)
        # English is the fallback: a language with no translation, and C.
        loc = LANGUAGES["de"][0]
        expect([BINARY, "--help"], env_for(loc, "it"), ["Usage: smr-timer", "not medical advice"],
               f"LANG={loc} LANGUAGE=it smr-timer --help")
        expect([BINARY, "--help"], env_for("C.UTF-8"), ["Usage: smr-timer"],
               "LANG=C.UTF-8 smr-timer --help")
    return 1 if failures else 0


# ---- routines -------------------------------------------------------------------

ROUTINES_DIR = os.path.join(SOURCE_ROOT, "routines")


def english_routines():
    """The English bundled routines by id (their files are ID.json)."""
    out = {}
    for name in sorted(os.listdir(ROUTINES_DIR)):
        if name.endswith(".json") and name != "schema.json":
            with open(os.path.join(ROUTINES_DIR, name), encoding="utf-8") as f:
                r = json.load(f)
            if r["language"] == "en":
                out[r["id"]] = r
    return out


def same_but_words(en, tr, lang, ids, path, texts):
    """tr is en with only its texts translated: every key, number, kind,
    line, side and id the same (ids of routines with -LANG); collects
    (path, English, translation) in texts."""
    if isinstance(en, dict):
        if set(en) != set(tr):
            fail(f"{path}: keys {sorted(set(en) ^ set(tr))} differ from the English")
            return
        for k in en:
            same_but_words(en[k], tr[k], lang, ids, f"{path}.{k}", texts)
    elif isinstance(en, list):
        if len(en) != len(tr):
            fail(f"{path}: {len(tr)} items, the English has {len(en)}")
            return
        for i, (a, b) in enumerate(zip(en, tr)):
            same_but_words(a, b, lang, ids, f"{path}[{i}]", texts)
    elif path.endswith((".id", ".language")) and path.count(".") == 1 or "].next" in path \
            or path.endswith(".next") or re.search(r"\.next\[\d+\]$", path):
        want = lang if path.endswith(".language") else f"{en}-{lang}" if en in ids else en
        if tr != want:
            fail(f"{path}: {tr!r}, want {want!r}")
    elif isinstance(en, str) and re.search(r"(title|description|target|equipment|setup|"
                                           r"instruction|label|muscles|question|area|"
                                           r"therapist_note)(\[\d+\])?$", path):
        texts.append((path, en, tr))
    elif en != tr or type(en) is not type(tr):
        fail(f"{path}: {tr!r} in the translation, {en!r} in the English: only words may change")


def cmd_routines():
    """Every bundled English routine has a ID-LANG.json in de, fr and es that
    differs from it only in its words: the same numbers, positions, sides,
    kinds and structure; next chains stay within the language; each text
    is translated (not the English left in) and no translation is left
    over without its English original."""
    en = english_routines()
    if len(en) < 6:
        fail(f"only {len(en)} English routines in routines/")
    for rid, r in en.items():
        for lang in LANGUAGES:
            path = os.path.join(ROUTINES_DIR, f"{rid}-{lang}.json")
            if not os.path.exists(path):
                fail(f"routines/{rid}-{lang}.json is missing: {rid} is not translated into {lang}")
                continue
            with open(path, encoding="utf-8") as f:
                tr = json.load(f)
            texts = []
            same_but_words(r, tr, lang, en, f"{rid}-{lang}", texts)
            left = [(p, e) for p, e, t in texts if e == t and " " in e]
            for p, e in left:
                fail(f"{p}: still English: {e!r}")
    for name in os.listdir(ROUTINES_DIR):
        m = re.fullmatch(r"(.+)-([a-z]{2,3})\.json", name)
        if m and m.group(2) in LANGUAGES and m.group(1) not in en:
            fail(f"routines/{name}: no English {m.group(1)}.json it translates")
    print(f"{len(en)} routines x {len(LANGUAGES)} languages checked")
    return 1 if failures else 0


# ---- speech -------------------------------------------------------------------

def wav_samples(path):
    import array
    import wave
    with wave.open(path, "rb") as w:
        data = array.array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        data.byteswap()
    return data


def rms(x):
    return (sum(v * v for v in x) / len(x)) ** 0.5 if len(x) else 0.0


def speak(tool, lang, text, out):
    p = run([tool, lang, out, text], timeout=60)
    if p.returncode != 0:
        fail(f"speak {lang} {text!r}: exit {p.returncode}\n{p.stderr}")
        return None
    return wav_samples(out)


def voice_of_app(loc, routine, work):
    """The voice the real binary picks for a routine (its debug log)."""
    script = os.path.join(work, "script.txt")
    with open(script, "w") as f:
        f.write("key n\n" * 40 + "key return\nwait-screen overview\nkey return\n"
                "wait-screen session\nwait-step 1\nquit\n")
    env = env_for(loc)
    env.update({"SDL_VIDEODRIVER": "offscreen", "SDL_RENDER_DRIVER": "software",
                "SDL_AUDIODRIVER": "dummy", "SMR_LOG": "debug",
                "XDG_STATE_HOME": os.path.join(work, "state")})
    p = run([BINARY, "--script", script, "--speed", "20", "--window", "800x600", routine],
            env=env, timeout=60)
    m = re.search(r"speech: voice for '([^']*)': (\S+)", p.stderr)
    return m.groups() if m else (None, p.stderr[-2000:])


def cmd_speech(tool, built):
    """A phrase of each language's routine, said by speech.c into a WAV:
    not silent, and not what the English voice makes of the same words
    (the routine's language picks the voice: a missing voice would fall
    back to English and sound the same). The app picks that voice too."""
    if built != "speech":
        print("SKIP: built without speech (espeak-ng)")
        return SKIP
    with tempfile.TemporaryDirectory(prefix="smr-speech-") as work:
        for lang, (loc, _, _) in LANGUAGES.items():
            path = os.path.join(ROUTINES_DIR, f"hamstrings-spiky-ball-{lang}.json")
            with open(path, encoding="utf-8") as f:
                r = json.load(f)
            text = r["cycle"][0]["instruction"]
            own = speak(tool, r["language"], text, os.path.join(work, f"{lang}.wav"))
            english = speak(tool, "en", text, os.path.join(work, f"{lang}-en.wav"))
            if own is None or english is None:
                continue
            level = rms(own)
            print(f"{lang}: {len(own) / 22050:.2f} s, RMS {level:.0f}; the English voice "
                  f"{len(english) / 22050:.2f} s")
            if len(own) < 22050 // 2 or level < 1000:
                fail(f"{lang}: {text!r} is (nearly) silent: {len(own)} samples, RMS {level:.0f}")
            n = min(len(own), len(english))
            diff = rms([a - b for a, b in zip(own[:n], english[:n])])
            if len(own) == len(english) and diff < 0.1 * level:
                fail(f"{lang}: the {lang} voice says {text!r} as the English voice does")
            asked, voice = voice_of_app(loc, path, work)
            if asked != lang or voice != lang:
                fail(f"{lang}: the app's voice for {path}: {asked!r} -> {voice!r}, want {lang!r}")
    return 1 if failures else 0


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "po":
        return cmd_po()
    if mode == "locale":
        return cmd_locale()
    if mode == "routines":
        return cmd_routines()
    if mode == "speech" and len(sys.argv) == 4:
        return cmd_speech(sys.argv[2], sys.argv[3])
    print("usage: i18n.py po|locale|routines|speech SPEAK speech|nospeech", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
