/* print: a page as an easy-read A4 handout. cairo draws the PDF; Pango shapes and wraps the
 * words (so Urdu is joined and right to left, and bold hard words stay bold) with the
 * kiosk's own fonts, which fontconfig is told about at run time; pictures are read and
 * checked by picture.c and decoded by SDL_image, exactly like on screen. libcups sends the
 * file to the queue. Layout, top to bottom: the title, then every row with its picture
 * beside it (left, or right in a right-to-left language), and on every sheet a foot with
 * the page's QR code and the council's name. Start at print_pdf. */
#include "print.h"

#include <SDL.h>
#include <SDL_image.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <cups/cups.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "picture.h"
#include "qr.h"
#include "util.h"

/* A4 in points, and the handout's measures (easy-read print: 16 pt text and larger). */
#define A4_W 595.28
#define A4_H 841.89
#define MARGIN 42.0
#define TITLE_PT 26.0
#define BODY_PT 16.0
#define PICTURE_PT 78.0
#define GAP 16.0
#define FOOT_H 96.0 /* the QR code (80 pt) and the council's name */
#define FONTS "Atkinson Hyperlegible, Noto Naskh Arabic, DejaVu Sans"

typedef struct {
	cairo_t *cr;
	const PrintHandout *h;
	double y;
	int sheet;
} Doc;

/* Pango and fontconfig are process-wide: whether they were started here (print_shutdown). */
static bool fonts_used;

/* Our fonts folder becomes part of fontconfig's font set, once per process. */
static void add_fonts(const char *dir)
{
	if (fonts_used)
		return;
	fonts_used = true;
	if (!dir)
		return;
	if (!FcConfigAppFontAddDir(NULL, (const FcChar8 *)dir))
		log_warn("the fonts in %s could not be added for printing: the system's fonts are used", dir);
}

static PangoLayout *text_layout(Doc *d, const char *text, const ContentSpan *spans, size_t span_count, double pt,
				bool bold, double width)
{
	PangoLayout *l = pango_cairo_create_layout(d->cr);
	PangoFontDescription *f = pango_font_description_from_string(FONTS);
	pango_font_description_set_size(f, (int)(pt * PANGO_SCALE));
	if (bold)
		pango_font_description_set_weight(f, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, f);
	pango_font_description_free(f);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD);
	pango_layout_set_spacing(l, (int)(pt * 0.4 * PANGO_SCALE)); /* about 1.5 line height */
	/* with auto_dir, LEFT means "where the line starts": the right edge in Urdu */
	pango_layout_set_alignment(l, PANGO_ALIGN_LEFT);
	pango_layout_set_auto_dir(l, TRUE);
	pango_layout_set_text(l, text, -1);
	if (span_count > 0) {
		PangoAttrList *attrs = pango_attr_list_new();
		for (size_t i = 0; i < span_count; i++) {
			if (!spans[i].bold)
				continue;
			PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
			a->start_index = (guint)spans[i].offset;
			a->end_index = (guint)(spans[i].offset + spans[i].len);
			pango_attr_list_insert(attrs, a);
		}
		pango_layout_set_attributes(l, attrs);
		pango_attr_list_unref(attrs);
	}
	return l;
}

