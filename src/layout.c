/* layout: places one content page on one screen size as screens of boxes. Everything the
 * easy-read rules ask for (sizes, spacing, line lengths, targets) is computed here, in integer
 * px, from the shorter screen side and the text scale, so the renderer only draws rectangles
 * and words, and speech and switch scanning walk the same boxes.
 *
 * Start reading at layout_page: it computes the metrics, lays out the nav bar first (its
 * height decides where rows must stop), then the title (repeated on every screen), then
 * the rows one by one, opening a new screen whenever a row does not fit, and finally copies
 * the title and nav bar onto every screen. Text goes through two steps: measure_text cuts
 * a text into words and style pieces and measures each piece once (measuring is the
 * expensive part with a real font), then fill_lines breaks those pieces into lines
 * greedily, as many times as needed, without measuring again.
 *
 * Right-to-left pages (params->rtl) are built as the left-to-right page and mirrored rect
 * by rect (mirror_x): in a row the picture goes to the right of the text, the nav slots
 * swap ends. Words need more than a mirror: measure_text also cuts pieces where the bidi
 * level changes, and fill_lines, once a line is full, places that line's pieces in visual
 * order (place_visual), right aligned when the paragraph is right to left. Line breaking
 * itself never changes, so a line holds the same words in either direction.
 *
 * The metrics (layout_metrics), with s = shorter side and k = text scale clamped to [1, 2]:
 *   line_height = max(2, ceil(s x k / 18))   60 px at 1080p, 75 at x1.25, 90 at x1.5
 *   body_px     = floor(line_height x 2 / 3)   so line height >= 1.5 x font size
 *   title_px    = max(body_px + 1, body_px x 3 / 2), title_line_height = ceil(1.5 x title_px)
 *   picture     = ceil(s / 6), target = ceil(s / 9), icon = ceil(s x k / 17), margin = ceil(s / 36)
 *   gap         = ceil(line_height / 2): between rows and between targets, so the distance
 *                 from one paragraph to the next is 1.5 x the line distance (WCAG 1.4.8)
 *   max_text_w  = 30 x body_px: about 60 characters of average text
 *   nav_h       = max(target, 2 x pad + icon + line_height), pad = ceil(margin / 2): the
 *                 height of the nav buttons, which sit one margin above the bottom edge.
 * Nothing here assumes the screen is sensible: absurd sizes still give boxes that stay on the
 * screen and never overlap; whatever could not be placed sets LayoutPage.overflow. */
#include "layout.h"

#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "util.h"

enum {
	SCREEN_MAX = 100000,   /* larger sizes are clamped: keeps every product inside int */
	SCALE_MIN = 1000,      /* text scale in thousandths: never smaller than the default */
	SCALE_MAX = 2000,      /* 200%: beyond it a title and one row no longer fit a screen */
	MEASURE_MAX = 1 << 24, /* a measured width is clamped to this */
	TEXT_EMS = 30,         /* max_text_w in body font sizes: ~60 characters at ~0.5 em */
};

static int imin(int a, int b)
{
	return a < b ? a : b;
}

static int imax(int a, int b)
{
	return a > b ? a : b;
}

static int ceil_div(int64_t a, int64_t b)
{
	return (int)((a + b - 1) / b);
}

static int scale_thousandths(double scale)
{
	/* !(x >= 1) also catches NaN. */
	if (!(scale >= SCALE_MIN / 1000.0))
		return SCALE_MIN;
	if (scale > SCALE_MAX / 1000.0)
		return SCALE_MAX;
	return (int)(scale * 1000.0 + 0.5);
}

static int clamp_screen(int v)
{
	return v < 1 ? 1 : v > SCREEN_MAX ? SCREEN_MAX : v;
}

/* Padding inside a button between its edge and its picture or words. */
static int inner_pad(const LayoutMetrics *m)
{
	return (m->margin + 1) / 2;
}

void layout_metrics(int screen_w, int screen_h, double text_scale, LayoutMetrics *out)
{
	if (!out)
		return;
	memset(out, 0, sizeof(*out));
	int s = imin(clamp_screen(screen_w), clamp_screen(screen_h));
	out->screen_w = clamp_screen(screen_w);
	out->screen_h = clamp_screen(screen_h);
	out->shorter = s;
	out->line_height = imax(2, ceil_div((int64_t)s * scale_thousandths(text_scale), 18 * 1000));
	out->body_px = out->line_height * 2 / 3;
	out->title_px = imax(out->body_px + 1, out->body_px * 3 / 2);
	out->title_line_height = ceil_div(out->title_px * 3, 2);
	out->picture = ceil_div(s, 6);
	out->target = ceil_div(s, 9);
	/* bar icons: 64 px at 1080p, growing with the text size */
	out->icon = ceil_div((int64_t)s * scale_thousandths(text_scale), 17 * 1000);
	out->margin = ceil_div(s, 36);
	out->gap = ceil_div(out->line_height, 2);
	out->max_text_w = TEXT_EMS * out->body_px;
	out->nav_h = imax(out->target, 2 * inner_pad(out) + out->icon + out->line_height);
}

/* ---- measuring and line breaking ---- */

/* One run of a word in one style: the unit that is measured. */
typedef struct {
	size_t offset, len;
	int w;
	bool bold;
	bool word_end; /* the last piece of its word */
	unsigned char level; /* bidi embedding level, odd = right to left */
	int badge;     /* word_end piece of a hard word: room for its badge after the word */
	const char *hard_word;
} Piece;

typedef struct {
	const char *text;
	Piece *pieces;
	size_t count, cap;
	int space_w;
	int space_bold_w; /* between two bold pieces (drawn as one bold run): a bold space */
	int px;
	LayoutMeasureFn measure;
	void *ctx;
	bool rtl;     /* the paragraph is right to left: lines are right aligned */
	bool reorder; /* some piece is right to left (or rtl): lines need place_visual */
} Measured;

typedef struct {
	LayoutWord *v;
	size_t n, cap;
} WordVec;

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Bytes in the code point at text[i], never past end (bad bytes count as one). */
static size_t cp_len(const char *text, size_t i, size_t end)
{
	size_t n = utf8_next(text + i);
	return n == 0 || n > end - i ? 1 : n;
}

static int measure_raw(LayoutMeasureFn fn, void *ctx, const char *s, size_t len, int px, bool bold)
{
	long w;
	if (fn)
		w = fn(ctx, s, len, px, bold);
	else /* no measurer: half an em per code point, so the page still lays out */
		w = (long)utf8_count(s, len) * px / 2;
	return w < 0 ? 0 : w > MEASURE_MAX ? MEASURE_MAX : (int)w;
}

static int measure_span(const Measured *m, size_t offset, size_t len, bool bold)
{
	return measure_raw(m->measure, m->ctx, m->text + offset, len, m->px, bold);
}

static void push_piece(Measured *m, size_t offset, size_t len, bool bold, bool word_end,
                       unsigned char level)
{
	if (m->count == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->pieces = xrealloc(m->pieces, m->cap * sizeof(*m->pieces));
	}
	Piece *p = &m->pieces[m->count++];
	p->offset = offset;
	p->len = len;
	p->bold = bold;
	p->word_end = word_end;
	p->level = level;
	p->badge = 0;
	p->hard_word = NULL;
	p->w = measure_span(m, offset, len, bold);
}

/* Cuts text into words at white space and words into pieces where the style or the bidi
 * level changes (only at code point starts, so a piece is always valid UTF-8 when the text
 * is), measuring each piece once. Spans that overlap or leave the text are tolerated: later
 * spans win. rtl: the paragraph's base direction is right to left. */
static void measure_text(Measured *m, const char *text, const ContentSpan *spans, size_t span_count,
                         bool all_bold, int px, LayoutMeasureFn measure, void *ctx, bool rtl)
{
	memset(m, 0, sizeof(*m));
	m->text = text ? text : "";
	m->px = imax(1, px);
	m->measure = measure;
	m->ctx = ctx;
	m->rtl = rtl;
	size_t len = strlen(m->text);
	if (!len)
		return;
	/* Levels only when something can be right to left: plain English skips FriBidi. */
	unsigned char *level = NULL;
	if (rtl || bidi_has_rtl(m->text, len)) {
		level = xmalloc(len);
		bidi_levels(m->text, len, rtl, level);
		m->reorder = true;
	}
	m->space_w = measure_raw(measure, ctx, " ", 1, m->px, false);
	bool *bold = NULL;
	if (!all_bold && spans && span_count) {
		bold = xcalloc(len, sizeof(*bold));
		for (size_t i = 0; i < span_count; i++) {
			if (!spans[i].bold || spans[i].offset >= len)
				continue;
			size_t n = spans[i].len < len - spans[i].offset ? spans[i].len
			                                                : len - spans[i].offset;
			memset(bold + spans[i].offset, 1, n * sizeof(*bold));
		}
	}
	size_t i = 0;
	while (i < len) {
		while (i < len && is_space(m->text[i]))
			i++;
		if (i >= len)
			break;
		size_t start = i;
		bool cur = all_bold || (bold && bold[i]);
		unsigned char lv = level ? level[i] : 0;
		while (i < len && !is_space(m->text[i])) {
			bool b = all_bold || (bold && bold[i]);
			unsigned char l = level ? level[i] : 0;
			if (b != cur || l != lv) {
				push_piece(m, start, i - start, cur, false, lv);
				start = i;
				cur = b;
				lv = l;
			}
			i += cp_len(m->text, i, len);
		}
		push_piece(m, start, i - start, cur, true, lv);
	}
	free(level);
	free(bold);
	m->space_bold_w = m->space_w;
	for (size_t k = 0; k < m->count; k++) {
		if (m->pieces[k].bold) {
			m->space_bold_w = measure_raw(measure, ctx, " ", 1, m->px, true);
			break;
		}
	}
}

