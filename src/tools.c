/* tools: the kiosk's headless modes for authors, tests and benchmarks. --screenshot draws
 * every screen to PNG, --speak writes what Listen says as a WAV with a word timeline, --check
 * runs the content checker with the real fonts, pictures and voices. They lay pages out
 * through the same controller (kiosk.h) and fonts as the running kiosk, so what they show is
 * what visitors see. Start at app_screenshots. */
#include <SDL.h>
#include <SDL_image.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "app.h"
#include "kiosk.h"
#include "render.h"
#include "speech.h"
#include "tts.h"
#include "check.h"
#include "config.h"
#include "picture.h"
#include "clip.h"
#include "theme.h"
#include "util.h"

/* A kiosk without a window: the controller, and fonts drawing on a picture in memory. */
typedef struct {
	Kiosk *kiosk;
	SDL_Surface *surface;
	SDL_Renderer *sdl;
	Render *render;
	Tts *tts;
	Speech *speech;
} Headless;

static int min_body_px(void *render, int screen_w, double panel_mm, double distance_mm)
{
	return render_min_body_px(render, screen_w, panel_mm, distance_mm);
}

/* Opens content and fonts, drawing on a w x h picture. False with a log line on failure. */
static bool headless_open(Headless *t, const AppOptions *opt, int w, int h)
{
	KioskHost host = {.measure = render_measure, .min_body_px = min_body_px,
			  .fit_scripts = render_fit_scripts, .site_file = opt->site_file};
	t->kiosk = kiosk_create(opt->content_dir, opt->sets, opt->set_count, opt->lang, &host, w, h, 0);
	if (!t->kiosk)
		return false;
	/* RGB888, not ARGB: blended glyphs would leave destination alpha below 255. */
	t->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
	t->sdl = t->surface ? SDL_CreateSoftwareRenderer(t->surface) : NULL;
	if (!t->sdl) {
		log_error("cannot make a %dx%d picture to draw on: %s", w, h, SDL_GetError());
		return false;
	}
	char *font_dir = default_font_dir(opt);
	t->render = render_create(t->sdl, font_dir);
	free(font_dir);
	t->kiosk->host.measure_ctx = t->render;
	return t->render != NULL;
}

static void headless_close(Headless *t)
{
	kiosk_destroy(t->kiosk);
	speech_destroy(t->speech);
	tts_destroy(t->tts);
	render_destroy(t->render);
	if (t->sdl)
		SDL_DestroyRenderer(t->sdl);
	if (t->surface)
		SDL_FreeSurface(t->surface);
	IMG_Quit();
	SDL_Quit();
}

static bool save_screen(Headless *app, const char *dir, const char *page_name, int n)
{
	char *base = xstrdup(page_name);
	char *dot = strrchr(base, '.');
	if (dot)
		*dot = '\0';
	char *file = n < 0 ? xasprintf("%s/%s-%s-qr.png", dir, app->kiosk->lang->code, base)
			   : xasprintf("%s/%s-%s-%d.png", dir, app->kiosk->lang->code, base, n);
	free(base);
	bool ok = IMG_SavePNG(app->surface, file) == 0;
	if (ok)
		printf("%s\n", file);
	else
		log_error("cannot write %s: %s", file, IMG_GetError());
	free(file);
	return ok;
}

static bool screenshot_kiosk_screens(Headless *app, const char *dir);

