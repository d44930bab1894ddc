/* render_diagram.c - draws the diagram view headless and saves a PNG, to look
 * at the picture while drawing it and for docs:
 *   render_diagram OUT.png W H [left|right] [--diagram NAME] [--font PX]
 *                  [--area X,Y,W,H] [--ball outer:20] [--next outer:27]
 *                  [--current outer] [--done outer:8]...
 * (--diagram defaults to hamstrings-back)
 *   render_diagram OUT.png W H --raw FILE.svg   (the bare picture, no marks) */
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s OUT.png W H [left|right] [options]\n", argv[0]);
        return 2;
    }
    int w = atoi(argv[2]), hgt = atoi(argv[3]), font_px = 0;
    if (argc == 6 && strcmp(argv[4], "--raw") == 0) {
        SDL_RWops *rw = SDL_RWFromFile(argv[5], "rb");
        SDL_Surface *raw = rw ? IMG_LoadSizedSVG_RW(rw, w, hgt) : NULL;
        if (rw)
            SDL_RWclose(rw);
        int ok = raw && IMG_SavePNG(raw, argv[1]) == 0;
        SDL_FreeSurface(raw);
        return ok ? 0 : 1;
    }
    struct diagram_marks m = {0};
    struct diagram_dot done[64];
    SDL_Rect area = {0, 0, w, hgt};
    const char *ball = NULL, *next = NULL, *current = NULL, *diagram = "hamstrings-back";
    const char *done_spec[64];
    size_t n_done = 0;
    for (int i = 4; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "left") == 0 || strcmp(a, "right") == 0) {
            m.side = a[0] == 'r' ? ROUTINE_SIDE_RIGHT : ROUTINE_SIDE_LEFT;
            continue;
        }
        if (!val) {
            fprintf(stderr, "%s needs a value\n", a);
            return 2;
        }
        i++;
        if (strcmp(a, "--diagram") == 0)
            diagram = val;
        else if (strcmp(a, "--font") == 0)
            font_px = atoi(val);
        else if (strcmp(a, "--area") == 0)
            sscanf(val, "%d,%d,%d,%d", &area.x, &area.y, &area.w, &area.h);
        else if (strcmp(a, "--ball") == 0)
            ball = val;
        else if (strcmp(a, "--next") == 0)
            next = val;
        else if (strcmp(a, "--current") == 0)
            current = val;
        else if (strcmp(a, "--done") == 0 && n_done < 64)
            done_spec[n_done++] = val;
        else {
            fprintf(stderr, "unknown option %s\n", a);
            return 2;
        }
    }
    struct harness h;
    if (!harness_open(&h, diagram, w, hgt, font_px)) {
        harness_close(&h);
        return 1;
    }
    if (ball && !(m.has_ball = harness_parse_dot(h.d, ball, &m.ball)))
        fprintf(stderr, "bad --ball %s\n", ball);
    if (next && !(m.has_next = harness_parse_dot(h.d, next, &m.next)))
        fprintf(stderr, "bad --next %s\n", next);
    if (current)
        m.current = diagram_find_line(h.d, current);
    else if (m.has_ball)
        m.current = m.ball.line;
    for (size_t i = 0; i < n_done; i++)
        if (harness_parse_dot(h.d, done_spec[i], &done[m.n_done]))
            m.n_done++;
    m.done = done;
    harness_draw(&h, area, &m);
    SDL_Surface *s = harness_read(&h);
    int rc = 0;
    if (!s || IMG_SavePNG(s, argv[1]) != 0) {
        fprintf(stderr, "cannot save %s: %s\n", argv[1], SDL_GetError());
        rc = 1;
    }
    SDL_FreeSurface(s);
    harness_close(&h);
    return rc;
}
