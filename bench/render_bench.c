/* render_bench: how long the renderer takes to draw one full screen, with the software
 * renderer on an RGB888 surface (no display), at each size asked. It uses the kiosk's own
 * modules: content_open + content_page for a real page, layout_page with render_measure,
 * render_screen; a frame is render_screen + SDL_RenderPresent (the software renderer only
 * draws on present, so both are timed).
 *
 *   render_bench [--content DIR] [--page NAME] [--fonts DIR] [--frames N] [WxH ...]
 *       prints one line of key=value per size: create, layout, first (cold caches),
 *       uncached (caches cleared before each frame) and cached frame times in ms (medians).
 *   render_bench --walk [WxH]
 *       memory of the renderer's caches: draws every screen of every page, then each again
 *       with every word lit in turn (as while reading aloud), printing the process's RSS and
 *       malloc's bytes in use after each step, then after render_clear_cache + malloc_trim.
 *   render_bench --callgrind cached|uncached [WxH]
 *       draws one warm-up frame, then one measured frame inside frame_cached or
 *       frame_uncached, for valgrind --tool=callgrind --toggle-collect=<that function>.
 * Start reading at main. */
#include <SDL.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "layout.h"
#include "render.h"
#include "settings.h"
#include "theme.h"
#include "util.h"

typedef struct {
	SDL_Surface *surface;
	SDL_Renderer *sdl;
	Render *r;
	LayoutPage *lp;
	const Theme *theme;
	RenderState st;
	char *icons[5];
} Bench;