int app_screenshots(const AppOptions *opt)
{
	Headless app = {0};
	int rc = 1;
	if (mkdir(opt->screenshot_dir, 0755) != 0 && errno != EEXIST) {
		log_error("cannot create the folder %s: %s", opt->screenshot_dir, strerror(errno));
		goto out;
	}
	if (!headless_open(&app, opt, opt->width > 0 ? opt->width : CONFIG_SCREEN_W, opt->height > 0 ? opt->height : CONFIG_SCREEN_H))
		goto out;
	Kiosk *k = app.kiosk;
	rc = 0;
	for (size_t l = 0; l < k->content->lang_count; l++) {
		ContentLanguage *lang = &k->content->langs[l];
		if (opt->lang && strcmp(opt->lang, lang->code) != 0)
			continue;
		kiosk_switch_language(k, lang); /* its button words and hard words */
		/* every page, then "Hard words", which is made from glossary.md */
		for (size_t i = 0; i <= lang->page_count; i++) {
			const char *name = i < lang->page_count ? lang->pages[i].name : GLOSSARY_PAGE_NAME;
			if (i < lang->page_count && (lang->pages[i].is_glossary || strcmp(name, GLOSSARY_PAGE_NAME) == 0))
				continue;
			/* Preview each page as a visitor who came from home sees it. */
			if (!kiosk_show_page(k, name))
				continue;
			for (size_t s = 0; s < k->layout->screen_count; s++) {
				kiosk_show_screen(k, (int)s);
				render_screen(app.render, kiosk_screen(k), theme_get(k->settings.theme), &k->st);
				if (!save_screen(&app, opt->screenshot_dir, name, (int)s + 1))
					rc = 1;
			}
			/* with [share] base_url: the page's Take it home screen, <lang>-<page>-qr.png */
			if (k->settings.share_base_url[0]) {
				kiosk_show_share(k);
				render_screen(app.render, kiosk_screen(k), theme_get(k->settings.theme), &k->st);
				if (!save_screen(&app, opt->screenshot_dir, name, -1))
					rc = 1;
				printf("qr %s module=%dpx\n", k->qr_url, k->qr_module_px);
			}
		}
		if (!screenshot_kiosk_screens(&app, opt->screenshot_dir))
			rc = 1;
	}
	kiosk_log_new_diags(k);
out:
	headless_close(&app);
	return rc;
}

/* The kiosk's own screens a visitor meets (attract, Settings, Language) in the current
 * language, as <lang>-kiosk-<screen>-<n>.png: they must be right at every size too. */
static bool screenshot_kiosk_screens(Headless *app, const char *dir)
{
	static const KioskMode modes[] = {MODE_ATTRACT, MODE_SETTINGS, MODE_LANGUAGE};
	Kiosk *k = app->kiosk;
	bool ok = true;
	for (size_t m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
		kiosk_show_mode(k, modes[m]);
		for (size_t s = 0; s < k->layout->screen_count; s++) {
			k->overlay_screen = (int)s;
			render_screen(app->render, kiosk_screen(k), theme_get(k->settings.theme), &k->st);
			if (!save_screen(app, dir, k->screen_page.name, (int)s + 1))
				ok = false;
		}
	}
	k->mode = MODE_PAGE;
	return ok;
}

/* 16-bit mono PCM in a RIFF/WAVE file (little-endian, as the format wants). */
static bool write_wav(const char *path, const int16_t *pcm, size_t n, int rate)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return false;
	uint32_t data = (uint32_t)(n * 2), v32;
	uint16_t v16;
	fwrite("RIFF", 1, 4, f);
	v32 = 36 + data;
	fwrite(&v32, 4, 1, f);
	fwrite("WAVEfmt ", 1, 8, f);
	v32 = 16;
	fwrite(&v32, 4, 1, f);
	v16 = 1; /* PCM */
	fwrite(&v16, 2, 1, f);
	v16 = 1; /* mono */
	fwrite(&v16, 2, 1, f);
	v32 = (uint32_t)rate;
	fwrite(&v32, 4, 1, f);
	v32 = (uint32_t)rate * 2;
	fwrite(&v32, 4, 1, f);
	v16 = 2;
	fwrite(&v16, 2, 1, f);
	v16 = 16;
	fwrite(&v16, 2, 1, f);
	fwrite("data", 1, 4, f);
	fwrite(&data, 4, 1, f);
	size_t wrote = fwrite(pcm, sizeof(int16_t), n, f);
	return fclose(f) == 0 && wrote == n;
}

