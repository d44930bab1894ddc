/* dialog.c - the screens that are a title, a body and a row of buttons
 * along the bottom (caution, stop, quit-confirm, summary) are drawn, clicked
 * and keyed here, from a const description each; the screen gives the body. */
#include "app/screens/screens_private.h"

#include "util/i18n.h"

static SDL_Rect button_rect(const struct ui *u, const struct dialog *d, int i)
{
    return screens_bottom_button(u, false, i, d->n_buttons, d->button_w);
}

void dialog_draw(const struct screens *s, struct ui *u, const struct dialog *d)
{
    ui_clear(u, UI_BG);
    SDL_Rect t = screens_title_rect(u);
    screens_draw_title(u, t, _(d->title), *d->title_color);
    d->body(s, u, screens_body_rect(u, t, button_rect(u, d, 0)));
    for (int i = 0; i < d->n_buttons; i++) {
        const struct dialog_button *b = &d->buttons[i];
        struct ui_button ub = {.r = button_rect(u, d, i), .label = _(b->label), .enabled = true,
                               .focused = b->chosen, .selected = b->chosen, .accent = *b->accent};
        ui_button_draw(u, &ub);
    }
    screens_draw_disclaimer(u, false);
}

bool dialog_key(struct screens *s, const struct dialog *d, SDL_Keycode k)
{
    for (int i = 0; i < d->n_buttons; i++)
        for (size_t j = 0; j < DIALOG_KEYS && d->buttons[i].keys[j]; j++)
            if (d->buttons[i].keys[j] == k) {
                d->buttons[i].press(s);
                return true;
            }
    return false;
}

void dialog_click(struct screens *s, const struct dialog *d, int x, int y)
{
    for (int i = 0; i < d->n_buttons; i++)
        if (ui_hit(button_rect(s->ui, d, i), x, y)) {
            d->buttons[i].press(s);
            return;
        }
}
