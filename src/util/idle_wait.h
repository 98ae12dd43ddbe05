/*
 * Waiting for another thread, with something useful to do meanwhile (the
 * YAML parser thread and the report's JSON thread fault in arena blocks
 * while they wait, block_pool.h). The lock is let go during that work, so
 * the condition is read again after each piece of it: a change made and
 * broadcast meanwhile, which nobody was waiting to hear, must not be slept
 * through.
 */
#ifndef TL_UTIL_IDLE_WAIT_H
#define TL_UTIL_IDLE_WAIT_H

#include <pthread.h>
#include <stdbool.h>

/* Returns, holding `lock` as on entry, once ready(arg) holds. Until then
 * it runs work(arg) with the lock let go, for as long as work returns true
 * (work may be NULL), and then sleeps on `cv`. */
void tl_wait_or_work(pthread_mutex_t *lock, pthread_cond_t *cv,
		     bool (*ready)(void *arg), bool (*work)(void *arg),
		     void *arg);

#endif
