/* The layout sweep: every shipped page (and the kiosk's own screens) in every language and
 * text size, laid out at every screen size from 600 to 3840 px in steps of 64 in both
 * directions, held to the layout rules:
 *  - no word is split across lines (and LayoutPage.overflow stays false);
 *  - nothing leaves its box, its box leaves the margins, or two boxes overlap;
 *  - text, pictures and targets keep their minimum sizes;
 *  - every space is kept: two words side by side on a line are at least a space apart.
 * Text is measured with the real fonts' advance widths (read from the .ttf files in fonts/ by a tiny
 * TrueType reader below: cmap + hmtx, no kerning or shaping), so the widths are within a
 * few per cent of SDL_ttf's and the core stays free of SDL. A second test proves the
 * checker catches what it should (it fails on a page with a broken word and overlapping
 * boxes). Run from the repository root. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bidi.h"
#include "content.h"
#include "layout.h"
#include "screens.h"
#include "settings.h"
#include "util.h"
#include "words.h"

#define SWEEP_MIN 600
#define SWEEP_MAX 3840
#define SWEEP_STEP 64
/* Each size lays out one page in SWEEP_STRIDE (every page in turn, in every language and
 * text size): 5 s in the normal build. ASan + UBSan (with full malloc stacks) make layout ~80x slower, so there the
 * sweep samples more thinly (the normal build covers the grid). */
#if defined(__SANITIZE_ADDRESS__)
#define SWEEP_STRIDE 640
#define NAMED_STRIDE 4
#else
#define SWEEP_STRIDE 8
#define NAMED_STRIDE 1
#endif

/* ---- a TrueType advance-width reader (enough for measuring) ---- */

typedef struct {
	unsigned short *adv; /* per BMP code point, in font units; 0: no glyph */
	int upem;
} FontWidths;

static unsigned rd16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long rd32(const unsigned char *p)
{
	return (unsigned long)rd16(p) << 16 | rd16(p + 2);
}

static const unsigned char *table(const unsigned char *f, size_t size, const char *tag)
{
	unsigned n = rd16(f + 4);
	for (unsigned i = 0; i < n && 12 + 16 * (i + 1) <= size; i++) {
		const unsigned char *rec = f + 12 + 16 * i;
		if (memcmp(rec, tag, 4) == 0 && rd32(rec + 8) < size)
			return f + rd32(rec + 8);
	}
	return NULL;
}

static bool font_load(FontWidths *fw, const char *path)
{
	size_t size = 0;
	unsigned char *f = (unsigned char *)util_read_file(path, &size);
	if (!f)
		return false;
	const unsigned char *head = table(f, size, "head"), *hhea = table(f, size, "hhea");
	const unsigned char *hmtx = table(f, size, "hmtx"), *cmap = table(f, size, "cmap");
	assert_non_null(head);
	assert_non_null(hhea);
	assert_non_null(hmtx);
	assert_non_null(cmap);
	fw->upem = (int)rd16(head + 18);
	unsigned metrics = rd16(hhea + 34);
	fw->adv = xcalloc(0x10000, sizeof(*fw->adv));
	const unsigned char *sub = NULL;
	for (unsigned i = 0; i < rd16(cmap + 2); i++) {
		const unsigned char *rec = cmap + 4 + 8 * i;
		if (rd16(rec) == 3 && (rd16(rec + 2) == 1 || rd16(rec + 2) == 10)) {
			sub = cmap + rd32(rec + 4);
			if (rd16(sub) == 4)
				break;
		}
	}
	assert_non_null(sub);
	assert_int_equal(rd16(sub), 4);
	unsigned segs = rd16(sub + 6) / 2;
	const unsigned char *ends = sub + 14, *starts = ends + 2 * segs + 2;
	const unsigned char *deltas = starts + 2 * segs, *ranges = deltas + 2 * segs;
	for (unsigned s = 0; s < segs; s++) {
		unsigned end = rd16(ends + 2 * s), start = rd16(starts + 2 * s);
		unsigned delta = rd16(deltas + 2 * s), range = rd16(ranges + 2 * s);
		for (unsigned c = start; c <= end && c < 0xFFFF; c++) {
			unsigned g;
			if (range == 0) {
				g = (c + delta) & 0xFFFF;
			} else {
				const unsigned char *gp = ranges + 2 * s + range + 2 * (c - start);
				g = rd16(gp);
				if (g)
					g = (g + delta) & 0xFFFF;
			}
			if (!g)
				continue;
			unsigned m = g < metrics ? g : metrics - 1;
			unsigned a = rd16(hmtx + 4 * m);
			fw->adv[c] = (unsigned short)(a ? a : 1);
		}
	}
	free(f);
	return true;
}

