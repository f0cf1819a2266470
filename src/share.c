/* share: the kiosk side of "Take it home" and "Call someone to help me". The pieces live
 * in their own modules (qr.c: the code and its screen; print.c: the handout; helpcall.c:
 * the webhook); this file joins them to the App: which page gets which button, where the
 * code's SVG is kept, what the screens say. Edge module (it posts an SDL event when the
 * help call is answered). Start at share_with_buttons. */
#include <SDL.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app_internal.h"
#include "export.h"
#include "bidi.h"
#include "helpcall.h"
#include "print.h"
#include "qr.h"
#include "screens.h"
#include "util.h"

static bool can_share(const App *app)
{
	return app->settings.share_base_url[0] || app->settings.print_printer[0];
}

/* Runs on the help call's thread: SDL_PushEvent is safe from any thread. */
static void help_answered(void *ctx)
{
	const App *app = ctx;
	SDL_Event e;
	SDL_zero(e);
	e.type = app->help_event;
	SDL_PushEvent(&e);
}

/* A print job: its own copy of everything it reads, so a content reload or the visitor
 * moving on cannot pull anything from under the thread. */
struct PrintJob {
	pthread_t thread;
	ContentPage page;
	char *url, *council, *fonts, *printer;
	char lang[16];
	bool rtl, ok;
	char why[256];
	Uint32 done_event;
};

static void *print_worker(void *arg)
{
	struct PrintJob *job = arg;
	PrintHandout h = {.page = &job->page, .url = job->url, .council = job->council, .font_dir = job->fonts,
			  .rtl = job->rtl};
	job->ok = print_page(&h, job->printer, job->why, sizeof(job->why));
	SDL_Event e;
	SDL_zero(e);
	e.type = job->done_event;
	SDL_PushEvent(&e);
	return NULL;
}

static void print_job_free(struct PrintJob *job)
{
	screens_page_free(&job->page);
	free(job->url);
	free(job->council);
	free(job->fonts);
	free(job->printer);
	free(job);
}

void share_open(App *app)
{
	if (app->settings.print_printer[0]) {
		app->print_event = SDL_RegisterEvents(1);
		if (app->print_event == (Uint32)-1) {
			log_error("no SDL event left for printing: the Print button is off");
			app->settings.print_printer[0] = app->site_settings.print_printer[0] = '\0';
		}
	}
	if (!app->settings.help_webhook[0])
		return;
	app->help_event = SDL_RegisterEvents(1);
	if (app->help_event == (Uint32)-1) {
		log_error("no SDL event left for the help call: the help button is off");
		return;
	}
	HelpCallConfig cfg = {.url = app->settings.help_webhook, .notify = help_answered, .notify_ctx = app};
	app->help = helpcall_create(&cfg);
}

void share_close(App *app)
{
	if (app->print_job) {
		pthread_join(app->print_job->thread, NULL); /* at most one page being sent */
		print_job_free(app->print_job);
		app->print_job = NULL;
	}
	helpcall_destroy(app->help);
	app->help = NULL;
	screens_page_free(&app->share_page);
	print_shutdown();
}

ContentPage *share_with_buttons(App *app, ContentPage *p)
{
	const char *texts[2], *actions[2], *pictures[2];
	size_t n = 0;
	if (p == &app->glossary_page || p == &app->fallback_page)
		return p;
	if (app->help && strcmp(p->name, app->settings.help_page) == 0) {
		texts[n] = app->words.help_call;
		actions[n] = "help";
		pictures[n++] = "service-bell.svg";
	}
	if (can_share(app)) {
		texts[n] = app->words.take_home;
		actions[n] = "take-home";
		pictures[n++] = "page.svg";
	}
	if (n == 0)
		return p;
	screens_page_with_buttons(&app->share_page, p, texts, actions, pictures, n, app->content->images_dir);
	return &app->share_page;
}

/* The code's SVG is cached by address: the same address is the same file, so the renderer's
 * picture cache (keyed by path) never shows a stale code. */
static bool write_svg(App *app, const QrCode *qr)
{
	const char *run = getenv("XDG_RUNTIME_DIR");
	char *dir = run && *run ? xasprintf("%s/easyread-kiosk-qr", run)
				: xasprintf("/tmp/easyread-kiosk-qr-%ld", (long)getuid());
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		log_error("cannot make the folder %s for QR codes: %s", dir, strerror(errno));
		free(dir);
		return false;
	}
	uint32_t h = 2166136261u;
	for (const char *c = app->qr_url; *c; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	snprintf(app->qr_svg, sizeof(app->qr_svg), "%s/%08x-%d.svg", dir, (unsigned)h, qr->size);
	free(dir);
	if (path_is_file(app->qr_svg))
		return true;
	char *svg = qr_svg(qr);
	char *tmp = xasprintf("%s.tmp", app->qr_svg);
	FILE *f = fopen(tmp, "w");
	bool ok = f && fputs(svg, f) >= 0;
	if (f && fclose(f) != 0)
		ok = false;
	if (ok && rename(tmp, app->qr_svg) != 0)
		ok = false;
	if (!ok)
		log_error("cannot write the QR code %s: %s", app->qr_svg, strerror(errno));
	free(tmp);
	free(svg);
	return ok;
}

