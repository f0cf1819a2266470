/* fuzz_layout: libFuzzer target for the layout of arbitrary text. The page is built straight
 * from the fuzz bytes (not through the Markdown parser), so the layout sees rows the parser
 * would never make: huge words, empty rows, bold pieces inside words, control bytes.
 *
 * Input: byte 0 and 1 pick the screen size, byte 2 the text scale and which nav buttons
 * show; the rest is the page, one row per line: the first line is the title; a row starting
 * with '#' is a heading, '>' a link button ('>!' the first of a pair of choices kept on one
 * row, '>=' Settings' Done: a grid with Done on every screen), '@' gives the row a picture;
 * '*' toggles bold (removed from the text). Text is measured by a fake, deterministic measure.
 *
 * Checked after each layout (layout.h promises): at least one screen; no box leaves the
 * screen, no two boxes overlap, every word lies inside its box's text area and the screen;
 * every row of the page is on some screen; narration of each screen maps back to the boxes. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "layout.h"
#include "narrate.h"
#include "util.h"

static int fake_measure(void *ctx, const char *text, size_t len, int px, bool bold)
{
	(void)ctx;
	int w = 0;
	for (size_t i = 0; i < len; i++)
		w += px * (2 + (unsigned char)text[i] % 7) / 10;
	return bold ? w + w / 8 : w;
}

static bool inside(LayoutRect r, int x, int y, int w, int h)
{
	return r.x >= x && r.y >= y && r.x + r.w <= x + w && r.y + r.h <= y + h;
}

static bool overlap(LayoutRect a, LayoutRect b)
{
	return a.w > 0 && a.h > 0 && b.w > 0 && b.h > 0 && a.x < b.x + b.w && b.x < a.x + a.w &&
	       a.y < b.y + b.h && b.y < a.y + a.h;
}

/* Row text as the content model guarantees it (content.h): valid UTF-8 (a bad byte becomes
 * '?'), runs of white space and control bytes one space, nothing at either end. '*' toggles
 * bold and is removed; spans cover the text exactly. Returns the text (caller frees). */
static char *normalise(const char *in, size_t n, ContentSpan **spans_out, size_t *count_out)
{
	char *text = xmalloc(n + 1);
	ContentSpan *spans = xmalloc((n + 1) * sizeof(ContentSpan));
	size_t len = 0, count = 0;
	bool bold = false, space = false;
	for (size_t i = 0; i < n;) {
		unsigned char ch = (unsigned char)in[i];
		size_t k = ch ? utf8_next(in + i) : 1;
		if (k == 0 || i + k > n || !utf8_valid(in + i, k, NULL))
			k = 1, ch = '?';
		if (ch == '*' || ch <= ' ') {
			if (ch == '*')
				bold = !bold;
			else
				space = len > 0;
			i += k;
			continue;
		}
		const char *piece = ch == '?' ? "?" : in + i;
		size_t plen = ch == '?' ? 1 : k;
		if (space) {
			if (count == 0 || spans[count - 1].bold != bold)
				spans[count++] = (ContentSpan){len, 0, bold};
			spans[count - 1].len++;
			text[len++] = ' ';
			space = false;
		}
		if (count == 0 || spans[count - 1].bold != bold)
			spans[count++] = (ContentSpan){len, 0, bold};
		spans[count - 1].len += plen;
		memcpy(text + len, piece, plen);
		len += plen;
		i += k;
	}
	text[len] = '\0';
	*spans_out = spans;
	*count_out = count;
	return text;
}

/* One row from one line of input. */
static void make_row(ContentRow *row, const char *line, size_t n, int lineno)
{
	memset(row, 0, sizeof(*row));
	row->kind = ROW_TEXT;
	row->line = lineno;
	if (n > 0 && line[0] == '#') {
		row->kind = ROW_HEADING;
		line++, n--;
	} else if (n > 0 && line[0] == '>') {
		row->kind = ROW_LINK;
		row->link = xstrdup("next.md");
		line++, n--;
		if (n > 0 && (line[0] == '!' || line[0] == '=')) {
			row->paired = line[0] == '!';
			row->action = line[0] == '=' ? ACT_DONE : ACT_NONE;
			line++, n--;
		}
	}
	if (n > 0 && line[0] == '@') {
		row->picture = xstrdup("pic.svg");
		row->picture_path = xstrdup("images/pic.svg");
		row->picture_alt = xstrdup("a picture");
		row->picture_missing = n % 2 == 0;
		line++, n--;
	}
	row->text = normalise(line, n, &row->spans, &row->span_count);
}