typedef struct {
	FontWidths main[2], fallback[2], arabic[2]; /* [bold] */
	long calls;
} RealMeasure;

static RealMeasure *g_meter;

static uint32_t next_cp(const char *s, size_t *i, size_t len)
{
	const unsigned char *u = (const unsigned char *)s + *i;
	size_t n = utf8_next(s + *i);
	if (n == 0 || n > len - *i)
		n = 1;
	*i += n;
	if (n == 2)
		return ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
	if (n == 3)
		return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
	if (n == 4)
		return 0xFFFD;
	return u[0];
}

/* render_script_scale for the shipped fonts: Naskh's dotless beh stands 41/100, Atkinson's
 * x 50/100, so Arabic letters are drawn 1.22 x their nominal size (#15: x-heights match),
 * but never larger than the largest text size draws Latin (render_fit_scripts): 1.2 at
 * x1.25, 1.0 at x1.5. Set by params_for for the page's language and text size. */
static int g_arabic_k = 1220;

/* Like render_measure: a piece with Arabic letters is set in the Arabic font (at ARABIC_K
 * of the size), else each letter in the main font or, when it lacks it, the fallback. */
static int real_measure(void *ctx, const char *text, size_t len, int px, bool bold)
{
	RealMeasure *m = ctx;
	m->calls++;
	bool arabic = bidi_has_arabic(text, len);
	if (arabic)
		px = (px * g_arabic_k + 500) / 1000;
	long units = 0; /* in 1/65536 px */
	for (size_t i = 0; i < len;) {
		uint32_t cp = next_cp(text, &i, len);
		if (cp > 0xFFFF)
			cp = 0xFFFD;
		const FontWidths *order[3] = {arabic ? &m->arabic[bold] : &m->main[bold],
		                              &m->main[bold], &m->fallback[bold]};
		int a = 0, upem = 1;
		for (int k = 0; k < 3 && !a; k++) {
			a = order[k]->adv[cp];
			upem = order[k]->upem;
		}
		if (!a) {
			a = order[0]->upem / 2;
			upem = order[0]->upem;
		}
		/* Arabic letters join: shaped words measured 0.76-1.0 (mean ~0.87) of their
		 * isolated forms' advances with SDL_ttf + HarfBuzz at 100 px */
		long scale = cp >= 0x600 && cp <= 0x6FF ? 87 : 100;
		units += (long)a * px * 65536 / upem * scale / 100;
	}
	return (int)((units + 32768) / 65536);
}

/* ---- the pages ---- */

typedef struct {
	ContentPage *page;
	const char *lang;
	const Words *words;
	bool owned; /* a generated screen: free with screens_page_free */
} SweepPage;

typedef struct {
	Content *c;
	Words words[8];
	char codes[8][8];
	SweepPage pages[256];
	size_t count;
} Corpus;