void share_take_home(App *app)
{
	const char *name = app->nav.current.page;
	ContentPage *page = NULL;
	page_ok(app, name, &page);
	app->qr_modules = 0;
	app->qr_url[0] = '\0';
	if (app->settings.share_base_url[0] && page) {
		char *path = export_page_path(app->content, app->lang, name);
		char *url = qr_page_url(app->settings.share_base_url, path);
		snprintf(app->qr_url, sizeof(app->qr_url), "%s", url);
		free(path);
		free(url);
		QrCode *qr = qr_create(app->qr_url);
		if (qr && write_svg(app, qr))
			app->qr_modules = qr->size;
		qr_destroy(qr);
		log_info("take it home: %s", app->qr_url);
		if (app->qr_modules)
			usage_take_away(app->usage, (uint64_t)time(NULL), USAGE_QR_VIEW, app->lang->code, name, true);
	}
	screens_take_home(&app->screen_page, page && page->title ? page->title : app->words.take_home,
			  app->qr_modules > 0, app->settings.print_printer[0] != '\0', app->share_status, &app->words,
			  app->content->images_dir);
}

LayoutPage *share_layout(App *app, const LayoutParams *params)
{
	return qr_screen(app->page, params, app->qr_modules, app->qr_modules ? app->qr_svg : NULL,
			 &app->qr_module_px);
}

void share_print(App *app)
{
	const char *name = app->nav.current.page;
	ContentPage *page = NULL;
	if (!page_ok(app, name, &page) || !app->settings.print_printer[0])
		return;
	if (app->print_job) {
		app->share_status = app->words.printing; /* one page at a time */
		return;
	}
	struct PrintJob *job = xcalloc(1, sizeof(*job));
	screens_page_with_buttons(&job->page, page, NULL, NULL, NULL, 0, NULL); /* a deep copy */
	job->url = app->qr_url[0] ? xstrdup(app->qr_url) : NULL;
	job->council = xstrdup(app->settings.print_council[0] ? app->settings.print_council : app->settings.name);
	job->fonts = default_font_dir(&app->opt);
	job->printer = xstrdup(app->settings.print_printer);
	snprintf(job->lang, sizeof(job->lang), "%s", app->lang->code);
	job->rtl = lang_is_rtl(app->lang->code);
	job->done_event = app->print_event;
	if (pthread_create(&job->thread, NULL, print_worker, job) != 0) {
		log_error("printing %s on %s failed: no thread for it", name, job->printer);
		usage_take_away(app->usage, (uint64_t)time(NULL), USAGE_PRINT, job->lang, name, false);
		print_job_free(job);
		app->share_status = app->words.print_failed;
		return;
	}
	app->print_job = job;
	app->share_status = app->words.printing;
	log_info("print: drawing %s for %s", name, job->printer);
}

bool share_event(App *app, const SDL_Event *e, const char **say)
{
	*say = NULL;
	if (app->help && e->type == app->help_event)
		return true;
	if (!app->print_job || e->type != app->print_event)
		return false;
	struct PrintJob *job = app->print_job;
	pthread_join(job->thread, NULL);
	app->print_job = NULL;
	if (!job->ok)
		log_error("printing %s on %s failed: %s", job->page.name, job->printer, job->why);
	usage_take_away(app->usage, (uint64_t)time(NULL), USAGE_PRINT, job->lang, job->page.name, job->ok);
	/* "printing" was said at the press; a problem is said when it is known */
	app->share_status = job->ok ? app->words.printing : app->words.print_failed;
	*say = job->ok ? NULL : app->share_status;
	print_job_free(job);
	return true;
}

void share_help_press(App *app)
{
	/* the kiosk's id as in its usage figures and metrics: [kiosk] id, else the host name */
	char host[64] = "kiosk";
	if (app->settings.kiosk_id[0])
		snprintf(host, sizeof(host), "%s", app->settings.kiosk_id);
	else if (gethostname(host, sizeof(host) - 1) != 0)
		snprintf(host, sizeof(host), "%s", "kiosk");
	const char *place = app->settings.help_place[0] ? app->settings.help_place : app->settings.name;
	/* who, where, when and which language: never the page or anything the visitor did */
	char *json = helpcall_json(host, place, time(NULL), app->lang->code);
	if (helpcall_press(app->help, SDL_GetTicks64(), json))
		usage_take_away(app->usage, (uint64_t)time(NULL), USAGE_HELP_CALL, app->lang->code,
				app->nav.current.page, true);
	free(json);
}

void share_help_screen(App *app)
{
	HelpState s = helpcall_state(app->help);
	const char *msg = s == HELP_COMING ? app->words.help_coming
			  : s == HELP_CALLING ? app->words.help_calling
					      : app->words.help_desk;
	screens_help_call(&app->screen_page, msg, &app->words, app->content->images_dir);
}
