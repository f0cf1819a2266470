/* content: the content folder as a model of languages, pages and easy-read rows.
 *
 *   content/kiosk.ini              settings (see settings.h)
 *   content/<lang>/<page>.md       one CommonMark page, parsed with cmark
 *   images/                        pictures, named from pages (settings images_dir)
 *
 * A page's first "# Heading" is its title. Each paragraph or list item is one row. An image
 * at the start of a row is the row's picture (its alt text is spoken). A row that is only a
 * link (optionally after its picture) is a navigation button. "## Heading" is a heading row.
 * Anything else (tables, code, HTML, nested lists, quotes, rules) becomes plain text rows
 * plus a warning: nothing is silently dropped.
 *
 * Bad content never stops the kiosk: every problem becomes a Diag naming file:line:col,
 * and the model falls back (missing picture -> picture_missing, broken link -> row
 * dropped from buttons, bad UTF-8 -> page not loaded, with an error).
 *
 * Pages are parsed lazily, when first asked for (content_page), so start-up stays fast
 * with thousands of pages. Core module: no SDL. Start reading at content_open.
 *
 * The glossary: content/<lang>/glossary.md holds the language's hard words (glossary.h).
 * It is listed, loaded and checked like any page (content_page(c, lang, "glossary.md")
 * returns it, so glossary_load and --check see its rows and problems), but it is not a
 * page visitors go to: its ContentPage has is_glossary set, a link to glossary.md is not a
 * button (an error tells the author to link to hard-words.md), and a link to
 * hard-words.md is a button when the language has glossary.md. content_page(c, lang,
 * "hard-words.md") still returns only a real hard-words.md file, never glossary.md: the
 * app makes the "Hard words" page with glossary_make_page.
 *
 * Live updates: content_reload reads the folder again into a new Content, keeping the
 * last good version of a page that broke; the app swaps the two at a safe moment (see
 * there, and watch.h for noticing the change). */
#ifndef CONTENT_H
#define CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "action.h"
#include "diag.h"
#include "settings.h"

/* Limits that keep one careless or hostile page from freezing the kiosk (issue #22: a 50 MB
 * page took 26 s and 1.8 GB). Easy read pages are a few KB with a few dozen rows. A larger
 * page file is not read at all (an error, and the apology screen); rows past the limit are
 * dropped with an error at the first one dropped. */
#define CONTENT_MAX_PAGE_BYTES (256 * 1024)
#define CONTENT_MAX_ROWS 500

/* A run of row text with one style. Spans concatenated give Row.text exactly:
 * span i covers Row.text[offset, offset+len). */
typedef struct {
	size_t offset, len;
	bool bold;
} ContentSpan;

typedef enum {
	ROW_TEXT,    /* a paragraph or list item */
	ROW_LINK,    /* a navigation button to another page */
	ROW_HEADING, /* "## Heading" inside the page: bold, no picture */
} RowKind;

typedef struct {
	RowKind kind;
	char *text;          /* UTF-8, what is shown and spoken; soft breaks become spaces,
			      * runs of white space one space, no leading/trailing space */
	ContentSpan *spans;  /* at least one when text is non-empty */
	size_t span_count;
	char *picture;       /* file name relative to images_dir, or NULL when the row has none */
	char *picture_path;  /* images_dir joined with picture, or NULL */
	char *picture_alt;   /* alt text (may be "" when the author gave none: a warning) */
	bool picture_missing;/* the file does not exist or its path left images/: draw a placeholder */
	char *link;          /* ROW_LINK: target page file name in the same language, e.g. "rights.md";
			      * with ACT_LANGUAGE the language's code */
	KioskAction action;  /* ACT_NONE on content pages; the kiosk's own buttons (screens.c) */
	int action_arg;      /* with ACT_PIN_DIGIT: the digit */
	int line;            /* 1-based source line of the row */
	bool paired;         /* a kiosk screen's pair of choices: this link and the next one
			      * (Smaller | Larger) keep to one row of a grid (layout.c) */
	bool large;          /* a kiosk screen's button words at the title size (the attract
			      * screen's language names); a grid of such rows is set large */
} ContentRow;

typedef struct {
	char *name;          /* file name inside the language folder, e.g. "home.md" */
	char *path;          /* content_dir/lang/name, as used in diagnostics */
	bool loaded;         /* parsed (successfully or not) */
	bool ok;             /* parsed and usable: readable, UTF-8, not empty */
	bool is_glossary;    /* this is glossary.md: loaded and checked, but not a page to
			      * go to (links to hard-words.md show the page made from it) */
	bool kept;           /* content_reload: the file is broken now, so these rows are
			      * the last good version, copied from the old Content */
	char *title;         /* first "# " heading; if absent the file name without ".md" + an error */
	ContentRow *rows;
	size_t row_count;
} ContentPage;

typedef struct {
	char *code;          /* "en" */
	char *dir;           /* content_dir/code */
	ContentPage *pages;  /* every *.md in dir (not README.md), sorted by name; parsed lazily;
			      * glossary.md included (is_glossary) */
	size_t page_count;
} ContentLanguage;

