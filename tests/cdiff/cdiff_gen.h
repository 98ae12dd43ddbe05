/* The random C record generator of the differential test (cdiff_gen.c). */
#ifndef TL_TESTS_CDIFF_GEN_H
#define TL_TESTS_CDIFF_GEN_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Writes C declarations holding at least `nrecords` records (nested ones
 * count) to `out`; returns how many, -1 when out of memory. */
int cdiff_generate(FILE *out, uint64_t seed, int nrecords);

#endif
