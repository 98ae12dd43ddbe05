/*
 * Large arena blocks (util only): mappings aligned and advised for
 * transparent huge pages, and a helper thread that prepares the next
 * blocks -- maps them and faults them in, which is where the kernel
 * zeroes them -- while a core is idle, so the thread that fills the
 * arena does not stop for that. The helper only maps and touches memory;
 * blocks change hands under its mutex.
 */
#ifndef TL_UTIL_ARENA_PAGES_H
#define TL_UTIL_ARENA_PAGES_H

#include <stdbool.h>
#include <stddef.h>

/* Maps *total bytes (rounded up to a huge page) aligned for huge pages;
 * NULL when mapping failed or is not available. */
void *tl_pages_map(size_t *total);
void tl_pages_unmap(void *p, size_t total);

typedef struct tl_pages_supply tl_pages_supply;

/* Starts a helper that keeps a few blocks of `block` bytes (a multiple
 * of the huge page) mapped and faulted in; NULL if it cannot start. */
tl_pages_supply *tl_pages_supply_start(size_t block);
/* A prepared block of the supply's size, or NULL if none is ready. */
void *tl_pages_supply_take(tl_pages_supply *s);
/* Stops the helper and unmaps the blocks nobody took. */
void tl_pages_supply_stop(tl_pages_supply *s);

#endif