static void corpus_load(Corpus *k)
{
	memset(k, 0, sizeof(*k));
	k->c = content_open("content");
	assert_non_null(k->c);
	content_load_all(k->c);
	assert_true(k->c->lang_count <= 8);
	const char *names[8];
	for (size_t l = 0; l < k->c->lang_count; l++) {
		ContentLanguage *lang = &k->c->langs[l];
		words_defaults(&k->words[l]);
		char *wp = path_join(lang->dir, "words.txt");
		DiagList d;
		memset(&d, 0, sizeof(d));
		words_load(&k->words[l], wp, &d);
		diag_clear(&d);
		free(wp);
		snprintf(k->codes[l], sizeof(k->codes[l]), "%s", lang->code);
		names[l] = k->words[l].name;
	}
	const char *codes[8];
	for (size_t l = 0; l < k->c->lang_count; l++)
		codes[l] = k->codes[l];
	for (size_t l = 0; l < k->c->lang_count; l++) {
		ContentLanguage *lang = &k->c->langs[l];
		for (size_t p = 0; p < lang->page_count && k->count < 240; p++) {
			if (!lang->pages[p].ok)
				continue;
			k->pages[k->count++] =
			    (SweepPage){&lang->pages[p], lang->code, &k->words[l], false};
		}
		/* the kiosk's own screens, in this language */
		Settings s;
		settings_defaults(&s);
		const Words *w = &k->words[l];
		ContentPage *gen[3];
		for (int g = 0; g < 3; g++)
			gen[g] = xcalloc(1, sizeof(ContentPage));
		screens_attract_languages(gen[0], s.name, w, codes, names, k->c->lang_count, k->c->images_dir);
		screens_settings(gen[1], &s, w, w->name, k->c->lang_count > 1, k->c->images_dir);
		screens_languages(gen[2], w->language, codes, names, k->c->lang_count, lang->code,
		                  k->c->images_dir);
		for (int g = 0; g < 3; g++)
			k->pages[k->count++] = (SweepPage){gen[g], lang->code, w, true};
	}
}

static void corpus_free(Corpus *k)
{
	for (size_t i = 0; i < k->count; i++)
		if (k->pages[i].owned) {
			screens_page_free(k->pages[i].page);
			free(k->pages[i].page);
		}
	content_close(k->c);
}

static LayoutParams params_for(const SweepPage *sp, int w, int h, double scale, RealMeasure *m)
{
	const Words *wd = sp->words;
	/* the content's right-to-left language, Urdu, is in Arabic script */
	double fit = settings_text_scale(TEXT_LARGEST) / scale;
	g_arabic_k = !lang_is_rtl(sp->lang) ? 1000 : fit >= 1.22 ? 1220 : fit <= 1.0 ? 1000 : (int)(1000 * fit + 0.5);
	return (LayoutParams){
	    .screen_w = w,
	    .screen_h = h,
	    .text_scale = scale,
	    .measure = real_measure,
	    .measure_ctx = m,
	    .label_home = wd->home,
	    .label_back = wd->back,
	    .label_next = wd->next,
	    .label_listen = wd->listen,
	    .label_settings = wd->settings,
	    .label_pause = wd->pause,
	    .label_again = wd->again,
	    .label_language = wd->language,
	    .label_help = wd->help,
	    .page_of_format = wd->page_of,
	    .icon_home = "home",
	    .icon_back = "back",
	    .icon_next = "next",
	    .icon_listen = "listen",
	    .icon_settings = "settings",
	    .icon_pause = "pause",
	    .icon_again = "again",
	    .icon_language = "language",
	    .icon_help = "help",
	    .can_go_back = true,
	    .show_listen = true,
	    .show_settings = true,
	    .show_pause = true,
	    .show_again = true,
	    .show_language = true,
	    .help_slot = true, /* the kiosk's bar: Help next to Home (the shipped content has ask-for-help) */
	    .show_help = true,
	    .rtl = lang_is_rtl(sp->lang),
	};
}

/* ---- the rules ---- */

static bool inside(LayoutRect in, LayoutRect out)
{
	return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
	       in.y + in.h <= out.y + out.h;
}

static bool overlap(LayoutRect a, LayoutRect b)
{
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h &&
	       a.w > 0 && a.h > 0 && b.w > 0 && b.h > 0;
}

