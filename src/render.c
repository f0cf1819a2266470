/* render: draws the boxes that layout.c made. Nothing here decides where things go: it
 * only turns boxes into pixels, so what is seen always matches what is spoken and scanned.
 *
 * Costs are kept out of the frame: fonts open once per size, text runs are shaped once
 * into textures (TextEntry cache), pictures are rasterised once per drawn size (PicEntry
 * cache; SVG through SDL_image's nanosvg at exactly that size). A steady screen therefore
 * redraws from textures only.
 *
 * Scripts and directions: SDL_ttf shapes one run in one direction and has no bidi, so
 * layout hands over pieces already in visual order, each with a bidi level. A piece is
 * shaped right to left when its level is odd; a piece with Arabic letters is set in Noto
 * Naskh Arabic with script "Arab" (Atkinson Hyperlegible has no Arabic). Measuring follows
 * the same choices, so measured and drawn widths agree. Start reading at render_screen. */
#include "render.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bidi.h"
#include "picture.h"
#include "settings.h"
#include "util.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#define MAX_FONTS 48
#define TEXT_CACHE_MAX 1024
#define PIC_CACHE_MAX 256
/* Byte budgets keep memory flat: one screen's worth of pixels for text and one for pictures
 * (lines and pictures never overlap, so a whole screen always fits), at least 4 MiB. */
#define TEXT_CACHE_BYTES cache_budget(r)
#define PIC_CACHE_BYTES cache_budget(r)

typedef struct {
	int px;
	bool bold;
	TTF_Font *main;     /* Atkinson Hyperlegible (or the first font that opened) */
	TTF_Font *fallback; /* DejaVu Sans: letters the main font lacks; may be NULL */
	TTF_Font *arabic;   /* Noto Naskh Arabic: runs with Arabic letters; may be NULL */
} FontSlot;

typedef struct {
	uint32_t hash;
	char *text;
	int px;
	bool bold;
	uint32_t color;
	bool rtl;
	SDL_Texture *tex;
	int w, h;
	unsigned last_frame;
} TextEntry;

typedef struct {
	char *path;
	int w, h;
	SDL_Texture *tex; /* NULL: it failed to load (logged once, placeholder drawn) */
	int tex_w, tex_h;
	unsigned last_frame;
	bool pending;     /* being decoded by the worker: the placeholder is drawn meanwhile */
	/* UI icons (images/ui/) keep their pixels to be recoloured for a dark button face:
	 * the black icon on a dark button vanished (1.2:1) */
	SDL_Surface *src;
	SDL_Texture *tinted; /* src in tint_fg (its dark lines) over tint_bg (its light fills) */
	uint32_t tint_fg, tint_bg;
} PicEntry;

/* One picture for the worker thread to decode (render_set_async). */
typedef struct PicJob {
	char *path;
	int w, h;
	void *data;           /* the picture's kept bytes (render_set_picture_source) or NULL */
	size_t len;
	SDL_Surface *surface; /* the result; NULL when it failed, then why says why */
	char why[256];
	struct PicJob *next;
} PicJob;

/* A frame that asked for new pictures waits this long for them, so pictures that decode
 * quickly (all real ones) are in the very frame, and a slow one costs a frame no more. */
#define PICTURE_WAIT_MS 40

struct Render {
	SDL_Renderer *sdl;
	char *main_regular, *main_bold, *fallback_regular, *fallback_bold; /* font paths or NULL */
	char *arabic_regular, *arabic_bold;
	int arabic_k;   /* Naskh's x-height over Atkinson's, in thousandths (0: not measured yet) */
	bool arabic_fit_logged;
	int arabic_fit; /* Arabic letters are drawn at px x arabic_fit / 1000 (0: arabic_k);
			 * render_fit_scripts */
	FontSlot fonts[MAX_FONTS];
	int font_count;
	TextEntry *texts;
	size_t text_count;
	PicEntry *pics;
	size_t pic_count;
	unsigned frame;
	int picture_failures;
	size_t text_bytes, pic_bytes; /* texture memory held by the caches */
	/* Decoding off the main loop (render_set_async); worker NULL: pictures decode in-line.
	 * lock guards todo (newest first: the screen just asked for), done, busy and quit. */
	SDL_Thread *worker;
	SDL_mutex *lock;
	SDL_cond *cond;
	PicJob *todo, *done;
	bool busy, quit;
	Uint32 ready_event;
	RenderPictureFn source; /* kept picture bytes, tried before the file */
	void *source_ctx;
};


static char *find_font(const char *dir, const char *file)
{
	char *path = path_join(dir, file);
	if (path_is_file(path))
		return path;
	log_warn("font %s is missing", path);
	free(path);
	return NULL;
}

static void close_slot(FontSlot *slot)
{
	TTF_CloseFont(slot->main);
	if (slot->fallback)
		TTF_CloseFont(slot->fallback);
	if (slot->arabic)
		TTF_CloseFont(slot->arabic);
}

