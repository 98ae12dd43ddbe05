/*
 * Large tables (hash slots, per-type arrays) in memory advised for
 * transparent huge pages: for a million types they are tens of megabytes
 * read at random, and with 4 KiB pages nearly every probe also misses the
 * TLB. Advice only: where huge pages are off, this is plain calloc.
 */
#ifndef TL_UTIL_BIGMEM_H
#define TL_UTIL_BIGMEM_H

#include <stddef.h>

/* calloc(), advised for huge pages when the block is large. */
void *tl_calloc_big(size_t n, size_t size);
/* Advises the huge-page-aligned middle of a large malloc'd block. */
void tl_advise_big(void *p, size_t bytes);

#endif
