#include "util/idle_wait.h"

void tl_wait_or_work(pthread_mutex_t *lock, pthread_cond_t *cv,
		     bool (*ready)(void *arg), bool (*work)(void *arg),
		     void *arg)
{
	bool can_work = work != NULL;
	while (!ready(arg)) {
		if (can_work) {
			pthread_mutex_unlock(lock);
			can_work = work(arg);
			pthread_mutex_lock(lock);
			continue; /* read the state again */
		}
		pthread_cond_wait(cv, lock);
	}
}