Render *render_create(SDL_Renderer *sdl, const char *font_dir)
{
	if (!TTF_WasInit() && TTF_Init() != 0) {
		log_error("cannot start the font library: %s", TTF_GetError());
		return NULL;
	}
	Render *r = xcalloc(1, sizeof(*r));
	r->sdl = sdl;
	r->main_regular = find_font(font_dir, "AtkinsonHyperlegible-Regular.ttf");
	r->main_bold = find_font(font_dir, "AtkinsonHyperlegible-Bold.ttf");
	r->fallback_regular = find_font(font_dir, "DejaVuSans.ttf");
	r->fallback_bold = find_font(font_dir, "DejaVuSans-Bold.ttf");
	r->arabic_regular = find_font(font_dir, "NotoNaskhArabic-Regular.ttf");
	r->arabic_bold = find_font(font_dir, "NotoNaskhArabic-Bold.ttf");
	/* Degrade step by step: a missing bold uses the regular face, a missing main font the
	 * fallback, and with no shipped font at all the system's DejaVu if Debian has it. */
	if (!r->main_regular && r->fallback_regular)
		r->main_regular = xstrdup(r->fallback_regular);
	if (!r->main_regular && path_is_file("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")) {
		log_warn("using the system font DejaVu Sans instead of the shipped fonts");
		r->main_regular = xstrdup("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
	}
	if (!r->main_regular) {
		log_error("no font could be found in %s, so no words can be shown", font_dir);
		render_destroy(r);
		return NULL;
	}
	if (!r->main_bold)
		r->main_bold = xstrdup(r->fallback_bold ? r->fallback_bold : r->main_regular);
	if (!r->arabic_bold && r->arabic_regular)
		r->arabic_bold = xstrdup(r->arabic_regular);
	return r;
}

static size_t cache_budget(const Render *r)
{
	int w = 0, h = 0;
	SDL_GetRendererOutputSize(r->sdl, &w, &h);
	size_t screen = (size_t)(w > 0 ? w : 1) * (size_t)(h > 0 ? h : 1) * 4;
	return screen > (4u << 20) ? screen : (4u << 20);
}

static void close_fonts(Render *r)
{
	for (int i = 0; i < r->font_count; i++)
		close_slot(&r->fonts[i]);
	r->font_count = 0;
}

/* Frees an entry's icon copy and its recoloured texture. */
static void drop_tint(PicEntry *e)
{
	if (e->tinted)
		SDL_DestroyTexture(e->tinted);
	if (e->src)
		SDL_FreeSurface(e->src);
	e->tinted = NULL;
	e->src = NULL;
}

static void drop_texts(Render *r);

void render_clear_cache(Render *r)
{
	drop_texts(r);
	r->pic_bytes = 0;
	for (size_t i = 0; i < r->pic_count; i++) {
		if (r->pics[i].tex)
			SDL_DestroyTexture(r->pics[i].tex);
		drop_tint(&r->pics[i]);
		free(r->pics[i].path);
	}
	r->pic_count = 0;
	/* sizes change with the screen, text size and language: start the fonts afresh too */
	close_fonts(r);
#ifdef __GLIBC__
	malloc_trim(0); /* hand the freed textures' memory back to the system */
#endif
}

static void free_jobs(PicJob *j)
{
	while (j) {
		PicJob *next = j->next;
		if (j->surface)
			SDL_FreeSurface(j->surface);
		free(j->data);
		free(j->path);
		free(j);
		j = next;
	}
}

void render_destroy(Render *r)
{
	if (!r)
		return;
	if (r->worker) {
		SDL_LockMutex(r->lock);
		r->quit = true;
		SDL_CondBroadcast(r->cond);
		SDL_UnlockMutex(r->lock);
		SDL_WaitThread(r->worker, NULL); /* at most the one picture it is decoding */
		free_jobs(r->todo);
		free_jobs(r->done);
	}
	if (r->cond)
		SDL_DestroyCond(r->cond);
	if (r->lock)
		SDL_DestroyMutex(r->lock);
	render_clear_cache(r);
	free(r->texts);
	free(r->pics);
	for (int i = 0; i < r->font_count; i++)
		close_slot(&r->fonts[i]);
	free(r->main_regular);
	free(r->main_bold);
	free(r->fallback_regular);
	free(r->fallback_bold);
	free(r->arabic_regular);
	free(r->arabic_bold);
	free(r);
	TTF_Quit();
}

int render_picture_failures(const Render *r)
{
	return r->picture_failures;
}

static TTF_Font *open_font(const char *path, int px)
{
	if (!path)
		return NULL;
	TTF_Font *f = TTF_OpenFont(path, px);
	if (!f)
		log_warn("cannot open font %s: %s", path, TTF_GetError());
	return f;
}

/* The top of a glyph's ink above the baseline at 100 px, or 0 when the font lacks it. */
static int glyph_top(const char *path, uint32_t cp)
{
	TTF_Font *f = path ? TTF_OpenFont(path, 100) : NULL;
	int top = 0;
	if (f && TTF_GlyphIsProvided32(f, cp) && TTF_GlyphMetrics32(f, cp, NULL, NULL, NULL, &top, NULL) != 0)
		top = 0;
	if (f)
		TTF_CloseFont(f);
	return top;
}

/* Urdu looked about 20% smaller than English at the same size: Naskh's letters sit low in
 * its em. Arabic letters are drawn larger, so their x-height matches Latin's: the x of
 * the main font against the dotless beh (U+066E, the height of the teeth and bowls that
 * Arabic's short letters share), in thousandths, between 1 and 1.5. */
static int arabic_scale(Render *r)
{
	if (r->arabic_k)
		return r->arabic_k;
	int x = glyph_top(r->main_regular, 'x'), beh = glyph_top(r->arabic_regular, 0x66E);
	int k = x > 0 && beh > 0 ? x * 1000 / beh : 1000;
	r->arabic_k = k < 1000 ? 1000 : k > 1500 ? 1500 : k;
	return r->arabic_k;
}

/* Drops every text texture (they were shaped with the fonts about to change). */
static void drop_texts(Render *r)
{
	for (size_t i = 0; i < r->text_count; i++) {
		SDL_DestroyTexture(r->texts[i].tex);
		free(r->texts[i].text);
	}
	r->text_count = 0;
	r->text_bytes = 0;
}

double render_script_scale(void *ctx, bool arabic)
{
	Render *r = ctx;
	if (!r || !arabic || !r->arabic_regular)
		return 1.0;
	return (r->arabic_fit ? r->arabic_fit : arabic_scale(r)) / 1000.0;
}

void render_fit_scripts(void *ctx, double text_scale)
{
	Render *r = ctx;
	if (!r)
		return;
	/* The match gives way first where room runs out: Arabic letters are never drawn larger
	 * than the largest text size draws Latin ones, so at the largest size Urdu takes no
	 * more room than before (its pages already filled their screens there). */
	double largest = settings_text_scale(TEXT_LARGEST);
	int cap = text_scale > 0 ? (int)(1000.0 * largest / text_scale + 0.5) : 1000;
	int k = arabic_scale(r), fit = k < cap ? k : cap < 1000 ? 1000 : cap;
	if (fit == (r->arabic_fit ? r->arabic_fit : k))
		return;
	if (fit < k && !r->arabic_fit_logged) {
		/* the stated degrade step, said once */
		log_info("layout: at this text size Arabic-script letters are drawn at %.2f x (not %.2f x, "
			 "their x-height match) so the pages keep their screens",
			 fit / 1000.0, k / 1000.0);
		r->arabic_fit_logged = true;
	}
	r->arabic_fit = fit;
	close_fonts(r);
	drop_texts(r);
}

static FontSlot *font_slot(Render *r, int px, bool bold)
{
	if (px < 4)
		px = 4;
	for (int i = 0; i < r->font_count; i++)
		if (r->fonts[i].px == px && r->fonts[i].bold == bold)
			return &r->fonts[i];
	if (r->font_count == MAX_FONTS) {
		/* Sizes only change with the screen or text size: start again rather than grow. */
		for (int i = 0; i < r->font_count; i++)
			close_slot(&r->fonts[i]);
		r->font_count = 0;
	}
	FontSlot slot = {.px = px, .bold = bold};
	slot.main = open_font(bold ? r->main_bold : r->main_regular, px);
	if (!slot.main)
		slot.main = open_font(r->main_regular, px);
	if (!slot.main)
		return NULL;
	slot.fallback = open_font(bold ? r->fallback_bold : r->fallback_regular, px);
	int apx = (int)(((int64_t)px * (r->arabic_fit ? r->arabic_fit : arabic_scale(r)) + 500) / 1000);
	slot.arabic = open_font(bold ? r->arabic_bold : r->arabic_regular, apx);
	if (!slot.arabic && bold)
		slot.arabic = open_font(r->arabic_regular, apx);
	if (slot.arabic && TTF_SetFontScriptName(slot.arabic, "Arab") != 0)
		log_warn("cannot set the Arabic script on the font: %s", TTF_GetError());
	TTF_SetFontHinting(slot.main, TTF_HINTING_LIGHT);
	r->fonts[r->font_count] = slot;
	return &r->fonts[r->font_count++];
}

static uint32_t decode_utf8(const char *s, size_t *adv)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = utf8_next(s);
	*adv = n ? n : 1;
	if (n == 2)
		return ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
	if (n == 3)
		return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
	if (n == 4)
		return ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) | ((u[2] & 0x3Fu) << 6) |
		       (u[3] & 0x3Fu);
	return u[0];
}