/* The space between two words whose facing pieces are bold or not. */
static int gap_w(const Measured *m, bool left_bold, bool right_bold)
{
	return left_bold && right_bold ? m->space_bold_w : m->space_w;
}

static LayoutWord *push_word(WordVec *wv)
{
	if (wv->n == wv->cap) {
		wv->cap = wv->cap ? wv->cap * 2 : 16;
		wv->v = xrealloc(wv->v, wv->cap * sizeof(*wv->v));
	}
	LayoutWord *w = &wv->v[wv->n++];
	memset(w, 0, sizeof(*w));
	return w;
}

static void add_word(WordVec *out, size_t offset, size_t len, int x, int y, int w, int h, int line,
                     bool bold, bool glue, int level)
{
	LayoutWord *lw = push_word(out);
	lw->offset = offset;
	lw->len = len;
	lw->x = x;
	lw->y = y;
	lw->w = w;
	lw->h = h;
	lw->line = line;
	lw->bold = bold;
	lw->glue_next = glue;
	lw->level = level;
}

/* Top of a line; clamped so a fuzzed text of millions of lines cannot overflow an int
 * (such lines are far off the screen and dropped later anyway). */
static int line_y(int y, int line, int lh)
{
	int64_t v = (int64_t)y + (int64_t)line * lh;
	return v > INT_MAX / 2 ? INT_MAX / 2 : (int)v;
}

/* The last resort for a word wider than a whole line: cut it between code points into
 * chunks that fit, one line each, chained with glue_next (so it still reads as one word).
 * Starts at the beginning of line *line; returns the x reached on the last line. */
static int break_chars(const Measured *m, size_t first, size_t end, int x, int y, int max_w, int lh,
                       int *line, WordVec *out)
{
	int cx = 0;
	for (size_t k = first; k < end; k++) {
		const Piece *p = &m->pieces[k];
		size_t pend = p->offset + p->len, cs = p->offset, pos = p->offset;
		int cw_sum = 0;
		while (pos < pend) {
			size_t n = cp_len(m->text, pos, pend);
			int cw = measure_span(m, pos, n, p->bold);
			if (pos > cs && cx + cw_sum + cw > max_w) {
				add_word(out, cs, pos - cs, x + cx, line_y(y, *line, lh),
				         imin(cw_sum, max_w - cx), lh, *line, p->bold, true, p->level);
				(*line)++;
				cx = 0;
				cw_sum = 0;
				cs = pos;
			} else if (pos == cs && cx > 0 && cx + cw > max_w) {
				(*line)++;
				cx = 0;
			}
			cw_sum += cw;
			pos += n;
		}
		int w = imax(0, imin(cw_sum, max_w - cx));
		add_word(out, cs, pend - cs, x + cx, line_y(y, *line, lh), w, lh, *line, p->bold,
		         k + 1 < end, p->level);
		cx += w;
	}
	return cx;
}

/* The space between the k-th and (k+1)-th pieces on screen (order: logical indices into w,
 * left to right): none between two pieces of one word that stay side by side. */
static int visual_gap(const Measured *m, const LayoutWord *w, const size_t *order, size_t k)
{
	size_t a = order[k], b = order[k + 1], lo = a < b ? a : b;
	if ((a + 1 == b || b + 1 == a) && w[lo].glue_next)
		return 0;
	return gap_w(m, w[a].bold, w[b].bold);
}

/* Moves the words out->v[first..end) of one line to their places in visual order, from
 * x (left aligned) or up to x + max_w (right aligned, for a right-to-left paragraph). The
 * words stay in reading order in the vector; only x changes. Two pieces of one word stay
 * glued when they end up side by side; everything else is one space apart. */
static void place_visual(const Measured *m, WordVec *out, size_t first, size_t end, int x,
                         int max_w)
{
	size_t n = end - first;
	if (n == 0)
		return;
	unsigned char small_lv[32];
	size_t small_order[32];
	unsigned char *lv = n <= 32 ? small_lv : xmalloc(n);
	size_t *order = n <= 32 ? small_order : xmalloc(n * sizeof(*order));
	for (size_t k = 0; k < n; k++)
		lv[k] = (unsigned char)out->v[first + k].level;
	bidi_reorder(lv, n, order);
	int64_t width = 0;
	for (size_t k = 0; k < n; k++) {
		width += out->v[first + order[k]].w + out->v[first + order[k]].badge;
		if (k + 1 < n)
			width += visual_gap(m, out->v + first, order, k);
	}
	int64_t cx = x;
	if (m->rtl && width < max_w)
		cx = (int64_t)x + max_w - width;
	for (size_t k = 0; k < n; k++) {
		LayoutWord *w = &out->v[first + order[k]];
		if (w->level & 1) /* right to left: the end of the word is its left side */
			cx += w->badge;
		w->x = cx > INT_MAX / 2 ? INT_MAX / 2 : (int)cx;
		cx += w->w;
		if (!(w->level & 1))
			cx += w->badge;
		if (k + 1 < n)
			cx += visual_gap(m, out->v + first, order, k);
	}
	if (lv != small_lv)
		free(lv);
	if (order != small_order)
		free(order);
}

/* place_visual for every line of the words out->v[first..). */
static void place_lines_visual(const Measured *m, WordVec *out, size_t first, int x, int max_w)
{
	size_t i = first;
	while (i < out->n) {
		size_t j = i + 1;
		while (j < out->n && out->v[j].line == out->v[i].line)
			j++;
		place_visual(m, out, i, j, x, max_w);
		i = j;
	}
}

/* Greedy line filling: each word goes on the current line when it fits after one space,
 * otherwise it starts the next line. Words are never split, except a word wider than
 * max_w on its own (break_chars, *overflow set). Returns the number of lines. Lines are
 * filled in reading order; text with right-to-left pieces is then put in visual order. */
static int fill_lines(const Measured *m, int x, int y, int max_w, int lh, WordVec *out,
                      bool *overflow)
{
	if (max_w < 1)
		max_w = 1;
	size_t first_word = out->n;
	int line = 0, cx = 0;
	bool used = false;
	size_t i = 0;
	while (i < m->count) {
		size_t j = i;
		int64_t ww = 0;
		while (j < m->count) {
			ww += m->pieces[j].w + m->pieces[j].badge;
			if (m->pieces[j++].word_end)
				break;
		}
		int start = 0, space = i > 0 ? gap_w(m, m->pieces[i - 1].bold, m->pieces[i].bold) : 0;
		if (used && cx + (int64_t)space + ww <= max_w)
			start = cx + space;
		else if (used)
			line++;
		if (ww <= max_w) {
			cx = start;
			for (size_t k = i; k < j; k++) {
				const Piece *p = &m->pieces[k];
				add_word(out, p->offset, p->len, x + cx, line_y(y, line, lh), p->w,
				         lh, line, p->bold, k + 1 < j, p->level);
				out->v[out->n - 1].badge = p->badge;
				out->v[out->n - 1].hard_word = p->hard_word;
				cx += p->w + p->badge;
			}
		} else {
			*overflow = true;
			cx = break_chars(m, i, j, x, y, max_w, lh, &line, out);
		}
		used = true;
		i = j;
	}
	if (m->reorder)
		place_lines_visual(m, out, first_word, x, max_w);
	return used ? line + 1 : 0;
}

/* Width of the text set on one line, and of its widest word. */
static int one_line_width(const Measured *m, int *widest)
{
	int64_t total = 0, word = 0, best = 0;
	for (size_t i = 0; i < m->count; i++) {
		word += m->pieces[i].w;
		if (i > 0 && m->pieces[i - 1].word_end)
			total += gap_w(m, m->pieces[i - 1].bold, m->pieces[i].bold);
		if (m->pieces[i].word_end) {
			total += word;
			best = word > best ? word : best;
			word = 0;
		}
	}
	if (widest)
		*widest = (int)(best > MEASURE_MAX ? MEASURE_MAX : best);
	return (int)(total > MEASURE_MAX ? MEASURE_MAX : total);
}

int layout_break_text(const char *text, const ContentSpan *spans, size_t span_count, int px, int x,
                      int y, int max_w, int line_height, LayoutMeasureFn measure, void *ctx,
                      LayoutWord **words, size_t *word_count, bool *overflow)
{
	Measured m;
	measure_text(&m, text, spans, span_count, false, px, measure, ctx, false);
	WordVec wv = {0};
	bool of = false;
	int lines = fill_lines(&m, x, y, max_w, line_height, &wv, &of);
	free(m.pieces);
	if (overflow && of)
		*overflow = true;
	if (word_count)
		*word_count = wv.n;
	if (words)
		*words = wv.v;
	else
		free(wv.v);
	return lines;
}

/* Centres each line of words horizontally, and the block vertically, inside area (a line
 * may come left or right aligned: its left end is where its leftmost word starts). */
static void center_words(WordVec *wv, int lines, int lh, LayoutRect area)
{
	int dy = imax(0, (area.h - lines * lh) / 2);
	size_t i = 0;
	while (i < wv->n) {
		size_t j = i;
		int left = INT_MAX, right = area.x;
		while (j < wv->n && wv->v[j].line == wv->v[i].line) {
			left = imin(left, wv->v[j].x);
			right = imax(right, wv->v[j].x + wv->v[j].w);
			j++;
		}
		left = imin(left, right);
		int dx = area.x + imax(0, (area.w - (right - left)) / 2) - left;
		for (; i < j; i++) {
			wv->v[i].x += dx;
			wv->v[i].y += dy;
		}
	}
}

/* ---- boxes and screens ---- */

