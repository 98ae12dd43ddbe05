/* MAP_ANONYMOUS and MADV_HUGEPAGE are not in POSIX 2008 */
#define _DEFAULT_SOURCE 1

#include "util/arena_pages.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)

void *tl_pages_map(size_t *total)
{
#if defined(MAP_ANONYMOUS) && defined(MADV_HUGEPAGE)
	size_t n = (*total + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	if (n < *total)
		return NULL;
	unsigned char *p = mmap(NULL, n + HUGE_PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	uintptr_t at = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	unsigned char *a = (unsigned char *)at;
	if (a > p)
		munmap(p, (size_t)(a - p));
	if (a + n < p + n + HUGE_PAGE)
		munmap(a + n, (size_t)(p + n + HUGE_PAGE - (a + n)));
	madvise(a, n, MADV_HUGEPAGE); /* advice: failure is harmless */
	*total = n;
	return a;
#else
	(void)total;
	return NULL;
#endif
}

void tl_pages_unmap(void *p, size_t total)
{
	munmap(p, total);
}
