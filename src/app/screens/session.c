/* session.c - the session screen: the diagram with the ball (and, in a
 * move or a change of strip, the ring where it goes), where the session is,
 * the step's title, where the ball is in words, the instruction, the big
 * countdown, the phase and overall bars, six controls along the bottom, the
 * red-flag stop at the top right, and the paused banner beside the diagram.
 * What it says is in session_words.c.
 *
 * The diagram, the costliest part to draw (SDL's software triangles), is
 * drawn into a texture of its own size by prepare() when what it shows
 * changes; a whole frame copies it and draws the texts and buttons around
 * it, and a countdown tick only repaints the digits and bars, on the frame
 * the window keeps (everything under them is the plain background, and they
 * are opaque). prepare() is also where the line tests and
 * benchmarks read is logged ("session: step=... ball_px=... diagram_area=..."):
 * from the same layout the drawing uses, whenever the layer with a moved ball
 * is built. */
#include "app/screens/screens_private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/fonts.h"
#include "engine/steps.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

/* The six controls along the bottom, then the red-flag stop at the top
 * right: apart from them, so reaching for Pause never stops the session. */
enum { BTN_PAUSE, BTN_BACK, BTN_SKIP, BTN_MUTE, BTN_FULL, BTN_QUIT, N_CONTROLS, BTN_RED_FLAG = N_CONTROLS,
       N_BTN };

struct layout {
    SDL_Rect diagram, note, progress, title, digits, phase_bar, next, overall, overall_label;
    SDL_Rect words; /* where the ball is, then the instruction: one column scaled as one */
    SDL_Rect dimmed; /* the texts, darkened a little when paused (never the diagram) */
    SDL_Rect banner; /* the paused banner: over the title and digits, beside the diagram */
    SDL_Rect buttons[N_BTN];
    int glyph_h;
};

/* The right-hand column's rows, top to bottom, from y = top to bottom. */
static void layout_column(const struct ui *u, struct layout *l, int x, int w, int top, int bottom)
{
    int ch = bottom - top, m = ui_px(u, 20);
    int vgap = (int)(ch * 0.018);
    int y = top;
    int top_h = (int)fmax(ch * 0.10, ui_px(u, 40));
    int flag_w = w * 45 / 100;
    l->buttons[BTN_RED_FLAG] = (SDL_Rect){x + w - flag_w, y, flag_w, top_h};
    l->progress = (SDL_Rect){x, y, w - flag_w - ui_px(u, 16), top_h};
    y += top_h + vgap;
    l->title = (SDL_Rect){x, y, w, (int)(ch * 0.11)};
    y += l->title.h + vgap;
    /* The countdown's digits are at least a fifth of the window's height. */
    l->glyph_h = u->h / 5 + 2;
    l->digits = (SDL_Rect){x, y, w, (int)fmax(ch * 0.26, l->glyph_h + ui_px(u, 8))};
    y += l->digits.h + vgap;
    l->phase_bar = (SDL_Rect){x, y, w, (int)fmax(ch * 0.03, 4)};
    y += l->phase_bar.h + 2 * vgap;
    l->banner = (SDL_Rect){x - m, l->title.y - vgap, u->w - x + m,
                           l->phase_bar.y + l->phase_bar.h + vgap - (l->title.y - vgap)};
    int ol_h = (int)(ch * 0.065), ob_h = (int)fmax(ch * 0.02, 3);
    l->words = (SDL_Rect){x, y, w, bottom - ol_h - ob_h - vgap - y};
    l->overall = (SDL_Rect){x, bottom - ol_h - ob_h, w, ob_h};
    int label_w = w * 55 / 100;
    l->overall_label = (SDL_Rect){x, bottom - ol_h, label_w, ol_h};
    l->next = (SDL_Rect){x + label_w + m, bottom - ol_h, w - label_w - m, ol_h};
    l->dimmed = (SDL_Rect){x - m, l->title.y - vgap, u->w - x + m, bottom - l->title.y + vgap};
}

/* The default note's height, and the caution's smallest size: it is what
 * keeps the user safe, so it stays readable on the smallest window (800x600)
 * and takes the lines it needs rather than shrinking. */
static int plain_note_h(const struct ui *u) { return ui_px(u, 22); }
enum { CAUTION_MIN_PX = 15 };

static int caution_size(const struct ui *u)
{
    int px = ui_px(u, 18);
    return px > CAUTION_MIN_PX ? px : CAUTION_MIN_PX;
}

/* The diagram's width: a share of the window, or what its height allows. */
static int diagram_width(const struct ui *u, int ch, int note_h)
{
    return (int)fmin(u->w * 0.38, (ch - note_h) * 0.56);
}

static void layout(const struct screens *s, struct layout *l)
{
    const struct ui *u = s->ui;
    int m = ui_px(u, 20);
    int bh = ui_px(u, 54), gap = ui_px(u, 10);
    int by = u->h - m - bh;
    int bw = (u->w - 2 * m - (N_CONTROLS - 1) * gap) / N_CONTROLS;
    for (int i = 0; i < N_CONTROLS; i++)
        l->buttons[i] = (SDL_Rect){m + i * (bw + gap), by, bw, bh};
    int top = m, bottom = by - m;
    int ch = bottom - top;
    /* The width is the one for the plain note, so that a caution's lines
     * take height from the diagram only (prepare() measured them at it). */
    int dw = diagram_width(u, ch, plain_note_h(u));
    int note_h = s->layer.note_h > 0 ? s->layer.note_h : plain_note_h(u);
    l->diagram = (SDL_Rect){m, top, dw, ch - note_h};
    l->note = (SDL_Rect){m, top + ch - note_h, dw, note_h};
    int x = m + dw + 2 * m;
    layout_column(u, l, x, u->w - x - m, top, bottom);
}

