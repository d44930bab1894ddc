/* wf_fixture.c - see wf_fixture.h. */
#include "wf_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/util.h"

const char wf_default_strips[] =
    "[{\"id\": \"outer\", \"label\": \"Outer strip\", \"muscles\": [\"biceps femoris\"],"
    "  \"line\": \"outer\", \"start_cm\": 10, \"end_cm\": 24, \"move_cm\": 7},"
    " {\"id\": \"inner\", \"label\": \"Inner strip\", \"muscles\": [\"semimembranosus\"],"
    "  \"line\": \"inner\", \"positions_cm\": [10, 16, 23]}]";

char *wf_routine_text(const char *strips, const char *extra)
{
    return xasprintf(
        "{\n"
        "  \"$schema\": \"./schema.json\",\n"
        "  \"format\": \"smr-routine/1\",\n"
        "  \"id\": \"wf-base\",\n"
        "  \"title\": \"Workflow base\",\n"
        "  \"description\": \"A small routine for the workflow tests.\",\n"
        "  \"language\": \"en\",\n"
        "  \"target\": \"hamstrings\",\n"
        "  \"diagram\": \"hamstrings-back\",\n"
        "  \"sides\": [\"left\"],\n"
        "  \"equipment\": [\"A firm spiky ball\"],\n"
        "  \"setup\": [\"Sit on a chair.\"],\n"
        "  \"cycle\": [\n"
        "    {\"kind\": \"stretch\", \"title\": \"Settle\", \"instruction\": \"Rest the leg.\", \"duration_s\": 4},\n"
        "    {\"kind\": \"hold\", \"title\": \"Hold\", \"instruction\": \"Hold it.\", \"duration_s\": 11, \"countdown\": 3},\n"
        "    {\"kind\": \"move\", \"title\": \"Move\", \"instruction\": \"Move the ball.\", \"duration_s\": 5}\n"
        "  ],\n"
        "  \"strips\": %s%s%s\n"
        "}\n",
        strips ? strips : wf_default_strips, extra && extra[0] ? ",\n  " : "", extra ? extra : "");
}

char *wf_tempdir(void)
{
    char *dir = xstrdup("/tmp/smr-wf-XXXXXX");
    if (!mkdtemp(dir))
        fail_msg("mkdtemp failed");
    return dir;
}

void wf_rmdir(const char *dir)
{
    char *cmd = xasprintf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        print_message("could not remove %s\n", dir);
    free(cmd);
}

char *wf_write(const char *dir, const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    return path;
}

char *wf_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct strbuf sb = {0};
    strbuf_append(&sb, "");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf - 1, f)) > 0) {
        buf[n] = '\0';
        strbuf_append(&sb, buf);
    }
    fclose(f);
    return sb.data;
}
