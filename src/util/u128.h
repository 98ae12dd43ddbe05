/* 128-bit integer helpers: decimal formatting and parsing. */
#ifndef TL_UTIL_U128_H
#define TL_UTIL_U128_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "typelayout/model.h"

/* Writes the decimal digits of v into buf (at least 41 bytes); returns buf. */
char *tl_u128_str(tl_u128 v, char *buf);
char *tl_i128_str(tl_i128 v, char *buf);
/* Parses a decimal, 0x, 0o or 0b literal with optional `_` separators.
 * false on overflow or bad digits. */
bool tl_u128_parse(const char *s, size_t n, tl_u128 *out);
/* Writes the decimal digits of v so that they end just before `end`
 * (a buffer of at least 20 bytes before it); returns the digit count. */
size_t tl_u64_digits(char *end, uint64_t v);
/* 2^(8*bytes) - 1 */
tl_u128 tl_u128_max_bytes(unsigned bytes);

#endif
