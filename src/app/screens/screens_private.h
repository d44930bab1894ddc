/* screens_private.h - shared by the files of src/app/screens: the state the
 * screens keep between frames, the table entry each screen fills, the layout
 * helpers every screen uses (margins, title, disclaimer, bottom buttons) and
 * the dialog drawer of the screens that are a title, a body and buttons. */
#pragma once

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/chart.h"
#include "app/diagram_view.h"
#include "session/history.h"
#include "session/session.h"
#include "app/screens.h"
#include "app/ui.h"
#include "routine/library.h"
#include "routine/routine.h"
#include "session/checklist.h"

/* At most this many rects per partly redrawn frame. */
#define SCREENS_MAX_DAMAGE 12

/* A tightness answer (rating.c). */
enum rating_when { RATING_BEFORE, RATING_AFTER, RATING_COUNT };

struct rating_answer {
    int value;    /* 0-10; -1 not given */
    bool skipped; /* S or Skip: asked and not answered */
    SDL_Rect logged; /* the row whose buttons were logged last (rating_log) */
};

/* A line of the library screen: an area's heading or one routine. */
struct library_line {
    int entry;   /* index into the library's entries; -1 for a heading */
    int heading; /* its group: an enum body_area, then the files that do not load,
                  * then other languages (library.c) */
};

struct screens {
    struct ui *ui;
    SDL_Window *win;
    struct session *session;
    const struct routine *routine;
    const struct diag_list *diags; /* NULL when there is nothing to tell */
    const char *errors_file;       /* the errors screen's routine file */
    struct diagram_view *dview; /* NULL before the first frame or when unavailable */
    bool diagram_missing;       /* it could not be loaded: no session can start */
    struct checklist checklist;
    const struct library *library; /* NULL until known */
    bool from_library;             /* the errors screen has a way back */
    struct screens_request request; /* what app.c is asked to do next */

    enum screen_id screen;
    bool quit;
    bool dirty; /* something visible changed: redraw */
    bool give_back; /* a new screen: give the heap back once its first frame is drawn */

    struct {
        size_t focus;       /* item index; n_items is Continue */
        size_t scroll;      /* first row shown */
        size_t seen;        /* rows [0, seen) have been on screen */
        uint64_t shown_at;  /* session clock when it was last entered; 0 before the first frame */
        bool holding;       /* "none of these apply" is being held ... */
        uint64_t hold_from; /* ... since (session clock) ... */
        bool hold_by_mouse; /* ... on the button, not the key */
        uint64_t logged;    /* the layout and rows last logged (0: none yet) */
        bool area_only;     /* only the area's questions (checklist_screen_area_only) */
    } list;
    struct {
        struct library_line *lines; /* what the list shows, in order */
        size_t n_lines;
        size_t sel;            /* the chosen entry of the library */
        size_t first;          /* the first line shown (headings are lines too) */
        bool armed;            /* a click chose `sel`: a second click on it starts it */
        int64_t today;         /* local midnight when the screen was made, for "3 days ago" */
        uint64_t logged;       /* the layout last logged (0: none yet) */
    } lib;
    /* "Keep the ball away from the bruise": set when the checklist lets the
     * session go on after a local Yes; "" when there is nothing to avoid. */
    char caution[512];
    struct {
        enum screen_id back_to; /* where quit-confirm returns to */
        bool paused;            /* it paused a running session */
    } confirm;
    struct {
        SDL_Texture *texture; /* the session screen's static layer */
        uint64_t key;         /* what the texture shows; 0 when stale */
        uint64_t drawn;       /* the session picture last prepared */
        bool log_ball;        /* log where the ball is drawn at the next rebuild */
        int seen_w, seen_h;   /* the window size the last update saw */
        uint64_t diagram_key; /* what the texture's diagram area shows; 0: nothing known */
        bool ahead;           /* it shows the next step's diagram, drawn before its deadline */
        uint64_t shown;       /* the layer's key in the last frame drawn */
        uint64_t frame_shown; /* and its frame_key() (the layout, the buttons) */
        uint64_t diagram_shown; /* and the diagram it showed */
        bool texts;           /* this frame redraws the text rows too (damage()) */
        SDL_Rect glyphs;      /* where that frame's countdown digits went */
        int bar_fill[2];      /* and how far its phase and overall bars were filled */
        char label[128];      /* and its time-left line */
        SDL_Rect label_part;  /* of that line, what this frame redraws (damage()) */
        bool label_warm;      /* its digits are in the text cache (warm_label()) */
        int note_h;           /* the note under the diagram: its height, ... */
        uint64_t note_for;    /* ... for this text and window (0: not measured) */
    } layer;
    /* The tightness asked on the overview (before) and the summary (after). */
    struct rating_answer ratings[RATING_COUNT];
    /* The history file as the summary and the history screen last read it. */
    struct {
        struct history file;
        bool warned;         /* its damaged lines were said (once is enough) */
        enum screen_id back_to; /* where the history screen returns to */
        size_t scroll;       /* its first row shown */
        size_t rows_fit;     /* how many rows its last frame showed */
        struct history_summary *sums; /* per routine, for the history screen */
        size_t n_sums;
        size_t logged;       /* the history screen's view last logged, +1; 0: none */
        struct chart_layout chart; /* the summary's, from prepare */
        size_t chart_logged; /* sessions in the chart last logged, +1; 0: none */
    } hist;
    struct {
        char text[512];  /* the window title set last */
        uint64_t key;    /* the screen, step and state it was for */
    } title;
    struct {
        /* The parts of the window the frame being drawn changes on top of
         * the last one, from the screen's damage op in screens_prepare():
         * n < 0 means all of it. */
        SDL_Rect rects[SCREENS_MAX_DAMAGE];
        int n;
        bool stale; /* the window does not hold our last frame: draw it whole */
    } damage;
};

