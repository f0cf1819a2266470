/* content: turns the content folder into languages, pages and easy-read rows.
 *
 * Two halves. content_open only lists folders and file names, so start-up stays fast;
 * content_parse_page turns one Markdown buffer into rows, using cmark for the parsing and
 * then walking the tree block by block (walk_block), one row per paragraph, list item
 * paragraph or heading. Start reading at content_parse_page, then build_row: that is
 * where pictures, buttons and bold key words are recognised.
 *
 * The rule everywhere: bad content is reported (a Diag naming file:line:col, in plain
 * words for the person who edits the pages) and the page falls back to something the kiosk
 * can still show. Nothing is dropped without a diagnostic. The tree walk recurses only over
 * blocks and stops at MAX_DEPTH; inlines are walked with cmark_iter, which does not
 * recurse, so deeply nested input cannot exhaust the stack.
 *
 * At the end, content_reload reads the folder again for live updates: a page that broke
 * since keeps a deep copy of its last good rows, so a half-copied file never blanks a
 * page that worked. */
#include "content.h"

#include <cmark.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "glossary.h"
#include "picture.h"
#include "contact.h"
#include "util.h"

/* Blocks nested deeper than this (quotes in lists in quotes...) are flattened into one
 * row: no easy-read page needs it, and it bounds the recursion. */
#define MAX_DEPTH 32

/* ---- text with bold spans ---------------------------------------------------------- */

/* A growing row text. White space is collapsed while appending: a run of spaces, tabs,
 * line breaks or control characters becomes one pending space that is written only when
 * more text follows, so the result is trimmed at both ends. */
typedef struct {
	char *text;
	size_t len, cap;
	ContentSpan *spans;
	size_t span_count, span_cap;
	bool pending_space;
} TextBuilder;

static bool is_blank_byte(unsigned char ch)
{
	return ch <= 0x20 || ch == 0x7F;
}

static void tb_put(TextBuilder *b, const char *s, size_t n, bool bold)
{
	if (n == 0)
		return;
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->text = xrealloc(b->text, b->cap);
	}
	memcpy(b->text + b->len, s, n);
	if (b->span_count > 0 && b->spans[b->span_count - 1].bold == bold) {
		b->spans[b->span_count - 1].len += n;
	} else {
		if (b->span_count == b->span_cap) {
			b->span_cap = b->span_cap ? b->span_cap * 2 : 4;
			b->spans = xrealloc(b->spans, b->span_cap * sizeof(ContentSpan));
		}
		b->spans[b->span_count++] = (ContentSpan){.offset = b->len, .len = n, .bold = bold};
	}
	b->len += n;
	b->text[b->len] = '\0';
}

static void tb_append(TextBuilder *b, const char *s, size_t n, bool bold)
{
	size_t i = 0;
	while (i < n) {
		if (is_blank_byte((unsigned char)s[i])) {
			if (b->len > 0)
				b->pending_space = true;
			i++;
			continue;
		}
		size_t start = i;
		while (i < n && !is_blank_byte((unsigned char)s[i]))
			i++;
		if (b->pending_space) {
			/* The space between two bold words is bold, so "**a** **b**" stays one
			 * span. */
			bool prev_bold = b->span_count > 0 && b->spans[b->span_count - 1].bold;
			tb_put(b, " ", 1, bold && prev_bold);
			b->pending_space = false;
		}
		tb_put(b, s + start, i - start, bold);
	}
}

static void tb_append_str(TextBuilder *b, const char *s, bool bold)
{
	if (s)
		tb_append(b, s, strlen(s), bold);
}

static void tb_free(TextBuilder *b)
{
	free(b->text);
	free(b->spans);
	memset(b, 0, sizeof(*b));
}

/* Hands the text over (never NULL) and resets the builder. */
static char *tb_take_text(TextBuilder *b)
{
	char *t = b->text ? b->text : xstrdup("");
	b->text = NULL;
	b->len = b->cap = 0;
	return t;
}

/* ---- the parser state for one page ------------------------------------------------- */

typedef struct {
	ContentPage *page;
	const char *path;       /* for diagnostics */
	const char *images_dir; /* NULL: pictures are not checked */
	char *images_name;      /* the images folder's own name, for messages: "images" */
	char *lang_dir;         /* the folder of `path`, for messages: "content/en" */
	ContentPageExistsFn page_exists;
	void *ctx;
	DiagList *diags;
	size_t row_cap;
	bool have_title;
} Parser;

/* cmark returns NULL for a node without a URL or literal; callers want "". */
static const char *node_url(cmark_node *n)
{
	const char *url = cmark_node_get_url(n);
	return url ? url : "";
}

static const char *node_literal(cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	return lit ? lit : "";
}

static int node_line(cmark_node *n, cmark_node *fallback)
{
	int line = cmark_node_get_start_line(n);
	return line > 0 ? line : cmark_node_get_start_line(fallback);
}

static int node_col(cmark_node *n, cmark_node *fallback)
{
	if (cmark_node_get_start_line(n) > 0)
		return cmark_node_get_start_column(n);
	return cmark_node_get_start_column(fallback);
}

/* One diagnostic at node n (or at `fallback` when cmark gave n no position, as for soft
 * line breaks). */
