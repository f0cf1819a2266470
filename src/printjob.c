/* printjob: the handout printed off the main loop (printjob.h). */
#include "printjob.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "print.h"
#include "screens.h"
#include "util.h"

struct PrintJob {
	pthread_t thread;
	ContentPage page;
	char *url, *council, *fonts, *printer;
	bool rtl, ok;
	char why[256];
	Uint32 done_event;
};

static void *print_worker(void *arg)
{
	PrintJob *job = arg;
	PrintHandout h = {.page = &job->page, .url = job->url, .council = job->council, .font_dir = job->fonts,
			  .rtl = job->rtl};
	job->ok = print_page(&h, job->printer, job->why, sizeof(job->why));
	SDL_Event e;
	SDL_zero(e);
	e.type = job->done_event;
	SDL_PushEvent(&e);
	return NULL;
}

static void job_free(PrintJob *job)
{
	screens_page_free(&job->page);
	free(job->url);
	free(job->council);
	free(job->fonts);
	free(job->printer);
	free(job);
}

PrintJob *printjob_start(const PrintJobSpec *spec, Uint32 done_event)
{
	PrintJob *job = xcalloc(1, sizeof(*job));
	screens_page_with_buttons(&job->page, spec->page, NULL, NULL, NULL, 0, NULL); /* a deep copy */
	job->url = spec->url ? xstrdup(spec->url) : NULL;
	job->council = xstrdup(spec->council);
	job->fonts = xstrdup(spec->font_dir);
	job->printer = xstrdup(spec->printer);
	job->rtl = spec->rtl;
	job->done_event = done_event;
	if (pthread_create(&job->thread, NULL, print_worker, job) != 0) {
		log_error("printing %s on %s failed: no thread for it", spec->page->name, spec->printer);
		job_free(job);
		return NULL;
	}
	log_info("print: drawing %s for %s", spec->page->name, spec->printer);
	return job;
}

bool printjob_finish(PrintJob *job, char *why, size_t why_size)
{
	pthread_join(job->thread, NULL);
	bool ok = job->ok;
	if (why)
		snprintf(why, why_size, "%s", job->why);
	job_free(job);
	return ok;
}
