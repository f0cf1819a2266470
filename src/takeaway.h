/* takeaway: the host's side of "Take it home" and "Call someone to help me": the help call
 * (helpcall.c, its own thread) and the printed handout (printjob.c, its own thread). The
 * controller asks for them as effects (FX_HELP_CALL, FX_PRINT); their answers arrive as SDL
 * events, which takeaway_event turns back into what the controller hears. Edge module. */
#ifndef TAKEAWAY_H
#define TAKEAWAY_H

#include <SDL.h>

#include "helpcall.h"
#include "kiosk.h"
#include "printjob.h"
#include "usage.h"

typedef struct {
	Kiosk *kiosk;           /* borrowed */
	UsageLog *usage;        /* borrowed; NULL: no usage figures */
	const char *font_dir;   /* borrowed: for the handout */
	HelpCall *help;         /* NULL: no [help] webhook */
	Uint32 help_event;      /* the help call's answer came (posted by its thread) */
	PrintJob *print_job;    /* a page being drawn and sent on its own thread, or NULL */
	char print_page[128], print_lang[16]; /* ... which page, for the usage figures */
	Uint32 print_event;     /* that job is over (posted by its thread) */
} Takeaway;

/* Sets up the help call and printing the kiosk's settings ask for (kiosk->host.help_call
 * tells the controller whether there is a help call). */
void takeaway_open(Takeaway *t, Kiosk *kiosk, UsageLog *usage, const char *font_dir);
/* Waits for a page being printed, then frees everything. */
void takeaway_close(Takeaway *t);

/* FX_HELP_CALL: calls (unless a call started within a minute) and tells the controller the
 * call's state. FX_PRINT: starts printing the page being read. */
void takeaway_help(Takeaway *t, uint64_t now);
void takeaway_print(Takeaway *t, uint64_t now);

/* A help call's answer or a print job's end: tells the controller and returns true. */
bool takeaway_event(Takeaway *t, const SDL_Event *e, uint64_t now);

#endif