static double layout_height(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void draw_layout(Doc *d, PangoLayout *l, double x, double y)
{
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	cairo_move_to(d->cr, x, y);
	pango_cairo_show_layout(d->cr, l);
}

/* A picture as on screen (picture.c checks it, SDL_image decodes it), drawn in a square. */
static void draw_picture(Doc *d, const char *path, double x, double y, double side)
{
	PictureInfo info;
	size_t len = 0;
	void *data = picture_read(path, &len, &info);
	if (!data) {
		log_warn("picture %s is left out of the printed page: %s", path, info.why);
		return;
	}
	int px = (int)(side * 300.0 / 72.0); /* 300 dpi */
	SDL_RWops *rw = SDL_RWFromConstMem(data, (int)len);
	SDL_Surface *s = info.format == PICTURE_SVG ? IMG_LoadSizedSVG_RW(rw, px, px) : IMG_Load_RW(rw, 0);
	SDL_RWclose(rw);
	free(data);
	SDL_Surface *argb = s ? SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
	if (s)
		SDL_FreeSurface(s);
	if (!argb || argb->w <= 0 || argb->h <= 0) {
		log_warn("picture %s is left out of the printed page: %s", path, IMG_GetError());
		if (argb)
			SDL_FreeSurface(argb);
		return;
	}
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, argb->w, argb->h);
	unsigned char *dst = cairo_image_surface_get_data(img);
	int stride = cairo_image_surface_get_stride(img);
	for (int row = 0; row < argb->h; row++) {
		const uint32_t *src = (const uint32_t *)((const unsigned char *)argb->pixels + row * argb->pitch);
		uint32_t *out = (uint32_t *)(dst + row * stride);
		for (int i = 0; i < argb->w; i++) {
			/* cairo wants premultiplied alpha */
			uint32_t p = src[i], a = p >> 24;
			uint32_t r = ((p >> 16) & 255) * a / 255, g = ((p >> 8) & 255) * a / 255, b = (p & 255) * a / 255;
			out[i] = a << 24 | r << 16 | g << 8 | b;
		}
	}
	cairo_surface_mark_dirty(img);
	double scale = side / (argb->w > argb->h ? argb->w : argb->h);
	double w = argb->w * scale, h = argb->h * scale;
	SDL_FreeSurface(argb);
	cairo_save(d->cr);
	cairo_translate(d->cr, x + (side - w) / 2, y + (side - h) / 2);
	cairo_scale(d->cr, scale, scale);
	cairo_set_source_surface(d->cr, img, 0, 0);
	cairo_paint(d->cr);
	cairo_restore(d->cr);
	cairo_surface_destroy(img);
}

/* The foot of every sheet: the QR code and the address, the council's name. */
static void draw_foot(Doc *d)
{
	double top = A4_H - MARGIN - FOOT_H;
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	cairo_set_line_width(d->cr, 1.5);
	cairo_move_to(d->cr, MARGIN, top);
	cairo_line_to(d->cr, A4_W - MARGIN, top);
	cairo_stroke(d->cr);
	double code = FOOT_H - 12, text_x = MARGIN, text_w = A4_W - 2 * MARGIN;
	QrCode *qr = d->h->url ? qr_create(d->h->url) : NULL;
	if (qr) {
		int n = qr->size + 2 * QR_QUIET;
		double m = code / n, x0 = d->h->rtl ? A4_W - MARGIN - code : MARGIN, y0 = top + 10;
		cairo_set_source_rgb(d->cr, 1, 1, 1);
		cairo_rectangle(d->cr, x0, y0, code, code);
		cairo_fill(d->cr);
		cairo_set_source_rgb(d->cr, 0, 0, 0);
		for (int y = 0; y < qr->size; y++)
			for (int x = 0; x < qr->size; x++)
				if (qr_dark(qr, x, y))
					cairo_rectangle(d->cr, x0 + (x + QR_QUIET) * m, y0 + (y + QR_QUIET) * m, m, m);
		cairo_fill(d->cr);
		qr_destroy(qr);
		text_w -= code + GAP;
		if (!d->h->rtl)
			text_x += code + GAP;
	}
	char *foot = d->h->url ? xasprintf("%s\n%s", d->h->council ? d->h->council : "", d->h->url)
			       : xstrdup(d->h->council ? d->h->council : "");
	PangoLayout *l = text_layout(d, foot, NULL, 0, 12, false, text_w);
	PangoAttrList *attrs = pango_attr_list_new();
	PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
	a->start_index = 0;
	a->end_index = (guint)strcspn(foot, "\n");
	pango_attr_list_insert(attrs, a);
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
	draw_layout(d, l, text_x, top + 10 + (code - layout_height(l)) / 2);
	g_object_unref(l);
	free(foot);
}

static void next_sheet(Doc *d)
{
	draw_foot(d);
	cairo_show_page(d->cr);
	d->sheet++;
	d->y = MARGIN;
}

