/*
 * Rounding up to an alignment. Alignments are powers of two, which take a
 * mask; anything else (a C bit-field unit, say) takes the division.
 */
#ifndef TL_UTIL_ALIGN_H
#define TL_UTIL_ALIGN_H

#include <stdint.h>

/* x rounded up to a multiple of a (a >= 1); wraps like x + a - 1 does. */
static inline uint64_t tl_align_up(uint64_t x, uint64_t a)
{
	if ((a & (a - 1)) == 0)
		return (x + a - 1) & ~(a - 1);
	return (x + a - 1) / a * a;
}

#endif