/* The first broken rule, written into why; false when every rule holds. */
static bool broken(const LayoutPage *lp, const LayoutParams *p, char *why, size_t n)
{
	const LayoutMetrics *m = &lp->metrics;
	LayoutMetrics base;
	layout_metrics(p->screen_w, p->screen_h, 1.0, &base);
	LayoutRect safe = {m->margin, m->margin, p->screen_w - 2 * m->margin,
	                   p->screen_h - 2 * m->margin};
	if (lp->overflow && !getenv("SWEEP_NO_OVERFLOW")) {
		snprintf(why, n, "overflow set");
		return true;
	}
	for (size_t s = 0; s < lp->screen_count; s++) {
		const LayoutScreen *sc = &lp->screens[s];
		for (size_t i = 0; i < sc->box_count; i++) {
			const LayoutBox *b = &sc->boxes[i];
			const char *text = layout_box_text(b);
			if (!inside(b->rect, safe)) {
				snprintf(why, n, "screen %zu box %zu (role %d, '%.20s') at %d,%d %dx%d leaves the margins",
				         s, i, b->role, text, b->rect.x, b->rect.y, b->rect.w, b->rect.h);
				return true;
			}
			if (b->picture_rect.w && !inside(b->picture_rect, b->rect)) {
				snprintf(why, n, "screen %zu box %zu picture leaves its box", s, i);
				return true;
			}
			if (b->role == BOX_ROW && b->picture_rect.w && !b->continued &&
			    b->picture_rect.w < m->picture) {
				snprintf(why, n, "screen %zu box %zu picture %d < %d", s, i,
				         b->picture_rect.w, m->picture);
				return true;
			}
			if (b->focusable && b->role != BOX_ROW && (b->rect.w < base.target || b->rect.h < base.target)) {
				snprintf(why, n, "screen %zu box %zu (role %d) target %dx%d < %d", s, i,
				         b->role, b->rect.w, b->rect.h, base.target);
				return true;
			}
			if (b->word_count && b->font_px < base.body_px * 3 / 4) {
				snprintf(why, n, "screen %zu box %zu (role %d) text %d px < %d", s, i,
				         b->role, b->font_px, base.body_px * 3 / 4);
				return true;
			}
			if ((b->role == BOX_ROW || b->role == BOX_BUTTON) && b->font_px < base.body_px) {
				snprintf(why, n, "screen %zu box %zu body text %d px < %d", s, i,
				         b->font_px, base.body_px);
				return true;
			}
			for (size_t k = i + 1; k < sc->box_count; k++)
				if (overlap(b->rect, sc->boxes[k].rect)) {
					snprintf(why, n, "screen %zu boxes %zu and %zu overlap", s, i, k);
					return true;
				}
			for (size_t w = 0; w < b->word_count; w++) {
				const LayoutWord *a = &b->words[w];
				LayoutRect wr = {a->x, a->y, a->w, a->h};
				if (!inside(wr, b->text_rect) || !inside(wr, b->rect)) {
					snprintf(why, n, "screen %zu box %zu word '%.*s' leaves its box", s, i,
					         (int)a->len, text + a->offset);
					return true;
				}
				if (w + 1 == b->word_count)
					continue;
				const LayoutWord *c = &b->words[w + 1];
				if (a->glue_next && c->line != a->line) {
					snprintf(why, n, "screen %zu box %zu word '%.*s' split across lines",
					         s, i, (int)(c->offset + c->len - a->offset), text + a->offset);
					return true;
				}
				/* words side by side on one line: at least a space apart */
				if (c->line == a->line && !a->glue_next) {
					int space = p->measure(p->measure_ctx, " ", 1, b->font_px, false);
					int bs = p->measure(p->measure_ctx, " ", 1, b->font_px, true);
					space = bs < space ? bs : space;
					int gap = c->x >= a->x ? c->x - (a->x + a->w) : a->x - (c->x + c->w);
					if (gap < space) {
						snprintf(why, n, "screen %zu box %zu: no space between '%.*s' and '%.*s' (%d < %d)",
						         s, i, (int)a->len, text + a->offset, (int)c->len,
						         text + c->offset, gap, space);
						return true;
					}
				}
			}
		}
	}
	return false;
}

