/* limits.h - every number a routine is checked against. */
#pragma once

#define MAX_LIST_ITEMS 20 /* equipment, setup, next, muscles, checklist */
#define MAX_PHASES 12
#define MAX_STRIPS 20
#define MIN_PHASE_S 1.0 /* shorter is nothing a person can follow */
#define MAX_PHASE_S 300.0
#define MAX_ID_BYTES 64

#define HOLD_MIN_S 5.0
#define HOLD_MAX_S 30.0
#define HOLD_GOOD_MIN_S 10.0
#define HOLD_GOOD_MAX_S 12.0
#define MOVE_MIN_CM 3.0
#define MOVE_MAX_CM 15.0
#define MOVE_GOOD_MIN_CM 5.0
#define MOVE_GOOD_MAX_CM 10.0
#define LONG_SESSION_MS (30u * 60u * 1000u)