static int min_int(int a, int b) { return a < b ? a : b; }

static const struct engine *engine_of(const struct screens *s)
{
    return session_engine(s->session);
}

/* ---- what the picture depends on ----------------------------------------- */

static uint64_t mix(uint64_t h, uint64_t v) { return (h ^ v) * 1099511628211ULL; }

static uint64_t fnv(const char *t)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *t; t++)
        h = mix(h, (unsigned char)*t);
    return h;
}

/* How the buttons look: the mute and full screen labels, the one hovered. */
static uint64_t mix_buttons(uint64_t h, const struct screens *s)
{
    h = mix(h, session_muted(s->session));
    h = mix(h, screens_fullscreen(s));
    return mix(h, ui_hovered(s->ui));
}

/* Everything the static layer shows. Never 0, which means "stale". */
static uint64_t static_key(const struct screens *s)
{
    uint64_t h = 1469598103934665603ULL;
    size_t done, skipped;
    progress_count(session_progress(s->session), &done, &skipped);
    h = mix(h, engine_step_index(engine_of(s)));
    h = mix(h, (uint64_t)engine_state(engine_of(s)));
    h = mix(h, (uint64_t)s->ui->w << 20 | (uint64_t)s->ui->h);
    h = mix(h, done << 16 | skipped);
    return mix_buttons(h, s) | 1; /* the buttons are in the layer */
}

/* What stays from one step to the next unless the window, the buttons or
 * the note change: where everything is, the buttons' labels and looks, the
 * pause's dimming. While it stays, a new step redraws only its text rows
 * (damage()). Never 0. */
_Static_assert(sizeof(struct layout) % sizeof(int) == 0, "a layout is hashed as ints");

static uint64_t frame_key(const struct screens *s, const struct layout *l)
{
    uint64_t h = 1469598103934665603ULL;
    int v[sizeof *l / sizeof(int)];
    memcpy(v, l, sizeof v);
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        h = mix(h, (uint64_t)(uint32_t)v[i]);
    h = mix(h, engine_state(engine_of(s)) == ENGINE_PAUSED);
    h = mix(h, s->layer.note_for);
    return mix_buttons(h, s) | 1;
}

/* The static layer and the per-second parts (digits, bars). */
static uint64_t picture_key(const struct screens *s, uint64_t now)
{
    return mix(static_key(s), engine_display_seconds(engine_of(s), now));
}

/* ---- update ------------------------------------------------------------------ */

static void key(struct screens *s, SDL_Keycode k)
{
    if (k == SDLK_ESCAPE)
        screens_ask_quit(s);
    else if (k == SDLK_SPACE)
        screens_act(s, session_toggle_pause);
    else if (k == SDLK_RIGHT)
        screens_act(s, session_skip);
    else if (k == SDLK_LEFT)
        screens_act(s, session_back);
    else if (k == SDLK_s)
        screens_red_flag(s);
}

static void click(struct screens *s, int x, int y)
{
    struct layout l;
    layout(s, &l);
    int hit = -1;
    for (int i = 0; i < N_BTN; i++)
        if (ui_hit(l.buttons[i], x, y))
            hit = i;
    switch (hit) {
    case BTN_PAUSE:
        screens_act(s, session_toggle_pause);
        break;
    case BTN_BACK:
        screens_act(s, session_back);
        break;
    case BTN_SKIP:
        screens_act(s, session_skip);
        break;
    case BTN_MUTE:
        screens_toggle_mute(s);
        break;
    case BTN_FULL:
        screens_toggle_fullscreen(s);
        break;
    case BTN_QUIT:
        screens_ask_quit(s);
        break;
    case BTN_RED_FLAG:
        screens_red_flag(s);
        break;
    default:
        break;
    }
}

static void update(struct screens *s, enum session_change ch, uint64_t now)
{
    if (ch & SESSION_CHANGED_DONE)
        screens_go(s, SCREEN_SUMMARY);
    else if (picture_key(s, now) != s->layer.drawn)
        s->dirty = true; /* a new countdown second */
}

/* ---- the static layer --------------------------------------------------------- */

/* The marks: done positions, the ball and where it goes next. In a change
 * of strip (or back to the start) the ball is where the last step left it
 * (`from`) and the ring where it goes; otherwise the ball is at the step's
 * position. With `also`, that step's position is counted done as well (what
 * the step after it will show once that position is done). */