/* One timeline line per word heard: start ms, end ms, row (-1: title or page number), byte
 * offset in the row's text, and the word as shown. */
/* The whole words of a box (glued pieces joined) inside the spoken range. */
static size_t box_words(const LayoutBox *b, size_t *offs, size_t *lens, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < b->word_count && n < max; i++) {
		size_t j = i;
		while (j + 1 < b->word_count && b->words[j].glue_next)
			j++;
		offs[n] = b->words[i].offset;
		lens[n++] = b->words[j].offset + b->words[j].len - b->words[i].offset;
		i = j;
	}
	return n;
}

/* One timeline line per word on screen: start ms, end ms, row (-1: title or page number),
 * byte offset in the row's text, and the word as shown. eSpeak sometimes says two words as
 * one event ("do not", "na tym") or repeats one (numbers): each word on screen still gets
 * exactly one line, a skipped word sharing the time of the event that said it. */
/* Where the voice of a part stops: the last sample louder than a whisper before `end`
 * (eSpeak's own trailing silence and the pause between parts are not speech). */
static size_t voice_end(const int16_t *pcm, size_t from, size_t end)
{
	while (end > from && pcm[end - 1] < 300 && pcm[end - 1] > -300)
		end--;
	return end;
}

/* Words said that are not on screen ("Touch Next to hear more"): one line each, row -2,
 * offset into the spoken text. */
static void write_spoken_words(FILE *f, const NarrationPart *np, const SpeechWord *words, size_t count, size_t p,
			       uint64_t part_end, int rate)
{
	for (size_t i = 0; i < count; i++) {
		if (words[i].part != p)
			continue;
		uint64_t end = part_end;
		if (i + 1 < count && words[i + 1].part == p && words[i + 1].sample < end)
			end = words[i + 1].sample;
		/* the word: from its code point to the next space */
		const char *w = np->spoken;
		for (size_t c = 0; c < words[i].char_pos && *w; c++)
			w += utf8_next(w);
		size_t len = strcspn(w, " ");
		fprintf(f, "%llu\t%llu\t-2\t%zu\t%.*s\n", (unsigned long long)(words[i].sample * 1000 / (uint64_t)rate),
			(unsigned long long)(end * 1000 / (uint64_t)rate), (size_t)(w - np->spoken), (int)len, w);
	}
}

static bool write_timeline(const char *path, const Narration *n, const LayoutScreen *s, const SpeechWord *words,
			   size_t count, const int16_t *pcm, size_t total, int rate, size_t *on_screen)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return false;
	fprintf(f, "start_ms\tend_ms\trow\toffset\tword\n");
	*on_screen = 0;
	for (size_t p = 0; p < n->count; p++) {
		const NarrationPart *np = &n->parts[p];
		if (np->is_alt)
			continue;
		if (np->box < 0) {
			uint64_t from = 0, to = total;
			for (size_t i = 0; i < count; i++) {
				if (words[i].part == p && from == 0)
					from = words[i].sample;
				if (words[i].part > p) {
					to = words[i].sample;
					break;
				}
			}
			write_spoken_words(f, np, words, count, p, voice_end(pcm, (size_t)from, (size_t)to), rate);
			continue;
		}
		const LayoutBox *box = &s->boxes[np->box];
		size_t offs[512], lens[512];
		size_t wn = box_words(box, offs, lens, 512);
		uint64_t *start = xcalloc(wn ? wn : 1, sizeof(uint64_t));
		bool *heard = xcalloc(wn ? wn : 1, sizeof(bool));
		/* the first event that lands on each word */
		uint64_t part_start = UINT64_MAX, part_end = total;
		for (size_t i = 0; i < count; i++) {
			if (words[i].part == p && part_start == UINT64_MAX)
				part_start = words[i].sample;
			if (words[i].part > p && words[i].sample < part_end) {
				part_end = words[i].sample;
				break;
			}
			if (words[i].part != p || words[i].len == 0)
				continue;
			for (size_t w = 0; w < wn; w++)
				if (offs[w] == words[i].offset && !heard[w]) {
					heard[w] = true;
					start[w] = words[i].sample;
				}
		}
		if (part_start == UINT64_MAX)
			part_start = 0;
		part_end = voice_end(pcm, (size_t)part_start, (size_t)part_end);
		/* a word eSpeak said together with the one before takes that word's start (and a
		 * recording without labels lights its whole row from its first sample) */
		for (size_t w = 0; w < wn; w++)
			if (!heard[w])
				start[w] = w > 0 ? start[w - 1] : part_start;
		for (size_t w = 0; w < wn; w++) {
			uint64_t end = part_end;
			for (size_t v = w + 1; v < wn; v++)
				if (start[v] > start[w]) {
					end = start[v];
					break;
				}
			fprintf(f, "%llu\t%llu\t%d\t%zu\t%.*s\n", (unsigned long long)(start[w] * 1000 / (uint64_t)rate),
				(unsigned long long)(end * 1000 / (uint64_t)rate), box->row_index, offs[w], (int)lens[w],
				layout_box_text(box) + offs[w]);
		}
		*on_screen += wn;
		free(start);
		free(heard);
	}
	return fclose(f) == 0;
}