static void report(Parser *p, DiagSeverity severity, cmark_node *n, cmark_node *fallback,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void report(Parser *p, DiagSeverity severity, cmark_node *n, cmark_node *fallback,
                   const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(p->diags, severity, p->path, node_line(n, fallback), node_col(n, fallback), "%s",
	         msg);
	free(msg);
}

static ContentRow *add_row(Parser *p, RowKind kind, int line)
{
	ContentPage *page = p->page;
	if (page->row_count == p->row_cap) {
		p->row_cap = p->row_cap ? p->row_cap * 2 : 8;
		page->rows = xrealloc(page->rows, p->row_cap * sizeof(ContentRow));
	}
	ContentRow *row = &page->rows[page->row_count++];
	memset(row, 0, sizeof(*row));
	row->kind = kind;
	row->line = line;
	return row;
}

static void row_free(ContentRow *row)
{
	free(row->text);
	free(row->spans);
	free(row->picture);
	free(row->picture_path);
	free(row->picture_alt);
	free(row->link);
}

/* ---- URLs, pictures and links ------------------------------------------------------ */

/* "http:", "mailto:", "tel:"...: a scheme before any '/'. */
static bool has_scheme(const char *url)
{
	size_t i = 0;
	while (url[i] && (('a' <= url[i] && url[i] <= 'z') || ('A' <= url[i] && url[i] <= 'Z') ||
	                  ('0' <= url[i] && url[i] <= '9') || url[i] == '+' || url[i] == '-' ||
	                  url[i] == '.'))
		i++;
	return i > 0 && url[i] == ':';
}

static int hex_value(char ch)
{
	if ('0' <= ch && ch <= '9')
		return ch - '0';
	if ('a' <= ch && ch <= 'f')
		return ch - 'a' + 10;
	if ('A' <= ch && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* cmark keeps %XX escapes in URLs as written; file names are compared decoded, so
 * "my%20picture.svg" finds "my picture.svg" and "%2e%2e/x" is seen as "../x". A decoding
 * that would give a NUL or invalid UTF-8 keeps the URL as written. Caller frees. */
static char *url_decode(const char *url)
{
	size_t n = strlen(url);
	char *out = xmalloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (url[i] == '%' && i + 2 < n && (hi = hex_value(url[i + 1])) >= 0 &&
		    (lo = hex_value(url[i + 2])) >= 0 && (hi || lo)) {
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[o++] = url[i];
		}
	}
	out[o] = '\0';
	if (!utf8_valid(out, o, NULL)) {
		free(out);
		return xstrdup(url);
	}
	return out;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* The alt text of an image: the words of its children, white space collapsed. */
static char *plain_text(cmark_node *node)
{
	TextBuilder b = {0};
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
			tb_append_str(&b, node_literal(n), false);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			tb_append(&b, " ", 1, false);
			break;
		default:
			/* Blocks separate words even when the source had no space between them. */
			if (n != node && cmark_node_get_type(n) < CMARK_NODE_FIRST_INLINE)
				tb_append(&b, " ", 1, false);
			break;
		}
	}
	cmark_iter_free(it);
	char *t = tb_take_text(&b);
	tb_free(&b);
	return t;
}

/* Fills the picture fields of `row` from the image at the start of its block. */
static void set_picture(Parser *p, ContentRow *row, cmark_node *image, cmark_node *block)
{
	char *name = url_decode(node_url(image));
	row->picture = name;
	row->picture_alt = plain_text(image);
	if (has_scheme(name)) {
		row->picture_missing = true;
		report(p, DIAG_ERROR, image, block,
		       "picture '%s' is a web address: pictures must be files in %s/", name,
		       p->images_name);
	} else if (!path_is_safe(name)) {
		row->picture_missing = true;
		report(p, DIAG_ERROR, image, block, "picture path '%s' leaves the %s folder", name,
		       p->images_name);
	} else {
		if (!ends_with(name, ".svg") && !ends_with(name, ".png") &&
		    !ends_with(name, ".jpg") && !ends_with(name, ".jpeg"))
			report(p, DIAG_WARNING, image, block,
			       "picture '%s' is not .svg, .png or .jpg and may not show", name);
		if (p->images_dir) {
			row->picture_path = path_join(p->images_dir, name);
			if (!path_is_file(row->picture_path)) {
				row->picture_missing = true;
				report(p, DIAG_ERROR, image, block, "picture '%s' not found in %s/",
				       name, p->images_name);
			} else if (!path_is_beneath(p->images_dir, row->picture_path)) {
				row->picture_missing = true;
				report(p, DIAG_ERROR, image, block,
				       "picture '%s' is a link to a file outside the %s folder: it is "
				       "not read",
				       name, p->images_name);
			}
		}
	}
	if (row->picture_alt[0] == '\0')
		report(p, DIAG_WARNING, image, block,
		       "picture '%s' has no words to describe it (alt text)", name);
}

/* Checks a link target. True when it is a page of this language: the row is a button. */
static bool link_is_button(Parser *p, cmark_node *link, cmark_node *block, const char *target)
{
	if (target[0] == '\0') {
		report(p, DIAG_ERROR, link, block,
		       "link has no page to go to, so it is not a button");
		return false;
	}
	if (has_scheme(target)) {
		report(
		    p, DIAG_WARNING, link, block,
		    "link to '%s' is a web or e-mail address: the kiosk cannot open it, so it is "
		    "shown as plain text",
		    target);
		return false;
	}
	if (!path_is_safe(target)) {
		report(p, DIAG_ERROR, link, block, "link to '%s' leaves the language folder %s/",
		       target, p->lang_dir);
		return false;
	}
	if (!ends_with(target, ".md")) {
		report(p, DIAG_ERROR, link, block,
		       "link to '%s' is not a page (page file names end in .md)", target);
		return false;
	}
	if (strcmp(target, GLOSSARY_FILE) == 0) {
		/* The glossary's raw rows are not what visitors should see: the kiosk makes
		 * the "Hard words" page from them, and that page is called hard-words.md. */
		report(p, DIAG_ERROR, link, block,
		       "link to '%s': the glossary is not a page to go to, link to '%s' for the "
		       "hard words page",
		       target, GLOSSARY_PAGE_NAME);
		return false;
	}
	if (p->page_exists && !p->page_exists(target, p->ctx)) {
		report(p, DIAG_ERROR, link, block, "link to '%s' but there is no page %s in %s/",
		       target, target, p->lang_dir);
		return false;
	}
	return true;
}

/* ---- rows -------------------------------------------------------------------------- */

typedef enum {
	INLINE_ROW,     /* a paragraph: links inside a sentence are warned about */
	INLINE_LINKROW, /* a row that is only a link: no warning for the link itself */
	INLINE_HEADING, /* a heading or the title: pictures and links are only words */
} InlineMode;

static bool is_blank_inline(cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);
	if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
		return true;
	if (t != CMARK_NODE_TEXT)
		return false;
	for (const char *s = node_literal(n); s && *s; s++)
		if (!is_blank_byte((unsigned char)*s))
			return false;
	return true;
}