static TTF_Font *pick_font(FontSlot *slot, const char *text)
{
	if (slot->arabic && bidi_has_arabic(text, strlen(text)))
		return slot->arabic;
	if (!slot->fallback)
		return slot->main;
	for (const char *p = text; *p;) {
		size_t adv;
		uint32_t cp = decode_utf8(p, &adv);
		p += adv;
		if (cp > 0x20 && !TTF_GlyphIsProvided32(slot->main, cp))
			return TTF_GlyphIsProvided32(slot->fallback, cp) ? slot->fallback : slot->main;
	}
	return slot->main;
}

/* The font that has every letter of the text: the Arabic one for Arabic letters, else the
 * main one when it can, else the fallback. It is set to shape in the direction asked (the
 * fonts are shared by pieces of both directions, so this is set on every use). */
static TTF_Font *font_for(FontSlot *slot, const char *text, bool rtl)
{
	TTF_Font *f = pick_font(slot, text);
	TTF_SetFontDirection(f, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
	return f;
}

int render_measure(void *ctx, const char *text, size_t len, int px, bool bold)
{
	Render *r = ctx;
	FontSlot *slot = font_slot(r, px, bold);
	if (!slot || len == 0)
		return 0;
	char small[256];
	char *buf = len < sizeof(small) ? small : xmalloc(len + 1);
	memcpy(buf, text, len);
	buf[len] = '\0';
	int w = 0;
	/* layout cut pieces at direction changes: a piece with a right-to-left letter is
	 * right to left throughout */
	if (TTF_SizeUTF8(font_for(slot, buf, bidi_has_rtl(buf, len)), buf, &w, NULL) != 0)
		w = 0;
	if (buf != small)
		free(buf);
	return w;
}

int render_cap_height(Render *r, int px)
{
	FontSlot *slot = font_slot(r, px, false);
	int miny, maxy;
	if (!slot || TTF_GlyphMetrics32(slot->main, 'H', NULL, NULL, &miny, &maxy, NULL) != 0)
		return 0;
	return maxy - miny;
}

int render_min_body_px(Render *r, int screen_w, double panel_mm, double distance_mm)
{
	if (panel_mm <= 0 || distance_mm <= 0 || screen_w <= 0)
		return 0;
	int cap100 = render_cap_height(r, 100); /* the font's own capital height per 100 px */
	if (cap100 <= 0)
		return 0;
	double px_per_mm = screen_w / panel_mm;
	double cap_px = 0.01222 * distance_mm * px_per_mm;
	return (int)(cap_px * 100.0 / cap100) + 1;
}

static uint32_t pack(Rgb c)
{
	return ((uint32_t)c.r << 16) | ((uint32_t)c.g << 8) | c.b;
}

static uint32_t fnv1a(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Drops the text textures not drawn for longest until the cache fits in `bytes` (never the
 * ones of the frame being drawn). */
static void evict_texts(Render *r, size_t bytes)
{
	while (r->text_bytes > bytes || r->text_count == TEXT_CACHE_MAX) {
		size_t oldest = r->text_count;
		for (size_t i = 0; i < r->text_count; i++)
			if (r->texts[i].last_frame != r->frame &&
			    (oldest == r->text_count || r->texts[i].last_frame < r->texts[oldest].last_frame))
				oldest = i;
		if (oldest == r->text_count)
			return;
		TextEntry *e = &r->texts[oldest];
		r->text_bytes -= (size_t)e->w * (size_t)e->h * 4;
		SDL_DestroyTexture(e->tex);
		free(e->text);
		*e = r->texts[--r->text_count];
	}
}

/* A texture of text[0..len) in one font, colour and direction, from the cache or shaped now. */
static TextEntry *text_texture(Render *r, const char *text, size_t len, int px, bool bold, Rgb color,
			       bool rtl)
{
	uint32_t hash = fnv1a(text, len) ^ (uint32_t)px * 31u ^ (bold ? 0x9E3779B9u : 0u) ^
			(rtl ? 0x85EBCA6Bu : 0u);
	uint32_t col = pack(color);
	for (size_t i = 0; i < r->text_count; i++) {
		TextEntry *e = &r->texts[i];
		if (e->hash == hash && e->px == px && e->bold == bold && e->color == col &&
		    e->rtl == rtl && strlen(e->text) == len && memcmp(e->text, text, len) == 0) {
			e->last_frame = r->frame;
			return e;
		}
	}
	FontSlot *slot = font_slot(r, px, bold);
	if (!slot)
		return NULL;
	char *copy = xstrndup(text, len);
	SDL_Color sc = {color.r, color.g, color.b, 255};
	SDL_Surface *s = TTF_RenderUTF8_Blended(font_for(slot, copy, rtl), copy, sc);
	if (!s) {
		free(copy);
		return NULL;
	}
	SDL_Texture *tex = SDL_CreateTextureFromSurface(r->sdl, s);
	int w = s->w, h = s->h;
	SDL_FreeSurface(s);
	if (!tex) {
		free(copy);
		return NULL;
	}
	evict_texts(r, TEXT_CACHE_BYTES - (size_t)w * (size_t)h * 4 < TEXT_CACHE_BYTES ? TEXT_CACHE_BYTES - (size_t)w * (size_t)h * 4 : 0);
	if (r->text_count == TEXT_CACHE_MAX) {
		/* Everything is in use this frame: draw once without caching. */
		SDL_DestroyTexture(tex);
		free(copy);
		return NULL;
	}
	if (!r->texts)
		r->texts = xcalloc(TEXT_CACHE_MAX, sizeof(TextEntry));
	r->text_bytes += (size_t)w * (size_t)h * 4;
	TextEntry *e = &r->texts[r->text_count++];
	*e = (TextEntry){hash, copy, px, bold, col, rtl, tex, w, h, r->frame};
	return e;
}

/* Decodes a picture for drawing at w x h, or returns NULL with why filled in. The file is
 * read and probed first (picture.h: size from its header, SVG drawing budget), so a picture
 * bomb is refused before SDL_image decodes a byte, and what is decoded is exactly what was
 * probed. */
/* The box around s's pixels with any ink (alpha above a faint edge), or false when none.
 * s is ARGB8888. */
static bool ink_box(SDL_Surface *s, SDL_Rect *box)
{
	int x0 = s->w, y0 = s->h, x1 = -1, y1 = -1;
	for (int y = 0; y < s->h; y++) {
		const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
		for (int x = 0; x < s->w; x++)
			if ((row[x] >> 24) >= 8) {
				x0 = x < x0 ? x : x0;
				x1 = x > x1 ? x : x1;
				y0 = y < y0 ? y : y0;
				y1 = y > y1 ? y : y1;
			}
	}
	*box = (SDL_Rect){x0, y0, x1 - x0 + 1, y1 - y0 + 1};
	return x1 >= x0;
}

static SDL_Surface *decode(const void *data, size_t len, bool svg, int w, int h)
{
	SDL_RWops *rw = SDL_RWFromConstMem(data, (int)len);
	SDL_Surface *s = NULL;
	if (rw && svg)
		s = IMG_LoadSizedSVG_RW(rw, w, h);
	else if (rw)
		s = IMG_Load_RW(rw, 0);
	if (rw)
		SDL_RWclose(rw);
	return s;
}

/* A UI icon (images/ui/) cut to its ink: the artwork's 72-unit grid leaves empty margins
 * (a 64 px bar icon showed 35-45 px of ink), so the margins are cut away and the ink fills
 * the icon box when drawn (aspect kept). An SVG is drawn again larger first, so the cut
 * is as sharp as the box. Takes s; returns s itself when there is nothing to cut. */
static SDL_Surface *trim_icon(SDL_Surface *s, const void *data, size_t len, bool svg, int w, int h)
{
	SDL_Surface *a = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
	SDL_Rect box;
	if (!a || !ink_box(a, &box) || (box.w == a->w && box.h == a->h)) {
		if (a)
			SDL_FreeSurface(a);
		return s;
	}
	double f = (double)a->w / box.w < (double)a->h / box.h ? (double)a->w / box.w : (double)a->h / box.h;
	if (svg && f > 1.02 && w * f <= 4096 && h * f <= 4096) {
		SDL_Surface *big = decode(data, len, true, (int)(w * f + 0.5), (int)(h * f + 0.5));
		SDL_Surface *b = big ? SDL_ConvertSurfaceFormat(big, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
		if (big)
			SDL_FreeSurface(big);
		if (b && ink_box(b, &box)) {
			SDL_FreeSurface(a);
			a = b;
		} else if (b) {
			SDL_FreeSurface(b);
			ink_box(a, &box);
		}
	}
	SDL_Surface *cut = SDL_CreateRGBSurfaceWithFormat(0, box.w, box.h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (cut) {
		SDL_SetSurfaceBlendMode(a, SDL_BLENDMODE_NONE);
		SDL_BlitSurface(a, &box, cut, NULL);
	}
	SDL_FreeSurface(a);
	if (!cut)
		return s;
	SDL_FreeSurface(s);
	return cut;
}

static SDL_Surface *load_picture(const char *path, const void *kept, size_t kept_len, int w, int h, char *why,
				 size_t why_len)
{
	PictureInfo info;
	size_t len = kept_len;
	void *data = NULL;
	if (kept) {
		data = picture_probe(kept, kept_len, &info) ? xmalloc(kept_len ? kept_len : 1) : NULL;
		if (data)
			memcpy(data, kept, kept_len);
	} else {
		data = picture_read(path, &len, &info);
	}
	if (!data) {
		snprintf(why, why_len, "%s", info.why);
		return NULL;
	}
	SDL_Surface *s = decode(data, len, info.format == PICTURE_SVG, w, h);
	if (s && s->w > 0 && s->h > 0 && strstr(path, "/ui/"))
		s = trim_icon(s, data, len, info.format == PICTURE_SVG, w, h);
	free(data);
	if (!s)
		snprintf(why, why_len, "%s", IMG_GetError());
	else if (s->w <= 0 || s->h <= 0)
		snprintf(why, why_len, "it is empty");
	return s;
}

/* Turns a decoded surface into the entry's texture, or logs (once) why there is none.
 * Takes the surface. */
static void finish_picture(Render *r, PicEntry *e, SDL_Surface *s, const char *why)
{
	if (!s || s->w <= 0 || s->h <= 0) {
		log_error("picture %s cannot be shown: %s (a placeholder is shown instead)", e->path, why);
		if (s)
			SDL_FreeSurface(s);
		r->picture_failures++;
		return;
	}
	e->tex = SDL_CreateTextureFromSurface(r->sdl, s);
	e->tex_w = s->w;
	e->tex_h = s->h;
	if (e->tex)
		r->pic_bytes += (size_t)s->w * (size_t)s->h * 4;
	if (strstr(e->path, "/ui/") && s->w <= 1024 && s->h <= 1024)
		e->src = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
	SDL_FreeSurface(s);
	if (e->tex)
		SDL_SetTextureScaleMode(e->tex, SDL_ScaleModeBest);
}

static PicEntry *picture_texture(Render *r, const char *path, int w, int h)
{
	for (size_t i = 0; i < r->pic_count; i++) {
		PicEntry *e = &r->pics[i];
		if (e->w == w && e->h == h && strcmp(e->path, path) == 0) {
			e->last_frame = r->frame;
			return e;
		}
	}
	/* Make room: drop the pictures not drawn for longest, by bytes and by count. Failed
	 * pictures hold no texture and are kept, so each broken file is reported once. */
	size_t need = (size_t)w * (size_t)h * 4;
	while (r->pic_count > 0 && (r->pic_bytes + need > PIC_CACHE_BYTES || r->pic_count == PIC_CACHE_MAX)) {
		size_t oldest = r->pic_count;
		for (size_t i = 0; i < r->pic_count; i++)
			if (r->pics[i].last_frame != r->frame && (r->pics[i].tex || r->pic_count == PIC_CACHE_MAX) &&
			    (oldest == r->pic_count || r->pics[i].last_frame < r->pics[oldest].last_frame))
				oldest = i;
		if (oldest == r->pic_count)
			break;
		PicEntry *old = &r->pics[oldest];
		if (old->tex) {
			r->pic_bytes -= (size_t)old->tex_w * (size_t)old->tex_h * 4;
			SDL_DestroyTexture(old->tex);
		}
		drop_tint(old);
		free(old->path);
		*old = r->pics[--r->pic_count];
	}
	if (r->pic_count == PIC_CACHE_MAX)
		return NULL;
	if (!r->pics)
		r->pics = xcalloc(PIC_CACHE_MAX, sizeof(PicEntry));
	PicEntry *e = &r->pics[r->pic_count++];
	*e = (PicEntry){.path = xstrdup(path), .w = w, .h = h, .last_frame = r->frame};
	if (r->worker) {
		PicJob *j = xcalloc(1, sizeof(*j));
		*j = (PicJob){.path = xstrdup(path), .w = w, .h = h};
		/* the kept bytes are copied: the content may be swapped while the worker decodes */
		size_t klen = 0;
		const void *kept = r->source ? r->source(r->source_ctx, path, &klen) : NULL;
		if (kept) {
			j->data = xmalloc(klen ? klen : 1);
			memcpy(j->data, kept, klen);
			j->len = klen;
		}
		e->pending = true;
		SDL_LockMutex(r->lock);
		j->next = r->todo;
		r->todo = j;
		SDL_CondBroadcast(r->cond);
		SDL_UnlockMutex(r->lock);
		return e;
	}
	char why[256] = "";
	size_t klen = 0;
	const void *kept = r->source ? r->source(r->source_ctx, path, &klen) : NULL;
	SDL_Surface *s = load_picture(path, kept, klen, w, h, why, sizeof why);
	finish_picture(r, e, s, why);
	return e;
}

/* ---- decoding off the main loop ----------------------------------------------------- */

static int worker_main(void *data)
{
	Render *r = data;
	SDL_LockMutex(r->lock);
	for (;;) {
		while (!r->todo && !r->quit)
			SDL_CondWait(r->cond, r->lock);
		if (r->quit)
			break;
		PicJob *j = r->todo;
		r->todo = j->next;
		r->busy = true;
		SDL_UnlockMutex(r->lock);
		j->surface = load_picture(j->path, j->data, j->len, j->w, j->h, j->why, sizeof j->why);
		SDL_LockMutex(r->lock);
		j->next = r->done;
		r->done = j;
		r->busy = false;
		SDL_CondBroadcast(r->cond);
		if (r->ready_event) {
			SDL_Event e = {.type = r->ready_event};
			SDL_PushEvent(&e);
		}
	}
	SDL_UnlockMutex(r->lock);
	return 0;
}

bool render_set_async(Render *r)
{
	if (r->worker)
		return true;
	Uint32 ev = SDL_RegisterEvents(1);
	r->ready_event = ev == (Uint32)-1 ? 0 : ev;
	r->lock = SDL_CreateMutex();
	r->cond = SDL_CreateCond();
	if (r->lock && r->cond)
		r->worker = SDL_CreateThread(worker_main, "pictures", r);
	if (!r->worker) {
		log_warn("pictures are decoded on the main loop (no thread: %s)", SDL_GetError());
		r->ready_event = 0;
	}
	return r->worker != NULL;
}

void render_set_picture_source(Render *r, RenderPictureFn fn, void *ctx)
{
	r->source = fn;
	r->source_ctx = ctx;
}

Uint32 render_picture_event(const Render *r)
{
	return r->ready_event;
}

/* Moves what the worker finished into the cache. Results for entries dropped meanwhile
 * (cache cleared, evicted) are freed. */
static void collect_pictures(Render *r)
{
	SDL_LockMutex(r->lock);
	PicJob *j = r->done;
	r->done = NULL;
	SDL_UnlockMutex(r->lock);
	while (j) {
		PicJob *next = j->next;
		PicEntry *e = NULL;
		for (size_t i = 0; i < r->pic_count && !e; i++)
			if (r->pics[i].pending && r->pics[i].w == j->w && r->pics[i].h == j->h &&
			    strcmp(r->pics[i].path, j->path) == 0)
				e = &r->pics[i];
		if (e) {
			e->pending = false;
			finish_picture(r, e, j->surface, j->why);
		} else if (j->surface) {
			SDL_FreeSurface(j->surface);
		}
		free(j->data);
		free(j->path);
		free(j);
		j = next;
	}
}

bool render_pictures_pending(Render *r)
{
	if (!r->worker)
		return false;
	collect_pictures(r);
	for (size_t i = 0; i < r->pic_count; i++)
		if (r->pics[i].pending)
			return true;
	return false;
}

/* Asks for this screen's pictures; when some are new, gives the worker up to
 * PICTURE_WAIT_MS to finish them (a condition wait, woken as each one is done). */
static void request_pictures(Render *r, const LayoutScreen *screen)
{
	if (!r->worker)
		return;
	collect_pictures(r);
	bool asked = false;
	for (size_t i = 0; i < screen->box_count; i++) {
		const LayoutBox *box = &screen->boxes[i];
		if (!box->picture || box->picture_missing || box->picture_rect.w <= 0 || box->picture_rect.h <= 0)
			continue;
		if (!box->enabled && box->role >= BOX_NAV_HOME && box->role <= BOX_NAV_NEXT)
			continue;
		PicEntry *e = picture_texture(r, box->picture, box->picture_rect.w, box->picture_rect.h);
		asked = asked || (e && e->pending);
	}
	if (!asked)
		return;
	Uint64 end = SDL_GetTicks64() + PICTURE_WAIT_MS;
	SDL_LockMutex(r->lock);
	while ((r->todo || r->busy) && !r->quit) {
		Uint64 now = SDL_GetTicks64();
		if (now >= end || SDL_CondWaitTimeout(r->cond, r->lock, (Uint32)(end - now)) == SDL_MUTEX_TIMEDOUT)
			break;
	}
	SDL_UnlockMutex(r->lock);
	collect_pictures(r);
}

static void fill(Render *r, SDL_Rect rc, Rgb c)
{
	SDL_SetRenderDrawColor(r->sdl, c.r, c.g, c.b, 255);
	SDL_RenderFillRect(r->sdl, &rc);
}

/* A frame of thickness t drawn inside rc. */
static void frame_rect(Render *r, SDL_Rect rc, int t, Rgb c)
{
	fill(r, (SDL_Rect){rc.x, rc.y, rc.w, t}, c);
	fill(r, (SDL_Rect){rc.x, rc.y + rc.h - t, rc.w, t}, c);
	fill(r, (SDL_Rect){rc.x, rc.y, t, rc.h}, c);
	fill(r, (SDL_Rect){rc.x + rc.w - t, rc.y, t, rc.h}, c);
}

static SDL_Rect to_sdl(LayoutRect rc)
{
	return (SDL_Rect){rc.x, rc.y, rc.w, rc.h};
}

/* A neutral stand-in for a missing picture: a framed square with a cross, so the row keeps
 * its shape and nobody mistakes it for content. */
static void draw_placeholder(Render *r, SDL_Rect rc, Rgb c)
{
	int t = rc.w / 40 > 2 ? rc.w / 40 : 2;
	SDL_Rect inner = {rc.x + rc.w / 8, rc.y + rc.h / 8, rc.w * 3 / 4, rc.h * 3 / 4};
	frame_rect(r, inner, t, c);
	SDL_SetRenderDrawColor(r->sdl, c.r, c.g, c.b, 255);
	for (int i = 0; i < t; i++) {
		SDL_RenderDrawLine(r->sdl, inner.x + i, inner.y, inner.x + inner.w - 1, inner.y + inner.h - 1 - i);
		SDL_RenderDrawLine(r->sdl, inner.x + inner.w - 1 - i, inner.y, inner.x, inner.y + inner.h - 1 - i);
	}
}

/* Relative luminance (WCAG) of a colour, 0..1. */
static double lum(Rgb c)
{
	return theme_luminance(c);
}

/* The icon's texture for a face of colour bg with ink fg. On a light face the icon is
 * drawn as made (dark lines); on a dark face it is recoloured as a duotone: each pixel's
 * darkness picks its place between bg (white fills) and fg (black lines), so the lines
 * take the words' colour (>= 7:1 on the face) and the fills sink into the face. */
static SDL_Texture *icon_texture(Render *r, PicEntry *e, Rgb fg, Rgb bg)
{
	if (!e->src || lum(fg) <= lum(bg))
		return e->tex;
	uint32_t kf = pack(fg), kb = pack(bg);
	if (e->tinted && e->tint_fg == kf && e->tint_bg == kb)
		return e->tinted;
	SDL_Surface *t = SDL_ConvertSurfaceFormat(e->src, SDL_PIXELFORMAT_ARGB8888, 0);
	if (!t)
		return e->tex;
	if (SDL_LockSurface(t) == 0) {
		for (int y = 0; y < t->h; y++) {
			Uint32 *row = (Uint32 *)((Uint8 *)t->pixels + (size_t)y * (size_t)t->pitch);
			for (int x = 0; x < t->w; x++) {
				Uint32 v = row[x];
				unsigned a = v >> 24, cr = (v >> 16) & 0xFF, cg = (v >> 8) & 0xFF, cb = v & 0xFF;
				/* lightness 0 (black) .. 255 (white), Rec. 709 weights */
				unsigned l = (2126 * cr + 7152 * cg + 722 * cb) / 10000;
				unsigned nr = (fg.r * (255 - l) + bg.r * l) / 255;
				unsigned ng = (fg.g * (255 - l) + bg.g * l) / 255;
				unsigned nb = (fg.b * (255 - l) + bg.b * l) / 255;
				row[x] = a << 24 | nr << 16 | ng << 8 | nb;
			}
		}
		SDL_UnlockSurface(t);
	}
	if (e->tinted)
		SDL_DestroyTexture(e->tinted);
	e->tinted = SDL_CreateTextureFromSurface(r->sdl, t);
	SDL_FreeSurface(t);
	if (!e->tinted)
		return e->tex;
	SDL_SetTextureScaleMode(e->tinted, SDL_ScaleModeBest);
	e->tint_fg = kf;
	e->tint_bg = kb;
	return e->tinted;
}

/* A picture in area; ink/face: the colours of the words and of what the picture sits on
 * (UI icons are recoloured for a dark face, see icon_texture). */
static void draw_picture(Render *r, const LayoutBox *box, LayoutRect area, Rgb ink, Rgb face)
{
	if (area.w <= 0 || area.h <= 0 || !box->picture)
		return;
	SDL_Rect dst = to_sdl(area);
	PicEntry *e = box->picture_missing ? NULL : picture_texture(r, box->picture, area.w, area.h);
	if (!e || !e->tex) {
		draw_placeholder(r, dst, ink);
		return;
	}
	SDL_Texture *tex = icon_texture(r, e, ink, face);
	/* Keep the aspect ratio: fit inside the area, centred. */
	double sx = (double)area.w / e->tex_w, sy = (double)area.h / e->tex_h;
	double s = sx < sy ? sx : sy;
	int w = (int)(e->tex_w * s + 0.5), h = (int)(e->tex_h * s + 0.5);
	SDL_Rect fit = {area.x + (area.w - w) / 2, area.y + (area.h - h) / 2, w, h};
	SDL_RenderCopy(r->sdl, tex, NULL, &fit);
}

/* The light plate a content picture sits on when the face is dark: pictures are drawn
 * with black outlines on light fills, which vanish on black or dark blue. The plate fills
 * the picture's own rect (never past its box), the picture sits inside it. */
static const Rgb PLATE = {0xFF, 0xFF, 0xFF};

static void draw_content_picture(Render *r, const LayoutBox *box, Rgb ink, Rgb face)
{
	LayoutRect pr = box->picture_rect;
	if (pr.w <= 0 || pr.h <= 0 || !box->picture || lum(face) >= 0.5) {
		draw_picture(r, box, pr, ink, face);
		return;
	}
	fill(r, to_sdl(pr), PLATE);
	int in = pr.w / 14 > 2 ? pr.w / 14 : 2;
	LayoutRect inner = {pr.x + in, pr.y + in, pr.w - 2 * in, pr.h - 2 * in};
	/* on the plate, a placeholder's cross is dark like the pictures' lines */
	Rgb dark = {0x1A, 0x1A, 0x1A};
	draw_picture(r, box, inner, dark, PLATE);
}

static bool word_lit(const LayoutWord *w, size_t off, size_t len)
{
	return len > 0 && w->offset < off + len && off < w->offset + w->len;
}

/* The spoken word's band: one rect per line it is on (a glued word can wrap). */
#define MAX_BANDS 8

/* Draws pieces first..last as one run. The run is shaped once, in the line's colour; where
 * it crosses a band, that part of the run is copied instead from the SAME run shaped in
 * the band's colour (the same glyphs at the same places, only the colour differs), so the
 * lit word keeps exactly the shape and weight it has unlit: never a word shaped again on
 * its own and laid over the line's ink. */
static void draw_run(Render *r, const LayoutBox *box, const LayoutWord *first, const LayoutWord *last, Rgb c,
		     Rgb lit_c, const SDL_Rect *bands, int band_count)
{
	const char *text = layout_box_text(box);
	bool rtl = first->level & 1;
	size_t off = first->offset, len = last->offset + last->len - first->offset;
	TextEntry *e = text_texture(r, text + off, len, box->font_px, first->bold, c, rtl);
	if (!e)
		return;
	/* a right-to-left piece starts at its right end */
	int x0 = rtl ? last->x + last->w - e->w : first->x;
	int y0 = first->y + (first->h - e->h) / 2, w = e->w, h = e->h;
	SDL_Texture *plain = e->tex;
	/* x ranges of the run (texture coordinates) that lie in a band on this line, sorted */
	int cut[MAX_BANDS][2], n = 0;
	for (int b = 0; b < band_count && n < MAX_BANDS; b++) {
		if (bands[b].y != first->y)
			continue;
		int a = bands[b].x - x0, z = bands[b].x + bands[b].w - x0;
		a = a < 0 ? 0 : a;
		z = z > w ? w : z;
		if (a >= z)
			continue;
		int k = n++;
		while (k > 0 && cut[k - 1][0] > a) {
			cut[k][0] = cut[k - 1][0];
			cut[k][1] = cut[k - 1][1];
			k--;
		}
		cut[k][0] = a;
		cut[k][1] = z;
	}
	SDL_Texture *lit = NULL;
	if (n > 0) {
		TextEntry *le = text_texture(r, text + off, len, box->font_px, first->bold, lit_c, rtl);
		/* the cache may have moved entries: look the plain one up again */
		e = text_texture(r, text + off, len, box->font_px, first->bold, c, rtl);
		if (!le || !e || le->w != w || le->h != h)
			n = 0;
		else
			lit = le->tex, plain = e->tex;
	}
	int at = 0;
	for (int k = 0; k <= n; k++) {
		int a = k < n ? cut[k][0] : w;
		if (a > at) {
			SDL_Rect src = {at, 0, a - at, h}, dst = {x0 + at, y0, a - at, h};
			SDL_RenderCopy(r->sdl, plain, &src, &dst);
		}
		if (k < n) {
			int z = cut[k][1] > a ? cut[k][1] : a;
			if (a < at)
				a = at;
			if (z > a) {
				SDL_Rect src = {a, 0, z - a, h}, dst = {x0 + a, y0, z - a, h};
				SDL_RenderCopy(r->sdl, lit, &src, &dst);
			}
			at = z > at ? z : at;
		}
	}
}

/* Draws a box's words, each piece on its own at the place layout gave it. Never a whole line
 * shaped at once: a space measured alone is rounded down, so a run of words shaped together
 * comes out 1-6 px wider than layout's sum and eats the space before the next piece (the
 * bold word in "your **wellbeing**" touched "your"); and an Arabic line mixes fonts. Piece
 * textures are cached, so a steady screen costs nothing more. The spoken word gets a band,
 * and the pieces in it change colour inside the band (draw_run). */
static void draw_words(Render *r, const LayoutBox *box, Rgb color, const Theme *theme, size_t lit_off,
		       size_t lit_len)
{
	size_t n = box->word_count, lit_first = n, lit_last = n;
	for (size_t i = 0; i < n; i++)
		if (word_lit(&box->words[i], lit_off, lit_len)) {
			if (lit_first == n)
				lit_first = i;
			lit_last = i;
		}
	SDL_Rect bands[MAX_BANDS];
	int band_count = 0;
	if (lit_first < n) {
		/* the band first, so the line's ink lies on it */
		int pad = box->font_px / 6;
		for (size_t i = lit_first; i <= lit_last; i++) {
			const LayoutWord *w = &box->words[i];
			bool join = i < lit_last && box->words[i + 1].line == w->line;
			int right = join ? box->words[i + 1].x : w->x + w->w + pad;
			int left = i == lit_first || box->words[i - 1].line != w->line ? w->x - pad : w->x;
			if (join && right < w->x + w->w) /* right to left: the next piece is to the left */
				right = w->x + w->w + pad;
			SDL_Rect band = {left, w->y, right - left, w->h};
			fill(r, band, theme->highlight_bg);
			if (band_count < MAX_BANDS)
				bands[band_count++] = band;
		}
	}
	for (size_t i = 0; i < n; i++)
		draw_run(r, box, &box->words[i], &box->words[i], color, theme->highlight_text, bands, band_count);
}

static bool is_button(LayoutRole role)
{
	return role == BOX_BUTTON || (role >= BOX_NAV_HOME && role <= BOX_NAV_NEXT);
}

static bool rect_inside(LayoutRect in, LayoutRect out)
{
	return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w && in.y + in.h <= out.y + out.h;
}

/* Switch scanning: the box is lit (itself, or as part of a lit group). The row being read
 * keeps its reading colours so the spoken word's band stays visible. */
/* A hard word's badge: a "?" on a square in the buttons' border colour, in the space layout
 * kept after the word, saying "there is an explanation" without underlining (easy read
 * avoids underline). The "?" is 0.7 of the body text size, so it reads at a glance. */
typedef enum {
	BADGE_PLAIN,
	BADGE_LIT,     /* pressed, or the scan's choice itself */
	BADGE_ON_LIT,  /* on a face the scan lit (its row or group): the lit face's colours
			* swapped, as the plain square on the page would vanish into it */
} BadgeLook;

static void draw_badge(Render *r, const LayoutBox *box, const Theme *theme, BadgeLook look)
{
	SDL_Rect c = to_sdl(box->picture_rect);
	if (c.w <= 0)
		return;
	Rgb square = look == BADGE_LIT ? theme->highlight_bg : look == BADGE_ON_LIT ? theme->highlight_text
										     : theme->button_border;
	Rgb mark = look == BADGE_LIT ? theme->highlight_text : look == BADGE_ON_LIT ? theme->highlight_bg : theme->bg;
	fill(r, c, square);
	if (look == BADGE_LIT)
		frame_rect(r, c, c.w / 12 > 2 ? c.w / 12 : 2, theme->button_border);
	int px = box->font_px * 7 / 10 > 8 ? box->font_px * 7 / 10 : 8;
	TextEntry *q = text_texture(r, "?", 1, px, true, mark, false);
	if (q) {
		SDL_Rect dst = {c.x + (c.w - q->w) / 2, c.y + (c.h - q->h) / 2, q->w, q->h};
		SDL_RenderCopy(r->sdl, q->tex, NULL, &dst);
	}
}

static bool same_rect(LayoutRect a, LayoutRect b)
{
	return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

static bool scan_lit(const RenderState *st, const LayoutBox *box, int i, bool reading)
{
	if (!st || !st->show_focus || !st->scan_fill || reading)
		return false;
	if (st->focus_on_rect)
		return box->focusable && box->enabled && rect_inside(box->rect, st->focus_rect);
	return st->focus_box == i;
}

/* Part of a ring around (cx, cy) between radii r0 and r1, from angle a0 to a1 (turns,
 * 0 = top, clockwise), as triangles. */
static void arc(Render *r, float cx, float cy, float r0, float r1, double a0, double a1, Rgb c)
{
	enum { SEGMENTS = 96 };
	SDL_Vertex v[SEGMENTS * 6];
	int n = 0;
	SDL_Color col = {c.r, c.g, c.b, 255};
	int count = (int)((a1 - a0) * SEGMENTS + 0.999);
	for (int k = 0; k < count && k < SEGMENTS; k++) {
		double t0 = a0 + (a1 - a0) * k / count, t1 = a0 + (a1 - a0) * (k + 1) / count;
		float s0 = (float)SDL_sin(t0 * 2 * M_PI), c0 = (float)-SDL_cos(t0 * 2 * M_PI);
		float s1 = (float)SDL_sin(t1 * 2 * M_PI), c1 = (float)-SDL_cos(t1 * 2 * M_PI);
		SDL_FPoint p[4] = {{cx + r0 * s0, cy + r0 * c0}, {cx + r1 * s0, cy + r1 * c0},
				   {cx + r1 * s1, cy + r1 * c1}, {cx + r0 * s1, cy + r0 * c1}};
		const int tri[6] = {0, 1, 2, 0, 2, 3};
		for (int j = 0; j < 6; j++)
			v[n++] = (SDL_Vertex){p[tri[j]], col, {0, 0}};
	}
	if (n)
		SDL_RenderGeometry(r->sdl, NULL, v, n, NULL, 0);
}

/* Dwell: a ring that fills clockwise from the top as the pointer rests. The filled part is
 * the button text colour on the button face colour (7:1 in every theme), the whole ring
 * edged in the button border colour (3:1 against the background). */
static void draw_dwell_ring(Render *r, LayoutRect rc, double progress, const Theme *theme)
{
	float d = (float)(rc.w < rc.h ? rc.w : rc.h);
	float cx = (float)rc.x + (float)rc.w / 2, cy = (float)rc.y + (float)rc.h / 2;
	float outer = d / 2, width = d / 6 > 8 ? d / 6 : 8, edge = d / 40 > 2 ? d / 40 : 2;
	arc(r, cx, cy, outer - width - edge, outer, 0, 1, theme->button_border);
	arc(r, cx, cy, outer - width, outer - edge, 0, 1, theme->button_bg);
	if (progress > 0)
		arc(r, cx, cy, outer - width, outer - edge, 0, progress > 1 ? 1 : progress, theme->button_text);
}

/* A message across the middle of the screen, framed in the focus colour. */
static void draw_notice(Render *r, const RenderState *st, const Theme *theme, int sw, int sh, int ring)
{
	int shorter = sw < sh ? sw : sh;
	int px = shorter / 16 > 16 ? shorter / 16 : 16;
	TextEntry *e = text_texture(r, st->notice, strlen(st->notice), px, true, theme->text, st->notice_rtl);
	if (!e)
		return;
	int w = e->w, h = e->h, margin = px / 2;
	if (w > sw - 4 * margin) { /* too long for one line: shrink the picture of it */
		h = h * (sw - 4 * margin) / w;
		w = sw - 4 * margin;
	}
	SDL_Rect band = {(sw - w) / 2 - margin * 2, (sh - h) / 2 - margin, w + margin * 4, h + margin * 2};
	fill(r, band, theme->bg);
	frame_rect(r, band, ring * 2, theme->focus);
	SDL_Rect dst = {(sw - w) / 2, (sh - h) / 2, w, h};
	SDL_RenderCopy(r->sdl, e->tex, NULL, &dst);
}

void render_screen(Render *r, const LayoutScreen *screen, const Theme *theme, const RenderState *st)
{
	int sw = 0, sh = 0;
	SDL_GetRendererOutputSize(r->sdl, &sw, &sh);
	int shorter = sw < sh ? sw : sh;
	int border = shorter / 270 > 3 ? shorter / 270 : 3;    /* 4 px at 1080p */
	int ring = shorter / 180 > 6 ? shorter / 180 : 6;      /* 6 px at 1080p */
	r->frame++;
	request_pictures(r, screen);
	SDL_SetRenderDrawColor(r->sdl, theme->bg.r, theme->bg.g, theme->bg.b, 255);
	SDL_RenderClear(r->sdl);
	for (size_t i = 0; i < screen->box_count; i++) {
		const LayoutBox *box = &screen->boxes[i];
		if (!box->enabled && box->role >= BOX_NAV_HOME && box->role <= BOX_NAV_NEXT)
			continue;
		SDL_Rect rc = to_sdl(box->rect);
		bool pressed = st && st->pressed_box == (int)i;
		if (box->role == BOX_HARD_WORD) {
			/* its target lies over the row's words: only the badge is drawn */
			bool own = st && st->show_focus && st->scan_fill &&
				   (st->focus_on_rect ? same_rect(st->focus_rect, box->rect) : st->focus_box == (int)i);
			draw_badge(r, box, theme,
				   pressed || own ? BADGE_LIT
				   : scan_lit(st, box, (int)i, false) ? BADGE_ON_LIT : BADGE_PLAIN);
			continue;
		}
		bool reading = st && st->reading_box == (int)i;
		Rgb text = theme->text, face = theme->bg;
		if (scan_lit(st, box, (int)i, reading) && !pressed) {
			fill(r, rc, theme->highlight_bg);
			if (is_button(box->role))
				frame_rect(r, rc, border, theme->button_border);
			text = theme->highlight_text;
			face = theme->highlight_bg;
		} else if (is_button(box->role)) {
			face = pressed ? theme->pressed_bg : theme->button_bg;
			fill(r, rc, face);
			frame_rect(r, rc, border, theme->button_border);
			text = pressed ? theme->pressed_text : theme->button_text;
		} else if (box->role == BOX_TITLE) {
			fill(r, (SDL_Rect){rc.x, rc.y + rc.h - border, rc.w, border}, theme->rule);
		} else if (reading || pressed) {
			fill(r, rc, theme->row_reading_bg);
			face = theme->row_reading_bg;
		}
		if (box->role == BOX_ROW || box->role == BOX_BUTTON)
			draw_content_picture(r, box, text, face);
		else
			draw_picture(r, box, box->picture_rect, text, face);
		draw_words(r, box, text, theme, reading ? st->word_offset : 0, reading ? st->word_len : 0);
	}
	bool ring_box = st && st->show_focus && st->focus_box >= 0 && (size_t)st->focus_box < screen->box_count;
	if (st && st->show_focus && (ring_box || st->focus_on_rect)) {
		SDL_Rect rc = to_sdl(st->focus_on_rect ? st->focus_rect : screen->boxes[st->focus_box].rect);
		/* The ring sits just outside the box, clamped so it is never off screen. */
		/* switch scanning: twice the keyboard ring, so it shows from across the room */
		int t = st->scan_fill ? 2 * ring : ring;
		SDL_Rect outer = {rc.x - t - 2, rc.y - t - 2, rc.w + 2 * (t + 2), rc.h + 2 * (t + 2)};
		if (outer.x < 0) { outer.w += outer.x; outer.x = 0; }
		if (outer.y < 0) { outer.h += outer.y; outer.y = 0; }
		if (outer.x + outer.w > sw) outer.w = sw - outer.x;
		if (outer.y + outer.h > sh) outer.h = sh - outer.y;
		frame_rect(r, outer, t, theme->focus);
	}
	if (st && st->dwell_ring.w > 0)
		draw_dwell_ring(r, st->dwell_ring, st->dwell_progress, theme);
	if (st && st->notice)
		draw_notice(r, st, theme, sw, sh, ring);
}
