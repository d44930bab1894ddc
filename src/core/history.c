/* history.c - being written */
typedef int smr_placeholder_history;