/* An image that is not the row's picture: its words stay in the row, so nothing the
 * author wrote is lost, and the author is told why the picture is not shown. */
static void inline_picture(Parser *p, cmark_node *image, cmark_node *block, InlineMode mode,
                           bool bold, TextBuilder *b)
{
	const char *url = node_url(image);
	if (url[0] == '\0')
		report(p, DIAG_WARNING, image, block,
		       "picture has no file name (![words](name.svg)): only its words are shown");
	else if (mode == INLINE_HEADING)
		report(
		    p, DIAG_WARNING, image, block,
		    "picture '%s' is in a heading: pictures are not shown there, only their words",
		    url);
	else
		report(p, DIAG_WARNING, image, block,
		       "picture '%s' is not at the start of its line, so it is not shown: only its "
		       "words are",
		       url);
	char *alt = plain_text(image);
	tb_append_str(b, alt, bold);
	free(alt);
}

/* Appends the words of a block's inlines to b, with **bold** as bold spans. `skip` is the
 * row's picture, whose words are the alt text instead. Everything else easy read does not
 * use is kept as plain words, with a warning. */
static void collect_inlines(Parser *p, cmark_node *block, cmark_node *skip, InlineMode mode,
                            TextBuilder *b)
{
	int strong = 0;
	cmark_iter *it = cmark_iter_new(block);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (n == block)
			continue;
		cmark_node_type type = cmark_node_get_type(n);
		if (type == CMARK_NODE_STRONG) {
			strong += ev == CMARK_EVENT_ENTER ? 1 : -1;
			continue;
		}
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (type) {
		case CMARK_NODE_TEXT:
			tb_append_str(b, node_literal(n), strong > 0);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			tb_append(b, " ", 1, false);
			break;
		case CMARK_NODE_EMPH:
			report(p, DIAG_WARNING, n, block,
			       "italic text is shown as plain text: easy read avoids italics (use "
			       "**bold** for key words)");
			break;
		case CMARK_NODE_CODE:
			report(p, DIAG_WARNING, n, block, "code (`%.40s`) is shown as plain text",
			       node_literal(n));
			tb_append_str(b, node_literal(n), strong > 0);
			break;
		case CMARK_NODE_HTML_INLINE:
			report(p, DIAG_WARNING, n, block, "HTML '%.40s' is shown as plain text",
			       node_literal(n));
			tb_append_str(b, node_literal(n), strong > 0);
			break;
		case CMARK_NODE_LINK:
			if (mode == INLINE_ROW)
				report(p, DIAG_WARNING, n, block,
				       "link to '%s' is inside a sentence, so it is not a button: "
				       "put the "
				       "link on its own line",
				       node_url(n));
			else if (mode == INLINE_HEADING)
				report(p, DIAG_WARNING, n, block,
				       "link to '%s' is in a heading, so it is not a button: only "
				       "its words "
				       "are shown",
				       node_url(n));
			break;
		case CMARK_NODE_IMAGE:
			if (n != skip)
				inline_picture(p, n, block, mode, strong > 0, b);
			/* Alt text is not row text (or was added just above): skip the children. */
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* Moves the builder's text into a new row, unless there is nothing to show. */
static ContentRow *finish_row(Parser *p, TextBuilder *b, RowKind kind, cmark_node *block,
                              bool has_picture)
{
	if (b->len == 0 && !has_picture) {
		report(p, DIAG_WARNING, block, block,
		       "this part has no words to show and is left out");
		tb_free(b);
		return NULL;
	}
	ContentRow *row = add_row(p, kind, cmark_node_get_start_line(block));
	row->spans = b->spans;
	row->span_count = b->span_count;
	b->spans = NULL;
	b->span_count = b->span_cap = 0;
	row->text = tb_take_text(b);
	tb_free(b);
	return row;
}

/* One paragraph becomes one row: picture first, then a button or a text row. `prefix` is
 * an ordered list item's number ("2."), kept so numbered steps stay numbered. */
static void build_row(Parser *p, cmark_node *block, const char *prefix)
{
	/* The picture: the first inline when it is an image, or the first thing inside a link
	 * that starts the row ("[![alt](a.svg) Rights](rights.md)"). */
	cmark_node *first = cmark_node_first_child(block);
	cmark_node *picture = NULL;
	if (first && cmark_node_get_type(first) == CMARK_NODE_IMAGE)
		picture = first;
	else if (first && cmark_node_get_type(first) == CMARK_NODE_LINK &&
	         cmark_node_first_child(first) &&
	         cmark_node_get_type(cmark_node_first_child(first)) == CMARK_NODE_IMAGE)
		picture = cmark_node_first_child(first);
	if (picture && node_url(picture)[0] == '\0')
		picture = NULL; /* "![words]()": no file, so its words are just text (warned) */

	/* A button: apart from the picture and white space, the row is one link. */
	cmark_node *link = NULL;
	for (cmark_node *n = first; n; n = cmark_node_next(n)) {
		if (n == picture || is_blank_inline(n))
			continue;
		if (cmark_node_get_type(n) == CMARK_NODE_LINK && !link) {
			link = n;
			continue;
		}
		link = NULL;
		break;
	}

	RowKind kind = ROW_TEXT;
	char *target = NULL;
	if (link) {
		target = url_decode(node_url(link));
		if (link_is_button(p, link, block, target))
			kind = ROW_LINK;
	}

	TextBuilder b = {0};
	if (prefix && kind == ROW_TEXT) {
		tb_append_str(&b, prefix, false);
		b.pending_space = true;
	}
	collect_inlines(p, block, picture, link ? INLINE_LINKROW : INLINE_ROW, &b);
	if (kind == ROW_LINK && b.len == 0) {
		report(p, DIAG_ERROR, link, block,
		       "link to '%s' has no words to show on its button", target);
		kind = ROW_TEXT;
	}
	if (b.len > 0 && b.text[0] == '|')
		report(p, DIAG_WARNING, block, block,
		       "this looks like a table: tables are not supported and are shown as plain "
		       "text");
	ContentRow *row = finish_row(p, &b, kind, block, picture != NULL);
	if (row) {
		if (picture) {
			set_picture(p, row, picture, block);
			if (row->text[0] == '\0')
				report(p, DIAG_WARNING, picture, block,
				       "picture '%s' has no words next to it", row->picture);
		}
		if (kind == ROW_LINK) {
			row->link = target;
			target = NULL;
		}
	}
	free(target);
}

static void build_heading(Parser *p, cmark_node *block)
{
	TextBuilder b = {0};
	collect_inlines(p, block, NULL, INLINE_HEADING, &b);
	if (cmark_node_get_heading_level(block) == 1) {
		if (!p->have_title && b.len > 0) {
			p->have_title = true;
			p->page->title = tb_take_text(&b);
			tb_free(&b);
			return;
		}
		if (b.len > 0)
			report(
			    p, DIAG_WARNING, block, block,
			    "a second title (a line starting with '# '): it is shown as a heading; "
			    "a page has one title");
	}
	finish_row(p, &b, ROW_HEADING, block, false);
}

/* A block that easy read does not use: its words as one plain text row. */
static void build_plain_row(Parser *p, cmark_node *block)
{
	char *words = plain_text(block);
	TextBuilder b = {0};
	tb_append_str(&b, words, false);
	free(words);
	finish_row(p, &b, ROW_TEXT, block, false);
}

static void walk_block(Parser *p, cmark_node *block, int depth, bool in_list);

static void walk_children(Parser *p, cmark_node *parent, int depth, bool in_list)
{
	for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n))
		walk_block(p, n, depth + 1, in_list);
}