/* A picture file's bytes, kept in memory (content_keep_pictures). */
typedef struct {
	char *path;          /* as in ContentRow.picture_path */
	void *data;          /* probed by picture.h: within its budgets */
	size_t len;
} ContentPicture;

/* At most this many bytes of pictures are kept in memory (the shipped ones are 160 KB). */
#define CONTENT_MAX_KEPT_PICTURE_BYTES (64L * 1024 * 1024)

typedef struct {
	char *dir;           /* the content folder as given */
	char *images_dir;    /* dir joined with settings.images_dir */
	Settings settings;   /* defaults + kiosk.ini (+ the site file's [contact]) */
	char *site_file;     /* site settings file whose [contact] fills the pages, or NULL */
	ContentLanguage *langs;
	size_t lang_count;
	DiagList diags;      /* everything found so far, in order; loaders append */
	ContentPicture *pictures; /* content_keep_pictures: the bytes of every picture shown */
	size_t picture_count, picture_bytes;
} Content;

/* Opens a content folder: reads kiosk.ini and lists the language folders and their pages
 * (settings.languages, or every sub-folder holding .md files when not set). Pages are not
 * parsed yet. Returns NULL (with a log line saying why) only when dir is not a readable
 * folder or has no language folder with pages; the caller frees with content_close. */
Content *content_open(const char *dir);
void content_close(Content *c); /* NULL is a no-op */
/* The site settings file (like /etc/kiosk/kiosk.ini; NULL: none) whose [contact] details
 * win over kiosk.ini's for the pages' {contact.*} placeholders (contact.h). Call before
 * pages are loaded; content_reload keeps it. */
void content_use_site_file(Content *c, const char *path);

/* The language with this code, or NULL. */
ContentLanguage *content_language(Content *c, const char *code);
/* The page `name` of a language, parsed on first use (diagnostics appended to c->diags).
 * Returns NULL when no such file exists or it cannot be used (!ok). Borrowed pointer:
 * valid until content_close. */
ContentPage *content_page(Content *c, ContentLanguage *lang, const char *name);
/* Parses every page of every language (for --check, tests and link checking). */
void content_load_all(Content *c);

/* Keeps the whole content in memory, so that a content folder that vanishes or is half
 * synced changes nothing a visitor sees (issue #22): parses every page (content_load_all)
 * and reads the bytes of every picture a row shows and of every file in images_dir/ui/
 * (the kiosk's own icons and screen pictures), each probed by picture.h first, up to
 * CONTENT_MAX_KEPT_PICTURE_BYTES. The kiosk then draws from these bytes (content_picture),
 * never from the folder. content_reload does the same for the new Content. */
void content_keep_pictures(Content *c);
/* The kept bytes of the picture at path, or NULL (not kept: read the file). Borrowed:
 * valid until content_close. */
const void *content_picture(const Content *c, const char *path, size_t *len);

/* Reads old's folder again (kiosk.ini, languages, pages) into a new Content and parses
 * every page at once (a reload happens rarely and the folder is small, and this way every
 * problem is found now, not when a visitor opens the page). Pages deleted from the folder
 * are gone, new ones are there.
 *
 * A page that now cannot be used (!ok: unreadable, not UTF-8, empty) but was loaded and
 * ok in old keeps its last good version: its title and rows are deep-copied from old, ok
 * and kept are set, and besides the error naming file:line a warning "keeping the last
 * good version of this page" is added. (A page old never parsed has no good version.)
 *
 * Returns NULL when the folder cannot be opened any more (gone, unreadable, no language
 * folder with pages), or looks half there (a language old had is gone, or the home page
 * old showed): content_open or a log line has said why, another says the old content
 * stays, and the caller keeps using old. When old kept its pictures (content_keep_pictures)
 * the new Content keeps its own, and a picture now missing or broken keeps old's bytes
 * (with a warning), so a half-synced images folder blanks no picture. Otherwise the new Content's diags hold
 * everything found, and a copy of them is appended to `report` (may be NULL).
 *
 * Ownership: old is read, never changed or freed, and the new Content shares nothing with
 * it, so screens laid out from old stay valid until the caller has switched to the new one
 * (relayout, glossary_load again), then frees old with content_close. The caller frees the
 * result with content_close. */
Content *content_reload(const Content *old, DiagList *report);

/* Parses one Markdown buffer into `page` (used by content_page, tests and fuzzing).
 * `path` names the file in diagnostics; `page_exists(name, ctx)` tells whether a link
 * target exists; pictures are checked under images_dir (NULL: not checked). */
typedef bool (*ContentPageExistsFn)(const char *name, void *ctx);
void content_parse_page(ContentPage *page, const char *path, const char *markdown, size_t len,
			const char *images_dir, ContentPageExistsFn page_exists, void *ctx,
			DiagList *diags);
/* A deep copy of a row: dst owns everything (free with content_page_clear on its page). */
void content_row_copy(ContentRow *dst, const ContentRow *src);
/* Frees what a page owns (not the struct itself) and marks it not loaded. */
void content_page_clear(ContentPage *page);

#endif
