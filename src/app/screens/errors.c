/* errors.c - the window a routine that fails `check` opens: the file, then
 * each problem with its place, what is wrong and what would be right (the
 * same diagnostics main printed on stderr), and one Quit button. It is the
 * only screen of that window (screens_create without a session), so that
 * someone who opened the routine from a file manager, with no terminal to
 * read, still learns why nothing else happens. A file chosen in the library
 * or dropped on the window shows here too, with the way back to the
 * library beside Quit. */
#include "app/screens/screens_private.h"

#include <stdio.h>

#include "util/diag.h"
#include "util/i18n.h"

/* What the window lists before it says how many more there are. */
enum { MAX_SHOWN = 8 };

/* "cycle[2].duration_s: a hold of 0 s is outside 5-30 s" */
static void problem_text(const struct diag *d, char *buf, size_t size)
{
    const char *place = d->path && *d->path ? d->path : _("the whole file");
    if (d->severity == DIAG_WARNING)
        /* TRANSLATORS: the place in the file (a JSON path), then what is wrong. */
        snprintf(buf, size, _("%s: warning: %s"), place, d->message);
    else
        snprintf(buf, size, "%s: %s", place, d->message);
}

/* Errors first: they are why the routine is refused. */
static size_t ordered(const struct diag_list *l, const struct diag **out, size_t cap)
{
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; l && i < l->n && n < cap; i++)
            if ((l->items[i].severity == DIAG_ERROR) == (pass == 0))
                out[n++] = &l->items[i];
    return n;
}

static void body(const struct screens *s, struct ui *u, SDL_Rect box)
{
    struct ui_block b[2 * MAX_SHOWN + 4];
    char texts[MAX_SHOWN + 1][700];
    const struct diag *shown[MAX_SHOWN];
    size_t n = 0, k = ordered(s->diags, shown, MAX_SHOWN);
    size_t total = s->diags ? s->diags->n : 0;
    b[n++] = (struct ui_block){.text = s->errors_file ? s->errors_file : "", .size = ui_px(u, 22),
                               .bold = true, .color = UI_TEXT};
    for (size_t i = 0; i < k; i++) {
        problem_text(shown[i], texts[i], sizeof texts[i]);
        b[n++] = (struct ui_block){
            .text = texts[i], .size = ui_px(u, 21), .gap_before = ui_px(u, 14),
            .color = shown[i]->severity == DIAG_ERROR ? UI_STOP : UI_CAUTION,
            .bullet = "\xe2\x80\xa2"};
        if (shown[i]->hint)
            /* The same size as the problem, so that the two line up. */
            b[n++] = (struct ui_block){.text = shown[i]->hint, .size = ui_px(u, 21),
                                       .color = UI_TEXT, .gap_before = ui_px(u, 4),
                                       .bullet = "\xe2\x86\x92"};
    }
    if (total > k) {
        snprintf(texts[MAX_SHOWN], sizeof texts[MAX_SHOWN],
                 _("and %zu more: smr-timer check FILE lists them all"), total - k);
        b[n++] = (struct ui_block){.text = texts[MAX_SHOWN], .size = ui_px(u, 20),
                                   .color = UI_MUTED, .gap_before = ui_px(u, 14)};
    }
    b[n++] = (struct ui_block){.text = _("Correct the file and open it again. In a terminal, "
                                         "smr-timer check FILE shows the same list."),
                               .size = ui_px(u, 20), .color = UI_MUTED,
                               .gap_before = ui_px(u, 24)};
    ui_flow(u, box, b, n);
}

static void quit(struct screens *s) { screens_quit(s, "quit"); }

static const struct dialog errors = {
    .title = N_("This routine cannot be used"),
    .title_color = &UI_STOP,
    .button_w = 300,
    .n_buttons = 1,
    .buttons = {
        {N_("Quit (Q)"), &UI_STOP, true, {SDLK_q, SDLK_ESCAPE, SDLK_RETURN, SDLK_KP_ENTER}, quit},
    },
    .body = body,
};

/* From the library: back there is what Return and Escape do. */
static const struct dialog errors_in_library = {
    .title = N_("This routine cannot be used"),
    .title_color = &UI_STOP,
    .button_w = 300,
    .n_buttons = 2,
    .buttons = {
        {N_("Quit (Q)"), &UI_STOP, false, {SDLK_q}, quit},
        {N_("Back to the library (L)"), &UI_ACCENT, true,
         {SDLK_l, SDLK_ESCAPE, SDLK_RETURN, SDLK_KP_ENTER}, screens_request_library},
    },
    .body = body,
};

static const struct dialog *dialog_of(const struct screens *s)
{
    return s->from_library ? &errors_in_library : &errors;
}

static void key(struct screens *s, SDL_Keycode k) { dialog_key(s, dialog_of(s), k); }
static void click(struct screens *s, int x, int y) { dialog_click(s, dialog_of(s), x, y); }

static void draw(const struct screens *s, struct ui *u, uint64_t now)
{
    (void)now;
    dialog_draw(s, u, dialog_of(s));
}

const struct screen_ops errors_screen = {.key = key, .click = click, .draw = draw};
