/* confirm.c - quit-confirm: Escape on any screen before the summary, and
 * the window's close button during a session, ask first. Going on is the
 * default, as Return and Escape mean "go on" everywhere else: quitting takes
 * Y or the Quit button. A running session is paused while it asks and goes
 * on (after a lead-in) when the answer is to go on. */
#include "app/screens/screens_private.h"

#include <stdio.h>

#include "util/i18n.h"

static void body(const struct screens *s, struct ui *u, SDL_Rect box)
{
    struct ui_block b[2];
    size_t n = 0;
    char done_text[200];
    if (session_started(s->session)) {
        size_t done, skipped;
        progress_count(session_progress(s->session), &done, &skipped);
        snprintf(done_text, sizeof done_text, _("%zu of %zu ball positions done so far."), done,
                 routine_total_positions(s->routine));
        b[n++] = (struct ui_block){.text = done_text, .size = ui_px(u, 28), .color = UI_TEXT};
        b[n++] = (struct ui_block){.text = _("The session is paused. What you did is saved in "
                                             "your history when you quit."),
                                   .size = ui_px(u, 24), .color = UI_MUTED,
                                   .gap_before = ui_px(u, 12)};
    } else {
        b[n++] = (struct ui_block){.text = _("The session has not started yet."),
                                   .size = ui_px(u, 28), .color = UI_TEXT};
    }
    ui_flow(u, box, b, n);
}

static void keep_going(struct screens *s)
{
    screens_go(s, s->confirm.back_to);
    if (s->confirm.paused && engine_state(session_engine(s->session)) == ENGINE_PAUSED)
        screens_act(s, session_resume);
    s->confirm.paused = false;
}

static void quit(struct screens *s) { screens_quit(s, "quit"); }

static const struct dialog confirm = {
    .title = N_("Quit the session?"),
    .title_color = &UI_TEXT,
    .button_w = 320,
    .n_buttons = 2,
    .buttons = {
        {N_("Go on (Return or Esc)"), &UI_GOOD, true,
         {SDLK_RETURN, SDLK_KP_ENTER, SDLK_ESCAPE, SDLK_n}, keep_going},
        {N_("Quit (Y)"), &UI_STOP, false, {SDLK_y}, quit},
    },
    .body = body,
};

static void enter(struct screens *s, enum screen_id from)
{
    s->confirm.back_to = from;
    s->confirm.paused = false;
    if (from == SCREEN_SESSION && session_running(s->session)) {
        screens_act(s, session_pause);
        s->confirm.paused = true;
    }
}

static void key(struct screens *s, SDL_Keycode k) { dialog_key(s, &confirm, k); }
static void click(struct screens *s, int x, int y) { dialog_click(s, &confirm, x, y); }

static void update(struct screens *s, enum session_change ch, uint64_t now)
{
    (void)now;
    if (ch & SESSION_CHANGED_DONE)
        screens_go(s, SCREEN_SUMMARY);
}

static void draw(const struct screens *s, struct ui *u, uint64_t now)
{
    (void)now;
    struct dialog d = confirm;
    if (!session_started(s->session))
        d.title = N_("Quit smr-timer?");
    dialog_draw(s, u, &d);
}

const struct screen_ops confirm_screen = {
    .enter = enter, .key = key, .click = click, .update = update, .draw = draw,
};
