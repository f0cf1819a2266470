/* app: the kiosk's window and main loop. The visit itself is the controller (kiosk.c, no
 * SDL); this file turns SDL events into kiosk events, carries out the effects the controller
 * asks for (speech, reloading content, quitting), and draws the screen it lays out.
 *
 * The loop is boring on purpose: wait for an event or the next timer, hand it to
 * kiosk_handle, carry out the effects, redraw only when something changed. An idle kiosk
 * sits in SDL_WaitEvent and uses no CPU. Start reading at app_run. */
#include "app.h"

#include "config.h"

#include <SDL.h>
#include <SDL_image.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "bidi.h"
#include "helpcall.h"
#include "input.h"
#include "kiosk.h"
#include "monkey.h"
#include "print.h"
#include "printjob.h"
#include "render.h"
#include "service.h"
#include "speech.h"
#include "stopsig.h"
#include "theme.h"
#include "tts.h"
#include "usage.h"
#include "util.h"
#include "watch.h"

/* How often the loop wakes while speech plays, to move the word highlight: 30 ms keeps the
 * lit word within a frame or two of the voice and costs nothing when nobody listens. */
#define SPEECH_TICK_MS 30

typedef struct {
	AppOptions opt;
	Kiosk *kiosk;
	SDL_Window *window;
	SDL_Renderer *sdl;
	Render *render;
	int w, h;
	Tts *tts;
	Speech *speech;
	Input *input;
	UsageLog *usage;
	Watch *watch;             /* content/ and images/ changed on disk: an SDL event */
	Service *service;         /* systemd notify and watchdog, metrics, sound hot-plug */
	HelpCall *help;           /* NULL: no [help] webhook */
	Uint32 help_event;        /* the help call's answer came (posted by its thread) */
	PrintJob *print_job;      /* a page being drawn and sent on its own thread, or NULL */
	char print_page_name[128], print_lang[16]; /* ... which page, for the usage figures */
	Uint32 print_event;       /* that job is over (posted by its thread) */
	Uint32 reload_event;
	uint64_t clock_jump;      /* the monkey test moves the kiosk's clock forward */
	int monkey_quiet;         /* batches with no input still to come */
	bool monkey_measure;      /* measure memory after the next frame */
	long monkey_rss_1000;
	int monkey_w, monkey_h;
	unsigned long frames;
	Uint64 start_ticks;
	bool running;
} App;

/* The kiosk's clock for timers (idle, scanning). --time-scale speeds it up for tests; speech
 * and audio keep real time. */
static uint64_t app_now(const App *app)
{
	uint64_t t = SDL_GetTicks64();
	return (app->opt.time_scale > 1 ? t * (uint64_t)app->opt.time_scale : t) + app->clock_jump;
}

/* ---- effects: what the controller asked for ---- */

/* The folders to watch and the switch keys come from the content and its settings: set up
 * again after every reload. */
static void configure_edge(App *app)
{
	watch_destroy(app->watch);
	app->watch = NULL;
	if (app->reload_event != (Uint32)-1) {
		const char *dirs[2] = {app->opt.content_dir, app->kiosk->content->images_dir};
		app->watch = watch_create(dirs, 2, app->reload_event);
	}
	input_destroy(app->input);
	app->input = input_create(&app->kiosk->settings);
	input_set_keyboard_mode(app->input, app->kiosk->keyboard_mode);
}

/* RenderPictureFn: the current content's kept bytes of a picture (content_keep_pictures). */
static const void *kept_picture(void *ctx, const char *path, size_t *len)
{
	const App *app = ctx;
	return content_picture(app->kiosk->content, path, len);
}

static int min_body_px(void *render, int screen_w, double panel_mm, double distance_mm)
{
	return render_min_body_px(render, screen_w, panel_mm, distance_mm);
}

