/* stop.c - after a Yes to a global item of the checklist: the session must
 * not start today. Quit is the default; "Back to the checklist" is there for
 * a Yes given by mistake, with the answers kept and the first such Yes
 * highlighted. */
#include "app/screens/screens_private.h"

#include "util/i18n.h"

static void body(const struct screens *s, struct ui *u, SDL_Rect box)
{
    struct ui_block b[MAX_BLOCKS];
    size_t n = 0;
    b[n++] = (struct ui_block){.text = _("You answered Yes to:"), .size = ui_px(u, 26),
                               .color = UI_TEXT};
    for (size_t i = 0; i < s->checklist.n_items && n < MAX_BLOCKS - 4; i++) {
        const struct checklist_item *it = &s->checklist.items[i];
        if (it->scope == CHECK_SCOPE_GLOBAL && it->answer == CHECKLIST_YES)
            b[n++] = (struct ui_block){.text = checklist_question(it), .size = ui_px(u, 26),
                                       .bold = true, .color = UI_STOP,
                                       .gap_before = ui_px(u, 8), .bullet = "\xe2\x80\xa2"};
    }
    b[n++] = (struct ui_block){
        .text = _("With this, pressing on the muscles of the leg can do harm: it is a reason not "
                  "to use the ball at all, not only to be careful."),
        .size = ui_px(u, 24), .color = UI_TEXT, .gap_before = ui_px(u, 22)};
    b[n++] = (struct ui_block){
        .text = _("What to do instead: see a qualified professional, such as your doctor or a "
                  "physiotherapist, and ask whether self-massage is right for you."),
        .size = ui_px(u, 24), .bold = true, .color = UI_TEXT, .gap_before = ui_px(u, 16)};
    b[n++] = (struct ui_block){
        .text = _("A Yes given by mistake? Go back to the checklist (B) and answer it again."),
        .size = ui_px(u, 22), .color = UI_MUTED, .gap_before = ui_px(u, 22)};
    ui_flow(u, box, b, n);
}

static void quit(struct screens *s) { screens_quit(s, "quit"); }

static void back(struct screens *s)
{
    size_t first_yes = 0;
    for (size_t i = s->checklist.n_items; i-- > 0;) {
        const struct checklist_item *it = &s->checklist.items[i];
        if (it->scope == CHECK_SCOPE_GLOBAL && it->answer == CHECKLIST_YES)
            first_yes = i;
    }
    s->list.focus = first_yes; /* the checklist scrolls it into view */
    screens_go(s, SCREEN_CHECKLIST);
}

static const struct dialog stop = {
    .title = N_("Please do not do this session today"),
    .title_color = &UI_STOP,
    .button_w = 360,
    .n_buttons = 2,
    .buttons = {
        {N_("Back to the checklist (B)"), &UI_MUTED, false, {SDLK_b, SDLK_BACKSPACE}, back},
        {N_("Quit (Q)"), &UI_STOP, true, {SDLK_q, SDLK_ESCAPE, SDLK_RETURN, SDLK_KP_ENTER}, quit},
    },
    .body = body,
};

static void key(struct screens *s, SDL_Keycode k) { dialog_key(s, &stop, k); }
static void click(struct screens *s, int x, int y) { dialog_click(s, &stop, x, y); }

static void draw(const struct screens *s, struct ui *u, uint64_t now)
{
    (void)now;
    dialog_draw(s, u, &stop);
}

const struct screen_ops stop_screen = {.key = key, .click = click, .draw = draw};