static RealMeasure *meter(void)
{
	if (g_meter)
		return g_meter;
	RealMeasure *m = xcalloc(1, sizeof(*m));
	assert_true(font_load(&m->main[0], "fonts/AtkinsonHyperlegible-Regular.ttf"));
	assert_true(font_load(&m->main[1], "fonts/AtkinsonHyperlegible-Bold.ttf"));
	assert_true(font_load(&m->fallback[0], "fonts/DejaVuSans.ttf"));
	assert_true(font_load(&m->fallback[1], "fonts/DejaVuSans-Bold.ttf"));
	assert_true(font_load(&m->arabic[0], "fonts/NotoNaskhArabic-Regular.ttf"));
	assert_true(font_load(&m->arabic[1], "fonts/NotoNaskhArabic-Bold.ttf"));
	g_meter = m;
	return m;
}

static void meter_free(void)
{
	if (!g_meter)
		return;
	for (int b = 0; b < 2; b++) {
		free(g_meter->main[b].adv);
		free(g_meter->fallback[b].adv);
		free(g_meter->arabic[b].adv);
	}
	free(g_meter);
	g_meter = NULL;
}

/* The reader agrees with the fonts: Atkinson Hyperlegible's "H" is 0.7 em or so, a space
 * narrower, and bold wider than regular. */
static void test_reader(void **state)
{
	(void)state;
	RealMeasure *m = meter();
	int h = real_measure(m, "H", 1, 100, false), sp = real_measure(m, " ", 1, 100, false);
	assert_in_range(h, 55, 85);
	assert_in_range(sp, 15, 35);
	assert_true(real_measure(m, "Hello", 5, 100, true) > real_measure(m, "Hello", 5, 100, false));
	assert_true(real_measure(m, "مدد", strlen("مدد"), 100, false) > 0);
}

/* The checker fails when it should: a word wider than the screen is split (overflow), two
 * words with no space between, boxes that overlap. */
static void test_checker_fails(void **state)
{
	(void)state;
	RealMeasure *m = meter();
	ContentRow row;
	memset(&row, 0, sizeof(row));
	row.kind = ROW_TEXT;
	row.text = "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
	ContentPage page = {.title = "T", .rows = &row, .row_count = 1, .loaded = true, .ok = true};
	SweepPage sp = {&page, "en", NULL, false};
	Words w;
	words_defaults(&w);
	sp.words = &w;
	LayoutParams p = params_for(&sp, 600, 800, 1.0, m);
	LayoutPage *lp = layout_page(&page, &p);
	char why[256];
	assert_true(broken(lp, &p, why, sizeof(why)));
	lp->overflow = false;
	/* glue two words side by side: "no space" */
	row.text = "one two";
	layout_page_destroy(lp);
	lp = layout_page(&page, &p);
	assert_false(broken(lp, &p, why, sizeof(why)));
	LayoutBox *b = NULL;
	for (size_t i = 0; i < lp->screens[0].box_count; i++)
		if (lp->screens[0].boxes[i].role == BOX_ROW)
			b = &lp->screens[0].boxes[i];
	assert_non_null(b);
	assert_int_equal(b->word_count, 2);
	b->words[1].x = b->words[0].x + b->words[0].w + 1;
	assert_true(broken(lp, &p, why, sizeof(why)));
	assert_non_null(strstr(why, "no space"));
	b->words[1].x = b->words[0].x + b->words[0].w + 40;
	b->rect.y -= 40; /* now over the title */
	assert_true(broken(lp, &p, why, sizeof(why)));
	layout_page_destroy(lp);
}

/* Every page, language and text size at every size of the grid. The grid has 51 x 51 sizes;
 * every size is laid out in every language and text size, and the pages take turns so
 * that each page meets every width and every height (a full cross product would be
 * 51 x 51 x 60 pages x 3 sizes, minutes under ASan). */