static void apply_speech_settings(App *app)
{
	const Kiosk *k = app->kiosk;
	if (!app->speech)
		return;
	speech_set_voice(app->speech, settings_voice(&k->settings, k->lang->code));
	speech_set_rate(app->speech, settings_speech_wpm(&k->settings));
	speech_set_volume(app->speech, k->settings.volume);
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

static void help_open(App *app)
{
	Settings *s = &app->kiosk->settings;
	if (s->print_printer[0]) {
		app->print_event = SDL_RegisterEvents(1);
		if (app->print_event == (Uint32)-1) {
			log_error("no SDL event left for printing: the Print button is off");
			s->print_printer[0] = app->kiosk->site_settings.print_printer[0] = '\0';
		}
	}
	if (!s->help_webhook[0])
		return;
	app->help_event = SDL_RegisterEvents(1);
	if (app->help_event == (Uint32)-1) {
		log_error("no SDL event left for the help call: the help button is off");
		return;
	}
	HelpCallConfig cfg = {.url = s->help_webhook, .notify = help_answered, .notify_ctx = app};
	app->help = helpcall_create(&cfg);
	app->kiosk->host.help_call = app->help != NULL;
}

/* Who, where, when and which language: never the page or anything the visitor did. */
static void help_press(App *app)
{
	const Kiosk *k = app->kiosk;
	/* the kiosk's id as in its usage figures and metrics: [kiosk] id, else the host name */
	char host[64] = "kiosk";
	if (k->settings.kiosk_id[0])
		snprintf(host, sizeof(host), "%s", k->settings.kiosk_id);
	else if (gethostname(host, sizeof(host) - 1) != 0)
		snprintf(host, sizeof(host), "%s", "kiosk");
	const char *place = k->settings.help_place[0] ? k->settings.help_place : k->settings.name;
	char *json = helpcall_json(host, place, time(NULL), k->lang->code);
	if (helpcall_press(app->help, SDL_GetTicks64(), json))
		usage_take_away(app->usage, (uint64_t)time(NULL), USAGE_HELP_CALL, k->lang->code, k->nav.current.page,
				true);
	free(json);
}

/* The page being read as an easy-read handout on the site's printer, on a thread of its own
 * (kiosk_print_done when it is over). False when it cannot even start. */
static bool print_start(App *app)
{
	Kiosk *k = app->kiosk;
	ContentPage *page = kiosk_reading_page(k);
	if (!page || !k->settings.print_printer[0])
		return false;
	char *fonts = default_font_dir(&app->opt);
	PrintJobSpec spec = {
		.page = page,
		.url = k->qr_url[0] ? k->qr_url : NULL,
		.council = k->settings.print_council[0] ? k->settings.print_council : k->settings.name,
		.font_dir = fonts,
		.printer = k->settings.print_printer,
		.rtl = lang_is_rtl(k->lang->code),
	};
	app->print_job = printjob_start(&spec, app->print_event);
	free(fonts);
	snprintf(app->print_page_name, sizeof(app->print_page_name), "%s", k->nav.current.page);
	snprintf(app->print_lang, sizeof(app->print_lang), "%s", k->lang->code);
	if (!app->print_job)
		usage_take_away(app->usage, (uint64_t)time(NULL), USAGE_PRINT, app->print_lang, app->print_page_name, false);
	return app->print_job != NULL;
}

/* The print job is over: the usage figures, and what the visitor is told. */
static void print_end(App *app)
{
	char why[256];
	bool ok = printjob_finish(app->print_job, why, sizeof(why));
	app->print_job = NULL;
	if (!ok)
		log_error("printing %s on %s failed: %s", app->print_page_name, app->kiosk->settings.print_printer, why);
	usage_take_away(app->usage, (uint64_t)time(NULL), USAGE_PRINT, app->print_lang, app->print_page_name, ok);
	kiosk_print_done(app->kiosk, ok, app_now(app));
}

/* Carries out the queued effects. The list is taken whole first: a reload gives the
 * controller new content, and what it queues then is carried out in the next round. */
static void run_effects(App *app)
{
	Kiosk *k = app->kiosk;
	while (k->fx.count > 0) {
		Effects fx = k->fx;
		k->fx.count = 0;
		for (size_t i = 0; i < fx.count; i++) {
			Effect *e = &fx.items[i];
			switch (e->type) {
			case FX_SAY:
				if (app->speech) {
					/* speech owns both now */
					speech_say_recorded(app->speech, e->narration, e->recordings);
				} else {
					narration_destroy(e->narration);
					free(e->recordings);
				}
				break;
			case FX_STOP_SPEECH:
				if (app->speech)
					speech_stop(app->speech);
				break;
			case FX_PAUSE_SPEECH:
				if (app->speech)
					speech_pause(app->speech, e->flag);
				break;
			case FX_SPEECH_SETTINGS:
				apply_speech_settings(app);
				break;
			case FX_CLEAR_CACHE:
				render_clear_cache(app->render);
				break;
			case FX_KEYBOARD_MODE:
				input_set_keyboard_mode(app->input, e->flag);
				break;
			case FX_RELOAD:
				kiosk_reload(k, content_reload(k->content, NULL), app_now(app));
				configure_edge(app);
				if (app->service)
					service_content_loaded(app->service, app->opt.content_dir,
							       (long)diag_count(&k->content->diags, DIAG_ERROR));
				break;
			case FX_QUIT:
				app->running = false;
				break;
			case FX_PRINT:
				if (!print_start(app))
					kiosk_print_done(k, false, app_now(app));
				break;
			case FX_HELP_CALL: {
				if (app->help)
					help_press(app);
				InputEvent ev = {.type = IN_HELP_ANSWER, .ms = app_now(app),
						 .help_state = (int)helpcall_state(app->help)};
				kiosk_handle(k, &ev);
				break;
			}
			case FX_PREFETCH:
				if (app->speech) /* speech owns the recordings now */
					speech_prefetch(app->speech, e->recordings, e->count);
				else
					effect_free_say(e);
				break;
			case FX_VISIT_STARTED:
				if (app->service)
					service_visit(app->service);
				break;
			}
		}
	}
}

static void handle(App *app, const InputEvent *ev)
{
	kiosk_handle(app->kiosk, ev);
	run_effects(app);
}

/* What speech is doing now, for the word highlight and the speech buttons. */
static void speech_tick(App *app)
{
	if (!app->speech || (!speech_active(app->speech) && !app->kiosk->voice_active))
		return;
	SpeechHighlight hl;
	InputEvent ev = {.type = IN_SPEECH, .ms = app_now(app), .speech_box = app->kiosk->st.reading_box,
			 .speech_offset = app->kiosk->st.word_offset, .speech_len = app->kiosk->st.word_len};
	if (speech_update(app->speech, kiosk_screen(app->kiosk), &hl)) {
		ev.speech_box = hl.box;
		ev.speech_offset = hl.offset;
		ev.speech_len = hl.len;
	}
	ev.speech_active = speech_active(app->speech);
	ev.speech_paused = ev.speech_active && speech_paused(app->speech);
	handle(app, &ev);
}

/* The staff PIN pad takes the digits, Backspace, Enter and Escape while it is shown. */
static bool pin_key(const SDL_Event *e, InputEvent *ev)
{
	if (e->type != SDL_KEYDOWN)
		return false;
	SDL_Keycode k = e->key.keysym.sym;
	*ev = (InputEvent){.type = IN_KEY};
	if (k >= SDLK_0 && k <= SDLK_9) {
		ev->key = KEY_PIN_DIGIT;
		ev->digit = (int)(k - SDLK_0);
	} else if (k >= SDLK_KP_1 && k <= SDLK_KP_9) {
		ev->key = KEY_PIN_DIGIT;
		ev->digit = (int)(k - SDLK_KP_1) + 1;
	} else if (k == SDLK_KP_0) {
		ev->key = KEY_PIN_DIGIT;
	} else if (k == SDLK_BACKSPACE) {
		ev->key = KEY_PIN_DELETE;
	} else if (k == SDLK_RETURN || k == SDLK_KP_ENTER) {
		ev->key = KEY_PIN_OK;
	} else if (k == SDLK_ESCAPE) {
		ev->key = KEY_PIN_CANCEL;
	} else {
		return false;
	}
	return true;
}

/* One SDL event for the controller (or for the host itself: sound devices, reloads). */
static void pump(App *app, const SDL_Event *e)
{
	InputEvent ev;
	if (e->type == SDL_AUDIODEVICEREMOVED && !e->adevice.iscapture && app->speech) {
		speech_audio_lost(app->speech);
		ev = (InputEvent){.type = IN_SPEECH, .ms = app_now(app), .speech_box = -1};
		ev.speech_active = speech_active(app->speech);
		handle(app, &ev);
		return;
	}
	if (e->type == render_picture_event(app->render) && e->type != 0) {
		app->kiosk->dirty = true; /* a picture finished decoding: draw it */
		return;
	}
	if (app->print_job && e->type == app->print_event) {
		print_end(app);
		run_effects(app);
		return;
	}
	if (app->help && e->type == app->help_event) {
		ev = (InputEvent){.type = IN_HELP_ANSWER, .ms = app_now(app), .help_state = (int)helpcall_state(app->help)};
		handle(app, &ev);
		return;
	}
	if (app->watch && e->type == app->reload_event) {
		ev = (InputEvent){.type = IN_CONTENT_CHANGED, .ms = app_now(app)};
		handle(app, &ev);
		return;
	}
	bool translated = app->kiosk->mode == MODE_PIN && pin_key(e, &ev);
	if (!translated && !input_translate(app->input, e, app->w, app->h, &ev))
		return;
	ev.ms = app_now(app); /* one clock for input and timers */
	if (app->service && (ev.type == IN_POINTER_DOWN || ev.type == IN_KEY || (ev.type == IN_SWITCH && ev.down)))
		service_input(app->service); /* a visitor's press, for the health metrics */
	if (ev.type == IN_RESIZED) {
		SDL_GetRendererOutputSize(app->sdl, &app->w, &app->h);
		ev.w = app->w;
		ev.h = app->h;
	}
	if (getenv("KIOSK_DEBUG_INPUT"))
		log_info("input %d at %d,%d mode %s", ev.type, ev.x, ev.y, kiosk_mode_names[app->kiosk->mode]);
	handle(app, &ev);
}

/* ---- drawing ---- */

static const char *const role_names[BOX_ROLE_COUNT] = {
	[BOX_TITLE] = "title",	     [BOX_ROW] = "row",		 [BOX_BUTTON] = "button",
	[BOX_NAV_HOME] = "home",     [BOX_NAV_BACK] = "back",	 [BOX_NAV_LISTEN] = "listen",
	[BOX_NAV_PAUSE] = "pause",   [BOX_NAV_AGAIN] = "again", [BOX_NAV_LANGUAGE] = "language",
	[BOX_NAV_SETTINGS] = "settings", [BOX_NAV_NEXT] = "next", [BOX_PAGE_NUMBER] = "page-number",
	[BOX_HARD_WORD] = "hardword",
};

/* The ready file tells tests and benchmarks what is on screen, so they wait on a signal,
 * never a sleep. Written whole then renamed, so a reader never sees half a line. */
static void write_ready_file(const App *app)
{
	const Kiosk *k = app->kiosk;
	char *tmp = xasprintf("%s.tmp", app->opt.ready_file);
	FILE *f = fopen(tmp, "w");
	if (f) {
		fprintf(f, "frame=%lu page=%s screen=%d/%zu focus=%d speaking=%d paused=%d reading=%d word=%zu\n",
			/* the screen shown: of the page, or of a kiosk screen (Settings) */
			app->frames, k->nav.current.page,
			(k->mode == MODE_PAGE ? k->nav.current.screen : k->overlay_screen) + 1,
			k->layout->screen_count, k->st.focus_box, k->speaking, k->paused,
			k->st.reading_box, k->st.word_len ? k->st.word_offset : (size_t)0);
		fprintf(f, "lang=%s title=%s\n", k->lang->code, k->page && k->page->title ? k->page->title : "");
		fprintf(f, "mode=%s countdown=%d text_size=%d theme=%d volume=%d history=%d pin=%s\n",
			kiosk_mode_names[k->mode],
			k->mode == MODE_WARNING ? session_countdown_s(&k->session, k->now) : -1,
			k->settings.text_size, k->settings.theme, k->settings.volume, k->nav.depth,
			k->mode == MODE_PIN ? (session_pin_locked(&k->session, k->now) ? "locked" : "open") : "-");
		fprintf(f, "scan=%s ring=%d,%d,%d,%d scan_mode=%s scan_paused=%d dwell=%d dwell_ring=%d,%d,%d,%d\n",
			scan_is_on(&k->scan) ? "on" : "off",
			k->st.focus_on_rect ? k->st.focus_rect.x : -1, k->st.focus_on_rect ? k->st.focus_rect.y : -1,
			k->st.focus_on_rect ? k->st.focus_rect.w : -1, k->st.focus_on_rect ? k->st.focus_rect.h : -1,
			k->settings.scan.mode == SCAN_STEP ? "step" : "auto", scan_is_paused(&k->scan),
			k->dwell.cfg.ms, k->st.dwell_ring.x, k->st.dwell_ring.y, k->st.dwell_ring.w,
			k->st.dwell_ring.h);
		/* The targets on screen, so a test can press a real button wherever layout put it. */
		const LayoutScreen *s = kiosk_screen(k);
		for (size_t i = 0; i < s->box_count; i++) {
			const LayoutBox *b = &s->boxes[i];
			if (b->focusable && b->enabled)
				fprintf(f, "box=%zu role=%s x=%d y=%d w=%d h=%d link=%s\n", i, role_names[b->role],
					b->rect.x, b->rect.y, b->rect.w, b->rect.h, b->link ? b->link : "-");
		}
		if (fclose(f) == 0 && rename(tmp, app->opt.ready_file) != 0)
			log_warn("cannot write the ready file %s: %s", app->opt.ready_file, strerror(errno));
	}
	free(tmp);
}

static void draw(App *app)
{
	render_screen(app->render, kiosk_screen(app->kiosk), theme_get(app->kiosk->settings.theme), &app->kiosk->st);
	SDL_RenderPresent(app->sdl);
	app->frames++;
	app->kiosk->dirty = false;
	if (app->frames == 1 && app->service)
		service_ready(app->service);
	if (app->frames == 1)
		log_info("first frame presented after %.1f ms (%dx%d)",
			 (double)(SDL_GetPerformanceCounter() - app->start_ticks) * 1000.0 /
				 (double)SDL_GetPerformanceFrequency(),
			 app->w, app->h);
	if (app->opt.ready_file)
		write_ready_file(app);
}

/* The speech thread and audio; with speech off in kiosk.ini there is no Listen button. */
static void start_speech(App *app)
{
	app->tts = tts_create();
	app->speech = speech_create(app->tts);
	kiosk_speech_ready(app->kiosk, app_now(app));
	run_effects(app);
}

static void app_close(App *app)
{
	watch_destroy(app->watch);
	service_destroy(app->service);
	if (app->print_job)
		printjob_finish(app->print_job, NULL, 0); /* at most one page being sent */
	helpcall_destroy(app->help);
	print_shutdown();
	input_destroy(app->input);
	kiosk_destroy(app->kiosk); /* before speech: queued narrations are freed here */
	speech_destroy(app->speech);
	tts_destroy(app->tts);
	usage_close(app->usage);
	render_destroy(app->render);
	if (app->sdl)
		SDL_DestroyRenderer(app->sdl);
	if (app->window)
		SDL_DestroyWindow(app->window);
	IMG_Quit();
	SDL_Quit();
}

char *default_font_dir(const AppOptions *opt)
{
	if (opt->font_dir)
		return xstrdup(opt->font_dir);
	char *parent = path_dirname(opt->content_dir);
	char *dir = path_join(parent, "fonts");
	free(parent);
	if (!path_is_dir(dir) && opt->data_dir) {
		/* synced content without fonts of its own: the installed ones */
		free(dir);
		dir = path_join(opt->data_dir, "fonts");
	}
	if (!path_is_dir(dir) && path_is_dir("fonts")) {
		free(dir);
		dir = xstrdup("fonts");
	}
	return dir;
}

static bool create_window(App *app)
{
	/* No accidental OpenGL test context at start-up (+280 ms, +90 MB on llvmpipe). */
	SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
	SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
	/* SIGTERM and SIGINT are ours (stopsig.c): SDL would turn them into a window close,
	 * which a kiosk ignores. */
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
		log_error("no display found (%s). The kiosk needs a screen: run it on the kiosk's "
			  "display, or preview pages without one with ./kiosk --screenshot DIR "
			  "(see docs/deploy.md)",
			  SDL_GetError());
		return false;
	}
	Uint32 flags = SDL_WINDOW_SHOWN;
	int w = app->opt.width, h = app->opt.height;
	if (app->opt.windowed) {
		flags |= SDL_WINDOW_RESIZABLE;
		if (w <= 0 || h <= 0) {
			w = CONFIG_WINDOW_W;
			h = CONFIG_WINDOW_H;
		}
	} else {
		/* A borderless window the size of the display: full-screen without the ~100 ms of
		 * mode-switch waits, and a compositor like cage makes it full-screen anyway. */
		flags |= SDL_WINDOW_BORDERLESS;
		SDL_DisplayMode mode;
		if ((w <= 0 || h <= 0) && SDL_GetDesktopDisplayMode(0, &mode) == 0) {
			w = mode.w;
			h = mode.h;
		}
		if (w <= 0 || h <= 0) {
			w = CONFIG_SCREEN_W;
			h = CONFIG_SCREEN_H;
		}
	}
	int pos = app->opt.windowed ? SDL_WINDOWPOS_CENTERED : 0;
	app->window = SDL_CreateWindow(app->kiosk->settings.name, pos, pos, w, h, flags);
	if (!app->window) {
		log_error("cannot open the kiosk window: %s", SDL_GetError());
		return false;
	}
	if (!app->opt.software)
		app->sdl = SDL_CreateRenderer(app->window, -1, SDL_RENDERER_ACCELERATED);
	if (!app->sdl) {
		if (!app->opt.software)
			log_info("no hardware renderer (%s), drawing in software", SDL_GetError());
		app->sdl = SDL_CreateRenderer(app->window, -1, SDL_RENDERER_SOFTWARE);
	}
	if (!app->sdl) {
		log_error("cannot draw in the kiosk window: %s", SDL_GetError());
		return false;
	}
	SDL_RendererInfo info;
	if (SDL_GetRendererInfo(app->sdl, &info) == 0)
		log_info("renderer: %s", info.name);
	SDL_GetRendererOutputSize(app->sdl, &app->w, &app->h);
	if (!app->opt.windowed)
		SDL_ShowCursor(SDL_DISABLE);
	/* Switch interfaces often appear as joysticks; plugged in later is fine too. */
	if (SDL_InitSubSystem(SDL_INIT_JOYSTICK) != 0)
		log_warn("joystick switches will not work: %s", SDL_GetError());
	return true;
}

