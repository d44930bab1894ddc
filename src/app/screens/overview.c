/* overview.c - what the session is before it starts: the routine's title
 * and description, total time, legs, strips and positions, the area to keep
 * the ball away from (after a local Yes), every warning `check` gives the
 * routine, what is needed and how to set up, and how tight it feels before
 * (0-10, rating.c: optional, S skips it); Start (Return) or back to the
 * checklist (B). Without its diagram the session does not start: this says
 * why. (S is not Start: in the session S is the red-flag stop.) */
#include "app/screens/screens_private.h"

#include <math.h>
#include <stdio.h>

#include "util/diag.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

static SDL_Rect button(const struct ui *u, int i) { return screens_bottom_button(u, true, i, 2, 300); }

/* The body without the rating row at its bottom, and the row. */
static SDL_Rect content_rect(struct ui *u, SDL_Rect body)
{
    body.h -= rating_height(u, body.w) + ui_px(u, 14);
    return body;
}

static SDL_Rect rating_row(struct ui *u)
{
    SDL_Rect body = screens_body_rect(u, screens_title_rect(u), button(u, 0));
    int h = rating_height(u, body.w);
    return (SDL_Rect){body.x, body.y + body.h - h, body.w, h};
}

static void start(struct screens *s)
{
    if (s->diagram_missing) {
        log_warn("%s", _("the session needs its diagram, which could not be loaded"));
        return;
    }
    screens_go(s, SCREEN_SESSION);
    s->layer.log_ball = true;
    screens_act(s, session_start);
}

static void key(struct screens *s, SDL_Keycode k)
{
    if (rating_key(s, RATING_BEFORE, k))
        return;
    if (k == SDLK_ESCAPE)
        screens_ask_quit(s);
    else if (k == SDLK_RETURN || k == SDLK_KP_ENTER)
        start(s);
    else if (k == SDLK_b || k == SDLK_BACKSPACE)
        screens_go(s, SCREEN_CHECKLIST);
}

static void click(struct screens *s, int x, int y)
{
    if (rating_click(s, RATING_BEFORE, rating_row(s->ui), x, y))
        return;
    if (ui_hit(button(s->ui, 1), x, y))
        start(s);
    else if (ui_hit(button(s->ui, 0), x, y))
        screens_go(s, SCREEN_CHECKLIST);
}

/* "Total time 12:15 · left leg, then right leg · 3 strips · 24 ball positions" */
static void facts_text(const struct screens *s, char *buf, size_t size)
{
    const struct routine *r = s->routine;
    char total[32], sides[128];
    const struct timeline *tl = engine_timeline(session_engine(s->session));
    format_mss(session_to_routine_ms(s->session, tl->total_ms) + 999, total,
               sizeof total);
    bool left_first = r->sides[0] == ROUTINE_SIDE_LEFT;
    if (r->n_sides == 2)
        snprintf(sides, sizeof sides, "%s",
                 left_first ? _("left leg, then right leg") : _("right leg, then left leg"));
    else
        snprintf(sides, sizeof sides, "%s", left_first ? _("left leg only") : _("right leg only"));
    /* TRANSLATORS: total time (m:ss), the legs ("left leg, then right leg"), counts. */
    snprintf(buf, size, _("Total time %s · %s · %zu strips · %zu ball positions"), total, sides,
             r->n_strips, routine_total_positions(r));
}

static void needs_column(const struct routine *r, struct ui *u, SDL_Rect box)
{
    struct ui_block b[MAX_BLOCKS];
    size_t n = 0;
    int hs = ui_px(u, 24), ts = ui_px(u, 20);
    b[n++] = (struct ui_block){.text = _("You need"), .size = hs, .bold = true, .color = UI_TEXT};
    for (size_t i = 0; i < r->n_equipment && n < MAX_BLOCKS / 2; i++)
        b[n++] = (struct ui_block){.text = r->equipment[i], .size = ts, .color = UI_TEXT,
                                   .gap_before = ui_px(u, 6), .bullet = "\xe2\x80\xa2"};
    if (r->therapist_note) {
        b[n++] = (struct ui_block){.text = _("Note"), .size = hs, .bold = true, .color = UI_TEXT,
                                   .gap_before = ui_px(u, 22)};
        b[n++] = (struct ui_block){.text = r->therapist_note, .size = ts, .color = UI_MUTED,
                                   .gap_before = ui_px(u, 6)};
    }
    ui_flow(u, box, b, n);
}

static void setup_column(const struct routine *r, struct ui *u, SDL_Rect box)
{
    struct ui_block b[MAX_BLOCKS];
    char nums[MAX_BLOCKS][8];
    size_t n = 0;
    int hs = ui_px(u, 24), ts = ui_px(u, 20);
    b[n++] = (struct ui_block){.text = _("Set up"), .size = hs, .bold = true, .color = UI_TEXT};
    for (size_t i = 0; i < r->n_setup && n < MAX_BLOCKS; i++) {
        snprintf(nums[n], sizeof nums[n], "%zu.", i + 1);
        b[n] = (struct ui_block){.text = r->setup[i], .size = ts, .color = UI_TEXT,
                                 .gap_before = ui_px(u, 6), .bullet = nums[n]};
        n++;
    }
    ui_flow(u, box, b, n);
}

/* A warning as a person reads it: what is wrong, what would be right, and
 * where (the JSON path, last: it is for whoever edits the file). */