static void walk_list(Parser *p, cmark_node *list, int depth, bool in_list)
{
	if (in_list)
		report(
		    p, DIAG_WARNING, list, list,
		    "a list inside a list: its points are shown as separate rows (easy read keeps "
		    "lists flat)");
	bool ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	long number = cmark_node_get_list_start(list);
	char delim = cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ')' : '.';
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		cmark_node *first = cmark_node_first_child(item);
		for (cmark_node *n = first; n; n = cmark_node_next(n)) {
			if (n == first && ordered &&
			    cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH && depth < MAX_DEPTH) {
				char prefix[32];
				snprintf(prefix, sizeof(prefix), "%ld%c", number, delim);
				build_row(p, n, prefix);
			} else {
				walk_block(p, n, depth + 1, true);
			}
		}
		if (!first)
			report(p, DIAG_WARNING, item, item, "an empty point in a list is left out");
		number++;
	}
}

static void walk_block(Parser *p, cmark_node *block, int depth, bool in_list)
{
	if (depth > MAX_DEPTH) {
		report(p, DIAG_WARNING, block, block,
		       "this part is nested too deeply: it is shown as one row");
		build_plain_row(p, block);
		return;
	}
	switch (cmark_node_get_type(block)) {
	case CMARK_NODE_PARAGRAPH:
		build_row(p, block, NULL);
		break;
	case CMARK_NODE_HEADING:
		build_heading(p, block);
		break;
	case CMARK_NODE_LIST:
		walk_list(p, block, depth, in_list);
		break;
	case CMARK_NODE_ITEM:
		walk_children(p, block, depth, in_list);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		report(p, DIAG_WARNING, block, block,
		       "a quote (lines starting with '>') is shown as plain rows");
		walk_children(p, block, depth, in_list);
		break;
	case CMARK_NODE_CODE_BLOCK:
		report(p, DIAG_WARNING, block, block, "a code block is shown as plain text");
		build_plain_row(p, block);
		break;
	case CMARK_NODE_HTML_BLOCK: {
		const char *html = node_literal(block);
		if (html && strncmp(html, "<!--", 4) == 0) {
			/* Comments are notes between editors, not words for the reader. */
			report(p, DIAG_WARNING, block, block,
			       "an HTML comment (<!-- -->) is not shown");
			break;
		}
		report(p, DIAG_WARNING, block, block, "HTML is shown as plain text");
		build_plain_row(p, block);
		break;
	}
	case CMARK_NODE_THEMATIC_BREAK:
		report(
		    p, DIAG_WARNING, block, block,
		    "a line across the page (---) is not shown: use a heading (## ...) to start a "
		    "new part");
		break;
	default:
		walk_children(p, block, depth, in_list);
		break;
	}
}

