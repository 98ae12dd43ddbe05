/* MADV_HUGEPAGE is not in POSIX 2008 */
#define _DEFAULT_SOURCE 1

#include "util/bigmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#define HUGE_PAGE ((uintptr_t)2 << 20)
/* smaller blocks gain little and may share pages with other data */
#define BIG ((size_t)4 << 20)

void tl_advise_big(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
	if (!p || bytes < BIG)
		return;
	uintptr_t start = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	uintptr_t end = ((uintptr_t)p + bytes) & ~(HUGE_PAGE - 1);
	if (end > start)
		madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
	(void)p;
	(void)bytes;
#endif
}

void *tl_calloc_big(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (p)
		tl_advise_big(p, n * size); /* calloc checked n * size */
	return p;
}