/* One screen. NULL members do nothing. enter runs before the screen becomes
 * current (`from` still is); update hears of the session's changes; prepare
 * runs before every draw of the screen; draw only reads.
 * damage runs after prepare and says which rects (at most cap) the coming
 * draw changes on top of the frame before, or -1 for the whole window; with
 * `whole` (a new screen, a window that lost its pixels) it only notes what
 * the frame shows, for the next one, and returns -1. Without it every frame
 * is drawn whole. A screen with damage draws only into those rects (and
 * whatever it draws there must come out as a whole draw would). */
struct screen_ops {
    void (*enter)(struct screens *s, enum screen_id from);
    void (*key)(struct screens *s, SDL_Keycode k);
    void (*key_up)(struct screens *s, SDL_Keycode k);
    void (*click)(struct screens *s, int x, int y);
    void (*release)(struct screens *s, int x, int y);
    uint64_t (*deadline)(const struct screens *s); /* NULL: UINT64_MAX */
    void (*wheel)(struct screens *s, int dy);
    void (*update)(struct screens *s, enum session_change ch, uint64_t now);
    void (*prepare)(struct screens *s, uint64_t now);
    void (*draw)(const struct screens *s, struct ui *u, uint64_t now);
    int (*damage)(struct screens *s, uint64_t now, bool whole, SDL_Rect *rects, int cap);
};

/* Draws the session screen's picture for its first frame ahead (session.c). */
void session_screen_warm(struct screens *s);
/* After a session frame is shown, what the next frames need, drawn ahead:
 * the time-left line's digits (once per screen, size or render reset) and
 * the next step's diagram. */
void session_screen_ahead(struct screens *s, uint64_t now);

extern const struct screen_ops checklist_screen, caution_screen, stop_screen, overview_screen,
    session_screen, confirm_screen, summary_screen, redflag_screen, errors_screen, history_screen,
    library_screen;

/* ---- tightness 0-10 (rating.c) ---------------------------------------------
 * The question "How tight does it feel now?" as a row of 11 buttons and
 * Skip: digits 0-9 and + (or =) for 10, Left/Right to move, S to skip, or a
 * click. Each answer goes to the session at once (session_rate_before /
 * _after; a skip takes back an earlier answer) and is logged "rating:
 * before=7" or "rating: before skipped". */

/* The height of the question and its buttons (and the hint under them when
 * it does not fit beside the question) in a row `row_w` wide. */
int rating_height(struct ui *u, int row_w);
/* True when the key was the question's (taken in). */
bool rating_key(struct screens *s, enum rating_when w, SDL_Keycode k);
bool rating_click(struct screens *s, enum rating_when w, SDL_Rect row, int x, int y);
void rating_draw(const struct screens *s, struct ui *u, enum rating_when w, SDL_Rect row);
/* Logs where the row's buttons are when that changed, for tests:
 * "rating: before value0=X,Y step=DX skip=X,Y" (button centres). */
void rating_log(struct screens *s, enum rating_when w, SDL_Rect row);

/* ---- the history file (history.c) ------------------------------------------ */

/* Reads the history into s->hist.file again; with say_damage, damaged
 * lines are warned of (once in the app's life). Without a path, an empty
 * history. */
void screens_read_history(struct screens *s, bool say_damage);
/* Opens the history screen; Escape there comes back to the current screen. */
void screens_show_history(struct screens *s);
/* "Finished", "Stopped early"...: how a session ended, in words. */
const char *screens_ended_words(const char *ended_by);

/* ---- what screens do (screens.c) ------------------------------------------ */

void screens_go(struct screens *s, enum screen_id to);
/* A session control (session_skip...), then what it changed. */
void screens_act(struct screens *s, enum session_change (*op)(struct session *c));
/* Takes in the session's changes since the last call. */
void screens_absorb(struct screens *s);
void screens_ask_quit(struct screens *s);
/* Asks app.c to open the routine at `path` (screens.h, screens_request). */
void screens_request_open(struct screens *s, const char *path, const char *from, bool area_only);
void screens_request_library(struct screens *s);
/* checklist.c: keeps only the questions a next routine asks again. */
void checklist_screen_area_only(struct screens *s);
/* library.c: the library screen's choice when it is made. */
void library_screen_init(struct screens *s, const char *last_routine);
/* The red-flag stop (S, or its button, in every phase): the session ends at
 * once, recorded as ended by "red-flag", its sound cleared; the red-flag
 * screen says what to do (redflag.c). */
