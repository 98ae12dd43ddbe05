/* Growable arrays of scratch memory (malloc), git's ALLOC_GROW idea. */
#ifndef TL_UTIL_VEC_H
#define TL_UTIL_VEC_H

#include <stdbool.h>
#include <stdlib.h>

#include "util/bigmem.h"

/* Makes room for `need` elements in (*items, *cap); false on overflow/OOM. */
static inline bool tl_grow(void **items, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return true;
	size_t cap2 = *cap ? *cap : 8;
	while (cap2 < need) {
		if (cap2 > ((size_t)-1) / 2 / elem)
			return false;
		cap2 *= 2;
	}
	void *p = realloc(*items, cap2 * elem);
	if (!p)
		return false;
	*items = p;
	*cap = cap2;
	tl_advise_big(p, cap2 * elem);
	return true;
}

#define TL_VEC(T) struct { T *items; size_t len, cap; }
#define TL_VEC_PUSH(v, x)                                                     \
	(tl_grow((void **)&(v).items, &(v).cap, (v).len + 1,                  \
		 sizeof(*(v).items)) ?                                        \
		 ((v).items[(v).len++] = (x), true) :                         \
		 false)
#define TL_VEC_FREE(v) (free((v).items), (v).items = NULL, (v).len = (v).cap = 0)

#endif
