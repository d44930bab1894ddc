/* test_utf8.c - util's one UTF-8 decoder, which every text check of a routine
 * (and the JSON escaping of the history) stands on: lengths, code points, and
 * every way a sequence can be broken. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/util.h"

struct seq {
    const char *bytes;
    size_t len;  /* bytes available */
    size_t want; /* the length utf8_next() returns; 0: invalid */
    uint32_t cp;
};

static void test_next(void **state)
{
    (void)state;
    static const struct seq rows[] = {
        {"A", 1, 1, 'A'},
        {"\0", 1, 1, 0},
        {"\x7f", 1, 1, 0x7F},
        {"\xc3\xa9", 2, 2, 0xE9},             /* é */
        {"\xc3\xa9x", 3, 2, 0xE9},            /* only the first character */
        {"\xe2\x82\xac", 3, 3, 0x20AC},       /* € */
        {"\xf0\x9f\x98\x80", 4, 4, 0x1F600},  /* an emoji */
        {"\xf4\x8f\xbf\xbf", 4, 4, 0x10FFFF}, /* the last code point */
        {"", 0, 0, 0},                        /* nothing there */
        {"\xc3", 1, 0, 0},                    /* cut short */
        {"\xe2\x82", 2, 0, 0},
        {"\xe2\x82\xac", 2, 0, 0}, /* cut short by len */
        {"\x80", 1, 0, 0},         /* a lone continuation byte */
        {"\xc3x", 2, 0, 0},        /* no continuation */
        {"\xc0\xaf", 2, 0, 0},     /* overlong '/' */
        {"\xe0\x80\xaf", 3, 0, 0},
        {"\xf0\x80\x80\xaf", 4, 0, 0},
        {"\xed\xa0\x80", 3, 0, 0},         /* a surrogate */
        {"\xf4\x90\x80\x80", 4, 0, 0},     /* past U+10FFFF */
        {"\xf8\x88\x80\x80\x80", 5, 0, 0}, /* 5-byte forms are gone */
        {"\xff", 1, 0, 0},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        uint32_t cp = 0xDEAD;
        size_t n = utf8_next(rows[i].bytes, rows[i].len, &cp);
        if (n != rows[i].want || (n && cp != rows[i].cp))
            fail_msg("row %zu: got %zu (U+%04X), want %zu (U+%04X)", i, n, (unsigned)cp,
                     rows[i].want, (unsigned)rows[i].cp);
    }
}

static void test_valid(void **state)
{
    (void)state;
    const char *ok = "Oberschenkel: 10 cm \xe2\x86\x92 31 cm, \xc3\xa9t\xc3\xa9";
    assert_true(utf8_valid(ok, strlen(ok)));
    assert_true(utf8_valid("", 0));
    assert_false(utf8_valid("abc\xc3", 4));
    assert_false(utf8_valid("\xed\xbf\xbf", 3));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_next),
        cmocka_unit_test(test_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