static long rss_kib(void)
{
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* The monkey test: a batch of random events per frame, the clock jumping forward with them.
 * Returns false when all events were sent (the run then ends cleanly, so leak checkers see a
 * normal exit). */
/* Puts the window back to the size it started with, so memory is compared like for like
 * (a 4K window alone holds a 33 MB frame). */
static void monkey_restore_size(App *app)
{
	SDL_SetWindowSize(app->window, app->monkey_w, app->monkey_h);
	SDL_Event e;
	memset(&e, 0, sizeof(e));
	e.type = SDL_WINDOWEVENT;
	e.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
	SDL_PushEvent(&e);
}

static bool monkey_batch(App *app, Monkey *m, unsigned long *done)
{
	if (app->monkey_measure) {
		/* the restored size has been drawn: measure now, without the allocator's slack
		 * (freed buffers glibc has not yet handed back), the same way both times */
#ifdef __GLIBC__
		malloc_trim(0);
#endif
		long rss = rss_kib();
		if (*done < (unsigned long)app->opt.monkey) {
			app->monkey_rss_1000 = rss;
			log_info("monkey: memory (RSS) after 1000 events %ld KiB", rss);
		} else {
			log_info("monkey: %lu events done, %lu idle resets, memory (RSS) at the end %ld KiB (%+.1f%%)",
				 *done, app->kiosk->resets, rss,
				 app->monkey_rss_1000 ? 100.0 * (double)(rss - app->monkey_rss_1000) / (double)app->monkey_rss_1000 : 0.0);
			return false;
		}
		app->monkey_measure = false;
	}
	if (*done >= (unsigned long)app->opt.monkey) {
		monkey_restore_size(app);
		app->monkey_measure = true;
		return true;
	}
	/* Now and then nobody touches anything: the clock runs past the idle timeout, then
	 * past the countdown, so warnings and resets happen as in a day at reception. */
	if (app->monkey_quiet > 0) {
		app->monkey_quiet--;
		app->clock_jump += (uint64_t)(app->kiosk->settings.session.idle_timeout_s + app->kiosk->settings.session.warning_s) * 1000;
		if (app->monkey_quiet == 0) {
			/* a sample every 500 events, for the trend of minima in tests/e2e_monkey.sh */
#ifdef __GLIBC__
			malloc_trim(0);
#endif
			log_info("monkey: memory (RSS) at %lu events %ld KiB", *done, rss_kib());
		}
		return true;
	}
	for (int i = 0; i < 20 && *done < (unsigned long)app->opt.monkey; i++) {
		app->clock_jump += monkey_event(m, app->window, app->w, app->h);
		if (*done % 500 == 499)
			app->monkey_quiet = 2;
		if (++*done == 1000) {
			monkey_restore_size(app);
			app->monkey_measure = true;
			break;
		}
	}
	return true;
}

int app_run(const AppOptions *opt)
{
	App app = {.opt = *opt};
	app.start_ticks = SDL_GetPerformanceCounter();
	int rc = 1;
	char *font_dir = default_font_dir(opt);
	/* Before SDL or speech start threads, so all of them inherit the blocked signals. */
	Uint32 stop_event = SDL_RegisterEvents(1);
	stopsig_start(stop_event == (Uint32)-1 ? 0 : stop_event);
	KioskHost host = {.measure = render_measure, .min_body_px = min_body_px, .windowed = opt->windowed,
			  .site_file = opt->site_file};
	app.kiosk = kiosk_create(opt->content_dir, opt->sets, opt->set_count, opt->lang, &host, 0, 0, 0);
	if (!app.kiosk)
		goto out;
	app.service = service_create(&app.kiosk->settings, KIOSK_VERSION, app.opt.time_scale);
	service_content_loaded(app.service, opt->content_dir, (long)diag_count(&app.kiosk->content->diags, DIAG_ERROR));
	if (!create_window(&app))
		goto out;
	app.render = render_create(app.sdl, font_dir);
	if (!app.render)
		goto out;
	render_set_async(app.render); /* no picture can freeze the screen (issue #22) */
	render_set_picture_source(app.render, kept_picture, &app);
	Kiosk *k = app.kiosk;
	k->host.measure_ctx = app.render;
	k->w = app.w;
	k->h = app.h;
	if (k->settings.usage) {
		char *path = k->settings.usage_file[0] ? xstrdup(k->settings.usage_file) : usage_default_path();
		app.usage = usage_open(path);
		usage_set_kiosk(app.usage, service_kiosk_id(app.service)); /* [kiosk] id, else the host name */
		log_info("usage figures go to %s", path);
		free(path);
	}
	k->host.usage = app.usage;
	help_open(&app);
	app.reload_event = SDL_RegisterEvents(1);
	configure_edge(&app);
	kiosk_start(k, app_now(&app));
	run_effects(&app);
	Monkey monkey;
	monkey_init(&monkey, app.opt.monkey_seed);
	SDL_GetWindowSize(app.window, &app.monkey_w, &app.monkey_h);
	unsigned long monkey_done = 0;
	app.running = true;
	while (app.running && !stopsig_received()) {
		if (k->dirty)
			draw(&app);
		if (!app.speech && k->settings.speech) {
			/* Speech and sound start after the first frame is on screen: eSpeak's voice
			 * data and the audio device cost tens of ms that a visitor should not wait for
			 * to see the page. */
			start_speech(&app);
			if (k->dirty)
				continue;
		}
		if (app.opt.monkey > 0 && !monkey_batch(&app, &monkey, &monkey_done))
			break;
		/* Sleep in SDL until input or the next timed thing: the word highlight while
		 * speech plays, the scanner's next step. An idle kiosk wakes for nothing. */
		uint64_t now = app_now(&app), due = kiosk_next_deadline(k, now);
		if (app.speech && (speech_active(app.speech) || k->voice_active) && now + SPEECH_TICK_MS < due)
			due = now + SPEECH_TICK_MS;
		SDL_Event e;
		uint64_t wait = due <= now || app.opt.monkey > 0 ? 0 : due - now;
		if (app.opt.time_scale > 1)
			wait = (wait + (uint64_t)app.opt.time_scale - 1) / (uint64_t)app.opt.time_scale;
		uint64_t service_wait = service_wait_ms(app.service); /* real time: the watchdog */
		if (service_wait < wait)
			wait = service_wait;
		int got = due == UINT64_MAX && service_wait == UINT64_MAX && app.opt.monkey == 0
				  ? SDL_WaitEvent(&e)
				  : SDL_WaitEventTimeout(&e, (int)(wait < 60000 ? wait : 60000));
		if (got) {
			do {
				if (stopsig_received())
					break; /* systemctl stop: write what is open, exit 0 */
				pump(&app, &e);
			} while (app.running && SDL_PollEvent(&e));
		}
		if (stopsig_received())
			break;
		speech_tick(&app);
		if (service_tick(app.service, app.speech)) {
			/* the sound device came back: speech reports what it does now */
			InputEvent ev = {.type = IN_SPEECH, .ms = app_now(&app), .speech_box = -1,
					 .speech_active = app.speech && speech_active(app.speech)};
			handle(&app, &ev);
		}
		InputEvent tick = {.type = IN_TICK, .ms = app_now(&app)};
		handle(&app, &tick);
	}
	kiosk_end_visit(k, stopsig_received() ? "stop" : "staff");
	if (stopsig_received())
		log_info("stopped by signal %d: the open visit is written", stopsig_received());
	rc = 0;
out:
	free(font_dir);
	app_close(&app);
	return rc;
}
