/* printjob: a page drawn as the easy-read handout and sent to the printer on a thread of its
 * own, so the visitor's screen never waits for cairo or CUPS. The page is copied first, so
 * nothing can move under the thread. Edge module (an SDL event says the job is over). */
#ifndef PRINTJOB_H
#define PRINTJOB_H

#include <SDL.h>
#include <stdbool.h>

#include "content.h"

typedef struct PrintJob PrintJob;

typedef struct {
	const ContentPage *page; /* copied */
	const char *url;         /* the page's address for the QR code, or NULL */
	const char *council;     /* the name at the foot */
	const char *font_dir;
	const char *printer;     /* a CUPS queue */
	bool rtl;
} PrintJobSpec;

/* Starts printing; done_event is pushed when the job is over. NULL (logged) when no thread can
 * be made. Finish with printjob_finish after the event, or at exit. */
PrintJob *printjob_start(const PrintJobSpec *spec, Uint32 done_event);
/* Waits for the job's thread and frees the job. Returns whether the page printed; *why (may
 * be NULL) gets the printer's problem. */
bool printjob_finish(PrintJob *job, char *why, size_t why_size);

#endif
