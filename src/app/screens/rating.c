/* rating.c - the tightness question, 0-10, that the overview asks before
 * the session and the summary after it (see screens_private.h). It is never
 * in the way: the session starts and finishes without an answer, and an
 * answer can be changed or taken back (S) for as long as the screen shows. */
#include "app/screens/screens_private.h"

#include <stdio.h>

#include "util/i18n.h"
#include "util/log.h"

enum { N_VALUES = 11, SKIP = N_VALUES };

/* Design pixels: the question's line, the gap, the buttons, and the hint's
 * line under them when it is there. */
enum { QUESTION_H = 34, GAP_H = 8, BUTTONS_H = 52, HINT_GAP = 4, HINT_H = 24 };
enum { HINT_PX = 17, HINT_BESIDE_PX = 19, HINT_MIN_PX = 14 };

static const char *hint_text(void)
{
    return _("0 = not at all, 10 = very · keys 0-9, + for 10 · S skips");
}

/* The question's width in a row `row_w` wide: at most half of it. */
static int question_width(struct ui *u, int row_w)
{
    int qw = ui_text_width(u, _("How tight does it feel now?"), ui_px(u, 24), true) + ui_px(u, 16);
    return qw > row_w / 2 ? row_w / 2 : qw;
}

/* Beside the question when it fits there at a size one reads without
 * leaning in; else on a line of its own under the buttons (French and
 * Spanish at 800x600 had shrunk it to 9 px). */
static bool hint_below(struct ui *u, int row_w)
{
    return ui_text_width(u, hint_text(), ui_px(u, HINT_PX), false) > row_w - question_width(u, row_w);
}

int rating_height(struct ui *u, int row_w)
{
    return ui_px(u, QUESTION_H + GAP_H + BUTTONS_H) +
           (hint_below(u, row_w) ? ui_px(u, HINT_GAP + HINT_H) : 0);
}

/* Button i of the row: 0-10 the values, SKIP the skip button. */
static SDL_Rect button_rect(const struct ui *u, SDL_Rect row, int i)
{
    int gap = ui_px(u, 6), h = ui_px(u, BUTTONS_H);
    /* The skip button is 2.5 values wide, after a wider gap. */
    int w = (row.w - (N_VALUES - 1) * gap - 3 * gap) * 2 / (2 * N_VALUES + 5);
    if (w > ui_px(u, 64))
        w = ui_px(u, 64);
    int y = row.y + ui_px(u, QUESTION_H + GAP_H);
    if (i == SKIP)
        return (SDL_Rect){row.x + N_VALUES * (w + gap) + 2 * gap, y, w * 5 / 2, h};
    return (SDL_Rect){row.x + i * (w + gap), y, w, h};
}

static void answer(struct screens *s, enum rating_when w, int value, bool skipped)
{
    struct rating_answer *a = &s->ratings[w];
    a->value = skipped ? -1 : value;
    a->skipped = skipped;
    if (w == RATING_BEFORE)
        session_rate_before(s->session, a->value);
    else
        session_rate_after(s->session, a->value);
    const char *when = w == RATING_BEFORE ? "before" : "after";
    if (skipped)
        log_info("rating: %s skipped", when);
    else
        log_info("rating: %s=%d", when, value);
    s->dirty = true;
}

void rating_log(struct screens *s, enum rating_when w, SDL_Rect row)
{
    SDL_Rect *seen = &s->ratings[w].logged;
    if (SDL_RectEquals(seen, &row))
        return;
    *seen = row;
    SDL_Rect v0 = button_rect(s->ui, row, 0), v1 = button_rect(s->ui, row, 1);
    SDL_Rect sk = button_rect(s->ui, row, SKIP);
    log_info("rating: %s value0=%d,%d step=%d skip=%d,%d", w == RATING_BEFORE ? "before" : "after",
             v0.x + v0.w / 2, v0.y + v0.h / 2, v1.x - v0.x, sk.x + sk.w / 2, sk.y + sk.h / 2);
}

/* The value key k gives, or -1. */
static int value_key(SDL_Keycode k)
{
    static const SDL_Keycode keypad[10] = {SDLK_KP_0, SDLK_KP_1, SDLK_KP_2, SDLK_KP_3,
                                           SDLK_KP_4, SDLK_KP_5, SDLK_KP_6, SDLK_KP_7,
                                           SDLK_KP_8, SDLK_KP_9};
    if (k >= SDLK_0 && k <= SDLK_9)
        return (int)(k - SDLK_0);
    for (int i = 0; i < 10; i++)
        if (k == keypad[i])
            return i;
    /* 10 has no key of its own: + (= unshifted on many layouts). */
    if (k == SDLK_PLUS || k == SDLK_EQUALS || k == SDLK_KP_PLUS)
        return 10;
    return -1;
}

bool rating_key(struct screens *s, enum rating_when w, SDL_Keycode k)
{
    int v = value_key(k), now = s->ratings[w].value;
    if (v < 0 && (k == SDLK_LEFT || k == SDLK_RIGHT)) /* from nothing: the middle */
        v = now < 0 ? 5 : (k == SDLK_LEFT ? (now > 0 ? now - 1 : 0) : (now < 10 ? now + 1 : 10));
    if (v >= 0)
        answer(s, w, v, false);
    else if (k == SDLK_s)
        answer(s, w, -1, true);
    return v >= 0 || k == SDLK_s;
}

bool rating_click(struct screens *s, enum rating_when w, SDL_Rect row, int x, int y)
{
    for (int i = 0; i <= SKIP; i++)
        if (ui_hit(button_rect(s->ui, row, i), x, y)) {
            answer(s, w, i, i == SKIP);
            return true;
        }
    return false;
}

void rating_draw(const struct screens *s, struct ui *u, enum rating_when w, SDL_Rect row)
{
    const struct rating_answer *a = &s->ratings[w];
    int qh = ui_px(u, QUESTION_H);
    struct ui_text q = {.size = ui_px(u, 24), .min_size = ui_px(u, 14), .bold = true,
                        .color = UI_TEXT, .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    int qw = question_width(u, row.w);
    bool below = hint_below(u, row.w);
    ui_text(u, (SDL_Rect){row.x, row.y, below ? row.w : qw, qh}, _("How tight does it feel now?"),
            &q);
    struct ui_text hint = {.size = ui_px(u, below ? HINT_PX : HINT_BESIDE_PX),
                           .min_size = ui_px(u, HINT_MIN_PX),
                           .color = UI_MUTED, .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    SDL_Rect hint_box = {row.x + qw, row.y, row.w - qw, qh};
    if (below) {
        SDL_Rect b = button_rect(u, row, 0);
        hint_box = (SDL_Rect){row.x, b.y + b.h + ui_px(u, HINT_GAP), row.w, ui_px(u, HINT_H)};
    }
    ui_text(u, hint_box, hint_text(), &hint);
    for (int i = 0; i < N_VALUES; i++) {
        char label[4];
        snprintf(label, sizeof label, "%d", i);
        struct ui_button b = {.r = button_rect(u, row, i), .label = label, .enabled = true,
                              .focused = a->value == i, .selected = a->value == i,
                              .accent = UI_ACCENT};
        ui_button_draw(u, &b);
    }
    struct ui_button skip = {.r = button_rect(u, row, SKIP), .label = _("Skip (S)"),
                             .enabled = true, .selected = a->skipped, .accent = UI_MUTED};
    ui_button_draw(u, &skip);
}
