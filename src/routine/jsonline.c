/* jsonline.c - see jsonline.h. cJSON reads the object; the text must end
 * where the object does (trailing garbage makes a damaged line, not a
 * record). */
#include "routine/jsonline.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

struct jsonline {
    cJSON *root;
};

struct jsonline *jsonline_create(const char *text, size_t len)
{
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, false);
    if (!root || !cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return NULL;
    }
    for (const char *p = end; p && p < text + len; p++) {
        if (!isspace((unsigned char)*p)) {
            cJSON_Delete(root);
            return NULL;
        }
    }
    struct jsonline *j = xmalloc(sizeof *j);
    j->root = root;
    return j;
}

void jsonline_destroy(struct jsonline *j)
{
    if (!j)
        return;
    cJSON_Delete(j->root);
    free(j);
}

static const cJSON *get(const struct jsonline *j, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(j->root, key);
}

static const char *valid_string(const cJSON *v)
{
    if (!cJSON_IsString(v) || !utf8_valid(v->valuestring, strlen(v->valuestring)))
        return NULL;
    return v->valuestring;
}

const char *jsonline_string(const struct jsonline *j, const char *key)
{
    return valid_string(get(j, key));
}

bool jsonline_number(const struct jsonline *j, const char *key, double *out)
{
    const cJSON *v = get(j, key);
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
        return false;
    *out = v->valuedouble;
    return true;
}

bool jsonline_is_null(const struct jsonline *j, const char *key)
{
    return cJSON_IsNull(get(j, key));
}

size_t jsonline_list_size(const struct jsonline *j, const char *key)
{
    const cJSON *v = get(j, key);
    return cJSON_IsArray(v) ? (size_t)cJSON_GetArraySize(v) : 0;
}

const char *jsonline_list_string(const struct jsonline *j, const char *key, size_t i)
{
    const cJSON *v = get(j, key);
    if (!cJSON_IsArray(v) || i > (size_t)INT32_MAX)
        return NULL;
    return valid_string(cJSON_GetArrayItem(v, (int)i));
}
