/* next.c - the summary's Next buttons: the routines the finished one names
 * in "next" (the order a leg is worked in: hamstrings, quadriceps, calves),
 * each a button "Next (N): Quadriceps, 9:30" that opens that routine with
 * only the questions of its own checklist that differ (screens_request_open
 * with area_only: the rest were answered in this sitting). Ids the library
 * does not know (check refuses them; a file changed since) get no button. */
#include "app/screens/screens_private.h"

#include <stdio.h>
#include <string.h>

#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

enum { BUTTON_H = 56, BUTTON_W = 440, ROW_GAP = 12 };

/* The library entries of the routine's next ids, at most NEXT_MAX. */
static size_t next_entries(const struct screens *s, const struct library_entry **out)
{
    size_t n = 0;
    const struct routine *r = s->routine;
    for (size_t i = 0; s->library && r && i < r->n_next && n < NEXT_MAX; i++) {
        const struct library_entry *e = library_find(s->library, r->next[i]);
        if (e && e->routine)
            out[n++] = e;
    }
    return n;
}

static SDL_Rect button_rect(const struct ui *u, int i, int count)
{
    SDL_Rect bottom = screens_bottom_button(u, false, 0, 1, 300);
    int m = screens_margin(u), gap = ui_px(u, 16), h = ui_px(u, BUTTON_H);
    int w = ui_px(u, BUTTON_W), avail = u->w - 2 * m;
    if (count * w + (count - 1) * gap > avail)
        w = (avail - (count - 1) * gap) / count;
    return (SDL_Rect){m + i * (w + gap), bottom.y - ui_px(u, ROW_GAP) - h, w, h};
}

int next_buttons_height(const struct screens *s, const struct ui *u)
{
    const struct library_entry *e[NEXT_MAX];
    return next_entries(s, e) ? ui_px(u, BUTTON_H + ROW_GAP) : 0;
}

/* "Next (N): Quadriceps, 9:30": the title up to its colon ("Quadriceps:
 * pin and stretch..."), which says what it works. */
static void label(const struct library_entry *e, int i, int count, char *buf, size_t size)
{
    const char *title = e->routine->title;
    const char *colon = strstr(title, ": ");
    int len = colon ? (int)(colon - title) : (int)strlen(title);
    /* French sets a (no-break) space before the colon: "Quadriceps : ..." */
    for (;;) {
        if (len >= 1 && title[len - 1] == ' ')
            len -= 1;
        else if (len >= 2 && memcmp(title + len - 2, "\xc2\xa0", 2) == 0) /* U+00A0 */
            len -= 2;
        else if (len >= 3 && memcmp(title + len - 3, "\xe2\x80\xaf", 3) == 0) /* U+202F */
            len -= 3;
        else
            break;
    }
    char total[32], keyname[8];
    format_mss(routine_total_ms(e->routine), total, sizeof total);
    if (count == 1)
        snprintf(keyname, sizeof keyname, "N");
    else
        snprintf(keyname, sizeof keyname, "F%d", i + 1); /* the digits are the rating's */
    /* TRANSLATORS: the key, the next routine's name and its length: "Next (N): Quadriceps, 9:30" */
    snprintf(buf, size, _("Next (%s): %.*s, %s"), keyname, len, title, total);
}

void next_buttons_draw(const struct screens *s, struct ui *u)
{
    const struct library_entry *e[NEXT_MAX];
    size_t n = next_entries(s, e);
    for (size_t i = 0; i < n; i++) {
        char text[300];
        label(e[i], (int)i, (int)n, text, sizeof text);
        struct ui_button b = {.r = button_rect(u, (int)i, (int)n), .label = text,
                              .enabled = true, .accent = UI_ACCENT};
        ui_button_draw(u, &b);
    }
}

void next_buttons_log(const struct screens *s)
{
    const struct library_entry *e[NEXT_MAX];
    size_t n = next_entries(s, e);
    for (size_t i = 0; i < n; i++) {
        SDL_Rect r = button_rect(s->ui, (int)i, (int)n);
        log_info("next: button %s at %d,%d,%d,%d", e[i]->id, r.x, r.y, r.w, r.h);
    }
}

static void go_next(struct screens *s, const struct library_entry *e)
{
    log_info("next: %s after %s", e->id, s->routine->id);
    screens_request_open(s, e->path, "next", true);
}

bool next_buttons_key(struct screens *s, SDL_Keycode k)
{
    const struct library_entry *e[NEXT_MAX];
    size_t n = next_entries(s, e);
    size_t i = k == SDLK_n ? 0 : k >= SDLK_F1 && k <= SDLK_F3 ? (size_t)(k - SDLK_F1) : NEXT_MAX;
    if (i >= n)
        return false;
    go_next(s, e[i]);
    return true;
}

bool next_buttons_click(struct screens *s, int x, int y)
{
    const struct library_entry *e[NEXT_MAX];
    size_t n = next_entries(s, e);
    for (size_t i = 0; i < n; i++)
        if (ui_hit(button_rect(s->ui, (int)i, (int)n), x, y)) {
            go_next(s, e[i]);
            return true;
        }
    return false;
}