static void warning_text(const struct diag *d, char *buf, size_t size)
{
    int n = snprintf(buf, size, "%s", d->message);
    if (d->hint && n >= 0 && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n, "; %s", d->hint);
    if (d->path && *d->path && n >= 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, " (%s)", d->path);
}

enum { MAX_WARNINGS_SHOWN = 6 };

/* The caution line and the warnings, from box.y down; returns the height used. */
static int notices(const struct screens *s, struct ui *u, SDL_Rect box)
{
    struct ui_block b[MAX_WARNINGS_SHOWN + 3];
    char texts[MAX_WARNINGS_SHOWN + 1][600];
    size_t n = 0, shown = 0, total = s->diags ? diag_count(s->diags, DIAG_WARNING) : 0;
    const char *caution = screens_caution_text(s);
    if (caution)
        b[n++] = (struct ui_block){.text = caution, .size = ui_px(u, 23), .bold = true,
                                   .color = UI_CAUTION};
    if (total) {
        b[n++] = (struct ui_block){.text = _("The routine check warns:"), .size = ui_px(u, 21),
                                   .bold = true, .color = UI_CAUTION,
                                   .gap_before = ui_px(u, 8)};
        for (size_t i = 0; i < s->diags->n && shown < MAX_WARNINGS_SHOWN; i++) {
            if (s->diags->items[i].severity != DIAG_WARNING)
                continue;
            warning_text(&s->diags->items[i], texts[shown], sizeof texts[shown]);
            b[n++] = (struct ui_block){.text = texts[shown++], .size = ui_px(u, 19),
                                       .color = UI_TEXT, .gap_before = ui_px(u, 4),
                                       .bullet = "\xe2\x80\xa2"};
        }
    }
    if (total > shown) {
        snprintf(texts[MAX_WARNINGS_SHOWN], sizeof texts[0],
                 _("and %zu more: smr-timer check FILE lists them all"), total - shown);
        b[n++] = (struct ui_block){.text = texts[MAX_WARNINGS_SHOWN], .size = ui_px(u, 19),
                                   .color = UI_MUTED, .gap_before = ui_px(u, 4)};
    }
    if (n == 0)
        return 0;
    /* Room for what it says at its size, but never more than half the box:
     * the equipment and set-up still need to be seen. */
    int want = 0;
    for (size_t i = 0; i < n; i++)
        want += b[i].gap_before +
                ui_text_height(u, b[i].text, b[i].size, b[i].bold, box.w - ui_px(u, 30));
    box.h = want < box.h / 2 ? want : box.h / 2;
    return ui_flow(u, box, b, n);
}

static void draw(const struct screens *s, struct ui *u, uint64_t now)
{
    (void)now;
    const struct routine *r = s->routine;
    ui_clear(u, UI_BG);
    SDL_Rect t = screens_title_rect(u);
    screens_draw_title(u, t, r->title, UI_TEXT);
    SDL_Rect body = content_rect(u, screens_body_rect(u, t, button(u, 0)));

    /* Description and facts across the top, then two columns. */
    char facts[512];
    if (s->diagram_missing)
        snprintf(facts, sizeof facts,
                 _("This session cannot start: its diagram (%s) is missing or broken, and without "
                   "it the session cannot show where the ball goes. Reinstall smr-timer."),
                 r->diagram->asset);
    else
        facts_text(s, facts, sizeof facts);
    struct ui_text ds = {.size = ui_px(u, 21), .min_size = ui_px(u, 11), .color = UI_MUTED,
                         .max_lines = 3};
    int dh = ui_text(u, (SDL_Rect){body.x, body.y, body.w, ui_px(u, 84)}, r->description, &ds);
    struct ui_text fs = {.size = ui_px(u, 23), .min_size = ui_px(u, 11), .bold = true,
                         .color = s->diagram_missing ? UI_STOP : UI_ACCENT, .max_lines = 3};
    int fy = body.y + dh + ui_px(u, 10);
    int fh = ui_text(u, (SDL_Rect){body.x, fy, body.w, ui_px(u, 64)}, facts, &fs);
    int ny = fy + fh + ui_px(u, 12);
    int nh = notices(s, u, (SDL_Rect){body.x, ny, body.w, body.y + body.h - ny});
    int cy = ny + nh + ui_px(u, nh ? 18 : 6);
    int gap = ui_px(u, 36);
    int cw = (body.w - gap) / 2;
    needs_column(r, u, (SDL_Rect){body.x, cy, cw, body.y + body.h - cy});
    setup_column(r, u, (SDL_Rect){body.x + cw + gap, cy, body.w - cw - gap, body.y + body.h - cy});

    struct ui_button back = {.r = button(u, 0), .label = _("Back (B)"), .enabled = true,
                             .accent = UI_MUTED};
    bool can = !s->diagram_missing;
    struct ui_button go = {.r = button(u, 1), .label = _("Start (Return)"), .enabled = can,
                           .focused = can, .selected = can, .accent = UI_GOOD};
    rating_draw(s, u, RATING_BEFORE, rating_row(u));
    ui_button_draw(u, &back);
    ui_button_draw(u, &go);
    screens_draw_disclaimer(u, true);
}

static void prepare(struct screens *s, uint64_t now)
{
    (void)now;
    rating_log(s, RATING_BEFORE, rating_row(s->ui));
}

const struct screen_ops overview_screen = {
    .key = key, .click = click, .prepare = prepare, .draw = draw};
