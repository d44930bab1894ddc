/* util.c - see util.h. */
#include "util/util.h"

#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

static void *check(void *p)
{
    if (!p) {
        fputs("smr-timer: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *xmalloc(size_t n) { return check(malloc(n ? n : 1)); }
void *xcalloc(size_t count, size_t size) { return check(calloc(count ? count : 1, size ? size : 1)); }
void *xrealloc(void *p, size_t n) { return check(realloc(p, n ? n : 1)); }

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

/* The decimal separator of the user's LC_NUMERIC (the environment's, not the
 * program's "C"); "." when that locale is not there. */
static const char *user_radix(void)
{
    static char radix[8];
    if (!radix[0]) {
        locale_t loc = newlocale(LC_NUMERIC_MASK, "", (locale_t)0);
        const char *r = loc ? nl_langinfo_l(RADIXCHAR, loc) : NULL;
        snprintf(radix, sizeof radix, "%s", r && *r ? r : ".");
        if (loc)
            freelocale(loc);
    }
    return radix;
}

char *format_decimal(double v, int places, bool plus, char *buf, size_t size)
{
    char c[64];
    snprintf(c, sizeof c, plus ? "%+.*f" : "%.*f", places, v);
    const char *dot = strchr(c, '.');
    if (!dot)
        snprintf(buf, size, "%s", c);
    else
        snprintf(buf, size, "%.*s%s%s", (int)(dot - c), c, user_radix(), dot + 1);
    return buf;
}

void give_back_memory(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

void one_heap(void)
{
#ifdef __GLIBC__
    mallopt(M_ARENA_MAX, 1);
#endif
}

static char *vxasprintf(const char *fmt, va_list ap) SMR_PRINTF(1, 0);

static char *vxasprintf(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *s = xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = vxasprintf(fmt, ap);
    va_end(ap);
    return s;
}

size_t utf8_next(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (len == 0)
        return 0;
    unsigned char c = s[0];
    size_t need;
    uint32_t v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        need = 1;
        v = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        need = 2;
        v = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        need = 3;
        v = c & 0x07;
    } else {
        return 0; /* a continuation byte or 0xF8..0xFF cannot start a character */
    }
    if (len <= need)
        return 0;
    for (size_t k = 1; k <= need; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[k] & 0x3F);
    }
    /* The shortest form only, and no UTF-16 surrogates or values past U+10FFFF. */
    static const uint32_t min_cp[] = {0, 0x80, 0x800, 0x10000};
    if (v < min_cp[need] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return need + 1;
}

bool utf8_valid(const char *s, size_t len)
{
    uint32_t cp;
    size_t i = 0;
    while (i < len) {
        size_t n = utf8_next(s + i, len - i, &cp);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

char *format_mss(uint64_t ms, char *buf, size_t size)
{
    uint64_t s = ms / 1000;
    if (s >= 3600)
        snprintf(buf, size, "%u:%02u:%02u", (unsigned)(s / 3600), (unsigned)(s / 60 % 60),
                 (unsigned)(s % 60));
    else
        snprintf(buf, size, "%u:%02u", (unsigned)(s / 60), (unsigned)(s % 60));
    return buf;
}

void strbuf_append(struct strbuf *sb, const char *s)
{
    size_t n = strlen(s);
    if (sb->len + n + 1 > sb->cap) {
        size_t cap = sb->cap ? sb->cap * 2 : 256;
        while (cap < sb->len + n + 1)
            cap *= 2;
        sb->data = xrealloc(sb->data, cap);
        sb->cap = cap;
    }
    memcpy(sb->data + sb->len, s, n + 1);
    sb->len += n;
}

void strbuf_appendf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = vxasprintf(fmt, ap);
    va_end(ap);
    strbuf_append(sb, s);
    free(s);
}

void strbuf_free(struct strbuf *sb)
{
    free(sb->data);
    sb->data = NULL;
    sb->len = sb->cap = 0;
}

/* Appends s as a JSON string (or null). Invalid UTF-8 bytes become U+FFFD so
 * the line stays valid JSON whatever a routine's id or file name holds. */
void strbuf_append_json_string(struct strbuf *sb, const char *s)
{
    if (!s) {
        strbuf_append(sb, "null");
        return;
    }
    strbuf_append(sb, "\"");
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        char one[8];
        size_t run = 0;
        if (*p == '"' || *p == '\\') {
            snprintf(one, sizeof one, "\\%c", *p);
        } else if (*p == '\n') {
            strcpy(one, "\\n");
        } else if (*p == '\r') {
            strcpy(one, "\\r");
        } else if (*p == '\t') {
            strcpy(one, "\\t");
        } else if (*p < 0x20 || *p == 0x7f) {
            snprintf(one, sizeof one, "\\u%04x", *p);
        } else if (*p < 0x80) {
            one[0] = (char)*p;
            one[1] = '\0';
        } else {
            /* A multi-byte sequence: copy it whole if valid. */
            uint32_t cp;
            run = utf8_next((const char *)p, strnlen((const char *)p, 4), &cp);
            if (run > 1) {
                memcpy(one, p, run);
                one[run] = '\0';
            } else {
                strcpy(one, "\\ufffd");
                run = 1;
            }
            strbuf_append(sb, one);
            p += run;
            continue;
        }
        strbuf_append(sb, one);
        p++;
    }
    strbuf_append(sb, "\"");
}
