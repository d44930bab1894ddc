/* redflag.c - after the red-flag stop (S or "Stop: pain, numbness or
 * tingling" during the session): the session has ended and is recorded as
 * ended by "red-flag"; this says what to do now. The only way on is Quit:
 * pain, numbness or tingling are a reason to stop for today, not to go on. */
#include "app/screens/screens_private.h"

#include "util/i18n.h"
#include "util/log.h"

void screens_red_flag(struct screens *s)
{
    /* Ends at once: the engine stops, cues not yet played are dropped and the
     * voice fades (audio_clear), the history is written. */
    session_end(s->session, "red-flag");
    log_info("session: stopped by the red-flag stop");
    screens_go(s, SCREEN_REDFLAG);
}

static void body(const struct screens *s, struct ui *u, SDL_Rect box)
{
    (void)s;
    struct ui_block b[6];
    size_t n = 0;
    int size = ui_px(u, 25), gap = ui_px(u, 14);
    b[n++] = (struct ui_block){
        .text = _("The session has stopped. Lift the leg off the ball and let it rest."),
        .size = ui_px(u, 28), .bold = true, .color = UI_TEXT};
    b[n++] = (struct ui_block){
        .text = _("Stop for today: do not use the ball on this leg again today."),
        .size = size, .color = UI_TEXT, .gap_before = gap, .bullet = "\xe2\x80\xa2"};
    b[n++] = (struct ui_block){
        .text = _("Numbness or tingling down the leg, or pain that stays: see a clinician, such "
                  "as your doctor or a physiotherapist."),
        .size = size, .bold = true, .color = UI_STOP, .gap_before = gap,
        .bullet = "\xe2\x80\xa2"};
    b[n++] = (struct ui_block){
        .text = _("Pain, numbness or tingling are not a reason to press harder or to try again."),
        .size = size, .color = UI_TEXT, .gap_before = gap, .bullet = "\xe2\x80\xa2"};
    b[n++] = (struct ui_block){
        .text = _("Your history records this session as stopped for pain, numbness or tingling."),
        .size = ui_px(u, 22), .color = UI_MUTED, .gap_before = ui_px(u, 22)};
    b[n++] = (struct ui_block){
        .text = _("This is not medical advice. If in doubt, ask a qualified professional."),
        .size = ui_px(u, 22), .color = UI_MUTED, .gap_before = ui_px(u, 6)};
    ui_flow(u, box, b, n);
}

static void quit(struct screens *s) { screens_quit(s, "red-flag"); }

static const struct dialog redflag = {
    .title = N_("Stopped: pain, numbness or tingling"),
    .title_color = &UI_STOP,
    .button_w = 300,
    .n_buttons = 1,
    .buttons = {
        {N_("Quit (Q)"), &UI_STOP, true, {SDLK_q, SDLK_ESCAPE, SDLK_RETURN, SDLK_KP_ENTER}, quit},
    },
    .body = body,
};

static void key(struct screens *s, SDL_Keycode k) { dialog_key(s, &redflag, k); }
static void click(struct screens *s, int x, int y) { dialog_click(s, &redflag, x, y); }

static void draw(const struct screens *s, struct ui *u, uint64_t now)
{
    (void)now;
    dialog_draw(s, u, &redflag);
}

const struct screen_ops redflag_screen = {.key = key, .click = click, .draw = draw};
