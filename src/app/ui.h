/* ui.h - drawing helpers every screen shares: sizes derived from the window
 * (never fixed pixels), the colour palette, text that wraps and shrinks to fit
 * its box (written once, here), stacked text blocks, buttons, bars and large
 * countdown digits. Drawing only: nothing here changes application state. */
#pragma once

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdbool.h>
#include <stddef.h>

#include "app/fonts.h"

/* The glyphs in one colour on the background, each drawn when first shown. */
struct ui_digit_set {
    bool used;
    SDL_Color color;
    SDL_Texture *glyph[11]; /* 0-9 and ':', their inked part; NULL: not drawn yet */
};

struct ui_digit_cache {
    int px;
    SDL_Color bg; /* the glyphs are drawn on bg (opaque) */
    struct ui_digit_set set[2]; /* the count-in's colour and the countdown's */
    int cur;                    /* the set ui_digits() draws from */
    Uint8 *cover[11];           /* each inked part's coverage, to draw it in any colour */
    int w[11], h;
    SDL_Rect inked[11]; /* the part of each glyph that is not fully transparent: the texture */
    int ink_top, ink_h; /* where a digit's ink sits in the line box */
};

struct ui_text_cache; /* ui.c: rendered lines of text, reused while unchanged */
struct ui_hover;      /* ui.c: where the pointer is, over which buttons */

struct ui {
    SDL_Renderer *ren;
    struct fonts *fonts;
    int w, h;    /* drawable pixels */
    double unit; /* pixels per design pixel: 1.0 at 1024x720 */
    struct ui_digit_cache digits;
    struct ui_text_cache *text_cache;
    struct ui_hover *hover; /* ui.c: the pointer and the buttons it can be over */
};

void ui_init(struct ui *u, SDL_Renderer *ren, struct fonts *fonts);
void ui_finish(struct ui *u); /* safe on a zeroed struct */
/* Drops every cached texture; needed after a render reset, which loses them. */
void ui_drop_textures(struct ui *u);
/* Marks the end of a presented frame: with SMR_LOG=debug one line says how
 * many text lines were reused and how many had to be rendered. */
void ui_end_frame(struct ui *u);
/* Drops every cached line: on a change of screen, the screen before's lines
 * are memory nobody looks at (the checklist's are 1.1 MB at 1280x720, more
 * than a whole session's), and a line both screens draw costs one render. */
void ui_text_cache_clear(struct ui *u);
/* Lines of text rendered (cache misses) since ui_init(): for the tests. */
unsigned long ui_text_rendered(const struct ui *u);
/* Texts wrapped anew (not found in the memo of the last few) since ui_init(). */
unsigned long ui_text_wrapped(const struct ui *u);
void ui_set_size(struct ui *u, int w, int h);
/* A design size (as at 1024x720) in pixels for the current window, >= 1. */
int ui_px(const struct ui *u, double design);

extern const SDL_Color UI_BG, UI_PANEL, UI_PANEL_HI, UI_HOVER, UI_TEXT, UI_MUTED, UI_ACCENT,
    UI_GOOD, UI_CAUTION, UI_STOP, UI_PAUSED, UI_DARK;
/* How much the paused session screen darkens its texts (UI_DARK at this
 * alpha): little enough that they stay readable (see ui_text_pairs). */
enum { UI_DIM_ALPHA = 60 };

/* ---- contrast (pure) ------------------------------------------------------
 * Text must reach WCAG AA, 4.5:1 against what it is drawn on. The pairs the
 * screens draw text with are listed here, so a change of the palette that
 * breaks one fails a test (tests/app/test_ui_contrast.c). */
enum { UI_MIN_CONTRAST_X10 = 45 };

/* The WCAG 2 contrast ratio of two opaque colours, 1 (same) to 21. */
double ui_contrast(SDL_Color a, SDL_Color b);
/* `over` drawn at `alpha` on top of `c`, as the renderer blends it. */
SDL_Color ui_blend(SDL_Color c, SDL_Color over, Uint8 alpha);

