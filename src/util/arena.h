/*
 * A bump allocator: linked blocks, allocations aligned for any object and
 * zero-filled, nothing freed until tl_arena_release. In debug mode (the
 * sanitizer build) every allocation is its own malloc so ASan sees overruns.
 */
#ifndef TL_UTIL_ARENA_H
#define TL_UTIL_ARENA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct tl_arena_block tl_arena_block;

struct tl_block_pool;

/* The size of an arena's largest blocks (mapped, huge pages). */
#define TL_ARENA_BLOCK ((size_t)4 << 20)

typedef struct tl_arena {
	tl_arena_block *head;
	tl_arena_block *spare;  /* emptied blocks taken over (tl_arena_adopt) */
	struct tl_block_pool *pool; /* prepared large blocks, or NULL */
	size_t next_size;
	size_t used;      /* bytes handed out, for statistics */
	void **debug;     /* debug mode: every allocation */
	size_t ndebug;
	size_t capdebug;
} tl_arena;

void tl_arena_init(tl_arena *a);
void tl_arena_release(tl_arena *a);
/* Forgets every allocation but keeps the newest (largest) block for reuse:
 * scratch memory that is filled and dropped once per item. */
void tl_arena_clear(tl_arena *a);

/* A point in an arena to go back to: scratch memory used in stack order,
 * every function that takes a mark rewinding to it before it returns, so
 * memory made after the mark is used again by the next caller. */
typedef struct tl_arena_mark {
	tl_arena_block *block; /* the newest block then, NULL if none */
	size_t pos;            /* its fill then */
	size_t used;
	size_t ndebug;
} tl_arena_mark;

tl_arena_mark tl_arena_get_mark(const tl_arena *a);
/* Ends every allocation made since `m`; the blocks taken since are kept
 * for reuse. */
void tl_arena_rewind(tl_arena *a, tl_arena_mark m);

/* The arena will hold about `bytes` more: when that fills a large block,
 * its next blocks are large ones (mapped, in huge pages, from the pool if
 * it has one) at once, instead of growing from a few KiB through blocks
 * faulted in page by page. */
void tl_arena_expect(tl_arena *a, size_t bytes);

/* Takes large blocks from `pool` (block_pool.h) before mapping its own,
 * while it is set (NULL ends it; the pool must outlive its use). */
void tl_arena_use_pool(tl_arena *a, struct tl_block_pool *pool);

/* Ends every allocation of `from` and hands its memory to `into`, which
 * fills it before asking for new memory: memory already faulted in is
 * used again. `from` is left empty. (Debug mode: `from`'s allocations are
 * freed, so ASan reports any use after this.) */
void tl_arena_adopt(tl_arena *into, tl_arena *from);

/* Zero-filled memory for `n` bytes; NULL when out of memory. */
void *tl_arena_alloc(tl_arena *a, size_t n);
/* Zero-filled array of `count` elements of `size` bytes, overflow-checked. */
void *tl_arena_array(tl_arena *a, size_t count, size_t size);
/* The same without the zeroes, for memory the caller writes in full
 * before it reads any (memory used before, scratch memory, is otherwise
 * cleared first). */
void *tl_arena_array_raw(tl_arena *a, size_t count, size_t size);
void *tl_arena_memdup(tl_arena *a, const void *p, size_t n);
char *tl_arena_strndup(tl_arena *a, const char *s, size_t n);
char *tl_arena_strdup(tl_arena *a, const char *s);

#endif
