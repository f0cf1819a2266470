/* print: the easy-read A4 handout of a page. Drawn as PDF with cairo (text shaped and
 * wrapped by Pango, pictures through SDL_image like on screen), sent to a CUPS queue with
 * libcups: the title, every row with its picture on the left, large text, and at the foot
 * the page's QR code and the council's name. Edge module. Start at print_pdf. */
#ifndef PRINT_H
#define PRINT_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"

typedef struct {
	const ContentPage *page; /* borrowed */
	const char *url;         /* the page on the council's website: a QR code at the foot; NULL: none */
	const char *council;     /* the council's name at the foot */
	const char *font_dir;    /* the kiosk's fonts folder */
	bool rtl;                /* a right-to-left language: pictures on the right */
} PrintHandout;

/* Writes the handout to pdf_path. False with a reason in why (plain words for the log). */
bool print_pdf(const PrintHandout *h, const char *pdf_path, char *why, size_t why_size);
/* Draws the handout to a temporary PDF and sends it to the CUPS queue `printer`. False with
 * the reason in why (the visitor is told in plain words that the printer is not working). */
bool print_page(const PrintHandout *h, const char *printer, char *why, size_t why_size);
/* Frees what Pango, cairo and fontconfig keep for the whole process (at exit). */
void print_shutdown(void);

#endif