struct ui_text_pair {
    const char *what; /* where it is used, for the test's messages */
    const SDL_Color *fg, *bg;
    Uint8 dim; /* both under UI_DARK at this alpha (the paused screen); 0: not */
};
extern const struct ui_text_pair ui_text_pairs[];
extern const size_t ui_n_text_pairs;

void ui_clear(struct ui *u, SDL_Color c);
void ui_fill(struct ui *u, SDL_Rect r, SDL_Color c);
void ui_fill_alpha(struct ui *u, SDL_Rect r, SDL_Color c, Uint8 alpha);
void ui_frame(struct ui *u, SDL_Rect r, SDL_Color c, int thickness);
/* A horizontal bar filled to frac (0..1). */
void ui_bar(struct ui *u, SDL_Rect r, double frac, SDL_Color fg, SDL_Color bg);
/* How many columns of r that bar fills (what changes between two fills). */
int ui_bar_fill(SDL_Rect r, double frac);
/* Only the columns of the bar inside `only` (a countdown second's changed
 * strip), each pixel drawn once. */
void ui_bar_within(struct ui *u, SDL_Rect r, double frac, SDL_Color fg, SDL_Color bg,
                   SDL_Rect only);

enum ui_align { UI_ALIGN_LEFT, UI_ALIGN_CENTER, UI_ALIGN_RIGHT };
enum ui_valign { UI_VALIGN_TOP, UI_VALIGN_MIDDLE, UI_VALIGN_BOTTOM };

struct ui_text {
    int size;     /* wanted em size in pixels */
    int min_size; /* shrink no further than this (0: size / 2) */
    bool bold;
    SDL_Color color;
    enum ui_align align;
    enum ui_valign valign;
    int max_lines; /* 0: as many as fit */
    /* bg.a == 255: the box is this solid colour, so each line is kept
     * composed on it and is copied when drawn, not blended (a new step's
     * lines at 1280x720: 2.4 ns a pixel blended, 110-130 thousand pixels);
     * the line's whole box, within `box`, is then painted. 0: blended
     * over whatever is there. */
    SDL_Color bg;
};

/* Draws `text` wrapped to box.w, shrinking it until it fits the box; what
 * still does not fit at min_size is cut with an ellipsis, so text never leaves
 * its box. '\n' breaks a line. Returns the height used. */
int ui_text(struct ui *u, SDL_Rect box, const char *text, const struct ui_text *style);
/* One line that changes every second ("12:08 left · 8 % done"), drawn as
 * runs: each digit on its own and the text between digits, each a line of
 * the text cache, so a new second renders nothing and copies what it has
 * (a whole-line render each second was 60 % of a countdown frame). The
 * font's digits are all one width, so the line looks as ui_text() would
 * draw it but for kerning across a digit's edge. Shrinks to fit box.w like
 * ui_text(); cut with an ellipsis (by ui_text()) only when even min_size is
 * too wide. Returns the height used. */
int ui_text_ticking(struct ui *u, SDL_Rect box, const char *text, const struct ui_text *style);
/* The columns of `box` ui_text_ticking() would draw `text` in (its full
 * height), without drawing: what a partial redraw must restore. */
SDL_Rect ui_text_ticking_extent(struct ui *u, SDL_Rect box, const char *text,
                                const struct ui_text *style);
/* Renders into the text cache, without drawing, every digit's run at the
 * size ui_text_ticking() would draw `text` at: a countdown second that
 * shows a digit for the first time then copies it, where the render was
 * 70-100 us of that second's frame (the line's first 10 s, six times). */
void ui_text_ticking_warm(struct ui *u, SDL_Rect box, const char *text,
                          const struct ui_text *style);
/* What of `box` differs between ui_text_ticking() of `was` and of `now`:
 * where the same layout holds (one size, runs of the same widths), only the
 * runs that changed, an empty rect when none did; otherwise the columns of
 * both. A partial redraw restores and draws that alone (clipped to it). */