/* Nav slots, left to right: Back sits next to the page number and Next, so "Back, Page 2
 * of 3, Next" reads as one group; Home, Help and the speech tools stay put on the left. When
 * one row cannot hold them (a portrait screen), the speech tools and Settings move to a
 * second row above the navigation row (Home, Help, Back, page number, Next). Help is there
 * only when the content has a help page (LayoutParams.help_slot). The speech tools are two
 * slots whose words swap as Listen's and Stop's do: Listen | Again, and while reading
 * Stop | Pause (Go on when paused). Ten slots do not fit one row of a 1024x768 panel at the
 * smallest target, gap and word sizes; a second row there costs a third of the page. */
enum {
	NAV_HOME,
	NAV_HELP,
	NAV_LISTEN,
	NAV_AGAIN, /* Again, or Pause / Go on while reading */
	NAV_SETTINGS,
	NAV_LANGUAGE,
	NAV_BACK,
	NAV_PAGE,
	NAV_NEXT,
	NAV_SLOTS
};

typedef struct {
	LayoutBox *v;
	size_t n, cap;
} BoxVec;

typedef struct {
	const ContentPage *page;
	const LayoutParams *p;
	LayoutMetrics m;
	LayoutPage *lp;
	int pad;
	int block_x, block_w, text_x, text_w; /* the centred column: picture, gap, text */
	int content_top, content_bottom, nav_top;
	LayoutBox title;          /* copied onto every screen */
	LayoutBox nav[NAV_SLOTS]; /* copied onto every screen; nav[NAV_PAGE] is only a rect */
	int nav_px;
	int nav_inner; /* the nav buttons' words from their sides: pad, or half of it (layout_nav) */
	int page_px; /* page number font size, chosen once per page (0: not yet) */
	BoxVec *screens;
	size_t screen_count, screen_cap;
	int y; /* where the next row goes on the last screen */
	int grid_px, grid_lh; /* the grid being placed: its words' size and line height */
} Builder;

static const char *or_default(const char *s, const char *def)
{
	return s ? s : def;
}

