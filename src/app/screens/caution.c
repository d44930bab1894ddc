/* caution.c - after a Yes to a local item of the checklist: the areas to keep
 * the ball away from, confirmed (C) before the overview, or back (B). */
#include "app/screens/screens_private.h"

#include "util/i18n.h"

static void body(const struct screens *s, struct ui *u, SDL_Rect box)
{
    struct ui_block b[MAX_BLOCKS];
    size_t n = 0;
    /* worded for the routine's body area (the checklist's model) */
    b[n++] = (struct ui_block){.text = checklist_caution_intro(&s->checklist),
                               .size = ui_px(u, 26), .color = UI_TEXT};
    for (size_t i = 0; i < s->checklist.n_items && n < MAX_BLOCKS - 2; i++) {
        const struct checklist_item *it = &s->checklist.items[i];
        if (it->scope == CHECK_SCOPE_LOCAL && it->answer == CHECKLIST_YES)
            b[n++] = (struct ui_block){.text = checklist_area(it), .size = ui_px(u, 30),
                                       .bold = true, .color = UI_CAUTION,
                                       .gap_before = ui_px(u, 10), .bullet = "\xe2\x80\xa2"};
    }
    b[n++] = (struct ui_block){
        .text = _("Place the ball on healthy tissue only. When a position would touch these "
                  "areas, skip it: Right skips one phase, so press it until the next position "
                  "comes up. If you are unsure, ask a qualified professional first."),
        .size = ui_px(u, 24), .color = UI_MUTED, .gap_before = ui_px(u, 24)};
    ui_flow(u, box, b, n);
}

static void back(struct screens *s) { screens_go(s, SCREEN_CHECKLIST); }
/* The areas were noted when the checklist led here (screens_note_caution):
 * the overview and the session screen name them. */
static void agree(struct screens *s) { screens_go(s, SCREEN_OVERVIEW); }

static const struct dialog caution = {
    .title = N_("Keep the ball away from these areas"),
    .title_color = &UI_CAUTION,
    .button_w = 400,
    .n_buttons = 2,
    .buttons = {
        {N_("Back to the checklist (B)"), &UI_MUTED, false, {SDLK_b, SDLK_BACKSPACE}, back},
        {N_("I will keep the ball away (C)"), &UI_CAUTION, true, {SDLK_c}, agree},
    },
    .body = body,
};

static void key(struct screens *s, SDL_Keycode k)
{
    if (k == SDLK_ESCAPE)
        screens_ask_quit(s);
    else
        dialog_key(s, &caution, k);
}

static void click(struct screens *s, int x, int y) { dialog_click(s, &caution, x, y); }

static void draw(const struct screens *s, struct ui *u, uint64_t now)
{
    (void)now;
    dialog_draw(s, u, &caution);
}

const struct screen_ops caution_screen = {.key = key, .click = click, .draw = draw};
