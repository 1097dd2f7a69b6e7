/* worker.c - starting and joining a helper thread (see worker.h). */
#include "worker.h"

#include <stdlib.h>
#include <string.h>

bool bd_worker_start(struct bd_worker *w, void *(*fn)(void *), void *arg)
{
	w->running = false;
	if (pthread_mutex_init(&w->lock, NULL) != 0)
		return false;
	if (pthread_cond_init(&w->wake_thread, NULL) == 0) {
		if (pthread_cond_init(&w->wake_caller, NULL) == 0) {
			if (pthread_create(&w->thread, NULL, fn, arg) == 0) {
				w->running = true;
				return true;
			}
			pthread_cond_destroy(&w->wake_caller);
		}
		pthread_cond_destroy(&w->wake_thread);
	}
	pthread_mutex_destroy(&w->lock);
	return false;
}

void bd_worker_join(struct bd_worker *w)
{
	if (!w->running)
		return;
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->wake_caller);
	pthread_cond_destroy(&w->wake_thread);
	pthread_mutex_destroy(&w->lock);
	w->running = false;
}
