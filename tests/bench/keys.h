/* keys: terminal key sequences for the benchmark (tests/bench/keys.c). */
#ifndef PLANCON_BENCH_KEYS_H
#define PLANCON_BENCH_KEYS_H

#include <stdbool.h>

/* The bytes terminal termname sends for the key whose terminfo capability
 * is cap ("kcud1", "knp", "kend", ...), in application (keypad-transmit)
 * mode or not. Malloc'd; NULL when unknown. */
char *bench_key(const char *termname, const char *cap, bool app_mode);

#endif
