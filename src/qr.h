/* qr: "Take it home". The address of a page on the council's website (the HTML export
 * published at [share] base_url), its QR code (libqrencode), the code as SVG for the screen,
 * and the layout of the screen that shows it: the code as large as fits, modules a whole
 * number of pixels (at least 8 at 1080p) with the quiet zone kept, beside the words "Point
 * your phone camera here" and the buttons. Core module: no SDL. Start at qr_create. */
#ifndef QR_H
#define QR_H

#include <stdbool.h>

#include "layout.h"

/* Light modules kept around the code on every side (the QR standard asks for 4). */
#define QR_QUIET 4

typedef struct {
	int size;            /* modules per side, without the quiet zone */
	unsigned char *dark; /* size * size, row by row: 1 = dark */
} QrCode;

/* The QR code of text (byte mode, error correction M). NULL when it cannot be made (too
 * long for a QR code), with a log line. Free with qr_destroy. */
QrCode *qr_create(const char *text);
void qr_destroy(QrCode *qr); /* NULL is a no-op */
bool qr_dark(const QrCode *qr, int x, int y);

/* The code as an SVG picture (caller frees): black on white, quiet zone included, one unit
 * per module, so drawn at n x (size + 2 x QR_QUIET) px every module is n whole pixels. */
char *qr_svg(const QrCode *qr);

/* base_url joined with a page's path in the export ("pl/care-act.html") with exactly one
 * slash between them. Caller frees. */
char *qr_page_url(const char *base_url, const char *page_path);

/* Lays out the Take it home screen: `page` (the title, "Point your phone camera here", the
 * status and the buttons, screens_take_home) is laid out as usual on two thirds of the
 * screen's longer side, so its words, targets and nav bar keep every layout rule; the last
 * third, on the left (the right in a right-to-left language; on top of a portrait screen),
 * shows the code as a square of whole-pixel modules as large as fits, quiet zone included.
 * When that is too small for modules of 8 px (at 1080p), the page gives way.
 * qr_modules: the code's size (QrCode.size); qr_picture: its SVG's path (borrowed; NULL or
 * qr_modules 0: no code, the page alone). *module_px gets the drawn module size (may be
 * NULL). Owned by the caller (layout_page_destroy); borrows page and qr_picture. */
LayoutPage *qr_screen(const ContentPage *page, const LayoutParams *params, int qr_modules, const char *qr_picture,
		      int *module_px);

#endif