static void test_sweep(void **state)
{
	(void)state;
	RealMeasure *m = meter();
	Corpus *k = xcalloc(1, sizeof(*k));
	corpus_load(k);
	assert_true(k->count > 40);
	static const double scales[3] = {1.0, 1.25, 1.5};
	char why[512];
	long layouts = 0, failures = 0;
	clock_t t0 = clock();
	int steps = (SWEEP_MAX - SWEEP_MIN) / SWEEP_STEP + 1;
	for (int wi = 0; wi < steps; wi++)
		for (int hi = 0; hi < steps; hi++) {
			int w = SWEEP_MIN + wi * SWEEP_STEP, h = SWEEP_MIN + hi * SWEEP_STEP;
			for (size_t i = 0; i < k->count; i++) {
				/* page i at the sizes numbered -i modulo SWEEP_STRIDE: as the
				 * grid has an odd number of steps, every page meets every width
				 * and every height (in the normal build) */
				size_t size_no = (size_t)wi * (size_t)steps + (size_t)hi;
				if ((size_no + i) % SWEEP_STRIDE != 0)
					continue;
				for (int s = 0; s < 3; s++) {
					LayoutParams p = params_for(&k->pages[i], w, h, scales[s], m);
					LayoutPage *lp = layout_page(k->pages[i].page, &p);
					layouts++;
					if (broken(lp, &p, why, sizeof(why))) {
						if (failures++ < 20)
							print_message("%s/%s at %dx%d x%.2f: %s\n",
							              k->pages[i].lang, k->pages[i].page->name
							                                    ? k->pages[i].page->name
							                                    : k->pages[i].page->title,
							              w, h, scales[s], why);
					}
					layout_page_destroy(lp);
				}
			}
		}
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	print_message("sweep: %ld layouts of %zu pages in %.2f s, %ld broken\n", layouts, k->count,
	              secs, failures);
	corpus_free(k);
	free(k);
	assert_int_equal(failures, 0);
}

/* The panels kiosks really have, both ways round, every page in full. */
static void test_named_sizes(void **state)
{
	(void)state;
	static const int sizes[][2] = {{1024, 768}, {1280, 1024}, {1366, 768}, {1920, 1080},
	                               {3840, 2160}, {768, 1024}, {1024, 1280}, {768, 1366},
	                               {1080, 1920}, {2160, 3840}, {800, 600}, {600, 800}};
	static const double scales[3] = {1.0, 1.25, 1.5};
	RealMeasure *m = meter();
	Corpus *k = xcalloc(1, sizeof(*k));
	corpus_load(k);
	char why[512];
	long failures = 0;
	for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++)
		for (size_t i = z % NAMED_STRIDE; i < k->count; i += NAMED_STRIDE)
			for (int s = 0; s < 3; s++) {
				LayoutParams p = params_for(&k->pages[i], sizes[z][0], sizes[z][1], scales[s], m);
				LayoutPage *lp = layout_page(k->pages[i].page, &p);
				if (broken(lp, &p, why, sizeof(why)) && failures++ < 20)
					print_message("%s/%s at %dx%d x%.2f: %s\n", k->pages[i].lang,
					              k->pages[i].page->name, sizes[z][0], sizes[z][1],
					              scales[s], why);
				layout_page_destroy(lp);
			}
	corpus_free(k);
	free(k);
	assert_int_equal(failures, 0);
}

/* Home is a menu: its 8 topics are tiles, all on one screen at the default text size at
 * 1920x1080, 1080x1920 and 1366x768, on at most 2 screens at the largest size, every tile
 * at least a target in size, numbered by grid row for scanning. In every language. */
