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

#include "input.h"
#include "kiosk.h"
#include "monkey.h"
#include "render.h"
#include "service.h"
#include "speech.h"
#include "stopsig.h"
#include "takeaway.h"
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
	Takeaway takeaway;        /* the help call and printing, on threads of their own */
	Uint32 reload_event;
	uint64_t clock_jump;      /* the monkey test moves the kiosk's clock forward */
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
				takeaway_print(&app->takeaway, app_now(app));
				break;
			case FX_HELP_CALL:
				takeaway_help(&app->takeaway, app_now(app));
				break;
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
	if (takeaway_event(&app->takeaway, e, app_now(app))) {
		run_effects(app);
		return;
	}
	if (app->watch && e->type == app->reload_event) {
		ev = (InputEvent){.type = IN_CONTENT_CHANGED, .ms = app_now(app)};
		handle(app, &ev);
		return;
	}
	bool translated = app->kiosk->mode == MODE_PIN && input_translate_pin(e, &ev);
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

/* The ready file tells tests and benchmarks what is on screen (kiosk_describe), so they wait
 * on a signal, never a sleep. Written whole then renamed, so a reader never sees half a line. */
static void write_ready_file(const App *app)
{
	char *tmp = xasprintf("%s.tmp", app->opt.ready_file);
	FILE *f = fopen(tmp, "w");
	if (f) {
		kiosk_describe(app->kiosk, app->frames, f);
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
	takeaway_close(&app->takeaway);
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

int app_run(const AppOptions *opt)
{
	App app = {.opt = *opt};
	app.start_ticks = SDL_GetPerformanceCounter();
	int rc = 1;
	char *font_dir = default_font_dir(opt);
	/* Before SDL or speech start threads, so all of them inherit the blocked signals. */
	Uint32 stop_event = SDL_RegisterEvents(1);
	stopsig_start(stop_event == (Uint32)-1 ? 0 : stop_event);
	KioskHost host = {.measure = render_measure, .min_body_px = min_body_px,
			  .fit_scripts = render_fit_scripts, .windowed = opt->windowed,
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
	takeaway_open(&app.takeaway, k, app.usage, font_dir);
	app.reload_event = SDL_RegisterEvents(1);
	configure_edge(&app);
	kiosk_start(k, app_now(&app));
	run_effects(&app);
	Monkey monkey;
	monkey_init(&monkey, app.opt.monkey_seed);
	monkey.total = app.opt.monkey > 0 ? (unsigned long)app.opt.monkey : 0;
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
		if (app.opt.monkey > 0 && monkey_going_quiet(&monkey) && app.speech && speech_active(app.speech)) {
			/* minutes pass with nobody there: a reading would have ended, before the
			 * clock jumps (speech keeps real time) */
			speech_stop(app.speech);
			InputEvent ev = {.type = IN_SPEECH, .ms = app_now(&app), .speech_box = -1};
			handle(&app, &ev);
		}
		uint64_t idle_ms = (uint64_t)(k->settings.session.idle_timeout_s + k->settings.session.warning_s) * 1000;
		if (app.opt.monkey > 0 && !monkey_batch(&monkey, app.window, app.w, app.h, idle_ms, k->resets, &app.clock_jump))
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