/* Copies at most 63 bytes into a label, cutting only between code points. */
static void set_label(char label[64], const char *s)
{
	size_t n = strlen(s);
	if (n > 63) {
		n = 63;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(label, s, n);
	label[n] = '\0';
}

/* "Page %d of %d" with the screen and the count. Formats come from content files, so they
 * are never handed to printf: only %d (twice) and %% mean anything. */
static void format_page(char label[64], const char *fmt, int index, int count)
{
	char buf[256];
	size_t n = 0;
	int nums[2] = {index, count}, used = 0;
	for (const char *f = fmt; *f && n < sizeof(buf) - 16; f++) {
		if (f[0] == '%' && f[1] == 'd') {
			if (used < 2)
				n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%d", nums[used]);
			used++;
			f++;
		} else if (f[0] == '%' && f[1] == '%') {
			buf[n++] = '%';
			f++;
		} else {
			buf[n++] = *f;
		}
	}
	buf[n] = '\0';
	set_label(label, buf);
}

static LayoutBox *push_box(BoxVec *bv)
{
	if (bv->n == bv->cap) {
		bv->cap = bv->cap ? bv->cap * 2 : 8;
		bv->v = xrealloc(bv->v, bv->cap * sizeof(*bv->v));
	}
	LayoutBox *b = &bv->v[bv->n++];
	memset(b, 0, sizeof(*b));
	return b;
}

/* Appends a copy of a template box with its own copy of the words. A generated text lives in
 * box->label, so text must stay NULL (a pointer into the template would dangle). */
static LayoutBox *copy_box(BoxVec *bv, const LayoutBox *src)
{
	LayoutBox *b = push_box(bv);
	*b = *src;
	if (src->word_count) {
		b->words = xmalloc(src->word_count * sizeof(*b->words));
		memcpy(b->words, src->words, src->word_count * sizeof(*b->words));
	} else {
		b->words = NULL;
	}
	return b;
}

static void new_screen(Builder *b)
{
	if (b->screen_count == b->screen_cap) {
		b->screen_cap = b->screen_cap ? b->screen_cap * 2 : 4;
		b->screens = xrealloc(b->screens, b->screen_cap * sizeof(*b->screens));
	}
	BoxVec *s = &b->screens[b->screen_count++];
	memset(s, 0, sizeof(*s));
	copy_box(s, &b->title);
	b->y = b->content_top;
}

static LayoutRect rect(int x, int y, int w, int h)
{
	LayoutRect r = {x, y, imax(0, w), imax(0, h)};
	return r;
}

/* The mirror image of r inside the band [left, left + width) when the page is right to
 * left; r itself otherwise. */
static LayoutRect mirror_x(const Builder *b, LayoutRect r, int left, int width)
{
	if (b->p->rtl)
		r.x = left + (left + width) - (r.x + r.w);
	return r;
}

/* One nav button: icon centred at the top, the word centred under it (keeps the buttons
 * narrow enough for five in a row on a portrait screen). */
static void nav_button(Builder *b, LayoutBox *box, LayoutRole role, const char *word,
                       const char *icon, LayoutRect r, const Measured *ms, int lh)
{
	box->role = role;
	box->rect = r;
	box->row_index = -1;
	box->enabled = true;
	box->focusable = true;
	box->font_px = b->nav_px;
	box->line_height = lh;
	set_label(box->label, word);
	box->text = NULL;
	LayoutRect in = rect(r.x + b->nav_inner, r.y + b->pad, r.w - 2 * b->nav_inner, r.h - 2 * b->pad);
	LayoutRect area = in;
	if (icon) {
		int ic = imax(0, imin(b->m.icon, imin(in.w, in.h - lh)));
		box->picture = icon;
		box->picture_rect = rect(r.x + (r.w - ic) / 2, in.y, ic, ic);
		area = rect(in.x, in.y + ic, in.w, in.h - ic);
	}
	box->text_rect = area;
	WordVec wv = {0};
	box->line_count = fill_lines(ms, area.x, area.y, area.w, lh, &wv, &b->lp->overflow);
	center_words(&wv, box->line_count, lh, area);
	box->words = wv.v;
	box->word_count = wv.n;
}

/* Widths for one row of nav slots at font size px and the given gap, or false when they do
 * not fit in avail. Buttons get the widest one's width when that fits (a calm, even bar),
 * else their own; the page number slot takes what is left. ms[] is measured here. */
static bool fit_nav_row(Builder *b, const int *slots, int n, char words[][64], char alts[][2][64],
                        const char **icons, int px, int gap, int avail, const char *sample, Measured *ms,
                        int *widths)
{
	const LayoutMetrics *m = &b->m;
	int need[NAV_SLOTS], uniform = 0, sum = 0, buttons = 0, page_need = 0;
	for (int k = 0; k < n; k++) {
		int i = slots[k], widest = 0;
		measure_text(&ms[i], i == NAV_PAGE ? sample : words[i], NULL, 0, false, px,
		             b->p->measure, b->p->measure_ctx, b->p->rtl);
		if (i == NAV_PAGE) {
			/* the narrowest slot that sets "Page 88 of 88" in the lines the bar's
			 * height holds, never cutting a word ("Pag" / "e 1" was a bug) */
			int total = one_line_width(&ms[i], &widest);
			int lh = ceil_div(px * 3, 2), bh = imin(m->nav_h, imax(0, m->screen_h - 2 * m->margin));
			int fit = imax(1, (bh - 2 * b->pad) / lh), lo = imax(1, widest), hi = imax(lo, total);
			while (lo < hi) {
				int mid = lo + (hi - lo) / 2;
				WordVec wv = {0};
				bool of = false;
				int lines = fill_lines(&ms[i], 0, 0, mid, lh, &wv, &of);
				free(wv.v);
				if (lines <= fit && !of)
					hi = mid;
				else
					lo = mid + 1;
			}
			need[i] = lo + 2 * b->nav_inner;
			page_need = need[i];
		} else {
			need[i] = imax(m->target, one_line_width(&ms[i], NULL) + 2 * b->nav_inner);
			for (int a = 0; a < 2 && alts[i][a][0]; a++) {
				/* the words that swap in (Stop; Pause, Go on) fit the same slot */
				Measured alt;
				measure_text(&alt, alts[i][a], NULL, 0, false, px, b->p->measure,
				             b->p->measure_ctx, b->p->rtl);
				need[i] = imax(need[i], one_line_width(&alt, NULL) + 2 * b->nav_inner);
				free(alt.pieces);
			}
			need[i] = imax(need[i], (icons[i] ? m->icon : 0) + 2 * b->pad);
			uniform = imax(uniform, need[i]);
			buttons++;
		}
		sum += need[i];
	}
	int fixed = (n - 1) * gap;
	if (buttons * uniform + page_need + fixed <= avail) {
		for (int k = 0; k < n; k++)
			widths[slots[k]] = slots[k] == NAV_PAGE ? avail - buttons * uniform - fixed : uniform;
		return true;
	}
	if (sum + fixed <= avail) {
		for (int k = 0; k < n; k++)
			widths[slots[k]] = need[slots[k]] + (slots[k] == NAV_PAGE ? avail - sum - fixed : 0);
		return true;
	}
	return false;
}

static void free_measured(Measured *ms, int n)
{
	for (int i = 0; i < n; i++) {
		free(ms[i].pieces);
		ms[i].pieces = NULL;
	}
}

/* The nav bar: the same rects on every screen of every page for one screen size and text
 * scale (they depend only on the params, never on the page). Words start at the body font
 * size and shrink, not below 3/4 of the default body size, until every button, the page
 * number slot and their gaps fit in one row; then the gaps shrink from gap to pad; then the
 * bar takes two rows (speech tools and Settings above, Home/Help/Back/page/Next below), again
 * trying the larger words first. Buttons are never narrower than a target. */
static void layout_nav(Builder *b)
{
	const LayoutParams *p = b->p;
	const LayoutMetrics *m = &b->m;
	const char *given[NAV_SLOTS] = {
	    or_default(p->label_home, "Home"),   or_default(p->label_help, "Help"),
	    or_default(p->label_listen, "Listen"),
	    p->show_pause ? or_default(p->label_pause, "Pause") : or_default(p->label_again, "Again"),
	    or_default(p->label_settings, "Settings"), or_default(p->label_language, "Language"),
	    or_default(p->label_back, "Back"),   NULL,
	    or_default(p->label_next, "Next"),
	};
	/* measured as they will be stored: cut to fit LayoutBox.label */
	char words[NAV_SLOTS][64], alts[NAV_SLOTS][2][64];
	for (int i = 0; i < NAV_SLOTS; i++) {
		set_label(words[i], given[i] ? given[i] : "");
		alts[i][0][0] = alts[i][1][0] = '\0';
	}
	set_label(alts[NAV_LISTEN][0], or_default(p->label_listen_alt, "Stop"));
	/* Again's slot holds Pause and Go on as well, whichever shows now */
	set_label(alts[NAV_AGAIN][0], p->show_pause ? or_default(p->label_pause_alt, "Go on")
	                                            : or_default(p->label_pause, "Pause"));
	set_label(alts[NAV_AGAIN][1], p->show_pause ? or_default(p->label_again, "Again")
	                                            : or_default(p->label_pause_alt, "Go on"));
	const char *icons[NAV_SLOTS] = {p->icon_home,     p->icon_help,     p->icon_listen,
	                                p->show_pause ? p->icon_pause : p->icon_again,
	                                p->icon_settings, p->icon_language,
	                                p->icon_back,     NULL,             p->icon_next};
	if (p->rtl) {
		/* Next sits at the left end now: its arrow must point left, Back's right */
		icons[NAV_BACK] = p->icon_next;
		icons[NAV_NEXT] = p->icon_back;
	}
	const LayoutRole roles[NAV_SLOTS] = {BOX_NAV_HOME,     BOX_NAV_HELP,     BOX_NAV_LISTEN,
	                                     p->show_pause ? BOX_NAV_PAUSE : BOX_NAV_AGAIN,
	                                     BOX_NAV_SETTINGS, BOX_NAV_LANGUAGE,
	                                     BOX_NAV_BACK,     BOX_PAGE_NUMBER,  BOX_NAV_NEXT};
	static const int all_row[NAV_SLOTS] = {NAV_HOME,     NAV_HELP,     NAV_LISTEN,
	                                       NAV_AGAIN,    NAV_SETTINGS, NAV_LANGUAGE,
	                                       NAV_BACK,     NAV_PAGE,     NAV_NEXT};
	static const int upper[4] = {NAV_LISTEN, NAV_AGAIN, NAV_SETTINGS, NAV_LANGUAGE};
	static const int all_lower[5] = {NAV_HOME, NAV_HELP, NAV_BACK, NAV_PAGE, NAV_NEXT};
	/* the slots this bar has: Help only when the content has a help page */
	int one_row[NAV_SLOTS], lower[5], n_one = 0, n_lower = 0;
	for (int k = 0; k < NAV_SLOTS; k++)
		if (all_row[k] != NAV_HELP || p->help_slot)
			one_row[n_one++] = all_row[k];
	for (int k = 0; k < 5; k++)
		if (all_lower[k] != NAV_HELP || p->help_slot)
			lower[n_lower++] = all_lower[k];
	char sample[64];
	format_page(sample, or_default(p->page_of_format, "Page %d of %d"), 88, 88);

	int bh = imin(m->nav_h, imax(0, m->screen_h - 2 * m->margin));
	int avail = imax(0, m->screen_w - 2 * m->margin);
	LayoutMetrics base;
	layout_metrics(m->screen_w, m->screen_h, 1.0, &base);
	int px_min = imin(m->body_px, imax(1, base.body_px * 3 / 4));
	/* Two rows whenever one row cannot hold the buttons at full target size: a second row
	 * only sends rows to the next screen, a button below the target size cannot be
	 * pressed (the degrade order is in layout.h). Not when two rows leave no room for a
	 * title and a line. */
	bool two_rows_allowed = m->screen_h - 2 * bh - 2 * m->gap - 2 * m->margin >=
	                        m->title_line_height + m->gap + m->line_height;
	int widths[NAV_SLOTS] = {0};
	Measured ms[NAV_SLOTS];
	memset(ms, 0, sizeof(ms));
	int rows = 1, px = m->body_px, gap = m->gap;
	b->nav_inner = b->pad;
	bool fitted = false;
	for (;;) {
		if (fit_nav_row(b, one_row, n_one, words, alts, icons, px, gap, avail, sample, ms, widths)) {
			fitted = true;
			break;
		}
		free_measured(ms, NAV_SLOTS);
		if (px > px_min) { /* first smaller words ... */
			px = imax(px_min, px - imax(1, px / 10));
			continue;
		}
		if (gap > b->pad) { /* ... then narrower gaps (still a finger's clearance) */
			gap = b->pad;
			continue;
		}
		if (b->nav_inner > b->pad / 2) { /* ... then the words nearer their buttons' sides */
			b->nav_inner = b->pad / 2;
			continue;
		}
		break;
	}
	if (!fitted && two_rows_allowed) {
		rows = 2;
		gap = m->gap;
		b->nav_inner = b->pad;
		for (px = m->body_px;; px = imax(px_min, px - imax(1, px / 10))) {
			if (fit_nav_row(b, upper, 4, words, alts, icons, px, gap, avail, sample, ms, widths) &&
			    fit_nav_row(b, lower, n_lower, words, alts, icons, px, gap, avail, sample, ms, widths)) {
				fitted = true;
				break;
			}
			free_measured(ms, NAV_SLOTS);
			if (px == px_min)
				break;
		}
	}
	if (!fitted) {
		/* Not even the smallest words fit: squeeze one row in proportion so nothing
		 * overlaps or leaves the screen, and say so. */
		rows = 1;
		b->lp->overflow = true;
		gap = imin(gap, avail / 4 / (n_one - 1));
		int sum = 0;
		for (int k = 0; k < n_one; k++) {
			int i = one_row[k];
			measure_text(&ms[i], i == NAV_PAGE ? sample : words[i], NULL, 0, false, px,
			             p->measure, p->measure_ctx, p->rtl);
			widths[i] = imax(1, one_line_width(&ms[i], NULL) + 2 * b->nav_inner);
			sum += widths[i];
		}
		int space = avail - gap * (n_one - 1);
		for (int k = 0; k < n_one; k++)
			widths[one_row[k]] = sum ? (int)((int64_t)widths[one_row[k]] * space / sum) : 0;
	}
	b->nav_px = px;
	if (!fitted || rows == 2 || px < m->body_px || gap < m->gap)
		snprintf(b->lp->degraded, sizeof(b->lp->degraded),
		         "%dx%d at text x%.2f: the bottom bar's words are %d px (body %d px)%s%s%s%s",
		         m->screen_w, m->screen_h, p->text_scale, px, m->body_px,
		         gap < m->gap ? ", its gaps narrower" : "",
		         b->nav_inner < b->pad ? ", words nearer the buttons' sides" : "",
		         rows == 2 ? ", on two rows" : "", fitted ? "" : ", squeezed below the target size");
	b->nav_top = m->screen_h - m->margin - rows * bh - (rows - 1) * gap;
	int lh = ceil_div(px * 3, 2);
	for (int r = 0; r < rows; r++) {
		const int *slots = rows == 1 ? one_row : (r == 0 ? upper : lower);
		int n = rows == 1 ? n_one : (r == 0 ? 4 : n_lower), x = m->margin, y = b->nav_top + r * (bh + gap);
		for (int k = 0; k < n; k++) {
			int i = slots[k];
			LayoutRect rc = mirror_x(b, rect(x, y, widths[i], bh), 0, m->screen_w);
			if (i == NAV_PAGE) {
				b->nav[i].role = BOX_PAGE_NUMBER;
				b->nav[i].rect = rc;
			} else {
				nav_button(b, &b->nav[i], roles[i], words[i], icons[i], rc, &ms[i], lh);
				/* Help acts the same on every screen: a typed action, not a role */
				if (i == NAV_HELP)
					b->nav[i].action = ACT_ASK_FOR_HELP;
			}
			x += widths[i] + gap;
		}
	}
	free_measured(ms, NAV_SLOTS);
}

/* The page number of one screen: centred in its slot, broken into balanced lines when the
 * slot is narrow ("Page 2" / "of 3" rather than "Page 2 of" / "3"), and set smaller when
 * even that does not fit the bar's height (the first call chooses b->page_px). */
static void page_number(Builder *b, LayoutBox *box, int index, int count)
{
	box->role = BOX_PAGE_NUMBER;
	box->row_index = -1;
	box->enabled = true;
	box->focusable = false;
	box->text = NULL;
	format_page(box->label, or_default(b->p->page_of_format, "Page %d of %d"), index, count);
	LayoutRect r = box->rect;
	LayoutRect in = rect(r.x + b->nav_inner, r.y + b->pad, r.w - 2 * b->nav_inner, r.h - 2 * b->pad);
	box->text_rect = in;
	int px = b->page_px ? b->page_px : b->nav_px, lh, lines;
	WordVec wv = {0};
	for (;;) {
		Measured ms;
		bool of = false;
		lh = ceil_div(px * 3, 2);
		measure_text(&ms, box->label, NULL, 0, false, px, b->p->measure, b->p->measure_ctx,
		             b->p->rtl);
		wv.n = 0;
		lines = fill_lines(&ms, in.x, in.y, in.w, lh, &wv, &of);
		int widest = 0;
		one_line_width(&ms, &widest);
		if (lines > 1 && !of) {
			/* the narrowest width that needs no more lines (never below the
			 * widest word, so no word is ever cut while searching) */
			int lo = imax(1, widest), hi = in.w;
			while (lo < hi) {
				int mid = lo + (hi - lo) / 2;
				wv.n = 0;
				if (fill_lines(&ms, in.x, in.y, mid, lh, &wv, &of) <= lines)
					hi = mid;
				else
					lo = mid + 1;
			}
			wv.n = 0;
			lines = fill_lines(&ms, in.x, in.y, lo, lh, &wv, &of);
		}
		free(ms.pieces);
		if ((lines * lh <= in.h && !of) || px <= 1 || b->page_px) {
			if (of)
				b->lp->overflow = true;
			break;
		}
		px = imax(1, px - imax(1, px / 10));
	}
	if (!b->page_px)
		b->page_px = px;
	center_words(&wv, lines, lh, in);
	box->font_px = px;
	box->line_height = lh;
	box->line_count = lines;
	box->words = wv.v;
	box->word_count = wv.n;
}

/* The title: bold, left aligned over the column, wrapping to more lines when long. It may
 * take at most half of the height above the nav bar; a longer title is set smaller (down
 * to the body size), and what still does not fit is dropped with overflow set. */
static void layout_title(Builder *b)
{
	const LayoutMetrics *m = &b->m;
	LayoutBox *t = &b->title;
	t->role = BOX_TITLE;
	t->text = b->page && b->page->title ? b->page->title : "";
	t->row_index = -1;
	t->enabled = true;
	t->focusable = false;
	int max_h = imax(0, (b->nav_top - m->gap - m->margin) / 2);
	int px = m->title_px;
	for (;;) {
		int lh = ceil_div(px * 3, 2), max_lines = max_h / lh;
		Measured ms;
		WordVec wv = {0};
		bool of = false;
		measure_text(&ms, t->text, NULL, 0, true, px, b->p->measure, b->p->measure_ctx,
		             b->p->rtl);
		/* a title line also keeps to about 60 characters, from the column's start:
		 * its right end on a right-to-left page */
		int w = imin(b->block_w, TEXT_EMS * px);
		int x = b->p->rtl ? b->block_x + b->block_w - w : b->block_x;
		int lines = fill_lines(&ms, x, m->margin, w, lh, &wv, &of);
		free(ms.pieces);
		if (lines <= max_lines || px <= m->body_px) {
			if (lines > max_lines) {
				while (wv.n > 0 && wv.v[wv.n - 1].line >= max_lines)
					wv.n--;
				lines = max_lines;
				of = true;
			}
			if (of)
				b->lp->overflow = true;
			t->font_px = px;
			t->line_height = lh;
			t->line_count = lines;
			t->words = wv.v;
			t->word_count = wv.n;
			t->rect = rect(b->block_x, m->margin, b->block_w,
			               imin(imax(lines, 1), max_lines) * lh);
			t->text_rect = rect(b->block_x, m->margin, b->block_w, lines * lh);
			return;
		}
		free(wv.v);
		px = imax(m->body_px, px - imax(1, px / 8));
	}
}

static int part_height(const Builder *b, int lines, int pic, int inset, bool button)
{
	int64_t text_h = (int64_t)imax(lines, 1) * b->m.line_height;
	int h = (int)(text_h > INT_MAX / 2 ? INT_MAX / 2 : imax((int)text_h, pic)) + 2 * inset;
	return button ? imax(h, b->m.target) : h;
}

typedef struct {
	const ContentRow *row;
	int index;
	bool button;
	const char *picture; /* NULL: no picture (headings never have one) */
	int inset;           /* padding inside a button, 0 for a row */
	int text_w;
	WordVec words; /* the whole row laid out at (0, 0) */
	size_t next_word;
} RowJob;

/* A hard word's badge: a square a little smaller than the body text (its "?" is drawn at
 * 0.7 of the text size, so it reads), and the gap between the word and the badge. */
static int badge_side(int px)
{
	return imax(8, ceil_div((int64_t)px * 9, 10));
}

static int badge_gap(int px)
{
	return imax(2, px / 6);
}

/* Finds the bold runs of a text row that the glossary explains (the whole run, else its
 * first word) and keeps room for a badge after each one's word: the badge has its own
 * space, so it never sits over a letter, and every space stays. Once per word per row. */
static void mark_hard_words(const Builder *b, Measured *ms, const ContentRow *row)
{
	if (!b->p->hard_word || row->kind != ROW_TEXT || !row->text || !row->spans)
		return;
	const char *seen[16];
	size_t nseen = 0, tlen = strlen(row->text);
	for (size_t s = 0; s < row->span_count; s++) {
		const ContentSpan *sp = &row->spans[s];
		if (!sp->bold || sp->len == 0 || sp->offset >= tlen)
			continue;
		size_t off = sp->offset, len = imin((int)sp->len, (int)(tlen - off)), end = off + len;
		const char *key = b->p->hard_word(b->p->hard_word_ctx, row->text + off, len);
		if (!key) {
			size_t n = 0;
			while (n < len && !is_space(row->text[off + n]))
				n++;
			if (n < len) {
				key = b->p->hard_word(b->p->hard_word_ctx, row->text + off, n);
				end = off + n;
			}
		}
		bool dup = false;
		for (size_t k = 0; k < nseen; k++)
			dup |= seen[k] == key;
		if (!key || dup)
			continue;
		if (nseen < ARRAY_LEN(seen))
			seen[nseen++] = key;
		size_t k = 0;
		while (k < ms->count && ms->pieces[k].offset + ms->pieces[k].len < end)
			k++;
		while (k < ms->count && !ms->pieces[k].word_end)
			k++;
		if (k == ms->count)
			continue;
		ms->pieces[k].badge = badge_gap(ms->px) + badge_side(ms->px);
		ms->pieces[k].hard_word = key;
	}
}

/* A target for each hard word of a row part, after the row: the badge after the word, the
 * word's rect, and a target at least a finger's size around both, kept inside the row (so
 * it never covers another box) and on the screen. */
static void emit_hard_words(Builder *b, const LayoutBox *row_box)
{
	LayoutBox row = *row_box; /* push_box may move the screen's boxes */
	for (size_t i = 0; i < row.word_count; i++) {
		const LayoutWord *e = &row.words[i];
		if (!e->hard_word)
			continue;
		size_t s = i;
		while (s > 0 && row.words[s - 1].glue_next)
			s--;
		/* a term of several bold words ("Mental Capacity") on the same line */
		while (s > 0 && row.words[s].bold && row.words[s - 1].bold && row.words[s - 1].line == e->line) {
			s--;
			while (s > 0 && row.words[s - 1].glue_next)
				s--;
		}
		int x0 = e->x, x1 = e->x + e->w;
		for (size_t k = s; k <= i; k++)
			if (row.words[k].line == e->line) {
				x0 = imin(x0, row.words[k].x);
				x1 = imax(x1, row.words[k].x + row.words[k].w);
			}
		int d = badge_side(row.font_px), g = badge_gap(row.font_px);
		LayoutRect badge = rect((e->level & 1) ? e->x - g - d : e->x + e->w + g, e->y + (e->h - d) / 2, d, d);
		int ux0 = imin(x0, badge.x), ux1 = imax(x1, badge.x + d);
		int tw = imax(ux1 - ux0, b->m.target), th = imax(e->h, b->m.target);
		int tx = ux0 - (tw - (ux1 - ux0)) / 2, ty = e->y - (th - e->h) / 2;
		tx = imax(0, imin(tx, b->m.screen_w - tw));
		int top = imax(ty, row.rect.y), bottom = imin(ty + th, row.rect.y + row.rect.h);
		LayoutBox *h = push_box(&b->screens[b->screen_count - 1]);
		h->role = BOX_HARD_WORD;
		h->rect = rect(tx, top, tw, bottom - top);
		h->text_rect = rect(x0, e->y, x1 - x0, e->h);
		h->picture_rect = badge;
		h->text = row.text;
		h->link = e->hard_word;
		h->row_index = row.row_index;
		h->continued = row.continued;
		h->enabled = true;
		h->focusable = true;
		h->font_px = row.font_px;
		h->line_height = row.line_height;
	}
}

/* Puts lines [l0, l1) of a row on the last screen at b->y as one box of height h. */
static void emit_part(Builder *b, RowJob *job, int l0, int l1, int h, int pic, bool continued)
{
	const ContentRow *row = job->row;
	int lh = b->m.line_height, in = job->inset;
	LayoutBox *box = push_box(&b->screens[b->screen_count - 1]);
	box->role = job->button ? BOX_BUTTON : BOX_ROW;
	box->rect = rect(b->block_x, b->y, b->block_w, h);
	if (pic > 0) {
		box->picture_rect =
		    mirror_x(b, rect(b->block_x + in, b->y + in, pic, pic), b->block_x, b->block_w);
		box->picture = job->picture;
		box->picture_alt = row->picture_alt;
		box->picture_missing = row->picture_missing;
	}
	int text_h = (l1 - l0) * lh;
	/* words on a button are centred vertically, like any button label; a row reads
	 * from the top, level with its picture */
	int text_y = job->button ? b->y + imax(in, (h - text_h) / 2) : b->y;
	box->text_rect =
	    mirror_x(b, rect(b->text_x + in, text_y, job->text_w, text_h), b->block_x, b->block_w);
	size_t first = job->next_word;
	while (job->next_word < job->words.n && job->words.v[job->next_word].line < l1)
		job->next_word++;
	box->word_count = job->next_word - first;
	if (box->word_count) {
		box->words = xmalloc(box->word_count * sizeof(*box->words));
		for (size_t i = 0; i < box->word_count; i++) {
			LayoutWord w = job->words.v[first + i];
			w.x += box->text_rect.x; /* words were placed from 0 to job->text_w */
			w.y = text_y + (w.line - l0) * lh;
			w.line -= l0;
			box->words[i] = w;
		}
	}
	box->text = row->text ? row->text : "";
	box->link = row->link;
	box->action = row->action;
	box->action_arg = row->action_arg;
	box->row_index = job->index;
	box->continued = continued;
	box->enabled = true;
	box->focusable = true;
	box->font_px = b->m.body_px;
	box->line_height = lh;
	box->line_count = l1 - l0;
	emit_hard_words(b, box);
}

/* One row: on the current screen if it fits, else on a new screen; a row taller than a
 * whole screen is split at line boundaries (the picture stays with the first part). */
static void place_row(Builder *b, RowJob *job)
{
	const LayoutMetrics *m = &b->m;
	Measured ms;
	bool heading = job->row->kind == ROW_HEADING;
	measure_text(&ms, job->row->text, job->row->spans, job->row->span_count, heading,
	             m->body_px, b->p->measure, b->p->measure_ctx, b->p->rtl);
	mark_hard_words(b, &ms, job->row);
	int lines =
	    fill_lines(&ms, 0, 0, job->text_w, m->line_height, &job->words, &b->lp->overflow);
	free(ms.pieces);
	int line = 0;
	bool first = true;
	for (;;) {
		BoxVec *s = &b->screens[b->screen_count - 1];
		int pic = first && job->picture ? m->picture : 0;
		int left = lines - line, avail = b->content_bottom - b->y;
		int h = part_height(b, left, pic, job->inset, job->button);
		if (h <= avail) {
			emit_part(b, job, line, lines, h, pic, !first);
			b->y += h + m->gap;
			return;
		}
		if (s->n > 1) { /* the screen has rows: start a new one */
			new_screen(b);
			continue;
		}
		/* alone on an empty screen and still too tall */
		if (pic + 2 * job->inset > avail) {
			pic = imax(0, avail - 2 * job->inset);
			b->lp->overflow = true;
		}
		int k = (avail - 2 * job->inset) / m->line_height;
		if (k < 1) { /* not one line fits: the screen is too small for text */
			b->lp->overflow = true;
			return;
		}
		k = imin(k, left);
		h = part_height(b, k, pic, job->inset, job->button);
		if (h > avail) { /* only the minimum target height can be cut */
			h = avail;
			b->lp->overflow = true;
		}
		emit_part(b, job, line, line + k, h, pic, !first);
		line += k;
		first = false;
		if (line >= lines) {
			b->y += h + m->gap;
			return;
		}
		b->y = b->content_bottom + 1; /* full: the next part opens a new screen */
	}
}

/* ---- menus: a page of mostly links shows them as a grid of picture tiles ---- */

enum {
	GRID_MIN_LINKS = 3, /* fewer links read better as rows */
	GRID_MAX_COLS = 4,
};

/* A menu: at least GRID_MIN_LINKS links, and more links than other rows; or one of the
 * kiosk's own screens with that many buttons (the attract screen's languages). */
static bool is_menu(const ContentPage *page)
{
	size_t links = 0;
	for (size_t r = 0; r < page->row_count; r++)
		links += page->rows[r].kind == ROW_LINK;
	bool own = page->name && strncmp(page->name, "kiosk-", 6) == 0;
	return links >= GRID_MIN_LINKS && (own || links * 2 > page->row_count);
}

typedef struct {
	int cols, tile_w, tile_h, pic, text_w;
	bool beside; /* picture left of the words (short tiles), else above them */
} GridShape;

/* The tile height for a shape with picture side pic, or -1 when a label's longest word
 * does not fit the tile's width (a word is never split to make a grid). */
static int tile_height(const Builder *b, const Measured *ms, size_t n, GridShape *g)
{
	const LayoutMetrics *m = &b->m;
	g->text_w = g->beside ? g->tile_w - 3 * b->pad - g->pic : g->tile_w - 2 * b->pad;
	if (g->text_w < 1)
		return -1;
	int lines = 1;
	for (size_t i = 0; i < n; i++) {
		int widest = 0;
		one_line_width(&ms[i], &widest);
		if (widest > g->text_w)
			return -1;
		WordVec wv = {0};
		bool of = false;
		lines = imax(lines, fill_lines(&ms[i], 0, 0, g->text_w, b->grid_lh, &wv, &of));
		free(wv.v);
	}
	int h = g->beside ? imax(g->pic, lines * b->grid_lh) + 2 * b->pad
	                  : g->pic + lines * b->grid_lh + 3 * b->pad;
	return imax(h, m->target);
}

/* How many screens the grid takes when its rows start with budget px left on this screen
 * and go on over screens of screen px (0 on this screen counts as a screen used). */
static int grid_screens(const GridShape *g, size_t n, int gap, int budget, int screen)
{
	int rows = (int)((n + (size_t)g->cols - 1) / (size_t)g->cols);
	int here = imax(0, (budget + gap) / (g->tile_h + gap));
	int per = imax(1, (screen + gap) / (g->tile_h + gap));
	return rows <= here ? 1 : 1 + (rows - here + per - 1) / per;
}

/* Picks the columns, tile shape and picture size for n labels: the fewest screens, then
 * the largest picture that keeps them that few, then the most columns (fewer rows to scan),
 * over 1..GRID_MAX_COLS columns and both shapes. budget: the px left on this screen,
 * screen: a whole screen's. A tile is never taller than a screen. Returns false when no
 * shape keeps every word whole. */
static int planned_screens(const Builder *b, const GridShape *g, const Measured *ms, size_t first, size_t n,
                           int budget, int screen);

/* How many screens the grid takes in shape g: planned (Done on every screen, pairs kept on a
 * row) exactly as place_planned lays it out, else by whole rows. */
static int shape_screens(const Builder *b, const GridShape *g, const Measured *ms, size_t first, size_t n,
                         bool planned, int budget, int screen)
{
	return planned ? planned_screens(b, g, ms, first, n, budget, screen)
	               : grid_screens(g, n, b->m.gap, budget, screen);
}

static bool choose_grid(const Builder *b, const Measured *ms, size_t first, size_t n, bool planned, int avail,
                        int budget, int screen, GridShape *best)
{
	const LayoutMetrics *m = &b->m;
	/* pictures from 2/3 of a target up to a row's picture */
	int pmin = imax(1, m->target * 2 / 3), pmax = m->picture, best_screens = 0;
	bool found = false;
	/* Settings lists its choices in pairs (Quieter | Louder, ContentRow.paired): an even
	 * number of columns keeps each pair on one row without gaps */
	bool pairs = false;
	for (size_t r = 0; b->page && r < b->page->row_count; r++)
		pairs = pairs || b->page->rows[r].paired;
	for (int cols = 1; cols <= GRID_MAX_COLS && (size_t)cols <= n; cols++) {
		if (pairs && cols % 2)
			continue;
		for (int beside = 0; beside < 2; beside++) {
			GridShape g = {.cols = cols, .beside = beside};
			g.tile_w = (avail - (cols - 1) * m->gap) / cols;
			if (g.tile_w < m->target)
				continue;
			int hi = imin(pmax, beside ? g.tile_w / 3 : g.tile_w - 2 * b->pad), lo = pmin;
			if (hi < lo)
				continue;
			g.pic = lo;
			g.tile_h = tile_height(b, ms, n, &g);
			if (g.tile_h < 0 || g.tile_h > screen) /* a word cut, a tile too tall */
				continue;
			int screens = shape_screens(b, &g, ms, first, n, planned, budget, screen);
			while (lo < hi) { /* the largest picture that needs no more screens */
				GridShape t = g;
				t.pic = lo + (hi - lo + 1) / 2;
				t.tile_h = tile_height(b, ms, n, &t);
				if (t.tile_h >= 0 && t.tile_h <= screen &&
				    shape_screens(b, &t, ms, first, n, planned, budget, screen) <= screens)
					lo = t.pic;
				else
					hi = t.pic - 1;
			}
			g.pic = lo;
			g.tile_h = tile_height(b, ms, n, &g);
			if (!found || screens < best_screens ||
			    (screens == best_screens && g.pic >= best->pic)) {
				*best = g;
				best_screens = screens;
				found = true;
			}
		}
	}
	return found;
}

/* One tile of a grid: row first+i as a button in column col at y, th px tall. */
static void put_tile(Builder *b, const GridShape *g, Measured *ms, size_t first, size_t i, int x0, int col,
                     int y, int th, int tile_row)
{
	const LayoutMetrics *m = &b->m;
	int avail = imax(0, m->screen_w - 2 * m->margin), lh = b->grid_lh;
	const ContentRow *row = &b->page->rows[first + i];
	LayoutBox *box = push_box(&b->screens[b->screen_count - 1]);
	int x = x0 + col * (g->tile_w + m->gap);
	LayoutRect tile = rect(x, y, g->tile_w, imin(th, imax(0, b->content_bottom - y)));
	box->role = BOX_BUTTON;
	box->rect = mirror_x(b, tile, m->margin, avail);
	box->tile_row = tile_row;
	LayoutRect pic, area;
	if (g->beside) {
		pic = rect(x + b->pad, y + (th - g->pic) / 2, g->pic, g->pic);
		area = rect(x + 2 * b->pad + g->pic, y + b->pad, g->text_w, th - 2 * b->pad);
	} else {
		pic = rect(x + (g->tile_w - g->pic) / 2, y + b->pad, g->pic, g->pic);
		area = rect(x + b->pad, y + 2 * b->pad + g->pic, g->text_w, th - 3 * b->pad - g->pic);
	}
	/* mirrored as the whole grid is, which also puts the picture at the tile's right end
	 * (mirroring inside the tile too put it back on the left, away from the words' start) */
	pic = mirror_x(b, pic, m->margin, avail);
	area = mirror_x(b, area, m->margin, avail);
	const char *picture = row->picture_path ? row->picture_path : row->picture;
	if (!picture) /* words only (a language's name): centred in the whole tile */
		area = mirror_x(b, rect(x + b->pad, y + b->pad, g->tile_w - 2 * b->pad, th - 2 * b->pad),
		                m->margin, avail);
	if (picture) {
		box->picture_rect = pic;
		box->picture = picture;
		box->picture_alt = row->picture_alt;
		box->picture_missing = row->picture_missing;
	}
	WordVec wv = {0};
	int lines = fill_lines(&ms[i], area.x, area.y, area.w, lh, &wv, &b->lp->overflow);
	if (g->beside && picture) { /* left (or right) aligned, centred top to bottom */
		int dy = imax(0, (area.h - lines * lh) / 2);
		for (size_t k = 0; k < wv.n; k++)
			wv.v[k].y += dy;
	} else {
		center_words(&wv, lines, lh, area);
	}
	box->text_rect = area;
	box->words = wv.v;
	box->word_count = wv.n;
	box->text = row->text ? row->text : "";
	box->link = row->link;
	box->action = row->action;
	box->action_arg = row->action_arg;
	box->row_index = (int)(first + i);
	box->enabled = true;
	box->focusable = true;
	box->font_px = b->grid_px;
	box->line_height = lh;
	box->line_count = lines;
}

/* A row of a grid planned for one screen: the item in each place (-1: left empty), and the
 * row's height (its tallest tile). */
typedef struct {
	int idx[GRID_MAX_COLS];
	int h;
} GridRow;

/* Is grid item i the first of a pair of choices, or the second? */
static bool pair_first(const Builder *b, size_t first, size_t items, size_t i)
{
	return i + 1 < items && b->page->rows[first + i].paired;
}

static bool pair_second(const Builder *b, size_t first, size_t i)
{
	return i > 0 && b->page->rows[first + i - 1].paired;
}

/* Plans at most k rows of one screen of a grid with Done on every screen, from the first
 * item not yet used (used[], *next: the first one not used) of items (Done is item done):
 * Done takes the last place of row k, or follows the last item. A pair of choices
 * (ContentRow.paired: Smaller | Larger) keeps to one row: with fewer than two places left for
 * it on a row, the next single choice moves up into the place, or with none the place stays
 * empty, and the pair starts the next row (never on the screen's first row: no screen has
 * more room). Returns the rows planned, their height with the gaps in *height. */
static int plan_screen(const Builder *b, const GridShape *g, const int *heights, size_t first, size_t items,
                       size_t done, size_t *next, bool *used, int k, GridRow *rows, int *height,
                       bool *done_placed_out)
{
	bool done_placed = false, any = false;
	int r = 0;
	*height = 0;
	for (; r < k && !done_placed; r++) {
		GridRow *row = &rows[r];
		bool last = r == k - 1;
		row->h = 0;
		for (int col = 0; col < g->cols; col++) {
			row->idx[col] = -1;
			if (done_placed)
				continue;
			size_t i = *next;
			/* (a screen of one place takes a choice, not Done: every screen moves on) */
			if (*next == items || (last && col == g->cols - 1 && any)) {
				i = done;
				done_placed = true;
			} else {
				int places = g->cols - col - (last ? 1 : 0);
				if (pair_first(b, first, items, i) && places < 2 && (col > 0 || r > 0)) {
					while (i < items && (used[i] || pair_first(b, first, items, i) ||
					                     pair_second(b, first, i)))
						i++;
					if (i == items)
						continue; /* no single choice left: the place stays empty */
				}
				used[i] = true;
				any = true;
				while (*next < items && used[*next])
					(*next)++;
			}
			row->idx[col] = (int)i;
			row->h = imax(row->h, heights[i]);
		}
		*height += row->h + (r ? b->m.gap : 0);
	}
	*done_placed_out = done_placed;
	return r;
}

/* Settings (a kiosk screen whose last button is Done): Done ends every screen, and each row is
 * as tall as its own tallest tile, so that rows of short words leave room for another row
 * (at the largest text one tall label no longer makes every row, and so every screen, one
 * row deep). Each screen takes as many rows as fit, at least one. */
/* Each label's own tile height in shape g (caller frees). */
static int *tile_heights(const Builder *b, const GridShape *g, const Measured *ms, size_t n)
{
	int *heights = xcalloc(n, sizeof(int));
	for (size_t i = 0; i < n; i++) {
		GridShape one = *g;
		heights[i] = imax(tile_height(b, &ms[i], 1, &one), 0);
	}
	return heights;
}

/* The most rows from the first unused item *next that fit room px (at least one), planned
 * into rows (used[] and *next move on; scratch: n flags to try with): returns how many, their
 * height and whether Done is among them. */
static int plan_best(const Builder *b, const GridShape *g, const int *heights, size_t first, size_t n,
                     size_t *next, bool *used, bool *scratch, int room, GridRow *rows, int *height,
                     bool *done_placed)
{
	int best = 1;
	for (int k = 1; k <= (int)n; k++) {
		size_t at = *next;
		memcpy(scratch, used, n * sizeof(bool));
		int planned = plan_screen(b, g, heights, first, n - 1, n - 1, &at, scratch, k, rows, height,
		                          done_placed);
		if (k > 1 && *height > room)
			break;
		best = k;
		if (planned < k || *height > room)
			break;
	}
	return plan_screen(b, g, heights, first, n - 1, n - 1, next, used, best, rows, height, done_placed);
}

static void place_planned(Builder *b, const GridShape *g, Measured *ms, size_t first, size_t n, int x0)
{
	size_t items = n - 1, next = 0;
	int *heights = tile_heights(b, g, ms, n);
	GridRow *rows = xcalloc(n + 1, sizeof(GridRow));
	bool *used = xcalloc(n, sizeof(bool)), *scratch = xcalloc(n, sizeof(bool)), *before = xcalloc(n, sizeof(bool));
	for (;;) {
		int height = 0;
		size_t at = next;
		bool done_placed = false;
		memcpy(before, used, n * sizeof(bool));
		int planned = plan_best(b, g, heights, first, n, &at, used, scratch, b->content_bottom - b->y, rows,
		                        &height, &done_placed);
		if (height > b->content_bottom - b->y && b->screens[b->screen_count - 1].n > 1) {
			memcpy(used, before, n * sizeof(bool));
			new_screen(b); /* something above the grid took this screen's room */
			continue;
		}
		next = at;
		for (int r = 0; r < planned; r++) {
			for (int col = 0; col < g->cols; col++)
				if (rows[r].idx[col] >= 0)
					put_tile(b, g, ms, first, (size_t)rows[r].idx[col], x0, col, b->y, rows[r].h, r + 1);
			b->y += rows[r].h + b->m.gap;
		}
		if (next >= items && done_placed) /* (the last screen may hold only a choice) */
			break;
		new_screen(b);
	}
	free(before);
	free(scratch);
	free(used);
	free(rows);
	free(heights);
}

/* How many screens place_planned makes in shape g, when the grid starts with budget px left
 * on this screen and goes on over screens of screen px. */
static int planned_screens(const Builder *b, const GridShape *g, const Measured *ms, size_t first, size_t n,
                           int budget, int screen)
{
	int *heights = tile_heights(b, g, ms, n);
	GridRow *rows = xcalloc(n + 1, sizeof(GridRow));
	bool *used = xcalloc(n, sizeof(bool)), *scratch = xcalloc(n, sizeof(bool)), *before = xcalloc(n, sizeof(bool));
	size_t next = 0;
	int screens = 1, room = budget;
	for (;;) {
		int height = 0;
		size_t at = next;
		bool done_placed = false;
		memcpy(before, used, n * sizeof(bool));
		plan_best(b, g, heights, first, n, &at, used, scratch, room, rows, &height, &done_placed);
		if (height > room && room < screen) {
			memcpy(used, before, n * sizeof(bool));
			room = screen; /* the grid starts on the next screen */
			screens++;
			continue;
		}
		next = at;
		if (next >= n - 1 && done_placed)
			break;
		screens++;
		room = screen;
	}
	free(before);
	free(scratch);
	free(used);
	free(rows);
	free(heights);
	return screens;
}

/* Rows first..first+n (all links) as a grid of tiles, row by row; a row of tiles that does
 * not fit goes to the next screen. Returns false (nothing placed) when no grid keeps the
 * words whole: the links are then laid out as ordinary button rows. */
static bool place_grid(Builder *b, size_t first, size_t n)
{
	const LayoutMetrics *m = &b->m;
	int avail = imax(0, m->screen_w - 2 * m->margin);
	Measured *ms = xcalloc(n, sizeof(*ms));
	/* a grid of large rows (the attract screen's languages) is set at the title size */
	bool large = true;
	for (size_t i = 0; i < n; i++)
		large = large && b->page->rows[first + i].large;
	b->grid_px = large ? m->title_px : m->body_px;
	b->grid_lh = large ? m->title_line_height : m->line_height;
	for (size_t i = 0; i < n; i++) {
		const ContentRow *row = &b->page->rows[first + i];
		measure_text(&ms[i], row->text, row->spans, row->span_count, false, b->grid_px,
		             b->p->measure, b->p->measure_ctx, b->p->rtl);
	}
	GridShape g;
	memset(&g, 0, sizeof(g));
	/* Settings' Done ends every screen of the grid, not only the last */
	const ContentRow *last = &b->page->rows[first + n - 1];
	bool done_each = n >= 2 && last->action == ACT_DONE;
	/* rows flow on from here over the next screens */
	int screen = b->content_bottom - b->content_top;
	bool ok = choose_grid(b, ms, first, n, done_each, avail, b->content_bottom - b->y, screen, &g);
	if (!ok) {
		free_measured(ms, (int)n);
		free(ms);
		return false;
	}
	int grid_w = g.cols * g.tile_w + (g.cols - 1) * m->gap;
	int x0 = m->margin + (avail - grid_w) / 2, tile_row = 0;
	if (done_each) {
		place_planned(b, &g, ms, first, n, x0);
		free_measured(ms, (int)n);
		free(ms);
		return true;
	}
	for (size_t i = 0; i < n; i++) {
		int col = (int)(i % (size_t)g.cols);
		if (col == 0) {
			if (b->y + g.tile_h > b->content_bottom && b->screens[b->screen_count - 1].n > 1) {
				new_screen(b);
				tile_row = 0;
			}
			tile_row++;
		}
		put_tile(b, &g, ms, first, i, x0, col, b->y, g.tile_h, tile_row);
		if (col == g.cols - 1 || i + 1 == n)
			b->y += g.tile_h + m->gap;
	}
	free_measured(ms, (int)n);
	free(ms);
	return true;
}

static void place_rows(Builder *b)
{
	if (!b->page || !b->page->rows)
		return;
	bool menu = is_menu(b->page);
	for (size_t r = 0; r < b->page->row_count; r++) {
		const ContentRow *row = &b->page->rows[r];
		if (menu && row->kind == ROW_LINK) {
			size_t n = 1;
			while (r + n < b->page->row_count && b->page->rows[r + n].kind == ROW_LINK)
				n++;
			if (n >= GRID_MIN_LINKS && place_grid(b, r, n)) {
				r += n - 1;
				continue;
			}
		}
		RowJob job;
		memset(&job, 0, sizeof(job));
		job.row = row;
		job.index = r > (size_t)INT_MAX ? INT_MAX : (int)r;
		job.button = row->kind == ROW_LINK;
		if (row->kind != ROW_HEADING)
			job.picture = row->picture_path ? row->picture_path : row->picture;
		job.inset = job.button ? b->pad : 0;
		job.text_w = imax(1, b->text_w - 2 * job.inset);
		place_row(b, &job);
		free(job.words.v);
	}
}

static bool rect_inside(LayoutRect in, LayoutRect out)
{
	return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
	       in.y + in.h <= out.y + out.h;
}

static LayoutRect clip(LayoutRect r, LayoutRect to)
{
	int x0 = imax(r.x, to.x), y0 = imax(r.y, to.y);
	int x1 = imin(r.x + r.w, to.x + to.w), y1 = imin(r.y + r.h, to.y + to.h);
	if (x1 <= x0 || y1 <= y0)
		return rect(imin(imax(r.x, to.x), to.x + to.w), imin(imax(r.y, to.y), to.y + to.h),
		            0, 0);
	return rect(x0, y0, x1 - x0, y1 - y0);
}

/* The safety net for absurd sizes (a no-op on sensible screens): clips every box to the
 * screen and its inner rects to the box, and drops words that would leave their text
 * rect. Clipping disjoint rects to one screen keeps them disjoint. */
static void keep_inside(LayoutBox *box, const LayoutMetrics *m, bool *overflow)
{
	LayoutRect screen = {0, 0, m->screen_w, m->screen_h};
	if (!rect_inside(box->rect, screen)) {
		box->rect = clip(box->rect, screen);
		*overflow = true;
	}
	if (!rect_inside(box->text_rect, box->rect))
		box->text_rect = clip(box->text_rect, box->rect);
	if (box->picture_rect.w && !rect_inside(box->picture_rect, box->rect)) {
		LayoutRect pr = clip(box->picture_rect, box->rect);
		pr.w = pr.h = imin(pr.w, pr.h);
		box->picture_rect = pr;
		*overflow = true;
	}
	size_t n = 0;
	for (size_t i = 0; i < box->word_count; i++) {
		LayoutRect wr = {box->words[i].x, box->words[i].y, box->words[i].w,
		                 box->words[i].h};
		if (rect_inside(wr, box->text_rect))
			box->words[n++] = box->words[i];
		else
			*overflow = true;
	}
	box->word_count = n;
	if (n && box->words[n - 1].glue_next)
		box->words[n - 1].glue_next = false;
}

/* Adds the nav bar (and the page number when there is more than one screen) to every
 * screen and hands the screens to the page. */
static void finish(Builder *b)
{
	LayoutPage *lp = b->lp;
	lp->screen_count = b->screen_count;
	lp->screens = xcalloc(b->screen_count, sizeof(*lp->screens));
	int count = b->screen_count > (size_t)INT_MAX ? INT_MAX : (int)b->screen_count;
	if (count > 1) {
		/* the font size that fits "Page N of N" (the most digits) serves every screen,
		 * so the search runs once per page, not once per screen */
		LayoutBox widest;
		memset(&widest, 0, sizeof(widest));
		widest.rect = b->nav[NAV_PAGE].rect;
		page_number(b, &widest, count, count);
		free(widest.words);
	}
	for (size_t i = 0; i < b->screen_count; i++) {
		BoxVec *s = &b->screens[i];
		for (int k = 0; k < NAV_SLOTS; k++) {
			if (k == NAV_HELP && !b->p->help_slot)
				continue; /* no help page: no slot */
			if (k == NAV_PAGE) {
				if (count > 1) {
					LayoutBox *pn = push_box(s);
					pn->rect = b->nav[k].rect;
					page_number(b, pn, (int)i + 1, count);
				}
				continue;
			}
			LayoutBox *nb = copy_box(s, &b->nav[k]);
			switch (nb->role) {
			case BOX_NAV_HOME:
				nb->enabled = !b->p->is_home;
				break;
			case BOX_NAV_LISTEN:
				nb->enabled = b->p->show_listen;
				break;
			case BOX_NAV_PAUSE:
				nb->enabled = b->p->show_pause;
				break;
			case BOX_NAV_AGAIN:
				nb->enabled = b->p->show_again;
				break;
			case BOX_NAV_SETTINGS:
				nb->enabled = b->p->show_settings;
				break;
			case BOX_NAV_LANGUAGE:
				nb->enabled = b->p->show_language;
				break;
			case BOX_NAV_HELP:
				nb->enabled = b->p->show_help;
				break;
			case BOX_NAV_BACK:
				nb->enabled = i > 0 || b->p->can_go_back;
				break;
			default:
				nb->enabled = i + 1 < b->screen_count;
				break;
			}
			nb->focusable = nb->enabled;
		}
		for (size_t k = 0; k < s->n; k++)
			keep_inside(&s->v[k], &b->m, &lp->overflow);
		lp->screens[i].boxes = s->v;
		lp->screens[i].box_count = s->n;
	}
}

LayoutPage *layout_page(const ContentPage *page, const LayoutParams *params)
{
	static const LayoutParams fallback = {
	    .screen_w = CONFIG_SCREEN_W, .screen_h = CONFIG_SCREEN_H, .text_scale = 1.0};
	Builder b;
	memset(&b, 0, sizeof(b));
	b.page = page;
	b.p = params ? params : &fallback;
	b.lp = xcalloc(1, sizeof(*b.lp));
	layout_metrics(b.p->screen_w, b.p->screen_h, b.p->text_scale, &b.m);
	if (b.p->min_body_px > b.m.body_px) {
		/* a large panel seen from afar, or a small dense one: the font must grow so a
		 * capital H keeps its visual angle (EN 301 549 5.1.4); everything else follows */
		double scale = (double)b.p->min_body_px / (double)b.m.body_px * (b.p->text_scale > 0 ? b.p->text_scale : 1.0);
		layout_metrics(b.p->screen_w, b.p->screen_h, scale + 0.001, &b.m);
	}
	b.lp->metrics = b.m;
	const LayoutMetrics *m = &b.m;
	b.pad = inner_pad(m);

	/* The column (picture, gap, text no wider than max_text_w) is centred on the screen;
	 * the text inside it stays left aligned. */
	int avail_w = m->screen_w - 2 * m->margin;
	b.text_w = imin(m->max_text_w, avail_w - m->picture - m->gap);
	if (b.text_w < 1) {
		b.text_w = 1;
		b.lp->overflow = true;
	}
	b.block_w = m->picture + m->gap + b.text_w;
	b.block_x = m->margin + imax(0, (avail_w - b.block_w) / 2);
	b.text_x = b.block_x + m->picture + m->gap;

	layout_nav(&b);
	layout_title(&b);
	b.content_top = b.title.rect.y + b.title.rect.h + m->gap;
	b.content_bottom = b.nav_top - m->gap;
	new_screen(&b);
	place_rows(&b);
	finish(&b);

	free(b.title.words);
	for (int i = 0; i < NAV_SLOTS; i++)
		free(b.nav[i].words);
	free(b.screens);
	return b.lp;
}

void layout_page_destroy(LayoutPage *lp)
{
	if (!lp)
		return;
	for (size_t i = 0; i < lp->screen_count; i++) {
		for (size_t k = 0; k < lp->screens[i].box_count; k++)
			free(lp->screens[i].boxes[k].words);
		free(lp->screens[i].boxes);
	}
	free(lp->screens);
	free(lp);
}

const char *layout_box_text(const LayoutBox *box)
{
	if (!box)
		return "";
	return box->text ? box->text : box->label;
}

const LayoutBox *layout_hit(const LayoutScreen *screen, int x, int y)
{
	if (!screen)
		return NULL;
	for (size_t i = 0; i < screen->box_count; i++) {
		const LayoutBox *b = &screen->boxes[i];
		if (b->role == BOX_HARD_WORD && b->enabled && x >= b->rect.x && y >= b->rect.y &&
		    x < b->rect.x + b->rect.w && y < b->rect.y + b->rect.h)
			return b;
	}
	for (size_t i = 0; i < screen->box_count; i++) {
		const LayoutBox *b = &screen->boxes[i];
		if (b->focusable && b->enabled && x >= b->rect.x && y >= b->rect.y &&
		    x < b->rect.x + b->rect.w && y < b->rect.y + b->rect.h)
			return b;
	}
	return NULL;
}