bool print_pdf(const PrintHandout *h, const char *pdf_path, char *why, size_t why_size)
{
	add_fonts(h->font_dir);
	cairo_surface_t *pdf = cairo_pdf_surface_create(pdf_path, A4_W, A4_H);
	if (cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS) {
		snprintf(why, why_size, "cannot write %s: %s", pdf_path, cairo_status_to_string(cairo_surface_status(pdf)));
		cairo_surface_destroy(pdf);
		return false;
	}
	const ContentPage *page = h->page;
	if (page->title)
		cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, page->title);
	Doc d = {.cr = cairo_create(pdf), .h = h, .y = MARGIN, .sheet = 1};
	double width = A4_W - 2 * MARGIN, bottom = A4_H - MARGIN - FOOT_H - GAP;
	PangoLayout *title = text_layout(&d, page->title ? page->title : "", NULL, 0, TITLE_PT, true, width);
	draw_layout(&d, title, MARGIN, d.y);
	d.y += layout_height(title) + GAP * 1.5;
	g_object_unref(title);
	double text_w = width - PICTURE_PT - GAP;
	for (size_t i = 0; i < page->row_count; i++) {
		const ContentRow *r = &page->rows[i];
		PangoLayout *l = text_layout(&d, r->text ? r->text : "", r->spans, r->span_count, BODY_PT,
					     r->kind == ROW_HEADING, text_w);
		double th = layout_height(l), rh = th > PICTURE_PT ? th : PICTURE_PT;
		if (d.y + rh > bottom && d.y > MARGIN)
			next_sheet(&d);
		double pic_x = h->rtl ? A4_W - MARGIN - PICTURE_PT : MARGIN;
		double text_x = h->rtl ? MARGIN : MARGIN + PICTURE_PT + GAP;
		if (r->picture_path && !r->picture_missing)
			draw_picture(&d, r->picture_path, pic_x, d.y, PICTURE_PT);
		/* the words start level with the picture's middle when they are shorter than it */
		draw_layout(&d, l, text_x, d.y + (th < PICTURE_PT ? (PICTURE_PT - th) / 2 : 0));
		g_object_unref(l);
		d.y += rh + GAP;
	}
	draw_foot(&d);
	cairo_show_page(d.cr);
	cairo_destroy(d.cr);
	cairo_surface_finish(pdf);
	cairo_status_t st = cairo_surface_status(pdf);
	cairo_surface_destroy(pdf);
	if (st != CAIRO_STATUS_SUCCESS) {
		snprintf(why, why_size, "cannot write %s: %s", pdf_path, cairo_status_to_string(st));
		return false;
	}
	return true;
}

void print_shutdown(void)
{
	/* Pango's font map and fontconfig's set live for the process; freeing them at exit
	 * keeps the leak checker's report about our own memory. */
	if (!fonts_used)
		return;
	fonts_used = false;
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}

bool print_page(const PrintHandout *h, const char *printer, char *why, size_t why_size)
{
	char path[] = "/tmp/easyread-print-XXXXXX.pdf";
	int fd = mkstemps(path, 4);
	if (fd < 0) {
		snprintf(why, why_size, "cannot make a temporary file for the PDF");
		return false;
	}
	close(fd);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	bool ok = print_pdf(h, path, why, why_size);
	if (ok) {
		/* cupsPrintFile2 copies the file to the scheduler before it returns */
		int job = cupsPrintFile2(CUPS_HTTP_DEFAULT, printer, path,
					 h->page->title ? h->page->title : "Easy read page", 0, NULL);
		if (job == 0) {
			snprintf(why, why_size, "the printer %s did not take the page: %s", printer, cupsLastErrorString());
			ok = false;
		} else {
			clock_gettime(CLOCK_MONOTONIC, &t1);
			log_info("printing %s on %s (job %d, PDF drawn and sent in %.0f ms)", h->page->name, printer, job,
				 (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
		}
	}
	unlink(path);
	return ok;
}
