/* check_topics.c - see check_topics.h. Each topic has signs: a word, a stem
 * ("bruis*" matches bruise, bruised, bruising) or a phrase of them, each
 * with a weight. Stems only where no common word shares them: "clot" and
 * "numb" are listed whole, or "clothing" and "number" would match. A
 * question repeats a topic when the signs it contains weigh at least
 * REPEATS: one strong sign (2) such as "clot" or "pregnant", or two weak
 * ones (1) such as "sudden" and "strain". Of several topics, the one with
 * the most weight wins (the first on a tie). */
#include "routine/check_topics.h"

#include <stdbool.h>
#include <string.h>

#include "util/i18n.h"

enum { REPEATS = 2, MAX_SIGNS = 8, MAX_WORDS = 64, WORD_BYTES = 32 };

struct sign {
    const char *words; /* space-separated; a trailing '*' makes a word a stem */
    int weight;
};

struct topic_signs {
    struct check_topic topic;
    struct sign signs[MAX_SIGNS]; /* a NULL words ends a shorter list */
};

#define G CHECK_SCOPE_GLOBAL
#define L CHECK_SCOPE_LOCAL

static const struct topic_signs topics[] = {
    {{"fever", G, N_("a fever or acute illness")},
     {{"fever*", 2}, {"flu", 2}, {"acutely ill", 2}, {"ill", 1}, {"illness", 1}, {"unwell", 1},
      {"sick", 1}, {"temperature", 1}}},
    {{"blood-clot", G, N_("a blood clot (DVT)")},
     {{"clot", 2}, {"clots", 2}, {"clotting", 2}, {"dvt", 2}, {"thrombo*", 2}, {"embol*", 2}}},
    {{"bleeding", G, N_("a bleeding disorder or blood thinners")},
     {{"bleed*", 2}, {"blood thinn*", 2}, {"anticoagul*", 2}, {"warfarin", 2},
      {"haemophilia", 2}, {"hemophilia", 2}, {"thinn*", 1}}},
    {{"cancer", G, N_("cancer treatment")},
     {{"cancer*", 2}, {"tumour*", 2}, {"tumor*", 2}, {"chemo*", 2}, {"radiotherap*", 2},
      {"oncolog*", 2}}},
    {{"surgery-fracture", G, N_("recent surgery, a fracture or a cast")},
     {{"surgery", 2}, {"fractur*", 2}, {"broken bone*", 2}, {"cast", 2}, {"operation", 1},
      {"operated", 1}, {"broke*", 1}}},
    {{"hamstring-tear", G, N_("a recent muscle tear")},
     {{"tear", 2}, {"torn", 2}, {"tore", 2}, {"rupture*", 2}, {"sharp pain", 2}, {"sudden*", 1},
      {"strain*", 1}, {"pull*", 1}}},
    {{"lost-feeling", G, N_("lost feeling in the legs")},
     {{"lost feeling", 2}, {"loss of feeling", 2}, {"lose feeling", 2}, {"neuropath*", 2},
      {"diabet*", 2}, {"feeling", 1}, {"sensation", 1}}},
    {{"nerve-signs", G, N_("numbness, tingling or shooting pain")},
     {{"numb", 2}, {"numbness", 2}, {"tingl*", 2}, {"shooting", 2}, {"pins and needles", 2}, {"sciatic*", 2},
      {"nerve*", 1}}},
    {{"pregnancy", G, N_("pregnancy with swollen or painful legs")}, {{"pregnan*", 2}}},
    {{"bruise", L, N_("a bruise")}, {{"bruis*", 2}}},
    {{"skin", L, N_("a wound, skin infection or rash")},
     {{"wound*", 2}, {"rash*", 2}, {"skin infection*", 2}, {"infect*", 1}, {"skin", 1},
      {"cut", 1}, {"graze*", 1}}},
    {{"veins", L, N_("varicose veins")}, {{"varicose", 2}, {"vein*", 2}}},
    {{"swelling", L, N_("swelling or an injection site")},
     {{"swell*", 2}, {"swollen", 2}, {"inject*", 2}, {"puffy", 1}}},
};

#undef G
#undef L

#define N_TOPICS (sizeof topics / sizeof topics[0])

size_t check_topic_count(void) { return N_TOPICS; }

const struct check_topic *check_topic_at(size_t i)
{
    return i < N_TOPICS ? &topics[i].topic : NULL;
}

/* The question as lower-case words: ASCII letters and digits, and every
 * byte of a multi-byte character (so that other scripts stay whole words);
 * everything else separates. Words past MAX_WORDS or WORD_BYTES are cut. */
static size_t split_words(const char *text, char words[][WORD_BYTES])
{
    size_t n = 0, len = 0;
    for (const unsigned char *p = (const unsigned char *)text;; p++) {
        unsigned char ch = *p;
        bool part = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch >= 0x80;
        if (part && n < MAX_WORDS) {
            if (len + 1 < WORD_BYTES)
                words[n][len++] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
            continue;
        }
        if (len > 0 && n < MAX_WORDS) {
            words[n++][len] = '\0';
            len = 0;
        }
        if (!ch)
            return n;
    }
}

/* One word of a sign ("bruis*", "clot") against one of the question's. */
static bool word_matches(const char *sign, size_t sign_len, const char *word)
{
    if (sign_len > 0 && sign[sign_len - 1] == '*')
        return strncmp(word, sign, sign_len - 1) == 0;
    return strlen(word) == sign_len && strncmp(word, sign, sign_len) == 0;
}

/* True when the sign's words follow each other somewhere in the question. */
static bool sign_found(const char *sign, char words[][WORD_BYTES], size_t n)
{
    for (size_t start = 0; start < n; start++) {
        const char *w = sign;
        size_t i = start;
        while (*w && i < n) {
            size_t len = strcspn(w, " ");
            if (!word_matches(w, len, words[i]))
                break;
            w += len;
            w += *w == ' ';
            i++;
        }
        if (!*w)
            return true;
    }
    return false;
}

static int weight_of(const struct topic_signs *t, char words[][WORD_BYTES], size_t n)
{
    int sum = 0;
    for (size_t k = 0; k < MAX_SIGNS && t->signs[k].words; k++)
        if (sign_found(t->signs[k].words, words, n))
            sum += t->signs[k].weight;
    return sum;
}

const struct check_topic *check_topic_repeated(const char *id, const char *question)
{
    for (size_t i = 0; id && i < N_TOPICS; i++)
        if (strcmp(id, topics[i].topic.id) == 0)
            return &topics[i].topic;
    if (!question)
        return NULL;
    char words[MAX_WORDS][WORD_BYTES];
    size_t n = split_words(question, words);
    const struct check_topic *best = NULL;
    int best_weight = REPEATS - 1;
    for (size_t i = 0; i < N_TOPICS; i++) {
        int w = weight_of(&topics[i], words, n);
        if (w > best_weight) {
            best = &topics[i].topic;
            best_weight = w;
        }
    }
    return best;
}