/* The speech as the kiosk plays it, collected from the audio tap. */
typedef struct {
	int16_t *pcm;
	size_t len, cap;
} Collected;

static void collect(const int16_t *pcm, size_t n, void *ctx)
{
	Collected *c = ctx;
	if (c->len + n > c->cap) {
		while (c->len + n > c->cap)
			c->cap = c->cap ? c->cap * 2 : 1 << 16;
		c->pcm = xrealloc(c->pcm, c->cap * sizeof(int16_t));
	}
	memcpy(c->pcm + c->len, pcm, n * sizeof(int16_t));
	c->len += n;
}

int app_speak(const AppOptions *opt)
{
	Headless app = {0};
	int rc = 1;
	char *page = xstrdup(opt->speak);
	int screen = 1;
	char *colon = strrchr(page, ':');
	if (colon) {
		*colon = '\0';
		screen = atoi(colon + 1);
	}
	int16_t *pcm = NULL;
	SpeechWord *words = NULL;
	int w = opt->width > 0 ? opt->width : CONFIG_SCREEN_W, h = opt->height > 0 ? opt->height : CONFIG_SCREEN_H;
	if (!opt->wav) {
		log_error("--speak needs --wav OUT.wav (where to write the speech)");
		goto out;
	}
	/* Text is measured with the real fonts, so the words split into screens as on the kiosk. */
	if (!headless_open(&app, opt, w, h))
		goto out;
	Kiosk *k = app.kiosk;
	size_t plen = strlen(page);
	if (plen < 3 || strcmp(page + plen - 3, ".md") != 0) {
		/* "about" is the page about.md */
		char *md = xasprintf("%s.md", page);
		free(page);
		page = md;
	}
	if (!kiosk_show_page(k, page)) {
		log_error("there is no page %s in %s to speak", page, k->lang->dir);
		goto out;
	}
	if (screen < 1 || (size_t)screen > k->layout->screen_count) {
		log_error("page %s has %zu screens at %dx%d, not %d", page, k->layout->screen_count, w, h, screen);
		goto out;
	}
	kiosk_show_screen(k, screen - 1);
	const LayoutScreen *s = kiosk_screen(k);
	NarrationOptions o = kiosk_narration_options(k);
	Narration *n = narration_screen(s, &o);
	app.tts = tts_create();
	if (!tts_wait_ready(app.tts)) {
		log_error("eSpeak NG is not available, so nothing can be spoken");
		narration_destroy(n);
		goto out;
	}
	/* The kiosk's own player, on the dummy sound driver (nothing is heard), fed all at once:
	 * recordings and synthesis are mixed exactly as a visitor hears them. */
	SDL_setenv("SDL_AUDIODRIVER", "dummy", 1);
	Speech *sp = app.speech = speech_create(app.tts); /* headless_close destroys it */
	speech_set_voice(sp, settings_voice(&k->settings, k->lang->code));
	speech_set_rate(sp, settings_speech_wpm(&k->settings));
	Collected out = {0};
	speech_set_tap(sp, collect, &out);
	speech_say_recorded(sp, n, kiosk_recording_refs(k, s, n)); /* sp owns n now */
	speech_feed_all(sp);
	size_t total = out.len, wcap = 4096, count;
	pcm = out.pcm;
	words = xmalloc(wcap * sizeof(SpeechWord));
	count = speech_words(sp, s, words, wcap);
	int rate = tts_sample_rate(app.tts);
	bool ok = write_wav(opt->wav, pcm, total, rate);
	if (!ok)
		log_error("cannot write %s: %s", opt->wav, strerror(errno));
	size_t on_screen = 0;
	if (ok && opt->timeline && !write_timeline(opt->timeline, n, s, words, count, pcm, total, rate, &on_screen)) {
		log_error("cannot write %s: %s", opt->timeline, strerror(errno));
		ok = false;
	}
	if (ok)
		printf("%s: %.2f s of speech, %zu word events, screen %d of %zu\n", opt->wav, (double)total / rate, count,
		       screen, k->layout->screen_count);
	if (ok && opt->timeline)
		printf("%s: one line for each of the %zu words on screen\n", opt->timeline, on_screen);
	rc = ok ? 0 : 1;
out:
	free(pcm);
	free(words);
	free(page);
	headless_close(&app);
	return rc;
}