/* ---- one page ---------------------------------------------------------------------- */

/* The last non-empty component of a path: "content/../images/" -> "images". */
static char *last_component(const char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	size_t start = n;
	while (start > 0 && path[start - 1] != '/')
		start--;
	return xstrndup(path + start, n - start);
}

/* Line and column (1-based, in bytes as cmark counts them) of a byte offset. */
static void offset_position(const char *s, size_t offset, int *line, int *col)
{
	int l = 1;
	size_t line_start = 0;
	for (size_t i = 0; i < offset; i++) {
		if (s[i] == '\n') {
			l++;
			line_start = i + 1;
		}
	}
	*line = l;
	*col = (int)(offset - line_start + 1);
}

/* False (with an error) when the buffer is not UTF-8 text: the page is not shown rather
 * than shown with broken letters. */
static bool check_text(const char *md, size_t len, const char *path, DiagList *diags)
{
	size_t bad = len;
	bool valid = utf8_valid(md, len, &bad);
	const char *nul = memchr(md, '\0', len);
	if (nul && (valid || (size_t)(nul - md) < bad)) {
		int line, col;
		offset_position(md, (size_t)(nul - md), &line, &col);
		diag_add(
		    diags, DIAG_ERROR, path, line, col,
		    "this file has a NUL byte, so it is not a text file: the page is not shown");
		return false;
	}
	if (!valid) {
		int line, col;
		offset_position(md, bad, &line, &col);
		diag_add(diags, DIAG_ERROR, path, line, col,
		         "this file is not UTF-8 text (save it as UTF-8): the page is not shown");
		return false;
	}
	return true;
}

void content_parse_page(ContentPage *page, const char *path, const char *markdown, size_t len,
                        const char *images_dir, ContentPageExistsFn page_exists, void *ctx,
                        DiagList *diags)
{
	content_page_clear(page);
	page->loaded = true;
	page->ok = false;
	if (!check_text(markdown, len, path, diags))
		return;

	Parser p = {
	    .page = page,
	    .path = path,
	    .images_dir = images_dir,
	    .images_name = last_component(images_dir ? images_dir : "images"),
	    .lang_dir = path_dirname(path),
	    .page_exists = page_exists,
	    .ctx = ctx,
	    .diags = diags,
	};
	cmark_node *doc = cmark_parse_document(markdown, len, CMARK_OPT_DEFAULT);
	walk_block(&p, doc, 0, false);
	cmark_node_free(doc);
	if (page->row_count > CONTENT_MAX_ROWS) {
		diag_add(diags, DIAG_ERROR, path, page->rows[CONTENT_MAX_ROWS].line, 1,
		         "this page has %zu rows, more than the %d a page may have: the rows from here "
		         "on are not shown",
		         page->row_count, CONTENT_MAX_ROWS);
		for (size_t i = CONTENT_MAX_ROWS; i < page->row_count; i++)
			row_free(&page->rows[i]);
		page->row_count = CONTENT_MAX_ROWS;
	}

	if (!page->title && page->row_count == 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "page is empty: it is not shown");
	} else {
		page->ok = true;
		if (!page->title) {
			diag_add(diags, DIAG_ERROR, path, 0, 0,
			         "page has no title (a line starting with '# ')");
			char *base = last_component(path);
			size_t n = strlen(base);
			if (ends_with(base, ".md") && n > 3)
				base[n - 3] = '\0';
			page->title = base;
		} else if (page->row_count == 0) {
			diag_add(diags, DIAG_WARNING, path, 0, 0,
			         "page has a title but nothing else");
		}
	}
	free(p.images_name);
	free(p.lang_dir);
}

void content_page_clear(ContentPage *page)
{
	for (size_t i = 0; i < page->row_count; i++)
		row_free(&page->rows[i]);
	free(page->rows);
	free(page->title);
	page->rows = NULL;
	page->row_count = 0;
	page->title = NULL;
	page->loaded = false;
	page->ok = false;
	page->kept = false;
}

/* ---- the folder -------------------------------------------------------------------- */

static int compare_pages(const void *a, const void *b)
{
	return strcmp(((const ContentPage *)a)->name, ((const ContentPage *)b)->name);
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_page_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 3 && strcmp(name + n - 3, ".md") == 0 &&
	       strcasecmp(name, "README.md") != 0;
}

/* Lists the pages of a language folder, sorted by name. False when it cannot be read.
 * A page file that is a link to something outside the content folder `root` is an error
 * and is not listed (so no button leads to it and it is never read). */
static bool list_pages(ContentLanguage *lang, const char *root, DiagList *diags)
{
	DIR *d = opendir(lang->dir);
	if (!d)
		return false;
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!is_page_name(e->d_name))
			continue;
		char *path = path_join(lang->dir, e->d_name);
		if (!path_is_file(path)) {
			free(path);
			continue;
		}
		if (!path_is_beneath(root, path)) {
			diag_add(diags, DIAG_ERROR, path, 0, 0,
			         "this page is a link to a file outside the content folder: it is not "
			         "read");
			free(path);
			continue;
		}
		if (lang->page_count == cap) {
			cap = cap ? cap * 2 : 16;
			lang->pages = xrealloc(lang->pages, cap * sizeof(ContentPage));
		}
		ContentPage *page = &lang->pages[lang->page_count++];
		memset(page, 0, sizeof(*page));
		page->name = xstrdup(e->d_name);
		page->path = path;
		page->is_glossary = strcmp(e->d_name, GLOSSARY_FILE) == 0;
	}
	closedir(d);
	if (lang->page_count > 1)
		qsort(lang->pages, lang->page_count, sizeof(ContentPage), compare_pages);
	return true;
}

