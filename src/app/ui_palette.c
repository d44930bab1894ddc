/* ui_palette.c - the colours every screen draws with, the pairs of them
 * that text is drawn in and on, and the WCAG 2 contrast they are held to
 * (tests/app/test_ui_contrast.c). Pure: no drawing. */
#include "app/ui.h"

#include <math.h>

const SDL_Color UI_BG = {21, 24, 29, 255};
const SDL_Color UI_PANEL = {35, 40, 48, 255};
const SDL_Color UI_PANEL_HI = {52, 60, 72, 255};
const SDL_Color UI_HOVER = {70, 82, 100, 255};
const SDL_Color UI_TEXT = {238, 240, 243, 255};
const SDL_Color UI_MUTED = {160, 168, 180, 255};
const SDL_Color UI_ACCENT = {79, 179, 255, 255};
const SDL_Color UI_GOOD = {86, 194, 113, 255};
const SDL_Color UI_CAUTION = {255, 154, 60, 255};
const SDL_Color UI_STOP = {240, 84, 84, 255};
const SDL_Color UI_PAUSED = {255, 194, 26, 255};
const SDL_Color UI_DARK = {16, 18, 22, 255};

/* Every pair of colours the screens draw text in and on. */
const struct ui_text_pair ui_text_pairs[] = {
    {"text on the background", &UI_TEXT, &UI_BG, 0},
    {"secondary text on the background", &UI_MUTED, &UI_BG, 0},
    {"secondary text on a panel (diagram plate, checklist row)", &UI_MUTED, &UI_PANEL, 0},
    {"secondary text on the focused checklist row", &UI_MUTED, &UI_PANEL_HI, 0},
    {"a button's label", &UI_TEXT, &UI_PANEL_HI, 0},
    {"a hovered button's label", &UI_TEXT, &UI_HOVER, 0},
    {"a disabled button's label", &UI_MUTED, &UI_PANEL, 0},
    {"text on a checklist row", &UI_TEXT, &UI_PANEL, 0},
    {"accent text (facts, time taken)", &UI_ACCENT, &UI_BG, 0},
    {"a good title", &UI_GOOD, &UI_BG, 0},
    {"a caution title, an incomplete strip", &UI_CAUTION, &UI_BG, 0},
    {"a stop title, a red-flag heading", &UI_STOP, &UI_BG, 0},
    {"the lead-in title and digits", &UI_PAUSED, &UI_BG, 0},
    {"a chosen button's label (accent)", &UI_DARK, &UI_ACCENT, 0},
    {"a chosen button's label (good)", &UI_DARK, &UI_GOOD, 0},
    {"a chosen button's label (caution)", &UI_DARK, &UI_CAUTION, 0},
    {"a chosen button's label (stop)", &UI_DARK, &UI_STOP, 0},
    {"a chosen button's label (paused), the pause banner", &UI_DARK, &UI_PAUSED, 0},
    {"a chosen button's label (muted)", &UI_DARK, &UI_MUTED, 0},
    {"a library file's error, on its row", &UI_CAUTION, &UI_PANEL, 0},
    {"a library file's error, on the chosen row", &UI_CAUTION, &UI_PANEL_HI, 0},
    {"the library's \"more below\" cue", &UI_ACCENT, &UI_PANEL_HI, 0},
    {"paused: the session's texts", &UI_TEXT, &UI_BG, UI_DIM_ALPHA},
    {"paused: the session's secondary texts", &UI_MUTED, &UI_BG, UI_DIM_ALPHA},
    {"paused: the position line", &UI_ACCENT, &UI_BG, UI_DIM_ALPHA},
};
const size_t ui_n_text_pairs = sizeof ui_text_pairs / sizeof ui_text_pairs[0];

/* sRGB channel to linear light (WCAG 2's relative luminance). */
static double linear(Uint8 v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(SDL_Color c)
{
    return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

double ui_contrast(SDL_Color a, SDL_Color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

SDL_Color ui_blend(SDL_Color c, SDL_Color over, Uint8 alpha)
{
    SDL_Color out = {255, 255, 255, 255};
    out.r = (Uint8)((c.r * (255 - alpha) + over.r * alpha + 127) / 255);
    out.g = (Uint8)((c.g * (255 - alpha) + over.g * alpha + 127) / 255);
    out.b = (Uint8)((c.b * (255 - alpha) + over.b * alpha + 127) / 255);
    return out;
}