static void test_home_menu_fits(void **state)
{
	(void)state;
	static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {1366, 768}};
	RealMeasure *m = meter();
	Corpus *k = xcalloc(1, sizeof(*k));
	corpus_load(k);
	int homes = 0;
	for (size_t i = 0; i < k->count; i++) {
		const ContentPage *pg = k->pages[i].page;
		if (!pg->name || strcmp(pg->name, "home.md") != 0)
			continue;
		homes++;
		for (size_t z = 0; z < 3; z++)
			for (int big = 0; big < 2; big++) {
				LayoutParams p = params_for(&k->pages[i], sizes[z][0], sizes[z][1],
				                            big ? 1.5 : 1.0, m);
				LayoutPage *lp = layout_page(pg, &p);
				size_t tiles = 0;
				int max_row = 0;
				for (size_t sc = 0; sc < lp->screen_count; sc++)
					for (size_t b = 0; b < lp->screens[sc].box_count; b++) {
						const LayoutBox *box = &lp->screens[sc].boxes[b];
						if (box->role != BOX_BUTTON)
							continue;
						tiles++;
						assert_true(box->tile_row > 0);
						/* help first: the first tile, the first one scanned */
						if (tiles == 1)
							assert_string_equal(box->link, "ask-for-help.md");
						max_row += box->tile_row == 1 && sc == 0; /* tiles in the first row */
						assert_true(box->rect.w >= lp->metrics.target);
						assert_true(box->rect.h >= lp->metrics.target);
						assert_true(box->picture_rect.w >= lp->metrics.target * 2 / 3);
					}
				if (lp->screen_count > (big ? 2u : 1u))
					print_message("%s home at %dx%d x%d: %zu screens\n", k->pages[i].lang,
					              sizes[z][0], sizes[z][1], big ? 150 : 100,
					              lp->screen_count);
				assert_true(lp->screen_count <= (big ? 2u : 1u));
				assert_int_equal(tiles, 8);
				if (max_row < 2 && !big)
					print_message("%s home at %dx%d x%d: %d tiles in row 1\n", k->pages[i].lang, sizes[z][0], sizes[z][1], big ? 150 : 100, max_row);
				/* a grid, not a column of buttons (at the largest size a column
				 * of large buttons may be what fits best) */
				assert_true(big || max_row >= 2);
				layout_page_destroy(lp);
			}
	}
	assert_int_equal(homes, 3);
	corpus_free(k);
	free(k);
}

/* Pictures: the ones with English words drawn in them are not used on Polish or Urdu
 * pages; on the kiosk's own screens each picture stands for one idea (the globe is the
 * language, the open book is Hard words, so no other button uses them). */
static void test_one_picture_per_idea(void **state)
{
	(void)state;
	static const char *const english_words[] = {"new.svg", "ui/stop.svg"};
	Corpus *k = xcalloc(1, sizeof(*k));
	corpus_load(k);
	for (size_t i = 0; i < k->count; i++) {
		const ContentPage *pg = k->pages[i].page;
		bool english = strcmp(k->pages[i].lang, "en") == 0;
		for (size_t r = 0; r < pg->row_count; r++) {
			const char *pic = pg->rows[r].picture;
			if (!pic)
				continue;
			for (size_t w = 0; w < sizeof(english_words) / sizeof(english_words[0]) && !english; w++)
				if (strstr(pic, english_words[w])) {
					print_message("%s/%s row %zu: %s has English words in it\n", k->pages[i].lang,
					              pg->name, r, pic);
					fail();
				}
			if (!k->pages[i].owned)
				continue;
			const char *link = pg->rows[r].link ? pg->rows[r].link : "";
			KioskAction act = pg->rows[r].action;
			if (strstr(pic, "language.svg"))
				assert_true(act == ACT_NEXT_LANGUAGE || act == ACT_LANGUAGE);
			if (strstr(pic, "book.svg"))
				assert_true(strstr(link, "hard-words") != NULL);
			if (strstr(pic, "talking.svg"))
				fail_msg("%s: talking people stand for advocacy, not for %s", pg->name, link);
		}
	}
	corpus_free(k);
	free(k);
}

/* The box with this action on any screen of lp, and its screen. */
static const LayoutBox *box_acting(const LayoutPage *lp, KioskAction action, size_t *screen)
{
	for (size_t sc = 0; sc < lp->screen_count; sc++)
		for (size_t b = 0; b < lp->screens[sc].box_count; b++) {
			const LayoutBox *box = &lp->screens[sc].boxes[b];
			if (box->action == action) {
				*screen = sc;
				return box;
			}
		}
	return NULL;
}