/* check.c has probed the picture (picture.h budgets) before it asks whether it decodes. */
static bool picture_loads(const char *path, void *ctx)
{
	(void)ctx;
	PictureInfo info;
	size_t len;
	void *data = picture_read(path, &len, &info);
	SDL_RWops *rw = data ? SDL_RWFromConstMem(data, (int)len) : NULL;
	SDL_Surface *s = NULL;
	if (rw && info.format == PICTURE_SVG)
		s = IMG_LoadSizedSVG_RW(rw, 64, 64);
	else if (rw)
		s = IMG_Load_RW(rw, 0);
	if (rw)
		SDL_RWclose(rw);
	free(data);
	if (!s)
		return false;
	bool ok = s->w > 0 && s->h > 0;
	SDL_FreeSurface(s);
	return ok;
}

static bool voice_exists(const char *voice, void *ctx)
{
	return tts_voice_exists(ctx, voice);
}

static double recording_seconds(const char *path, void *ctx)
{
	(void)ctx;
	return clip_file_seconds(path);
}

int app_check(const AppOptions *opt, bool json)
{
	char *font_dir = default_font_dir(opt);
	int rc = 2;
	SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, 16, 16, 32, SDL_PIXELFORMAT_RGB888);
	SDL_Renderer *sdl = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
	Render *render = sdl ? render_create(sdl, font_dir) : NULL;
	Tts *tts = tts_create();
	CheckHooks hooks = {
		.measure = render ? render_measure : NULL,
		.measure_ctx = render,
		.fit_scripts = render ? render_fit_scripts : NULL,
		.picture_loads = picture_loads,
		.voice_exists = tts_wait_ready(tts) ? voice_exists : NULL,
		.ctx = tts,
		.recording_seconds = recording_seconds,
		.site_file = opt->site_file,
	};
	if (!hooks.voice_exists)
		log_warn("eSpeak NG is not available: voices are not checked");
	rc = check_content(opt->content_dir, &hooks, json, stdout);
	tts_destroy(tts);
	render_destroy(render);
	if (sdl)
		SDL_DestroyRenderer(sdl);
	if (surface)
		SDL_FreeSurface(surface);
	IMG_Quit();
	SDL_Quit();
	free(font_dir);
	return rc;
}
