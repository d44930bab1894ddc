#!/usr/bin/env python3
"""The architecture as a test.

1. The pure folders (util, routine, engine, session) include no SDL header:
   unit tests link them without a display.
2. Only src/routine parses JSON (includes cJSON).
3. Folders depend one way, along the data flow
       file -> routine -> engine -> session -> app (screens) -> cli
                                 \-> audio --/     \-> print --/
   (util under all of them). print is not linked into the program: it is a
   module that cli/handout_cmd.c opens (src/print/print_module.h), so in cli
   only that file may include print/ headers (for the types), and only
   print_module.h. Each folder may include headers only from the folders listed for it in
   ALLOWED; any other include between folders, and any circle between files,
   fails with the line that causes it.
"""
import pathlib
import re
import sys

src = pathlib.Path(sys.argv[1])
# print (the handout) draws with cairo, never SDL: it holds to rule 1 too.
PURE = {"util", "routine", "engine", "session", "print"}
# folder -> folders it may include from (besides itself)
ALLOWED = {
    "util": set(),
    "routine": {"util"},
    "engine": {"util", "routine"},
    "session": {"util", "routine", "engine", "audio"},
    "audio": {"util", "routine", "engine"},
    "print": {"util", "routine", "engine", "session"},
    "app": {"util", "routine", "engine", "session", "audio"},
    "cli": {"util", "routine", "engine", "session", "audio", "app", "print"},
}
INCLUDE = re.compile(r'\s*#\s*include\s*([<"])([^>"]+)[>"]')

bad = []
graph = {}
files = sorted(p for p in src.rglob("*.[ch]"))
for f in files:
    rel = f.relative_to(src)
    folder = rel.parts[0]
    graph.setdefault(str(rel), set())
    for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
        m = INCLUDE.match(line)
        if not m:
            continue
        quote, header = m.groups()
        where = f"{f}:{n}"
        if folder in PURE and header.startswith("SDL"):
            bad.append(f"{where}: includes {header}; {folder}/ must build without SDL")
        if header.lower().startswith("cjson") and folder != "routine":
            bad.append(f"{where}: includes {header}; only src/routine parses JSON")
        if quote != '"' or header == "config.h":
            continue
        parts = pathlib.PurePosixPath(header).parts
        if len(parts) < 2:
            bad.append(f'{where}: #include "{header}"; name the folder ("{folder}/{header}")')
            continue
        to = parts[0]
        if to not in ALLOWED:
            continue
        if to != folder and to not in ALLOWED.get(folder, set()):
            bad.append(f"{where}: {folder}/ includes {header}; {folder}/ may use "
                       f"{', '.join(sorted(ALLOWED[folder])) or 'nothing else'}")
        if to == "print" and folder == "cli" and (
                rel.as_posix() != "cli/handout_cmd.c" or header != "print/print_module.h"):
            bad.append(f"{where}: includes {header}; print is a module opened by "
                       "cli/handout_cmd.c through print/print_module.h only")
        graph[str(rel)].add(header)

# Circles between files: a header including (through others) a file of its own
# pair, or two headers including each other. Depth-first over the graph.
def key(name):
    return name[:-2]  # "engine/engine.h" and "engine/engine.c" are one module

mod_graph = {}
for f, incs in graph.items():
    mod_graph.setdefault(key(f), set()).update(key(i) for i in incs if key(i) != key(f))
state = {}
def visit(m, stack):
    state[m] = 1
    for n in sorted(mod_graph.get(m, ())):
        if state.get(n) == 1:
            cyc = stack[stack.index(n):] + [n] if n in stack else [m, n]
            bad.append("import circle: " + " -> ".join(cyc))
        elif n not in state:
            visit(n, stack + [n])
    state[m] = 2
for m in sorted(mod_graph):
    if m not in state:
        visit(m, [m])

for b in bad:
    print(b)
print(f"{len(files)} sources checked, {len(mod_graph)} modules")
if not files:
    sys.exit(1)
sys.exit(1 if bad else 0)
