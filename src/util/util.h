/* util.h - small allocation and string helpers shared by the core. Allocation
 * failure is fatal (a timer cannot do anything useful without memory). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/log.h"

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* Gives the pages of freed memory back to the system (glibc keeps them for
 * the next malloc: a freed megabyte in the middle of the heap stays resident).
 * Called once a change of screen has freed the screen before's lines. */
void give_back_memory(void);
/* One heap for every thread (glibc gives each thread that allocates an arena
 * of its own, whose freed pages stay resident apart: the voice's thread left
 * espeak's tables there: 0.7 MB of the peak). The threads allocate rarely
 * (SDL's audio thread not at all once open), so they do not contend.
 * Called first thing in main(). */
void one_heap(void);
char *xasprintf(const char *fmt, ...) SMR_PRINTF(1, 2);

/* The one UTF-8 decoder: the character at s (len bytes available) into *cp;
 * returns its length in bytes (1-4), or 0 when the bytes there are not valid
 * UTF-8 (cut short, overlong, a surrogate, past U+10FFFF, or len 0). */
size_t utf8_next(const char *s, size_t len, uint32_t *cp);
/* True if s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t len);

/* "m:ss" (or "h:mm:ss" from an hour) into buf; returns buf. */
char *format_mss(uint64_t ms, char *buf, size_t size);
/* `v` with `places` decimals (a sign always when `plus`), written with the
 * user's decimal separator ("7,5" for LANG=de_DE.UTF-8): the program runs
 * with C numbers (LC_NUMERIC "C": options, files and logs mean a dot), so
 * text for people asks for theirs here. Returns buf. */
char *format_decimal(double v, int places, bool plus, char *buf, size_t size);

/* Growable byte buffer for building text. */
struct strbuf {
    char *data;
    size_t len, cap;
};
void strbuf_append(struct strbuf *sb, const char *s);
void strbuf_appendf(struct strbuf *sb, const char *fmt, ...) SMR_PRINTF(2, 3);
/* s as a JSON string literal ("null" for NULL); invalid UTF-8 becomes U+FFFD. */
void strbuf_append_json_string(struct strbuf *sb, const char *s);
void strbuf_free(struct strbuf *sb);