SDL_Rect ui_text_ticking_change(struct ui *u, SDL_Rect box, const char *was, const char *now,
                                const struct ui_text *style);
/* The height `text` takes wrapped to `width` at `size`, without drawing. */
int ui_text_height(struct ui *u, const char *text, int size, bool bold, int width);
/* The largest size from `size` down to `min_size` at which every text fits a
 * box of width x height (wrapped), so rows of a list share one size. */
int ui_common_size(struct ui *u, const char *const *texts, size_t n, int width, int height,
                   int size, int min_size, bool bold);
/* The width of one unwrapped line. */
int ui_text_width(struct ui *u, const char *text, int size, bool bold);

/* A column of text blocks (title, paragraphs, bullet lists). All sizes are
 * scaled down together until the column fits the box. */
struct ui_block {
    const char *text;
    int size; /* pixels before scaling */
    bool bold;
    SDL_Color color;
    int gap_before;     /* pixels before scaling */
    const char *bullet; /* "•", "3." or NULL */
    SDL_Color bg;       /* as ui_text's */
};
int ui_flow(struct ui *u, SDL_Rect box, const struct ui_block *b, size_t n);

/* An enabled button under the pointer is drawn lighter (hovered): the
 * screens need not say so, ui_button_draw() knows where the pointer is. */
struct ui_button {
    SDL_Rect r;
    const char *label;
    bool enabled;
    bool focused;  /* keyboard focus: a thick outline */
    bool selected; /* a chosen answer: filled with `accent` */
    SDL_Color accent;
};
void ui_button_draw(struct ui *u, const struct ui_button *b);
bool ui_hit(SDL_Rect r, int x, int y);

/* ---- the pointer ----------------------------------------------------------
 * Where the mouse is (drawable pixels), for hover. ui_button_draw() notes
 * each enabled button it draws, so a move of the pointer can tell whether it
 * entered or left one (and a redraw is due) without knowing the screens. */
/* Returns true when the move changes which noted button is under the
 * pointer. inside false: the pointer left the window. */
bool ui_pointer_move(struct ui *u, int x, int y, bool inside);
/* The noted button under the pointer as a number that changes with it
 * (0: none), for pictures cached by what they show. */
unsigned ui_hovered(const struct ui *u);
/* Forgets the noted buttons (a new screen or window size draws others). */
void ui_forget_buttons(struct ui *u);

/* Digits (and ':') whose glyphs are at least `glyph_h` pixels tall, in colour
 * c, centred in `box` (and shrunk if the box is too narrow), which must be
 * plain `bg`: the glyphs are kept per size as opaque textures drawn on it
 * (ui_digits.c), so a countdown redraw costs a plain copy or two. Returns
 * the drawn rect. */
SDL_Rect ui_digits(struct ui *u, SDL_Rect box, const char *text, int glyph_h, SDL_Color c,
                   SDL_Color bg);
/* Every pixel ui_digits() would touch for `text`, without drawing: what a
 * partial redraw must restore before the digits change. */
SDL_Rect ui_digits_extent(struct ui *u, SDL_Rect box, const char *text, int glyph_h);
/* The glyphs of `text` as ui_digits() would draw them in `box` at glyph_h,
 * in colour c on bg, drawn now (a screen waiting for its first frame calls
 * it, so that the countdown draws none of them while it runs). */
void ui_digits_warm(struct ui *u, SDL_Rect box, int glyph_h, const char *text, SDL_Color c,
                    SDL_Color bg);
/* Fills `area` with bg, but for where ui_digits() will copy the glyphs of
 * `text`: those copies are opaque, bg around the ink included, so filling
 * under them first is work the copies undo (it was half the main thread's
 * CPU in a hold: SDL's fill writes past the cache). */
void ui_digits_clear(struct ui *u, SDL_Rect area, SDL_Rect box, const char *text, int glyph_h,
                     SDL_Color bg);
/* Forgets the digits' glyphs (ui_drop_textures, ui_finish). */
void ui_digits_drop(struct ui *u);
