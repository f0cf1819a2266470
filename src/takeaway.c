/* takeaway: the help call and the printed handout, for the controller (takeaway.h). */
#include "takeaway.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "bidi.h"
#include "print.h"
#include "util.h"

/* Runs on the help call's thread: SDL_PushEvent is safe from any thread. */
static void help_answered(void *ctx)
{
	const Takeaway *t = ctx;
	SDL_Event e;
	SDL_zero(e);
	e.type = t->help_event;
	SDL_PushEvent(&e);
}

void takeaway_open(Takeaway *t, Kiosk *kiosk, UsageLog *usage, const char *font_dir)
{
	*t = (Takeaway){.kiosk = kiosk, .usage = usage, .font_dir = font_dir};
	Settings *s = &kiosk->settings;
	if (s->print_printer[0]) {
		t->print_event = SDL_RegisterEvents(1);
		if (t->print_event == (Uint32)-1) {
			log_error("no SDL event left for printing: the Print button is off");
			s->print_printer[0] = kiosk->site_settings.print_printer[0] = '\0';
		}
	}
	if (!s->help_webhook[0])
		return;
	t->help_event = SDL_RegisterEvents(1);
	if (t->help_event == (Uint32)-1) {
		log_error("no SDL event left for the help call: the help button is off");
		return;
	}
	HelpCallConfig cfg = {.url = s->help_webhook, .notify = help_answered, .notify_ctx = t};
	t->help = helpcall_create(&cfg);
	kiosk->host.help_call = t->help != NULL;
}

void takeaway_close(Takeaway *t)
{
	if (t->print_job)
		printjob_finish(t->print_job, NULL, 0); /* at most one page being sent */
	t->print_job = NULL;
	helpcall_destroy(t->help);
	t->help = NULL;
	print_shutdown();
}

static void tell_help_state(Takeaway *t, uint64_t now)
{
	InputEvent ev = {.type = IN_HELP_ANSWER, .ms = now, .help_state = (int)helpcall_state(t->help)};
	kiosk_handle(t->kiosk, &ev);
}

/* Who, where, when and which language: never the page or anything the visitor did. */
void takeaway_help(Takeaway *t, uint64_t now)
{
	const Kiosk *k = t->kiosk;
	if (t->help) {
		/* the kiosk's id as in its usage figures and metrics: [kiosk] id, else the host name */
		char host[64] = "kiosk";
		if (k->settings.kiosk_id[0])
			snprintf(host, sizeof(host), "%s", k->settings.kiosk_id);
		else if (gethostname(host, sizeof(host) - 1) != 0)
			snprintf(host, sizeof(host), "%s", "kiosk");
		const char *place = k->settings.help_place[0] ? k->settings.help_place : k->settings.name;
		char *json = helpcall_json(host, place, time(NULL), k->lang->code);
		if (helpcall_press(t->help, SDL_GetTicks64(), json))
			usage_take_away(t->usage, (uint64_t)time(NULL), USAGE_HELP_CALL, k->lang->code,
					k->nav.current.page, true);
		free(json);
	}
	tell_help_state(t, now);
}

/* The page being read as an easy-read handout on the site's printer, on a thread of its own
 * (kiosk_print_done when it is over). */
void takeaway_print(Takeaway *t, uint64_t now)
{
	Kiosk *k = t->kiosk;
	ContentPage *page = kiosk_reading_page(k);
	if (page && k->settings.print_printer[0] && !t->print_job) {
		PrintJobSpec spec = {
			.page = page,
			.url = k->qr_url[0] ? k->qr_url : NULL,
			.council = k->settings.print_council[0] ? k->settings.print_council : k->settings.name,
			.font_dir = t->font_dir,
			.printer = k->settings.print_printer,
			.rtl = lang_is_rtl(k->lang->code),
		};
		t->print_job = printjob_start(&spec, t->print_event);
		snprintf(t->print_page, sizeof(t->print_page), "%s", k->nav.current.page);
		snprintf(t->print_lang, sizeof(t->print_lang), "%s", k->lang->code);
		if (t->print_job)
			return;
		usage_take_away(t->usage, (uint64_t)time(NULL), USAGE_PRINT, t->print_lang, t->print_page, false);
	}
	kiosk_print_done(k, false, now);
}

bool takeaway_event(Takeaway *t, const SDL_Event *e, uint64_t now)
{
	if (t->help && e->type == t->help_event) {
		tell_help_state(t, now);
		return true;
	}
	if (!t->print_job || e->type != t->print_event)
		return false;
	/* the print job is over: the usage figures, and what the visitor is told */
	char why[256];
	bool ok = printjob_finish(t->print_job, why, sizeof(why));
	t->print_job = NULL;
	if (!ok)
		log_error("printing %s on %s failed: %s", t->print_page, t->kiosk->settings.print_printer, why);
	usage_take_away(t->usage, (uint64_t)time(NULL), USAGE_PRINT, t->print_lang, t->print_page, ok);
	kiosk_print_done(t->kiosk, ok, now);
	return true;
}
