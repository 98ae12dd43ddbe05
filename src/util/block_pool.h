/*
 * A handful of large arena blocks mapped and faulted in ahead of need by a
 * thread that would otherwise wait (the YAML parser thread when the model
 * builder falls behind it, the report's JSON thread between batches; both
 * through tl_wait_or_work): the kernel zeroes a fresh page when it is first
 * touched, and this takes that off the thread that fills the arena. Arenas
 * using the pool take a block from it before mapping their own. Blocks
 * change hands under the pool's mutex; the pool never blocks anyone.
 */
#ifndef TL_UTIL_BLOCK_POOL_H
#define TL_UTIL_BLOCK_POOL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct tl_block_pool tl_block_pool;

/* A pool of blocks of `block` bytes (a multiple of the huge page); NULL
 * when out of memory. */
tl_block_pool *tl_block_pool_new(size_t block);
/* Unmaps the blocks nobody took. */
void tl_block_pool_free(tl_block_pool *p);
/* Faults in the next part (a huge page) of a block, mapping one if the
 * pool has room for another; the block joins the pool when it is all in.
 * False when the pool is full (or mapping failed). One thread at a time
 * fills a pool. */
bool tl_block_pool_fill(tl_block_pool *p);
/* A prepared block, or NULL if none is ready. */
void *tl_block_pool_take(tl_block_pool *p);

#endif