void screens_red_flag(struct screens *s);
/* Takes the areas to keep away from out of the checklist's answers (local
 * Yes items), for the overview and the session screen. */
void screens_note_caution(struct screens *s);
/* "Keep the ball away from the bruise; the varicose veins", or NULL. */
const char *screens_caution_text(const struct screens *s);
void screens_toggle_fullscreen(struct screens *s);
void screens_toggle_mute(struct screens *s);
bool screens_fullscreen(const struct screens *s);
double screens_speed(const struct screens *s);

/* ---- shared layout (screens.c) ---------------------------------------------
 * Pure functions of the window size, shared by drawing and click hit tests,
 * so what is clicked is what was drawn. */

#define MAX_BLOCKS 64

int screens_margin(const struct ui *u);
SDL_Rect screens_title_rect(const struct ui *u);
/* Between the title and the buttons. */
SDL_Rect screens_body_rect(const struct ui *u, SDL_Rect title, SDL_Rect buttons);
/* Button `index` of a row of `count` along the bottom, above the disclaimer. */
SDL_Rect screens_bottom_button(const struct ui *u, bool large_disclaimer, int index, int count,
                               int width_design);
void screens_draw_title(struct ui *u, SDL_Rect r, const char *text, SDL_Color c);
/* The "not medical advice" line at the bottom of every screen. */
void screens_draw_disclaimer(struct ui *u, bool large);
const char *screens_side_label(enum routine_side side);

/* ---- the session screen's words (session_words.c) -------------------------
 * Read-only, for the current step; texts are translated. */

bool session_is_move(const struct screens *s); /* a move phase of the cycle */
/* A change of strip (or back to the start): the step the ball comes from. */
bool session_ball_comes_from(const struct screens *s, const struct timeline_step **from);
/* The same for timeline step idx (the next one, drawn ahead); false past
 * the end. */
bool session_ball_comes_from_at(const struct screens *s, size_t idx,
                                const struct timeline_step **from);
/* "Left leg · Outer strip · strip 1 of 3 · position 1 of 4" */
void session_progress_text(const struct screens *s, char *buf, size_t size);
/* The step's title; a move phase says the move ("Move the ball up 7 cm", in buf). */
const char *session_title_text(const struct screens *s, char *buf, size_t size);
/* Where the ball is, or where it goes from where: "Ball: 17 cm above the knee
 * crease (about two hands' widths)". Caller frees. */
char *session_position_text(const struct screens *s);
/* "Next: Relax", or the strip or leg that comes; false after the last step. */
bool session_next_text(const struct screens *s, char *buf, size_t size);
/* The step for the window title: "Hold, 8 s", "Paused - Hold". */
void session_window_step(const struct screens *s, uint64_t now, char *buf, size_t size);

/* ---- the summary's Next buttons (next.c) -----------------------------------
 * One button a routine the finished one names in "next" (at most
 * NEXT_MAX), in a row just above the summary's bottom buttons: the title and
 * time of each, started by a click, N (one of them) or F1..F3 (the digits are the rating's). */

#define NEXT_MAX 3

/* The height the row takes above the bottom buttons (gap included); 0 when
 * there is no next routine to offer. */
int next_buttons_height(const struct screens *s, const struct ui *u);
void next_buttons_draw(const struct screens *s, struct ui *u);
bool next_buttons_key(struct screens *s, SDL_Keycode k);
/* "next: button ID at x,y,w,h" for each, for the tests to click. */
void next_buttons_log(const struct screens *s);
bool next_buttons_click(struct screens *s, int x, int y);

/* ---- dialogs (dialog.c) ----------------------------------------------------
 * A title, a body and a row of buttons with one chosen (focused and filled),
 * each button pressed by a click or by its keys. */

#define DIALOG_KEYS 4

struct dialog_button {
    const char *label; /* N_(): translated where drawn */
    const SDL_Color *accent;
    bool chosen;
    SDL_Keycode keys[DIALOG_KEYS]; /* 0 ends a shorter list */
    void (*press)(struct screens *s);
};

struct dialog {
    const char *title; /* N_() */
    const SDL_Color *title_color;
    int button_w; /* design pixels */
    int n_buttons;
    struct dialog_button buttons[2];
    void (*body)(const struct screens *s, struct ui *u, SDL_Rect box);
};

void dialog_draw(const struct screens *s, struct ui *u, const struct dialog *d);
/* False when no button has key k. */
bool dialog_key(struct screens *s, const struct dialog *d, SDL_Keycode k);
void dialog_click(struct screens *s, const struct dialog *d, int x, int y);
