/*
 * A handful of large arena blocks mapped and faulted in ahead of need: the
 * kernel zeroes a fresh page when it is first touched, which on a virtual
 * machine costs a millisecond or more per MiB, and this takes that off the
 * threads that fill the arenas. A thread of its own does it, at idle
 * priority (SCHED_IDLE): it runs only on a core nobody else wants (while
 * the model builder waits for the YAML parser, say), so it never delays
 * the work, and the kernel preempts it even in the middle of zeroing a
 * huge page. Arenas using the pool take a block from it before mapping
 * their own. Blocks change hands under the pool's mutex.
 */
#ifndef TL_UTIL_BLOCK_POOL_H
#define TL_UTIL_BLOCK_POOL_H

#include <stddef.h>

typedef struct tl_block_pool tl_block_pool;

/* A pool of blocks of `block` bytes (a multiple of the huge page) and its
 * filler thread; NULL when out of memory or when no idle-priority thread
 * can be started. */
tl_block_pool *tl_block_pool_new(size_t block);
/* Stops the filler, which then unmaps the blocks nobody took and frees
 * the pool (without waiting for it to finish a page). */
void tl_block_pool_free(tl_block_pool *p);
/* A prepared block, or NULL if none is ready. */
void *tl_block_pool_take(tl_block_pool *p);

#endif
