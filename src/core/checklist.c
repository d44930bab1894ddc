/* checklist.c - being written */
typedef int smr_placeholder_checklist;