static void language_free(ContentLanguage *lang)
{
	for (size_t i = 0; i < lang->page_count; i++) {
		content_page_clear(&lang->pages[i]);
		free(lang->pages[i].name);
		free(lang->pages[i].path);
	}
	free(lang->pages);
	free(lang->code);
	free(lang->dir);
}

/* Adds the language `code` when its folder holds pages. `ini` is kiosk.ini's path when the
 * language was listed there (then a missing folder is the author's error), else NULL. */
static void add_language(Content *c, const char *code, const char *ini)
{
	ContentLanguage lang = {.code = xstrdup(code), .dir = path_join(c->dir, code)};
	if (path_is_dir(lang.dir) && !path_is_beneath(c->dir, lang.dir)) {
		diag_add(&c->diags, DIAG_ERROR, ini ? ini : lang.dir, 0, 0,
		         "language folder %s/ is a link to a folder outside the content folder: it "
		         "is not read",
		         lang.dir);
		language_free(&lang);
		return;
	}
	if (!path_is_dir(lang.dir) || !list_pages(&lang, c->dir, &c->diags)) {
		if (ini)
			diag_add(&c->diags, DIAG_ERROR, ini, 0, 0,
			         "language '%s' is listed but there is no folder %s/", code,
			         lang.dir);
		language_free(&lang);
		return;
	}
	if (lang.page_count == 0) {
		if (ini)
			diag_add(
			    &c->diags, DIAG_ERROR, ini, 0, 0,
			    "language '%s' is listed but its folder %s/ has no pages (.md files)",
			    code, lang.dir);
		language_free(&lang);
		return;
	}
	if (c->lang_count == SETTINGS_MAX_LANGS) {
		/* The kiosk's language screen and its per-language tables hold this many. */
		diag_add(&c->diags, DIAG_WARNING, ini ? ini : c->dir, 0, 0,
			 "language '%s' is not shown: a kiosk shows at most %d languages", code,
			 SETTINGS_MAX_LANGS);
		language_free(&lang);
		return;
	}
	c->langs = xrealloc(c->langs, (c->lang_count + 1) * sizeof(ContentLanguage));
	c->langs[c->lang_count++] = lang;
}

/* Without a languages list: every sub-folder holding pages, in name order. */
static void discover_languages(Content *c)
{
	DIR *d = opendir(c->dir);
	if (!d)
		return;
	char **names = NULL;
	size_t count = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = xrealloc(names, (count + 1) * sizeof(char *));
		names[count++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (count > 1)
		qsort(names, count, sizeof(char *), compare_strings);
	for (size_t i = 0; i < count; i++) {
		add_language(c, names[i], NULL);
		free(names[i]);
	}
	free(names);
}

Content *content_open(const char *dir)
{
	if (!path_is_dir(dir)) {
		log_error("content folder '%s' is not a folder or cannot be read", dir);
		return NULL;
	}
	Content *c = xcalloc(1, sizeof(Content));
	c->dir = xstrdup(dir);
	settings_defaults(&c->settings);
	char *ini = path_join(dir, "kiosk.ini");
	if (path_is_file(ini) && !path_is_beneath(dir, ini))
		diag_add(&c->diags, DIAG_ERROR, ini, 0, 0,
		         "kiosk.ini is a link to a file outside the content folder: it is not read");
	else
		settings_load(&c->settings, ini, &c->diags);
	if (c->settings.images_dir[0] == '/')
		c->images_dir = xstrdup(c->settings.images_dir);
	else
		c->images_dir = path_join(dir, c->settings.images_dir);

	if (c->settings.language_count > 0) {
		for (int i = 0; i < c->settings.language_count; i++)
			add_language(c, c->settings.languages[i], ini);
	} else {
		discover_languages(c);
	}
	free(ini);
	if (c->lang_count == 0) {
		if (c->settings.language_count > 0)
			log_error(
			    "content folder '%s' has no folder with pages for the languages its "
			    "kiosk.ini lists (like %s/%s/home.md)",
			    dir, dir, c->settings.languages[0]);
		else
			log_error("content folder '%s' has no language folder with pages (like "
			          "%s/en/home.md)",
			          dir, dir);
		content_close(c);
		return NULL;
	}
	return c;
}

void content_close(Content *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->lang_count; i++)
		language_free(&c->langs[i]);
	free(c->langs);
	free(c->dir);
	free(c->images_dir);
	free(c->site_file);
	for (size_t i = 0; i < c->picture_count; i++) {
		free(c->pictures[i].path);
		free(c->pictures[i].data);
	}
	free(c->pictures);
	diag_clear(&c->diags);
	free(c);
}

void content_use_site_file(Content *c, const char *path)
{
	if (!c)
		return;
	free(c->site_file);
	c->site_file = path ? xstrdup(path) : NULL;
	if (path)
		contact_overlay(&c->settings, path);
}

ContentLanguage *content_language(Content *c, const char *code)
{
	if (!c || !code)
		return NULL;
	for (size_t i = 0; i < c->lang_count; i++)
		if (strcmp(c->langs[i].code, code) == 0)
			return &c->langs[i];
	return NULL;
}