static void marks_of(const struct screens *s, const struct timeline_step *st,
                     const struct timeline_step *from, const struct timeline_step *also,
                     struct diagram_marks *mk, struct diagram_dot *dots, size_t cap)
{
    const struct progress *p = session_progress(s->session);
    const struct routine *r = s->routine;
    size_t n = 0;
    for (size_t k = 0; k < r->n_strips; k++)
        for (unsigned pass = 0; pass < r->strips[k].passes; pass++)
            for (size_t i = 0; i < r->strips[k].n_positions; i++) {
                bool done = progress_status(p, st->side_index, k, pass, i) == POS_DONE ||
                            (also && also->side_index == st->side_index && also->strip == k &&
                             also->pass == pass && also->position == i);
                if (n < cap && done)
                    dots[n++] = (struct diagram_dot){r->strips[k].line, r->strips[k].positions_cm[i]};
            }
    const struct diagram_line *line = r->strips[st->strip].line;
    *mk = (struct diagram_marks){
        .side = st->side,
        .current = line,
        .done = dots,
        .n_done = n,
        .has_ball = true,
        .ball = {line, st->cm},
        .has_next = st->next_cm >= 0,
        .next = {line, st->next_cm},
    };
    if (from) {
        mk->ball = (struct diagram_dot){r->strips[from->strip].line, from->cm};
        mk->has_next = true;
        mk->next = (struct diagram_dot){line, st->cm};
    }
}

static void marks(const struct screens *s, struct diagram_marks *mk, struct diagram_dot *dots,
                  size_t cap)
{
    const struct timeline_step *from;
    marks_of(s, engine_step(engine_of(s)), session_ball_comes_from(s, &from) ? from : NULL, NULL,
             mk, dots, cap);
}

/* The diagram on a light plate so the anatomy reads as an illustration. */
static void draw_marked(const struct screens *s, struct ui *u, const struct layout *l,
                        const struct diagram_marks *mk)
{
    ui_fill(u, l->diagram, UI_PANEL);
    if (s->dview) {
        diagram_view_draw(s->dview, u->ren, l->diagram, mk,
                          fonts_get(u->fonts, ui_px(u, 15), true));
    } else {
        struct ui_text ns = {.size = ui_px(u, 18), .color = UI_MUTED, .align = UI_ALIGN_CENTER,
                             .valign = UI_VALIGN_MIDDLE};
        ui_text(u, l->diagram, _("(diagram unavailable)"), &ns);
    }
}

static void draw_picture(const struct screens *s, struct ui *u, const struct layout *l)
{
    struct diagram_dot dots[ROUTINE_MAX_POSITIONS * 2];
    struct diagram_marks mk;
    marks(s, &mk, dots, sizeof dots / sizeof dots[0]);
    draw_marked(s, u, l, &mk);
}

