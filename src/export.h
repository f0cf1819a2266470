/* export: `kiosk --export-html DIR`, the whole content as simple, accessible HTML, so the
 * same easy-read pages can go on the council's website or be printed.
 *
 *   DIR/index.html              the home page of the default language
 *   DIR/<page>.html             its other pages (links to x.md become x.html)
 *   DIR/<lang>/...              the same for every other language
 *   DIR/images/...              the pictures the pages use (copied)
 *   DIR/easy-read.css           large text, pictures on the left, high contrast
 *
 * Each page is valid HTML5 with its language in <html lang>, the title as <h1>, one
 * block per row in the kiosk's order (picture with its alt text on the left, words on the
 * right), bold hard words linked to their explanation on the hard words page, buttons as
 * links, and links to the page in the other languages. When a language has glossary.md,
 * its hard words page is generated from it (glossary_make_page) as hard-words.html and
 * glossary.md itself is not a page. Core module: no SDL. */
#ifndef EXPORT_H
#define EXPORT_H

#include <stdio.h>

#include "content.h"

/* Exports content_dir into out_dir (created when missing; files in it are overwritten).
 * One line per written file and every content problem go to log (may be NULL). Returns the
 * exit code: 0 when everything was written, 1 when the content has errors (what could be
 * exported still was) or a picture could not be copied, 2 when content_dir cannot be
 * opened or out_dir cannot be written. */
int export_html(const char *content_dir, const char *out_dir, FILE *log);

/* Where the export writes a page of a language, relative to out_dir: "index.html" for the
 * default language's home, "care-act.html", "pl/care-act.html". The kiosk's QR codes point
 * at base_url + this, so the code and the published files always agree. Caller frees. */
char *export_page_path(Content *c, const ContentLanguage *lang, const char *page);

#endif
