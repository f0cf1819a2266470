/* qr: a page's QR code and the screen that shows it. libqrencode makes the code; this file
 * only turns it into an SVG the renderer loads like any picture, and places it. The screen
 * itself is an ordinary page (screens_take_home) laid out by layout.c on a square of the
 * screen, so the words, buttons and nav bar follow every easy-read rule and mirror for
 * right-to-left languages; the code takes the rest of the screen. Start at qr_screen. */
#include "qr.h"

#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* At 1080 px on the shorter side a module is at least this big, so a phone at 40 cm reads it. */
#define QR_MIN_MODULE_AT_1080 8

QrCode *qr_create(const char *text)
{
	QRcode *c = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (!c) {
		log_error("cannot make a QR code of %.80s (%zu bytes): too long for a QR code", text, strlen(text));
		return NULL;
	}
	QrCode *qr = xcalloc(1, sizeof(*qr));
	qr->size = c->width;
	qr->dark = xmalloc((size_t)c->width * (size_t)c->width);
	for (int i = 0; i < c->width * c->width; i++)
		qr->dark[i] = c->data[i] & 1; /* bit 0 is the module's colour; the rest is libqrencode's */
	QRcode_free(c);
	return qr;
}

void qr_destroy(QrCode *qr)
{
	if (!qr)
		return;
	free(qr->dark);
	free(qr);
}

bool qr_dark(const QrCode *qr, int x, int y)
{
	return x >= 0 && y >= 0 && x < qr->size && y < qr->size && qr->dark[y * qr->size + x];
}

char *qr_svg(const QrCode *qr)
{
	int n = qr->size + 2 * QR_QUIET;
	/* one path: a run of dark modules in a row is one rectangle */
	size_t cap = 256 + (size_t)qr->size * (size_t)qr->size * 24, len = 0;
	char *s = xmalloc(cap);
	len += (size_t)snprintf(s + len, cap - len,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">"
				"<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"",
				n, n, n, n, n, n);
	for (int y = 0; y < qr->size; y++)
		for (int x = 0; x < qr->size;) {
			if (!qr_dark(qr, x, y)) {
				x++;
				continue;
			}
			int run = 1;
			while (qr_dark(qr, x + run, y))
				run++;
			len += (size_t)snprintf(s + len, cap - len, "M%d %dh%dv1h-%dz", x + QR_QUIET, y + QR_QUIET, run, run);
			x += run;
		}
	snprintf(s + len, cap - len, "\"/></svg>\n");
	return s;
}

char *qr_page_url(const char *base_url, const char *page_path)
{
	size_t n = strlen(base_url);
	while (n > 0 && base_url[n - 1] == '/')
		n--;
	while (*page_path == '/')
		page_path++;
	/* a page's path is a file name: escape whatever a URL cannot carry as it is */
	size_t m = strlen(page_path);
	char *path = xmalloc(3 * m + 1), *o = path;
	for (const unsigned char *s = (const unsigned char *)page_path; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    strchr("-._~/", *s))
			*o++ = (char)*s;
		else
			o += sprintf(o, "%%%02X", *s);
	}
	*o = '\0';
	char *url = xasprintf("%.*s/%s", (int)n, base_url, path);
	free(path);
	return url;
}

static void shift_box(LayoutBox *b, int dx, int dy)
{
	b->rect.x += dx;
	b->rect.y += dy;
	b->text_rect.x += dx;
	b->text_rect.y += dy;
	b->picture_rect.x += dx;
	b->picture_rect.y += dy;
	for (size_t i = 0; i < b->word_count; i++) {
		b->words[i].x += dx;
		b->words[i].y += dy;
	}
}

static bool is_bar(LayoutRole role)
{
	return (role >= BOX_NAV_HOME && role <= BOX_NAV_NEXT) || role == BOX_PAGE_NUMBER;
}

/* Gives screen s the nav bar of bar (a layout of the whole width): the same buttons in the
 * same places as on every page, with room for their words. The boxes' words move over. */
static void take_bar(LayoutScreen *s, LayoutScreen *bar)
{
	size_t n = 0;
	LayoutBox *boxes = xcalloc(s->box_count + bar->box_count + 1, sizeof(LayoutBox));
	for (size_t i = 0; i < s->box_count; i++) {
		if (is_bar(s->boxes[i].role))
			free(s->boxes[i].words);
		else
			boxes[n++] = s->boxes[i];
	}
	for (size_t i = 0; i < bar->box_count; i++)
		if (is_bar(bar->boxes[i].role)) {
			boxes[n++] = bar->boxes[i];
			bar->boxes[i].words = NULL;
			bar->boxes[i].word_count = 0;
		}
	free(s->boxes);
	s->boxes = boxes;
	s->box_count = n;
}