/* Settings at 1920x1080, default text: at most 2 screens in every language; at every panel
 * size and text size Done on every screen, and each pair of choices side by side on one row,
 * the lesser way first in reading order (Smaller text | Larger text, Slower | Faster,
 * Quieter | Louder). */
static void test_settings_pairs(void **state)
{
	(void)state;
	static const KioskAction pairs[3][2] = {
	    {ACT_SMALLER, ACT_LARGER}, {ACT_SLOWER, ACT_FASTER}, {ACT_QUIETER, ACT_LOUDER}};
	/* (not 1280x1024: in Polish at the larger texts the bar takes two rows there, and a
	 * screen has room for one row of tiles at most, so Done on every screen wins over the
	 * pairs, or the tallest tile does not fit and Settings is a list of one button a screen) */
	static const int sizes[][2] = {{1920, 1080}, {1366, 768}, {1024, 768}, {1080, 1920}, {3840, 2160}};
	static const double scales[] = {1.0, 1.25, 1.5};
	RealMeasure *m = meter();
	Corpus *k = xcalloc(1, sizeof(*k));
	corpus_load(k);
	int seen = 0;
	for (size_t i = 0; i < k->count; i++) {
		const ContentPage *pg = k->pages[i].page;
		if (!pg->name || strcmp(pg->name, "kiosk-settings") != 0)
			continue;
		seen++;
		for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++)
			for (size_t t = 0; t < 3; t++) {
				LayoutParams p = params_for(&k->pages[i], sizes[z][0], sizes[z][1], scales[t], m);
				LayoutPage *lp = layout_page(pg, &p);
				if (z == 0 && t == 0) {
					if (lp->screen_count > 2)
						print_message("%s Settings at 1920x1080: %zu screens\n", k->pages[i].lang,
						              lp->screen_count);
					assert_true(lp->screen_count <= 2);
				}
				/* Done on every screen */
				for (size_t sc = 0; sc < lp->screen_count; sc++) {
					int done = 0;
					for (size_t b = 0; b < lp->screens[sc].box_count; b++)
						done += lp->screens[sc].boxes[b].action == ACT_DONE;
					if (done != 1)
						print_message("%s Settings at %dx%d x%.2f: screen %zu of %zu has %d Done\n",
						              k->pages[i].lang, sizes[z][0], sizes[z][1], scales[t], sc + 1,
						              lp->screen_count, done);
					assert_int_equal(done, 1);
				}
				for (int q = 0; q < 3; q++) {
					size_t ls = 0, ms = 0;
					const LayoutBox *less = box_acting(lp, pairs[q][0], &ls);
					const LayoutBox *more = box_acting(lp, pairs[q][1], &ms);
					assert_non_null(less);
					assert_non_null(more);
					if (ls != ms || less->rect.y != more->rect.y)
						print_message("%s Settings at %dx%d x%.2f: pair %d not on one row\n",
						              k->pages[i].lang, sizes[z][0], sizes[z][1], scales[t],
						              q);
					assert_int_equal(ls, ms);
					assert_int_equal(less->rect.y, more->rect.y);
					assert_int_equal(less->tile_row, more->tile_row);
					/* the lesser way first in reading order */
					assert_true(p.rtl ? less->rect.x > more->rect.x : less->rect.x < more->rect.x);
				}
				layout_page_destroy(lp);
			}
	}
	assert_int_equal(seen, 3);
	corpus_free(k);
	free(k);
}

static int teardown(void **state)
{
	(void)state;
	meter_free();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reader),
	    cmocka_unit_test(test_checker_fails),
	    cmocka_unit_test(test_home_menu_fits),
	    cmocka_unit_test(test_one_picture_per_idea),
	    cmocka_unit_test(test_settings_pairs),
	    cmocka_unit_test(test_named_sizes),
	    cmocka_unit_test(test_sweep),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