static double now_ms(void)
{
	return (double)SDL_GetPerformanceCounter() * 1000.0 / (double)SDL_GetPerformanceFrequency();
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

static void frame(Bench *b)
{
	render_screen(b->r, &b->lp->screens[0], b->theme, &b->st);
	SDL_RenderPresent(b->sdl);
}

/* Separate, never inlined: callgrind's --toggle-collect counts exactly one of them. */
__attribute__((noinline)) void frame_cached(Bench *b);
__attribute__((noinline)) void frame_uncached(Bench *b);

void frame_cached(Bench *b)
{
	frame(b);
}

void frame_uncached(Bench *b)
{
	render_clear_cache(b->r);
	frame(b);
}

static char *icon(const Content *c, const char *file)
{
	char *ui = path_join(c->images_dir, "ui");
	char *p = path_join(ui, file);
	free(ui);
	if (path_is_file(p))
		return p;
	free(p);
	return NULL;
}

/* Sets up a canvas of w x h with the page laid out as the kiosk would (Listen on, can go back
 * so every nav slot shows). Returns false with a message when something is missing. */
static bool bench_open(Bench *b, Content *c, ContentPage *page, const char *fonts, int w, int h,
		       double *create_ms, double *layout_ms)
{
	memset(b, 0, sizeof(*b));
	b->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
	b->sdl = b->surface ? SDL_CreateSoftwareRenderer(b->surface) : NULL;
	if (!b->sdl) {
		fprintf(stderr, "render_bench: no %dx%d canvas: %s\n", w, h, SDL_GetError());
		return false;
	}
	double t0 = now_ms();
	b->r = render_create(b->sdl, fonts);
	*create_ms = now_ms() - t0;
	if (!b->r)
		return false;
	b->theme = theme_get(c->settings.theme);
	render_state_init(&b->st);
	static const char *const files[5] = {"home.svg", "back.svg", "next.svg", "listen.svg", "settings.svg"};
	for (int i = 0; i < 5; i++)
		b->icons[i] = icon(c, files[i]);
	LayoutParams p = {
		.screen_w = w,
		.screen_h = h,
		.text_scale = settings_text_scale(c->settings.text_size),
		.measure = render_measure,
		.measure_ctx = b->r,
		.icon_home = b->icons[0],
		.icon_back = b->icons[1],
		.icon_next = b->icons[2],
		.icon_listen = b->icons[3],
		.icon_settings = b->icons[4],
		.show_listen = c->settings.speech,
		.can_go_back = true,
	};
	t0 = now_ms();
	b->lp = layout_page(page, &p);
	*layout_ms = now_ms() - t0;
	return true;
}

static void bench_close(Bench *b)
{
	layout_page_destroy(b->lp);
	render_destroy(b->r);
	for (int i = 0; i < 5; i++)
		free(b->icons[i]);
	if (b->sdl)
		SDL_DestroyRenderer(b->sdl);
	if (b->surface)
		SDL_FreeSurface(b->surface);
}

static long heap_kib(void)
{
	struct mallinfo2 m = mallinfo2();
	return (long)((m.uordblks + m.hblkhd) / 1024);
}

/* Lays out and draws every screen of every page of the language (what a visitor walking
 * through the whole guide sees), then the same while each word in turn is lit. */
static void walk_memory(Bench *b, Content *c, ContentLanguage *lang, int w, int h)
{
	long rss0 = util_rss_kib(), heap0 = heap_kib();
	printf("walk size=%dx%d step=start rss_kib=%ld heap_kib=%ld\n", w, h, rss0, heap0);
	LayoutParams p = {.screen_w = w, .screen_h = h, .text_scale = settings_text_scale(c->settings.text_size),
			  .measure = render_measure, .measure_ctx = b->r, .icon_home = b->icons[0],
			  .icon_back = b->icons[1], .icon_next = b->icons[2], .icon_listen = b->icons[3],
			  .icon_settings = b->icons[4], .show_listen = c->settings.speech, .can_go_back = true};
	size_t screens = 0, lit = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < lang->page_count; i++) {
			ContentPage *page = content_page(c, lang, lang->pages[i].name);
			if (!page)
				continue;
			LayoutPage *lp = layout_page(page, &p);
			for (size_t s = 0; s < lp->screen_count; s++) {
				const LayoutScreen *sc = &lp->screens[s];
				render_state_init(&b->st);
				render_screen(b->r, sc, b->theme, &b->st);
				SDL_RenderPresent(b->sdl);
				screens += pass == 0;
				for (size_t k = 0; pass == 1 && k < sc->box_count; k++) {
					b->st.reading_box = (int)k;
					for (size_t wd = 0; wd < sc->boxes[k].word_count; wd++) {
						b->st.word_offset = sc->boxes[k].words[wd].offset;
						b->st.word_len = sc->boxes[k].words[wd].len;
						render_screen(b->r, sc, b->theme, &b->st);
						SDL_RenderPresent(b->sdl);
						lit++;
					}
				}
			}
			layout_page_destroy(lp);
		}
		printf("walk size=%dx%d step=%s screens=%zu lit_words=%zu rss_kib=%ld heap_kib=%ld\n", w, h,
		       pass == 0 ? "every-screen" : "every-word-lit", screens, lit, util_rss_kib(), heap_kib());
	}
	render_clear_cache(b->r);
	printf("walk size=%dx%d step=cache-cleared rss_kib=%ld heap_kib=%ld\n", w, h, util_rss_kib(), heap_kib());
	double t0 = now_ms();
	malloc_trim(0);
	double trim_ms = now_ms() - t0;
	printf("walk size=%dx%d step=malloc-trim rss_kib=%ld heap_kib=%ld trim_ms=%.2f\n", w, h, util_rss_kib(),
	       heap_kib(), trim_ms);
}

static bool parse_size(const char *s, int *w, int *h)
{
	return sscanf(s, "%dx%d", w, h) == 2 && *w >= 64 && *h >= 64;
}