LayoutPage *qr_screen(const ContentPage *page, const LayoutParams *params, int qr_modules, const char *qr_picture,
		      int *module_px)
{
	int W = params->screen_w, H = params->screen_h;
	bool wide = W >= H, code = qr_picture && qr_modules > 0;
	int longer = wide ? W : H, shorter = wide ? H : W;
	int total = qr_modules + 2 * QR_QUIET;
	int min_module = (shorter * QR_MIN_MODULE_AT_1080 + 1079) / 1080;
	if (min_module < 1)
		min_module = 1;
	LayoutPage *lp = layout_page(page, params); /* the whole width: its nav bar is the one kept */
	if (module_px)
		*module_px = 0;
	if (!code)
		return lp;
	const LayoutMetrics *m = &lp->metrics;
	int bar_top = H;
	for (size_t i = 0; i < lp->screens[0].box_count; i++)
		if (is_bar(lp->screens[0].boxes[i].role) && lp->screens[0].boxes[i].rect.y < bar_top)
			bar_top = lp->screens[0].boxes[i].rect.y;
	/* The code gets a third of the width above the nav bar (of the height on a portrait
	 * screen), more when its modules would be under min_module px; the page's words keep
	 * the rest, at least half of the shorter side on a tiny screen. */
	int rest = longer / 3;
	if (rest < total * min_module + 2 * m->margin)
		rest = total * min_module + 2 * m->margin;
	int page_side = longer - rest;
	if (page_side < shorter / 2) {
		page_side = shorter / 2;
		rest = longer - page_side;
	}
	LayoutParams p = *params;
	if (wide)
		p.screen_w = page_side;
	else
		p.screen_h = page_side;
	LayoutPage *words = layout_page(page, &p);
	/* the words go beside the code: right of it (left in a right-to-left language), or under it */
	int dx = wide && !params->rtl ? rest : 0, dy = wide ? 0 : rest;
	int area_w = wide ? rest : W, area_h = wide ? bar_top : rest;
	int side_room = (area_w < area_h ? area_w : area_h) - 2 * m->margin;
	int module = side_room / total;
	if (module < 1)
		module = 1;
	int side = module * total, ax = wide && params->rtl ? page_side : 0;
	LayoutRect qr_rect = {ax + (area_w - side) / 2, (area_h - side) / 2, side, side};
	/* The whole screen's nav bar replaces the page's own (its words fit), when both have
	 * the same screens and, on a portrait screen, the page's words end above it. */
	bool same_bar = words->screen_count == lp->screen_count;
	for (size_t s = 0; s < words->screen_count && same_bar; s++)
		for (size_t i = 0; i < words->screens[s].box_count; i++) {
			const LayoutBox *b = &words->screens[s].boxes[i];
			if (!is_bar(b->role) && b->rect.y + dy + b->rect.h > bar_top - m->gap)
				same_bar = false;
		}
	for (size_t s = 0; s < words->screen_count; s++) {
		LayoutScreen *scr = &words->screens[s];
		for (size_t i = 0; i < scr->box_count; i++)
			shift_box(&scr->boxes[i], dx, dy);
		if (same_bar)
			take_bar(scr, &lp->screens[s]);
		/* the code: a picture box, not a target, with nothing to read but its description */
		scr->boxes = xrealloc(scr->boxes, (scr->box_count + 1) * sizeof(LayoutBox));
		LayoutBox *b = &scr->boxes[scr->box_count++];
		memset(b, 0, sizeof(*b));
		b->role = BOX_ROW;
		b->rect = b->picture_rect = qr_rect;
		b->text_rect = (LayoutRect){qr_rect.x, qr_rect.y, 0, 0};
		b->picture = qr_picture;
		b->picture_alt = "QR code";
		b->row_index = -1;
		b->enabled = true;
		b->font_px = words->metrics.body_px;
		b->line_height = words->metrics.line_height;
	}
	words->metrics = lp->metrics;
	words->overflow = words->overflow || lp->overflow;
	layout_page_destroy(lp);
	if (module_px)
		*module_px = module;
	return words;
}
