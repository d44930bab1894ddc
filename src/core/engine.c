/* engine.c - being written */
typedef int smr_placeholder_engine;
