/*
 * Large arena blocks (util only): mappings aligned and advised for
 * transparent huge pages, so a large model takes one page fault per 2 MiB
 * instead of one per 4 KiB.
 */
#ifndef TL_UTIL_ARENA_PAGES_H
#define TL_UTIL_ARENA_PAGES_H

#include <stddef.h>

/* Maps *total bytes (rounded up to a huge page) aligned for huge pages;
 * NULL when mapping failed or is not available. */
void *tl_pages_map(size_t *total);
void tl_pages_unmap(void *p, size_t total);

#endif
