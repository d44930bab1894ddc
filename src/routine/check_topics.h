/* check_topics.h - what each built-in checklist question is about, as the
 * words a routine's own question would use to ask the same thing, so that
 * the validator can merge or refuse a routine question that repeats one (two
 * near-identical questions make a long checklist longer and invite answering
 * without reading).
 *
 * The built-in questions themselves live in src/session/checklist.c; this is
 * data about them kept in src/routine because the validator runs it and
 * src/routine may not use src/session (tests/arch.py). tests/session/
 * test_check_topics.c keeps the two in step: every built-in id has a topic
 * here with the same scope, and every built-in question is recognised as
 * repeating its own topic. The words are English, like the built-in
 * questions as written; a routine in another language is not compared. */
#pragma once

#include <stddef.h>

#include "routine/routine.h"

struct check_topic {
    const char *id;    /* the built-in item's id in src/session/checklist.c */
    enum check_scope scope;
    const char *about; /* N_(): a few words naming the topic in a message */
};

size_t check_topic_count(void);
const struct check_topic *check_topic_at(size_t i); /* NULL past the end */

/* The built-in topic a routine item with this id and question repeats (the
 * same id, or enough of the topic's words), or NULL. Either may be NULL. */
const struct check_topic *check_topic_repeated(const char *id, const char *question);