static ContentPage *find_page(ContentLanguage *lang, const char *name)
{
	ContentPage key = {.name = (char *)name};
	return bsearch(&key, lang->pages, lang->page_count, sizeof(ContentPage), compare_pages);
}

/* Links are checked against the file list only, so checking one page parses no other.
 * hard-words.md need not be a file: the app makes it from glossary.md. */
typedef struct {
	Content *c;
	ContentLanguage *lang;
} LinkContext;

static bool page_in(ContentLanguage *lang, const char *name)
{
	if (find_page(lang, name))
		return true;
	return strcmp(name, GLOSSARY_PAGE_NAME) == 0 && find_page(lang, GLOSSARY_FILE) != NULL;
}

/* A link works when the page is in the same language, or not translated yet but in the
 * default language (the kiosk shows that one with a note; --check reports the gap). */
static bool page_exists(const char *name, void *ctx)
{
	LinkContext *l = ctx;
	if (page_in(l->lang, name))
		return true;
	ContentLanguage *def = content_language(l->c, l->c->settings.default_language);
	return def && def != l->lang && page_in(def, name);
}

ContentPage *content_page(Content *c, ContentLanguage *lang, const char *name)
{
	if (!c || !lang || !name)
		return NULL;
	ContentPage *page = find_page(lang, name);
	if (!page)
		return NULL;
	if (!page->loaded) {
		size_t len = 0;
		/* checked again now: the folder may have changed since it was listed */
		bool outside = path_is_file(page->path) && !path_is_beneath(c->dir, page->path);
		char *md = outside ? NULL : util_read_file_max(page->path, CONTENT_MAX_PAGE_BYTES, &len);
		if (outside) {
			diag_add(&c->diags, DIAG_ERROR, page->path, 0, 0,
			         "this page is a link to a file outside the content folder: it is not "
			         "read");
			page->loaded = true;
			page->ok = false;
		} else if (!md && errno == EFBIG) {
			diag_add(&c->diags, DIAG_ERROR, page->path, 0, 0,
			         "this page file is larger than %d KB (easy read pages are a few KB): "
			         "it is not shown",
			         CONTENT_MAX_PAGE_BYTES / 1024);
			page->loaded = true;
			page->ok = false;
		} else if (!md) {
			diag_add(&c->diags, DIAG_ERROR, page->path, 0, 0,
			         "cannot read this page: %s", strerror(errno));
			page->loaded = true;
			page->ok = false;
		} else {
			/* the site's own values (kiosk.ini [contact]) in place of {contact.*} */
			size_t filled_len = 0;
			char *filled = contact_fill(&c->settings, md, len, &filled_len);
			if (filled) {
				free(md);
				md = filled;
				len = filled_len;
			}
			LinkContext links = {c, lang};
			content_parse_page(page, page->path, md, len, c->images_dir, page_exists,
			                   &links, &c->diags);
			free(md);
		}
	}
	return page->ok ? page : NULL;
}

void content_load_all(Content *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->lang_count; i++)
		for (size_t j = 0; j < c->langs[i].page_count; j++)
			content_page(c, &c->langs[i], c->langs[i].pages[j].name);
}

/* ---- the whole content in memory ---------------------------------------------------- */

const void *content_picture(const Content *c, const char *path, size_t *len)
{
	if (!c || !path)
		return NULL;
	for (size_t i = 0; i < c->picture_count; i++)
		if (strcmp(c->pictures[i].path, path) == 0) {
			*len = c->pictures[i].len;
			return c->pictures[i].data;
		}
	return NULL;
}

/* Takes data (malloc'd) as the kept bytes of path; false (data freed) over the budget. */
static bool keep_bytes(Content *c, const char *path, void *data, size_t len)
{
	if (c->picture_bytes + len > (size_t)CONTENT_MAX_KEPT_PICTURE_BYTES) {
		free(data);
		return false;
	}
	c->pictures = xrealloc(c->pictures, (c->picture_count + 1) * sizeof(ContentPicture));
	c->pictures[c->picture_count++] = (ContentPicture){xstrdup(path), data, len};
	c->picture_bytes += len;
	return true;
}

/* Reads and keeps one picture file. False when it cannot be read, is refused by picture.h
 * (render.c will read the file and say why) or the budget is spent. */
static bool keep_picture_file(Content *c, const char *path)
{
	size_t len;
	if (content_picture(c, path, &len))
		return true;
	if (!path_is_beneath(c->images_dir, path))
		return false;
	PictureInfo info;
	void *data = picture_read(path, &len, &info);
	return data && keep_bytes(c, path, data, len);
}

void content_keep_pictures(Content *c)
{
	if (!c)
		return;
	content_load_all(c);
	for (size_t l = 0; l < c->lang_count; l++)
		for (size_t p = 0; p < c->langs[l].page_count; p++) {
			const ContentPage *page = &c->langs[l].pages[p];
			for (size_t r = 0; page->ok && r < page->row_count; r++)
				if (page->rows[r].picture_path && !page->rows[r].picture_missing)
					keep_picture_file(c, page->rows[r].picture_path);
		}
	char *ui = path_join(c->images_dir, "ui");
	DIR *d = opendir(ui);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *path = path_join(ui, e->d_name);
		if (path_is_file(path))
			keep_picture_file(c, path);
		free(path);
	}
	if (d)
		closedir(d);
	free(ui);
}

/* After a reload: a picture that old kept but the new folder cannot give (missing now,
 * half copied, refused) keeps old's bytes, and the row shows it again. */
