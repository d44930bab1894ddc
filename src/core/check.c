/* check.c - being written */
typedef int smr_placeholder_check;
