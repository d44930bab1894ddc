/* summary.c - after the last step: time taken against the plan, each strip's
 * positions done and skipped per leg, what to do next. */
#include "app/screens/screens_private.h"

#include <math.h>
#include <stdio.h>

#include "util/i18n.h"
#include "util/util.h"

/* Lines the blocks point into, alive while they are drawn. */
typedef char line_buf[256];

/* One strip's line; true when every position of it was done. */
static bool strip_line(const struct screens *s, size_t side, size_t k, char *buf, size_t size)
{
    const struct routine_strip *st = &s->routine->strips[k];
    const struct progress *p = session_progress(s->session);
    size_t done, skipped, total = st->n_positions * st->passes;
    progress_strip_count(p, side, k, &done, &skipped);
    if (skipped)
        snprintf(buf, size, _("%s: %zu of %zu positions done, %zu skipped"), st->label, done,
                 total, skipped);
    else
        snprintf(buf, size, _("%s: %zu of %zu positions done"), st->label, done, total);
    return done == total;
}

static void time_line(const struct screens *s, char *buf, size_t size)
{
    char taken[32], planned[32];
    /* Time taken on the clock, pauses included; skips make it shorter. */
    uint64_t clock = session_clock_taken_ms(s->session);
    format_mss(session_to_routine_ms(s->session, clock), taken, sizeof taken);
    format_mss(session_to_routine_ms(s->session,
                                     engine_timeline(session_engine(s->session))->total_ms),
               planned, sizeof planned);
    snprintf(buf, size, _("Time taken %s (planned %s)"), taken, planned);
}

static void left_column(const struct screens *s, struct ui *u, SDL_Rect box)
{
    const struct routine *r = s->routine;
    struct ui_block b[MAX_BLOCKS];
    line_buf lines[MAX_BLOCKS];
    size_t n = 0;
    time_line(s, lines[n], sizeof lines[n]);
    b[n] = (struct ui_block){.text = lines[n], .size = ui_px(u, 26), .bold = true,
                             .color = UI_ACCENT};
    n++;
    for (size_t side = 0; side < r->n_sides; side++) {
        b[n++] = (struct ui_block){.text = screens_side_label(r->sides[side]),
                                   .size = ui_px(u, 24), .bold = true, .color = UI_TEXT,
                                   .gap_before = ui_px(u, 18)};
        for (size_t k = 0; k < r->n_strips && n < MAX_BLOCKS - 8; k++) {
            bool complete = strip_line(s, side, k, lines[n], sizeof lines[n]);
            b[n] = (struct ui_block){.text = lines[n], .size = ui_px(u, 21),
                                     .color = complete ? UI_TEXT : UI_CAUTION,
                                     .gap_before = ui_px(u, 4), .bullet = "\xe2\x80\xa2"};
            n++;
        }
    }
    ui_flow(u, box, b, n);
}

static void right_column(const struct screens *s, struct ui *u, SDL_Rect box)
{
    const struct routine *r = s->routine;
    struct ui_block b[MAX_BLOCKS];
    size_t n = 0;
    if (r->n_next > 0 && !next_buttons_height(s, u)) { /* else the Next buttons say it */
        b[n++] = (struct ui_block){.text = _("Suggested next"), .size = ui_px(u, 24),
                                   .bold = true, .color = UI_TEXT};
        for (size_t i = 0; i < r->n_next && n < MAX_BLOCKS - 2; i++)
            b[n++] = (struct ui_block){.text = r->next[i], .size = ui_px(u, 21), .color = UI_TEXT,
                                       .gap_before = ui_px(u, 6), .bullet = "\xe2\x80\xa2"};
    }
    b[n++] = (struct ui_block){.text = _("Drink some water and move gently. Mild soreness can "
                                         "follow; sharp pain, numbness or tingling are reasons "
                                         "to see a professional."),
                               .size = ui_px(u, 20), .color = UI_MUTED,
                               .gap_before = ui_px(u, 24)};
    ui_flow(u, box, b, n);
}

static void body(const struct screens *s, struct ui *u, SDL_Rect box)
{
    box.h -= next_buttons_height(s, u); /* the Next buttons' row */
    int gap = ui_px(u, 36);
    int cw = (box.w - gap) * 55 / 100;
    left_column(s, u, (SDL_Rect){box.x, box.y, cw, box.h});
    right_column(s, u, (SDL_Rect){box.x + cw + gap, box.y, box.w - cw - gap, box.h});
}

static void finish(struct screens *s) { screens_quit(s, "done"); }

static const struct dialog summary = {
    .title = N_("Session complete"),
    .title_color = &UI_GOOD,
    .button_w = 300,
    .n_buttons = 2,
    .buttons = {
        {N_("Library (L)"), &UI_ACCENT, false, {SDLK_l}, screens_request_library},
        {N_("Finish (Return)"), &UI_GOOD, true, {SDLK_RETURN, SDLK_KP_ENTER, SDLK_ESCAPE, SDLK_q},
         finish},
    },
    .body = body,
};

static void enter(struct screens *s, enum screen_id from)
{
    (void)from;
    next_buttons_log(s);
}

static void key(struct screens *s, SDL_Keycode k)
{
    if (!next_buttons_key(s, k))
        dialog_key(s, &summary, k);
}

static void click(struct screens *s, int x, int y)
{
    if (!next_buttons_click(s, x, y))
        dialog_click(s, &summary, x, y);
}

static void draw(const struct screens *s, struct ui *u, uint64_t now)
{
    (void)now;
    dialog_draw(s, u, &summary);
    next_buttons_draw(s, u);
}

const struct screen_ops summary_screen = {
    .enter = enter, .key = key, .click = click, .draw = draw,
};
