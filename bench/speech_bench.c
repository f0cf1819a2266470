/* speech_bench: time from "Listen" to the first audio sample queued for the device, with the
 * kiosk's own speech modules (tts thread with eSpeak NG, audio queue, narration of a real
 * laid-out screen). Run with SDL_AUDIODRIVER=dummy: no sound card needed. The audio tap
 * (audio_set_tap) is called as each block is queued, so its first call is the moment.
 *
 * Two loops are timed, each for --runs utterances:
 *   app:  what app.c does: speech_say, one speech_update at once, then one every 30 ms
 *         (SPEECH_TICK_MS, the loop's SDL_WaitEventTimeout while speaking);
 *   poll: speech_update every 0.5 ms, so the result is eSpeak's own latency.
 * Also printed: starting the speech thread (tts_create + speech_create, which waits for
 * eSpeak), done by the app after the first frame.
 *   speech_bench [--content DIR] [--page NAME] [--runs N] */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "content.h"
#include "layout.h"
#include "narrate.h"
#include "render.h"
#include "settings.h"
#include "speech.h"
#include "tts.h"
#include "util.h"

#define APP_TICK_MS 30

typedef struct {
	double first; /* ms of the first tapped block, 0 = none yet */
	size_t samples;
} Tap;

static double now_ms(void)
{
	return (double)SDL_GetPerformanceCounter() * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

static void tap(const int16_t *pcm, size_t n, void *ctx)
{
	(void)pcm;
	Tap *t = ctx;
	if (t->first == 0 && n > 0)
		t->first = now_ms();
	t->samples += n;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(double), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void sleep_until(double t)
{
	double d = t - now_ms();
	if (d > 0) {
		struct timespec ts = {(time_t)(d / 1000), (long)((d - (double)(time_t)(d / 1000) * 1000) * 1e6)};
		nanosleep(&ts, NULL);
	}
}

/* One Listen: returns ms to the first queued sample, or -1 after 2 s with none. */
static double listen(Speech *sp, Tap *t, const LayoutScreen *screen, double tick_ms)
{
	SpeechHighlight hl;
	NarrationOptions o = {0};
	t->first = 0;
	double t0 = now_ms();
	speech_say(sp, narration_screen(screen, &o));
	speech_update(sp, screen, &hl); /* the app ticks once right after handling the tap */
	for (double next = t0 + tick_ms; t->first == 0 && now_ms() - t0 < 2000; next += tick_ms) {
		sleep_until(next);
		speech_update(sp, screen, &hl);
	}
	double ms = t->first ? t->first - t0 : -1;
	speech_stop(sp);
	return ms;
}

int main(int argc, char **argv)
{
	const char *content_dir = "content", *page_name = NULL, *fonts = "fonts";
	int runs = 10;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--content") == 0 && next)
			content_dir = argv[++i];
		else if (strcmp(a, "--page") == 0 && next)
			page_name = argv[++i];
		else if (strcmp(a, "--runs") == 0 && next)
			runs = atoi(argv[++i]);
		else {
			fprintf(stderr, "usage: speech_bench [--content DIR] [--page NAME] [--runs N]\n");
			return 2;
		}
	}
	if (runs < 1)
		runs = 1;
	if (SDL_Init(0) != 0)
		return 1;
	Content *c = content_open(content_dir);
	if (!c)
		return 1;
	ContentLanguage *lang = content_language(c, c->settings.default_language);
	if (!lang)
		lang = &c->langs[0];
	if (!page_name)
		page_name = c->settings.home;
	ContentPage *page = content_page(c, lang, page_name);
	/* Text is measured with the real fonts, so the screen is the one the kiosk shows. */
	SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, 16, 16, 32, SDL_PIXELFORMAT_RGB888);
	SDL_Renderer *sdl = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
	Render *r = sdl ? render_create(sdl, fonts) : NULL;
	if (!page || !r) {
		fprintf(stderr, "speech_bench: cannot open page %s or the fonts\n", page_name ? page_name : "?");
		return 1;
	}
	LayoutParams lp = {.screen_w = 1920, .screen_h = 1080, .text_scale = 1.0, .measure = render_measure,
			   .measure_ctx = r, .show_listen = true};
	LayoutPage *layout = layout_page(page, &lp);
	const LayoutScreen *screen = &layout->screens[0];

	double t0 = now_ms();
	Tts *tts = tts_create();
	Speech *sp = speech_create(tts); /* waits for eSpeak to be ready */
	double start_ms = now_ms() - t0;
	speech_set_voice(sp, settings_voice(&c->settings, lang->code));
	speech_set_rate(sp, settings_speech_wpm(&c->settings));
	Tap t = {0};
	speech_set_tap(sp, tap, &t);
	if (!speech_has_sound(sp))
		fprintf(stderr, "speech_bench: warning: no eSpeak or no audio device: timing is for silence\n");

	double cold = listen(sp, &t, screen, APP_TICK_MS);
	double *app = xcalloc((size_t)runs, sizeof(double)), *poll = xcalloc((size_t)runs, sizeof(double));
	for (int i = 0; i < runs; i++) {
		SDL_Delay(50);
		app[i] = listen(sp, &t, screen, APP_TICK_MS);
		SDL_Delay(50);
		poll[i] = listen(sp, &t, screen, 0.5);
	}
	double app_max = 0, poll_max = 0;
	for (int i = 0; i < runs; i++) {
		app_max = app[i] > app_max ? app[i] : app_max;
		poll_max = poll[i] > poll_max ? poll[i] : poll_max;
	}
	printf("speech_start_ms=%.1f listen_cold_ms=%.1f listen_app_ms=%.1f listen_app_max_ms=%.1f "
	       "listen_poll_ms=%.1f listen_poll_max_ms=%.1f runs=%d sound=%d\n",
	       start_ms, cold, median(app, runs), app_max, median(poll, runs), poll_max, runs,
	       speech_has_sound(sp));
	free(app);
	free(poll);
	speech_destroy(sp);
	tts_destroy(tts);
	layout_page_destroy(layout);
	render_destroy(r);
	SDL_DestroyRenderer(sdl);
	SDL_FreeSurface(surface);
	content_close(c);
	SDL_Quit();
	return 0;
}
