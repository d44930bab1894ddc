/* chart.h - the small tightness chart of the summary: for each of the last
 * sessions of a routine, its rating before (a hollow square) and after (a
 * filled one) on a 0-10 axis, joined by a bar, its date below. The layout
 * is a pure function of the data and the box (so tests and hit tests see
 * what is drawn); chart_draw() only copies it to the screen. */
#pragma once

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ui;

#define CHART_MAX 10
#define CHART_DATE_SIZE 24

struct chart_point {
    int64_t when;      /* the session's start (seconds since the epoch) */
    int before, after; /* 0-10; -1 not given */
};

struct chart_column {
    int x;                  /* the centre of its marks */
    int y_before, y_after;  /* the centres of its marks (valid when given) */
    bool label;             /* its date is written (there may be no room for all) */
    char date[CHART_DATE_SIZE]; /* "3 May", local time */
};

struct chart_layout {
    SDL_Rect box;   /* all of it: legend, axis, plot, dates */
    SDL_Rect plot;  /* 10 at its top edge, 0 at its bottom one */
    SDL_Rect legend; /* the row above the plot */
    int axis_w;     /* the axis numbers' column, left of the plot */
    int text_size;  /* the axis numbers, dates and legend */
    int mark;       /* a mark's side */
    int date_w;     /* the room of a date written under its column */
    size_t n;
    struct chart_point points[CHART_MAX];
    struct chart_column cols[CHART_MAX];
};

/* Lays out n (<= CHART_MAX, more are cut) points, oldest first, in box.
 * text_size is the type's pixel size and date_w the width of the widest
 * date at it, so that dates that would overlap are thinned out (the newest
 * is always written). */
void chart_layout_make(struct chart_layout *l, const struct chart_point *p, size_t n,
                       SDL_Rect box, int text_size, int date_w);
/* The y of a value 0-10 in the plot. */
int chart_y(const struct chart_layout *l, int value);
/* Draws what the layout says; changes nothing. */
void chart_draw(struct ui *u, const struct chart_layout *l);