static void keep_old_pictures(Content *c, const Content *old)
{
	for (size_t i = 0; i < old->picture_count; i++) {
		const ContentPicture *op = &old->pictures[i];
		size_t len;
		if (content_picture(c, op->path, &len))
			continue;
		void *copy = xmalloc(op->len ? op->len : 1);
		memcpy(copy, op->data, op->len);
		if (!keep_bytes(c, op->path, copy, op->len))
			continue;
		for (size_t l = 0; l < c->lang_count; l++)
			for (size_t p = 0; p < c->langs[l].page_count; p++) {
				ContentPage *page = &c->langs[l].pages[p];
				for (size_t r = 0; page->ok && r < page->row_count; r++) {
					ContentRow *row = &page->rows[r];
					if (!row->picture_missing || !row->picture_path ||
					    strcmp(row->picture_path, op->path) != 0)
						continue;
					row->picture_missing = false;
					diag_add(&c->diags, DIAG_WARNING, page->path, row->line, 0,
					         "keeping the last good version of picture '%s' until the file "
					         "is back",
					         row->picture);
				}
			}
	}
}

/* A folder caught half way through a sync: a language old had, or the home page it
 * showed, is not there. */
static bool looks_half_there(const Content *c, const Content *old)
{
	for (size_t l = 0; l < old->lang_count; l++) {
		const ContentLanguage *ol = &old->langs[l];
		const ContentLanguage *nl = content_language((Content *)c, ol->code);
		if (!nl) {
			log_warn("content folder '%s': language '%s' is gone", c->dir, ol->code);
			return true;
		}
		const ContentPage *home = find_page((ContentLanguage *)ol, old->settings.home);
		if (home && home->ok && !find_page((ContentLanguage *)nl, c->settings.home)) {
			log_warn("content folder '%s': the home page %s/%s is gone", c->dir, ol->code,
			         c->settings.home);
			return true;
		}
	}
	return false;
}

/* ---- reloading --------------------------------------------------------------------- */

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void content_row_copy(ContentRow *dst, const ContentRow *src)
{
	*dst = *src;
	dst->text = xstrdup(src->text ? src->text : "");
	dst->spans = NULL;
	if (src->span_count > 0) {
		dst->spans = xmalloc(src->span_count * sizeof(ContentSpan));
		memcpy(dst->spans, src->spans, src->span_count * sizeof(ContentSpan));
	}
	dst->picture = dup_or_null(src->picture);
	dst->picture_path = dup_or_null(src->picture_path);
	dst->picture_alt = dup_or_null(src->picture_alt);
	dst->link = dup_or_null(src->link);
}

/* The page of the same language and name in old, when old had parsed it successfully. */
static const ContentPage *good_old_page(const Content *old, const char *code, const char *name)
{
	for (size_t i = 0; i < old->lang_count; i++) {
		if (strcmp(old->langs[i].code, code) != 0)
			continue;
		const ContentPage *page = find_page(&old->langs[i], name);
		return page && page->loaded && page->ok ? page : NULL;
	}
	return NULL;
}

/* Puts old's rows back into a page that failed, with a warning at the place of the first
 * error just reported about it (diags from index `from` on), so the author sees both
 * lines together: what is wrong, and that visitors still see the version before. */
static void keep_last_good(Content *c, ContentPage *page, const ContentPage *good, size_t from)
{
	content_page_clear(page);
	page->title = xstrdup(good->title ? good->title : page->name);
	if (good->row_count > 0) {
		page->rows = xcalloc(good->row_count, sizeof(ContentRow));
		for (size_t r = 0; r < good->row_count; r++)
			content_row_copy(&page->rows[r], &good->rows[r]);
		page->row_count = good->row_count;
	}
	page->loaded = true;
	page->ok = true;
	page->kept = true;
	int line = 0, col = 0;
	for (size_t i = from; i < c->diags.count; i++) {
		const Diag *d = &c->diags.items[i];
		if (d->severity == DIAG_ERROR && strcmp(d->file, page->path) == 0) {
			line = d->line;
			col = d->col;
			break;
		}
	}
	diag_add(&c->diags, DIAG_WARNING, page->path, line, col,
	         "keeping the last good version of this page until this file is fixed");
}

Content *content_reload(const Content *old, DiagList *report)
{
	if (!old)
		return NULL;
	Content *c = content_open(old->dir);
	if (!c) {
		log_warn("content folder '%s' could not be read again: the kiosk keeps showing the "
		         "content it had",
		         old->dir);
		return NULL;
	}
	content_use_site_file(c, old->site_file);
	for (size_t l = 0; l < c->lang_count; l++) {
		ContentLanguage *lang = &c->langs[l];
		for (size_t i = 0; i < lang->page_count; i++) {
			ContentPage *page = &lang->pages[i];
			size_t from = c->diags.count;
			if (content_page(c, lang, page->name))
				continue;
			const ContentPage *good = good_old_page(old, lang->code, page->name);
			if (good)
				keep_last_good(c, page, good, from);
		}
	}
	if (looks_half_there(c, old)) {
		log_warn("content folder '%s' looks half copied: the kiosk keeps showing the content "
		         "it had",
		         old->dir);
		content_close(c);
		return NULL;
	}
	if (old->picture_count > 0) {
		content_keep_pictures(c);
		keep_old_pictures(c, old);
	}
	if (report)
		for (size_t i = 0; i < c->diags.count; i++) {
			const Diag *d = &c->diags.items[i];
			diag_add(report, d->severity, d->file, d->line, d->col, "%s", d->message);
		}
	return c;
}