static void check_screen(const LayoutPage *lp, const LayoutScreen *s, int w, int h)
{
	for (size_t i = 0; i < s->box_count; i++) {
		const LayoutBox *b = &s->boxes[i];
		if (b->role >= BOX_NAV_HOME && !b->enabled)
			continue;
		assert(inside(b->rect, 0, 0, w, h));
		for (size_t j = i + 1; j < s->box_count; j++)
			if (s->boxes[j].enabled || s->boxes[j].role < BOX_NAV_HOME)
				assert(!overlap(b->rect, s->boxes[j].rect));
		const char *text = layout_box_text(b);
		size_t tlen = strlen(text);
		for (size_t k = 0; k < b->word_count; k++) {
			const LayoutWord *wd = &b->words[k];
			assert(wd->offset + wd->len <= tlen);
			if (!lp->overflow) {
				LayoutRect r = {wd->x, wd->y, wd->w, wd->h};
				assert(inside(r, 0, 0, w, h));
			}
		}
	}
	NarrationOptions o = {0};
	Narration *n = narration_screen(s, &o);
	for (size_t p = 0; p < n->count; p++) {
		assert(n->parts[p].box >= 0 && (size_t)n->parts[p].box < s->box_count);
		size_t off, len;
		for (size_t c = 0; c < n->parts[p].spoken_chars; c += 3)
			if (narration_word(n, s, p, c, &off, &len))
				assert(off + len <= strlen(layout_box_text(&s->boxes[n->parts[p].box])));
	}
	narration_destroy(n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	/* Sizes from a phone held upright to a 4K panel: 240..4080 by 240..2160. */
	int w = 240 + data[0] * 15, h = 240 + (data[1] % 128) * 15;
	static const double scales[] = {1.0, 1.25, 1.5};
	LayoutParams lp = {
		.screen_w = w,
		.screen_h = h,
		.text_scale = scales[data[2] % 3],
		.measure = fake_measure,
		.show_listen = data[2] & 4,
		.show_settings = data[2] & 8,
		.show_pause = data[2] & 16,
		.show_again = data[2] & 32,
		.can_go_back = data[2] & 64,
		.is_home = data[2] & 128,
	};
	/* A NUL-terminated copy: utf8_next reads up to 4 bytes or to a NUL. */
	size_t len = size - 3;
	char *text = xmalloc(len + 1);
	memcpy(text, data + 3, len);
	text[len] = '\0';
	ContentPage page;
	memset(&page, 0, sizeof(page));
	page.name = (char *)"fuzz.md";
	page.path = (char *)"fuzz.md";
	page.loaded = page.ok = true;
	size_t cap = 1;
	for (size_t i = 0; i < len; i++)
		cap += text[i] == '\n';
	page.rows = xcalloc(cap, sizeof(ContentRow));
	const char *title_end = memchr(text, '\n', len);
	size_t tl = title_end ? (size_t)(title_end - text) : len;
	ContentSpan *title_spans;
	size_t title_span_count;
	page.title = normalise(text, tl, &title_spans, &title_span_count);
	free(title_spans);
	if (page.title[0] == '\0') {
		free(page.title);
		page.title = xstrdup("fuzz");
	}
	size_t at = title_end ? tl + 1 : len;
	int lineno = 2;
	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
		make_row(&page.rows[page.row_count++], text + at, n, lineno++);
		at += n + 1;
	}
	LayoutPage *l = layout_page(&page, &lp);
	assert(l->screen_count >= 1);
	bool *seen = xcalloc(page.row_count + 1, sizeof(bool));
	for (size_t s = 0; s < l->screen_count; s++) {
		check_screen(l, &l->screens[s], w, h);
		for (size_t i = 0; i < l->screens[s].box_count; i++) {
			int r = l->screens[s].boxes[i].row_index;
			if (r >= 0) {
				assert((size_t)r < page.row_count);
				seen[r] = true;
			}
		}
	}
	for (size_t r = 0; r < page.row_count; r++)
		assert(seen[r] || page.rows[r].text[0] == '\0');
	free(seen);
	layout_page_destroy(l);
	for (size_t r = 0; r < page.row_count; r++) {
		ContentRow *row = &page.rows[r];
		free(row->text);
		free(row->spans);
		free(row->link);
		free(row->picture);
		free(row->picture_path);
		free(row->picture_alt);
	}
	free(page.rows);
	free(page.title);
	free(text);
	return 0;
}