int main(int argc, char **argv)
{
	const char *content_dir = "content", *page_name = NULL, *fonts = "fonts", *callgrind = NULL;
	int frames = 50;
	bool walk = false;
	const char *sizes[8];
	int size_count = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--content") == 0 && next)
			content_dir = argv[++i];
		else if (strcmp(a, "--page") == 0 && next)
			page_name = argv[++i];
		else if (strcmp(a, "--fonts") == 0 && next)
			fonts = argv[++i];
		else if (strcmp(a, "--frames") == 0 && next)
			frames = atoi(argv[++i]);
		else if (strcmp(a, "--walk") == 0)
			walk = true;
		else if (strcmp(a, "--callgrind") == 0 && next)
			callgrind = argv[++i];
		else if (a[0] != '-' && size_count < 8)
			sizes[size_count++] = a;
		else {
			fprintf(stderr, "usage: render_bench [--content DIR] [--page NAME] [--fonts DIR] "
					"[--frames N] [--walk] [--callgrind cached|uncached] [WxH ...]\n");
			return 2;
		}
	}
	if (size_count == 0)
		sizes[size_count++] = "1920x1080";
	if (frames < 1)
		frames = 1;
	if (SDL_Init(0) != 0) {
		fprintf(stderr, "render_bench: SDL_Init: %s\n", SDL_GetError());
		return 1;
	}
	Content *c = content_open(content_dir);
	if (!c)
		return 1;
	ContentLanguage *lang = content_language(c, c->settings.default_language);
	if (!lang)
		lang = &c->langs[0];
	if (!page_name)
		page_name = c->settings.home;
	ContentPage *page = content_page(c, lang, page_name);
	if (!page) {
		fprintf(stderr, "render_bench: no page %s in %s\n", page_name, lang->dir);
		return 1;
	}
	int rc = 0;
	for (int s = 0; s < size_count; s++) {
		int w, h;
		if (!parse_size(sizes[s], &w, &h)) {
			fprintf(stderr, "render_bench: bad size %s\n", sizes[s]);
			rc = 2;
			break;
		}
		Bench b;
		double create_ms, layout_ms;
		if (!bench_open(&b, c, page, fonts, w, h, &create_ms, &layout_ms)) {
			bench_close(&b);
			rc = 1;
			break;
		}
		if (walk) {
			walk_memory(&b, c, lang, w, h);
			bench_close(&b);
			continue;
		}
		if (callgrind) {
			frame(&b); /* warm: fonts' glyph caches, SDL's blitters */
			if (strcmp(callgrind, "uncached") == 0)
				frame_uncached(&b);
			else
				frame_cached(&b);
			bench_close(&b);
			continue;
		}
		double t0 = now_ms();
		frame(&b);
		double first = now_ms() - t0;
		/* Guard against timing a no-op: the page must really be on the canvas. */
		long inked = 0;
		const Uint32 *px = b.surface->pixels;
		for (int y = 0; y < h; y += 4)
			for (int x = 0; x < w; x += 4)
				inked += px[y * (b.surface->pitch / 4) + x] != px[0];
		if (inked < 1000) {
			fprintf(stderr, "render_bench: the %dx%d frame is blank\n", w, h);
			rc = 1;
		}
		double *v = xcalloc((size_t)frames, sizeof(double));
		for (int i = 0; i < frames; i++) {
			t0 = now_ms();
			frame_uncached(&b);
			v[i] = now_ms() - t0;
		}
		double uncached = median(v, frames);
		frame(&b);
		for (int i = 0; i < frames; i++) {
			t0 = now_ms();
			frame_cached(&b);
			v[i] = now_ms() - t0;
		}
		double cached = median(v, frames), cached_min = v[0];
		free(v);
		printf("size=%dx%d page=%s boxes=%zu create_ms=%.2f layout_ms=%.2f first_ms=%.2f "
		       "uncached_ms=%.2f cached_ms=%.2f cached_min_ms=%.2f frames=%d\n",
		       w, h, page_name, b.lp->screens[0].box_count, create_ms, layout_ms, first, uncached,
		       cached, cached_min, frames);
		bench_close(&b);
	}
	content_close(c);
	SDL_Quit();
	return rc;
}