static void draw_note(const struct screens *s, struct ui *u, const struct layout *l)
{
    const char *caution = screens_caution_text(s); /* all through the session, if any */
    if (caution) {
        struct ui_text cs = {.size = caution_size(u), .min_size = CAUTION_MIN_PX, .bold = true,
                             .color = UI_CAUTION, .align = UI_ALIGN_CENTER,
                             .valign = UI_VALIGN_MIDDLE};
        ui_text(u, l->note, caution, &cs);
        return;
    }
    struct ui_text note = {.size = l->note.h * 7 / 10, .min_size = 6, .color = UI_MUTED,
                           .align = UI_ALIGN_CENTER, .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    ui_text(u, l->note, _("Not medical advice."), &note);
}

/* The note's height for the caution's lines at the diagram's width (plus a
 * little air), measured when the text or the window changes; at most half
 * the column, where ui_text() would shrink it and then cut it. */
static void measure_note(struct screens *s)
{
    struct ui *u = s->ui;
    const char *caution = screens_caution_text(s);
    uint64_t key = mix(mix(1469598103934665603ULL, (uint64_t)u->w << 20 | (uint64_t)u->h),
                       caution ? fnv(caution) : 0) | 1;
    if (s->layer.note_for == key)
        return;
    s->layer.note_for = key;
    int m = ui_px(u, 20), ch = u->h - 3 * m - ui_px(u, 54);
    int note_h = plain_note_h(u);
    if (caution) {
        int dw = diagram_width(u, ch, note_h);
        note_h = ui_text_height(u, caution, caution_size(u), true, dw) + ui_px(u, 10);
        if (note_h > ch / 2)
            note_h = ch / 2;
    }
    s->layer.note_h = note_h;
}

/* Where the session is, the step's title, where the ball is, the instruction:
 * on the background (a partial redraw clears their rows to it first), so
 * their lines are copied opaque. */
static void draw_texts(const struct screens *s, struct ui *u, const struct layout *l)
{
    bool lead = engine_state(engine_of(s)) == ENGINE_LEAD_IN;
    const struct timeline_step *st = engine_step(engine_of(s));
    char prog[256], title[256];
    session_progress_text(s, prog, sizeof prog);
    struct ui_text ps = {.size = min_int(l->progress.h * 4 / 10, ui_px(u, 28)),
                         .min_size = ui_px(u, 10), .color = UI_MUTED, .valign = UI_VALIGN_MIDDLE,
                         .max_lines = 2, .bg = UI_BG};
    ui_text(u, l->progress, prog, &ps);

    /* A move or a change of strip or leg looks unlike the phases at a position. */
    const char *name = session_title_text(s, title, sizeof title);
    bool moving = session_is_move(s) || st->kind != STEP_PHASE;
    struct ui_text ts = {.size = l->title.h * 8 / 10, .min_size = l->title.h / 3, .bold = true,
                         .color = lead ? UI_PAUSED : moving ? UI_ACCENT : UI_TEXT,
                         .valign = UI_VALIGN_MIDDLE, .max_lines = 1, .bg = UI_BG};
    ui_text(u, l->title, lead ? _("Get ready") : name, &ts);

    /* Where the ball is (or goes), then what to do: shrunk together to fit. */
    char *where = session_position_text(s);
    char *says = step_instruction(s->routine, st, STEP_SHOWN);
    char next[1200];
    const char *instruction = says;
    if (lead) {
        snprintf(next, sizeof next, _("Next: %s. %s"), step_title(s->routine, st), says);
        instruction = next;
    }
    struct ui_block b[2] = {
        {.text = where, .size = ui_px(u, 28), .bold = true, .color = UI_ACCENT, .bg = UI_BG},
        {.text = instruction, .size = ui_px(u, 30), .color = UI_TEXT, .gap_before = ui_px(u, 10),
         .bg = UI_BG},
    };
    ui_flow(u, l->words, b, 2);
    free(where);
    free(says);

    char then[512];
    if (!lead && session_next_text(s, then, sizeof then)) {
        /* Two lines rather than a tiny one: "Siguiente: Franja externa, desde
         * la rodilla" came to 8 px on one line at 800x600. */
        struct ui_text ns = {.size = min_int(l->next.h * 6 / 10, ui_px(u, 26)), .min_size = 6,
                             .color = UI_MUTED, .align = UI_ALIGN_RIGHT,
                             .valign = UI_VALIGN_MIDDLE, .max_lines = 2, .bg = UI_BG};
        ui_text(u, l->next, then, &ns);
    }
}

static void draw_buttons(const struct screens *s, struct ui *u, const struct layout *l)
{
    bool paused = engine_state(engine_of(s)) == ENGINE_PAUSED;
    bool muted = session_muted(s->session);
    const char *labels[N_BTN];
    labels[BTN_PAUSE] = paused ? _("Resume (Space)") : _("Pause (Space)");
    labels[BTN_BACK] = _("Back (\xe2\x86\x90)");
    labels[BTN_SKIP] = _("Skip (\xe2\x86\x92)");
    labels[BTN_MUTE] = muted ? _("Unmute (M)") : _("Mute (M)");
    labels[BTN_FULL] = screens_fullscreen(s) ? _("Window (F)") : _("Full screen (F)");
    labels[BTN_QUIT] = _("Quit (Esc)");
    labels[BTN_RED_FLAG] = _("Stop: pain, numbness or tingling (S)");
    for (int i = 0; i < N_BTN; i++) {
        struct ui_button b = {.r = l->buttons[i], .label = labels[i], .enabled = true,
                              .selected = (i == BTN_PAUSE && paused) || (i == BTN_MUTE && muted) ||
                                          i == BTN_RED_FLAG,
                              .accent = i == BTN_PAUSE      ? UI_PAUSED
                                        : i == BTN_RED_FLAG ? UI_STOP
                                                            : UI_ACCENT};
        ui_button_draw(u, &b);
    }
}

/* Everything but the countdown: the diagram from its texture (prepare()
 * keeps it), or drawn anew without target textures. */
static void copy_diagram(const struct screens *s, struct ui *u, const struct layout *l)
{
    SDL_RenderCopy(u->ren, s->layer.texture, NULL, &l->diagram);
}

static void draw_static(const struct screens *s, struct ui *u, const struct layout *l)
{
    ui_clear(u, UI_BG);
    if (s->layer.texture)
        copy_diagram(s, u, l);
    else
        draw_picture(s, u, l);
    draw_note(s, u, l);
    draw_texts(s, u, l);
    draw_buttons(s, u, l);
}

/* The line tests and benchmarks read: where the ball (and the ring of
 * where it goes) is drawn, in what. cm is the step's; ball_cm where the ball
 * is drawn (in a change of strip: where the last step left it). */
static void log_ball_line(const struct screens *s, const struct layout *l)
{
    const struct timeline_step *st = engine_step(engine_of(s));
    const struct routine_strip *strip = &s->routine->strips[st->strip];
    struct diagram_dot dots[ROUTINE_MAX_POSITIONS * 2];
    struct diagram_marks mk;
    marks(s, &mk, dots, sizeof dots / sizeof dots[0]);
    const struct diagram *d = s->routine->diagram;
    SDL_FPoint p = diagram_view_map(d, l->diagram, st->side, mk.ball.line, mk.ball.cm);
    char ring[64] = "none";
    if (mk.has_next) {
        SDL_FPoint q = diagram_view_map(d, l->diagram, st->side, mk.next.line, mk.next.cm);
        snprintf(ring, sizeof ring, "%.1f,%.1f", (double)q.x, (double)q.y);
    }
    log_info("session: step=%zu kind=%s side=%s strip=%s cm=%.2f ball_cm=%.2f ball_px=%.1f,%.1f "
             "ring_px=%s diagram_area=%d,%d,%d,%d digits_area=%d,%d,%d,%d glyph_h=%d",
             engine_step_index(engine_of(s)), step_kind_name(st->kind),
             routine_side_name(st->side), strip->id, st->cm, mk.ball.cm, (double)p.x, (double)p.y,
             ring, l->diagram.x, l->diagram.y, l->diagram.w, l->diagram.h, l->digits.x,
             l->digits.y, l->digits.w, l->digits.h, l->glyph_h);
}

/* The static layer in the window's own pixel format where that is one of 32
 * bits a pixel, so copying it is a plain copy of memory (no conversion per
 * pixel); the pixels are the same as in ARGB8888 (measured). */
static Uint32 layer_format(const struct screens *s)
{
    Uint32 f = SDL_GetWindowPixelFormat(s->win);
    return SDL_BYTESPERPIXEL(f) == 4 && SDL_BITSPERPIXEL(f) >= 24 ? f : SDL_PIXELFORMAT_ARGB8888;
}

/* A texture the diagram area's size (a quarter of the window, where a whole
 * window's layer took 3.6 MB at 1280x720); NULL without target textures
 * (then draw() draws the diagram every time). */
static void size_texture(struct screens *s, const struct layout *l)
{
    struct ui *u = s->ui;
    if (s->layer.texture) {
        int w, h;
        SDL_QueryTexture(s->layer.texture, NULL, NULL, &w, &h);
        if (w != l->diagram.w || h != l->diagram.h) {
            SDL_DestroyTexture(s->layer.texture);
            s->layer.texture = NULL;
        }
    }
    if (!s->layer.texture) {
        s->layer.texture = SDL_CreateTexture(u->ren, layer_format(s), SDL_TEXTUREACCESS_TARGET,
                                             l->diagram.w, l->diagram.h);
        if (s->layer.texture)
            SDL_SetTextureBlendMode(s->layer.texture, SDL_BLENDMODE_NONE); /* copied whole */
        s->layer.key = 0;
        s->layer.diagram_key = 0; /* a new texture holds no diagram */
    }
}

/* ---- the diagram, kept from one step to the next ---------------------------------
 * Drawing the diagram is most of a frame's cost (SDL's software triangles),
 * yet it changes only with the ball's position, the positions done, the
 * strip, the leg and the size, not with each step. While it stays the same,
 * the texture keeps it: the same pixels (everything the diagram draws lies
 * in its area, and nothing else draws there), without drawing them again. */

_Static_assert(sizeof(double) == sizeof(uint64_t), "a cm is hashed by its bits");

static uint64_t marked_key(const struct screens *s, const struct layout *l,
                           const struct diagram_marks *m)
{
    struct diagram_marks mk = *m;
    uint64_t h = mix(1469598103934665603ULL, (uint64_t)(uintptr_t)s->dview);
    h = mix(h, (uint64_t)(uint32_t)l->diagram.x << 32 | (uint32_t)l->diagram.y);
    h = mix(h, (uint64_t)(uint32_t)l->diagram.w << 32 | (uint32_t)l->diagram.h);
    h = mix(h, (uint64_t)ui_px(s->ui, 15)); /* the labels' size */
    h = mix(h, (uint64_t)mk.side);
    h = mix(h, (uint64_t)(uintptr_t)mk.current);
    const struct diagram_dot *pts[2] = {mk.has_ball ? &mk.ball : NULL,
                                        mk.has_next ? &mk.next : NULL};
    for (size_t i = 0; i < 2 + mk.n_done; i++) {
        const struct diagram_dot *d = i < 2 ? pts[i] : &mk.done[i - 2];
        uint64_t cm_bits = 0; /* the exact double: a sub-pixel move is a move */
        if (d)
            memcpy(&cm_bits, &d->cm, sizeof cm_bits);
        h = mix(mix(h, d ? (uint64_t)(uintptr_t)d->line : 1), cm_bits);
    }
    return h | 1;
}

/* `mk` on the diagram into the layer, at the texture's origin; `key` is
 * what it then shows. */
static void draw_layer(struct screens *s, const struct layout *l, const struct diagram_marks *mk,
                       uint64_t key)
{
    struct ui *u = s->ui;
    struct layout at_origin = *l;
    at_origin.diagram.x = at_origin.diagram.y = 0;
    SDL_SetRenderTarget(u->ren, s->layer.texture);
    draw_marked(s, u, &at_origin, mk);
    SDL_SetRenderTarget(u->ren, NULL);
    s->layer.diagram_key = key;
}

/* The diagram into its texture, drawn at the texture's origin, when it
 * would not come out the same as what the texture holds. */
static void build_layer(struct screens *s, const struct layout *l)
{
    struct diagram_dot dots[ROUTINE_MAX_POSITIONS * 2];
    struct diagram_marks mk;
    marks(s, &mk, dots, sizeof dots / sizeof dots[0]);
    uint64_t key = marked_key(s, l, &mk);
    s->layer.ahead = false; /* from here on it shows the current step's */
    if (s->layer.diagram_key == key)
        return;
    draw_layer(s, l, &mk, key);
    log_debug("session: step %zu's diagram drawn", engine_step_index(engine_of(s)));
}

enum {
    AHEAD_MS = 1500,   /* wall ms before a step's end: the last countdown frame's */
    AHEAD_MIN_MS = 60, /* not if the drawing would hold up the deadline's frame */
};

static void warm_label(struct screens *s, uint64_t now); /* below the time-left line */

/* The next step's diagram, drawn into the layer in the last second before
 * the step ends: drawing it at the deadline kept the new position's frame
 * 6.5 ms behind its sound on the gcc build (800x600) and 14-23 ms on the
 * sanitizer build (pulse-e2e, limit 20), since SDL's software renderer
 * draws the diagram's blended shapes slowly. The window keeps the frame
 * shown, and the countdown's partial frames until the deadline do not touch
 * the diagram, so nothing shows it early; a whole frame before then draws
 * the current step's again (build_layer, from prepare() or damage()). The
 * next step is drawn as it will be if the session runs on (the position
 * left counted done); if anything else happens by the deadline, its key
 * differs and the frame draws it then, as before. Only where the last frame
 * was a partial one (a renderer that keeps the window's frame). */
void session_screen_ahead(struct screens *s, uint64_t now)
{
    warm_label(s, now);
    const struct engine *e = engine_of(s);
    if (!s->dview || !s->session || !s->layer.texture || s->layer.ahead || s->damage.n < 0 ||
        engine_state(e) != ENGINE_RUNNING)
        return;
    const struct timeline *tl = engine_timeline(e);
    size_t idx = engine_step_index(e);
    double left_wall_ms = engine_phase_remaining_ms(e, now) / screens_speed(s);
    if (idx + 1 >= tl->n_steps || left_wall_ms > AHEAD_MS || left_wall_ms < AHEAD_MIN_MS)
        return;
    const struct timeline_step *cur = &tl->steps[idx], *next = &tl->steps[idx + 1];
    bool moves_on = cur->side_index != next->side_index || cur->strip != next->strip ||
                    cur->pass != next->pass || cur->position != next->position;
    const struct timeline_step *from;
    struct diagram_dot dots[ROUTINE_MAX_POSITIONS * 2];
    struct diagram_marks mk;
    marks_of(s, next, session_ball_comes_from_at(s, idx + 1, &from) ? from : NULL,
             moves_on ? cur : NULL, &mk, dots, sizeof dots / sizeof dots[0]);
    struct layout l;
    layout(s, &l);
    uint64_t key = marked_key(s, &l, &mk);
    if (key == s->layer.diagram_key)
        return; /* the next step shows the same diagram */
    draw_layer(s, &l, &mk, key);
    s->layer.ahead = true;
    log_debug("session: step %zu's diagram drawn ahead, %.0f ms before its deadline", idx + 1,
              left_wall_ms);
}

/* The picture of the session's first frame, drawn while a screen before it
 * waits for an answer: rasterizing the diagram at the session's size and
 * drawing its marks took 10.9 ms of that frame's 12.4 ms prepare (800x600,
 * measured; 19 ms of 26 under the sanitizers), which otherwise came between
 * the start key and the lead-in's frame while the lead-in's sound was
 * already on its way (pulse-e2e saw the screen 15-50 ms behind it). The
 * first frame then finds the layer's diagram as it would draw it and keeps
 * it (build_layer); if anything differs by then, it draws it as before.
 * The countdown's glyphs are drawn here too, in both their colours (14
 * textures; resident memory with speech 28.8 MB, 28.2 before): drawn as
 * they were first shown, they took 1-4 ms of the session's first seconds
 * (perf, 20 kHz). Idempotent: once drawn, a call costs the layout and the
 * key. */
void session_screen_warm(struct screens *s)
{
    if (!s->dview || !s->session)
        return;
    measure_note(s);
    struct layout l;
    layout(s, &l);
    size_texture(s, &l);
    if (s->layer.texture)
        build_layer(s, &l);
    /* the count-in's digits ("3", "2", "1") and every one of the countdown's */
    char lead[12] = "0123456789:";
    unsigned n = engine_lead_in_seconds(engine_of(s));
    if (n <= 9) {
        for (unsigned k = 0; k < n; k++)
            lead[k] = (char)('1' + k);
        lead[n] = '\0';
    }
    ui_digits_warm(s->ui, l.digits, l.glyph_h, lead, UI_PAUSED, UI_BG);
    ui_digits_warm(s->ui, l.digits, l.glyph_h, "0123456789:", UI_TEXT, UI_BG);
}

static void prepare(struct screens *s, uint64_t now)
{
    measure_note(s);
    struct layout l;
    layout(s, &l);
    s->layer.drawn = picture_key(s, now);
    size_texture(s, &l);
    uint64_t key = static_key(s);
    bool rebuild = !s->layer.texture || s->layer.key != key;
    if (rebuild && s->layer.log_ball) {
        log_ball_line(s, &l);
        s->layer.log_ball = false;
    }
    if (s->layer.texture && s->layer.key != key) {
        build_layer(s, &l);
        s->layer.key = key;
    }
}

/* ---- draw -------------------------------------------------------------------- */

/* The countdown as shown: "8", "1:05". */
static void digits_text(const struct screens *s, uint64_t now, char *buf, size_t size)
{
    unsigned secs = engine_display_seconds(engine_of(s), now);
    if (secs >= 60)
        snprintf(buf, size, "%u:%02u", secs / 60, secs % 60);
    else
        snprintf(buf, size, "%u", secs);
}

/* The session's time left as of the countdown's last change, so that the
 * overall bar and its label move with the digits: every draw within one
 * shown second is the same picture (a partial redraw and a whole one too). */
static uint64_t remaining_as_shown(const struct engine *e, uint64_t now, unsigned secs,
                                   double speed)
{
    uint64_t rem = engine_remaining_ms(e, now);
    if (engine_state(e) != ENGINE_RUNNING && engine_state(e) != ENGINE_PAUSED)
        return rem; /* a lead-in holds the session's time still */
    uint64_t phase = engine_phase_remaining_ms(e, now);
    uint64_t shown = timeline_scale(speed, (uint64_t)secs * 1000);
    if (shown > engine_step(e)->duration_ms)
        shown = engine_step(e)->duration_ms;
    uint64_t total = engine_timeline(e)->total_ms;
    rem += shown > phase ? shown - phase : 0;
    return rem < total ? rem : total;
}

/* How far the phase bar (in whole displayed seconds, so it moves with the
 * digits) and the overall bar are filled, and the session's time left as shown. */
struct bars {
    double phase, overall;
    uint64_t rem;
};

static struct bars bars_at(const struct screens *s, uint64_t now)
{
    const struct engine *e = engine_of(s);
    unsigned secs = engine_display_seconds(e, now);
    double speed = screens_speed(s);
    struct bars b = {0};
    if (engine_state(e) != ENGINE_LEAD_IN) {
        double total_s = ceil(engine_step(e)->duration_ms * speed / 1000.0 - 1e-9);
        b.phase = total_s > 0 ? (total_s - secs) / total_s : 1;
    }
    const struct timeline *tl = engine_timeline(e);
    b.rem = remaining_as_shown(e, now, secs, speed);
    b.overall = tl->total_ms ? 1.0 - (double)b.rem / (double)tl->total_ms : 1;
    return b;
}

/* "12:40 left · 4 % done", under the overall bar, and how it is drawn. */
static void time_left(const struct screens *s, const struct ui *u, const struct layout *l,
                      const struct bars *b, char *label, size_t size, struct ui_text *style)
{
    char left[32];
    uint64_t rem_real = (uint64_t)ceil((double)b->rem * screens_speed(s) / 1000.0) * 1000;
    format_mss(rem_real, left, sizeof left);
    /* TRANSLATORS: time left (m:ss) and the share of the session done. */
    snprintf(label, size, _("%s left · %d %% done"), left, (int)floor(b->overall * 100));
    *style = (struct ui_text){.size = min_int(l->overall_label.h * 6 / 10, ui_px(u, 26)),
                              .min_size = 6, .color = UI_MUTED, .valign = UI_VALIGN_MIDDLE,
                              .max_lines = 1};
}

/* Once the session's first frame is up (and again after a change of size
 * or a render reset): the time-left line's ten digits, at the size it is
 * drawn at, so that no countdown second renders one. */
static void warm_label(struct screens *s, uint64_t now)
{
    if (s->layer.label_warm || !s->session)
        return;
    struct layout l;
    layout(s, &l);
    struct bars b = bars_at(s, now);
    char label[128];
    struct ui_text ls;
    time_left(s, s->ui, &l, &b, label, sizeof label, &ls);
    ui_text_ticking_warm(s->ui, l.overall_label, label, &ls);
    s->layer.label_warm = true;
}

/* The countdown, the bars and the time left; of the bars, on a partial
 * frame, only what lies in its n damaged rects (n < 0: a whole frame). */
static void draw_dynamic(const struct screens *s, struct ui *u, const struct layout *l,
                         uint64_t now, const SDL_Rect *damaged, int n)
{
    const struct engine *e = engine_of(s);
    bool lead = engine_state(e) == ENGINE_LEAD_IN;
    char digits[16];
    digits_text(s, now, digits, sizeof digits);
    ui_digits(u, l->digits, digits, l->glyph_h, lead ? UI_PAUSED : UI_TEXT, UI_BG);

    struct bars b = bars_at(s, now);
    for (int i = 0; i < (n < 0 ? 1 : n); i++) {
        ui_bar_within(u, l->phase_bar, b.phase, UI_ACCENT, UI_PANEL_HI,
                      n < 0 ? l->phase_bar : damaged[i]);
        ui_bar_within(u, l->overall, b.overall, UI_GOOD, UI_PANEL_HI,
                      n < 0 ? l->overall : damaged[i]);
    }
    char label[128];
    struct ui_text ls;
    time_left(s, u, l, &b, label, sizeof label, &ls);
    if (n < 0) {
        ui_text_ticking(u, l->overall_label, label, &ls);
        return;
    }
    /* a partial frame restored only the runs that changed: drawn there alone,
     * since a blended run copied over itself would darken its edges */
    const SDL_Rect *part = &s->layer.label_part;
    if (part->w <= 0 || part->h <= 0)
        return;
    SDL_RenderSetClipRect(u->ren, part);
    ui_text_ticking(u, l->overall_label, label, &ls);
    SDL_RenderSetClipRect(u->ren, NULL);
}

/* Beside the diagram, never over it: the ball stays in sight while paused. */
static void draw_paused(struct ui *u, const struct layout *l)
{
    ui_fill_alpha(u, l->dimmed, UI_DARK, UI_DIM_ALPHA);
    SDL_Rect banner = l->banner;
    int bh = banner.h;
    ui_fill(u, banner, UI_PAUSED);
    SDL_Rect big = {banner.x + ui_px(u, 20), banner.y + bh / 12, banner.w - ui_px(u, 40),
                    bh * 62 / 100};
    struct ui_text ts = {.size = big.h, .min_size = 8, .bold = true, .color = UI_DARK,
                         .align = UI_ALIGN_CENTER, .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    ui_text(u, big, _("PAUSED"), &ts);
    SDL_Rect small = {big.x, big.y + big.h, big.w, banner.y + bh - (big.y + big.h) - bh / 16};
    struct ui_text ss = {.size = small.h * 7 / 10, .min_size = 6, .color = UI_DARK,
                         .align = UI_ALIGN_CENTER, .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    ui_text(u, small, _("Press Space or click Resume to go on"), &ss);
}

static void draw(const struct screens *s, struct ui *u, uint64_t now)
{
    struct layout l;
    layout(s, &l);
    if (s->damage.n >= 0) {
        /* A partial redraw (damage()): only the background under the damaged
         * rects goes (what the frame before drew there); nothing static lies
         * there but a new step's text rows, drawn again here, and its
         * diagram, copied whole; the window keeps the rest. Not under the
         * new digits, whose opaque copies cover it. */
        char digits[16];
        digits_text(s, now, digits, sizeof digits);
        for (int i = 0; i < s->damage.n; i++) {
            const SDL_Rect *r = &s->damage.rects[i];
            if (s->layer.texts && SDL_HasIntersection(r, &l.diagram))
                copy_diagram(s, u, &l);
            else if (!SDL_HasIntersection(r, &l.phase_bar) &&
                     !SDL_HasIntersection(r, &l.overall)) /* the bars paint theirs */
                ui_digits_clear(u, *r, l.digits, digits, l.glyph_h, UI_BG);
        }
        if (s->layer.texts)
            draw_texts(s, u, &l);
    } else {
        draw_static(s, u, &l);
    }
    draw_dynamic(s, u, &l, now, s->damage.rects, s->damage.n);
    if (engine_state(engine_of(s)) == ENGINE_PAUSED)
        draw_paused(u, &l);
}

/* ---- what a frame changes ------------------------------------------------------ */

/* Of a bar filled to `now` pixels that was filled to `was`, the columns
 * that changed (an empty rect when none did; all of it when unknown). */
static void changed_strip(SDL_Rect *bar, int was, int now)
{
    if (was < 0)
        return;
    int lo = was < now ? was : now, hi = was < now ? now : was;
    bar->x += lo;
    bar->w = hi - lo;
}

/* A partial redraw, on a frame whose static layer is the one shown before
 * (a new countdown second), changes only what draw_dynamic() paints: the
 * digits (where the new ones go and where the old ones were), the phase
 * bar, the overall bar and its label. A new step in the same frame
 * (frame_key()) adds its text rows, and its diagram where that differs
 * from the one shown: a phase's frame was the window cleared and every
 * part drawn again, 1.6-1.9 ms of the main thread's CPU at 1280x720, six
 * times the cost of a countdown second. Paused, the dimming covers it all. */
enum { TEXT_ROWS = 4, DYNAMIC_PARTS = 4 };

static int damage(struct screens *s, uint64_t now, bool whole, SDL_Rect *rects, int cap)
{
    struct layout l;
    layout(s, &l);
    char digits[16];
    digits_text(s, now, digits, sizeof digits);
    SDL_Rect glyphs = ui_digits_extent(s->ui, l.digits, digits, l.glyph_h);
    SDL_Rect before = s->layer.glyphs;
    uint64_t fk = frame_key(s, &l);
    bool kept = !whole && cap >= TEXT_ROWS + 1 + DYNAMIC_PARTS && s->layer.texture &&
                s->layer.shown && s->layer.frame_shown == fk &&
                engine_state(engine_of(s)) != ENGINE_PAUSED;
    bool partial = kept && s->layer.key == s->layer.shown;
    s->layer.texts = kept && !partial;
    s->layer.shown = s->layer.key;
    s->layer.frame_shown = fk;
    s->layer.glyphs = glyphs;
    struct bars b = bars_at(s, now);
    int was[2] = {s->layer.bar_fill[0], s->layer.bar_fill[1]};
    int fill[2] = {ui_bar_fill(l.phase_bar, b.phase), ui_bar_fill(l.overall, b.overall)};
    s->layer.bar_fill[0] = fill[0];
    s->layer.bar_fill[1] = fill[1];
    char label[128];
    struct ui_text ls;
    time_left(s, s->ui, &l, &b, label, sizeof label, &ls);
    /* the time left: the runs that changed (a second's digit), not its row */
    s->layer.label_part = ui_text_ticking_change(s->ui, l.overall_label, s->layer.label, label, &ls);
    snprintf(s->layer.label, sizeof s->layer.label, "%s", label);
    if (!partial && !s->layer.texts) {
        if (s->layer.ahead) /* a whole frame before the deadline: the current diagram */
            build_layer(s, &l);
        s->layer.diagram_shown = s->layer.diagram_key;
        return -1;
    }
    SDL_Rect window = {0, 0, s->ui->w, s->ui->h};
    int n = 0;
    if (s->layer.texts) {
        SDL_Rect rows[TEXT_ROWS] = {l.progress, l.title, l.words, l.next};
        for (int i = 0; i < TEXT_ROWS; i++)
            if (SDL_IntersectRect(&rows[i], &window, &rects[n]))
                n++;
        bool diagram = s->layer.diagram_key != s->layer.diagram_shown;
        if (diagram && SDL_IntersectRect(&l.diagram, &window, &rects[n]))
            n++;
        s->layer.diagram_shown = s->layer.diagram_key;
        log_debug("session: step %zu's frame redraws its text rows%s",
                  engine_step_index(engine_of(s)), diagram ? " and the diagram" : "");
    }
    SDL_Rect parts[DYNAMIC_PARTS] = {glyphs, l.phase_bar, l.overall, s->layer.label_part};
    if (before.w > 0 && before.h > 0)
        SDL_UnionRect(&parts[0], &before, &parts[0]);
    changed_strip(&parts[1], was[0], fill[0]);
    changed_strip(&parts[2], was[1], fill[1]);
    for (int i = 0; i < DYNAMIC_PARTS; i++)
        if (parts[i].w > 0 && SDL_IntersectRect(&parts[i], &window, &rects[n]))
            n++;
    return n;
}

const struct screen_ops session_screen = {
    .key = key, .click = click, .update = update, .prepare = prepare, .draw = draw,
    .damage = damage,
};
