/* export: writes the content model out as static HTML pages (see export.h for the files).
 *
 * Start reading at export_html: it loads the content like the kiosk does, then for each
 * language writes every page (write_page) and finally the style sheet. write_page is a
 * straight walk over the page's rows, in the kiosk's order; everything taken from the
 * content goes through put_text (HTML escaping) or put_url (percent-encoding, then
 * escaping), so no content can break the markup. Page file names are decided in one place,
 * html_name, so links and files always agree. Pictures are copied as they are first used. */
#include "export.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content.h"
#include "glossary.h"
#include "util.h"

#define CSS_FILE "easy-read.css"
#define IMAGES_OUT "images"

static const char css[] =
    "/* Easy read: large clear text, a picture on the left of each point, high contrast. */\n"
    "html { background: #fffdf3; color: #000; }\n"
    "body { font-family: \"Atkinson Hyperlegible\", Verdana, Arial, sans-serif;\n"
    "  font-size: 150%; line-height: 1.5; max-width: 46em; margin: 0 auto; padding: 1em; }\n"
    "h1 { font-size: 2em; line-height: 1.25; margin: 0.5em 0 1em; }\n"
    "h2 { font-size: 1.4em; margin: 1.5em 0 0.75em; }\n"
    ".row { display: flex; align-items: center; gap: 1em; margin: 0 0 1.5em; }\n"
    ".row img { flex: none; width: 5em; height: 5em; object-fit: contain; }\n"
    ".row.no-picture { padding-left: 6em; }\n"
    ".row p { margin: 0; }\n"
    "a { color: #00247d; text-decoration: underline; text-underline-offset: 0.15em; }\n"
    "a:focus { outline: 0.2em solid #000; outline-offset: 0.1em; background: #ffdd00; }\n"
    ".button a { display: inline-block; min-height: 2em; padding: 0.4em 1em;\n"
    "  border: 0.15em solid #00247d; border-radius: 0.4em; font-weight: bold; }\n"
    "strong { font-weight: bold; }\n"
    "header, footer { border-color: #000; border-style: solid; border-width: 0; }\n"
    "header { border-bottom-width: 0.1em; padding-bottom: 0.5em; }\n"
    "footer { border-top-width: 0.1em; margin-top: 2em; padding-top: 0.5em; }\n"
    "footer ul { list-style: none; padding: 0; display: flex; gap: 1.5em; }\n"
    "@media print {\n"
    "  body { font-size: 14pt; max-width: none; }\n"
    "  .row { break-inside: avoid; }\n"
    "  header, footer { display: none; }\n"
    "}\n";

typedef struct {
	Content *c;
	const char *out_dir;
	FILE *log;
	ContentLanguage *main_lang; /* written to out_dir itself; others to out_dir/<code> */
	char **copied;              /* pictures already copied, by name */
	size_t copied_count;
	bool failed; /* something could not be written: exit code 1 */
} Exporter;

/* ---- writing ------------------------------------------------------------------------ */

static void put_text(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++) {
		switch (s[i]) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			fputc(s[i], f);
		}
	}
}

static void put_str(FILE *f, const char *s)
{
	put_text(f, s, strlen(s));
}

/* A relative URL: every byte that is not unreserved (or '/') is %XX, so spaces, quotes,
 * '#', '?' and letters outside ASCII in file names are all safe in an attribute. */
static void put_url(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (('a' <= ch && ch <= 'z') || ('A' <= ch && ch <= 'Z') ||
		    ('0' <= ch && ch <= '9') || ch == '-' || ch == '.' || ch == '_' || ch == '~' ||
		    ch == '/')
			fputc(ch, f);
		else
			fprintf(f, "%%%02X", ch);
	}
}

/* An id for a hard word: "Co-production" -> "word-co-production". */
static void put_word_id(FILE *f, const char *word)
{
	fputs("word-", f);
	for (; *word; word++) {
		unsigned char ch = (unsigned char)*word;
		if (('a' <= ch && ch <= 'z') || ('0' <= ch && ch <= '9'))
			fputc(ch, f);
		else if ('A' <= ch && ch <= 'Z')
			fputc(ch - 'A' + 'a', f);
		else if (ch >= 0x80)
			fprintf(f, "%02x", ch);
		else
			fputc('-', f);
	}
}

static bool make_dirs(const char *path)
{
	char *p = xstrdup(path);
	bool ok = true;
	for (char *s = p + 1; ok; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char saved = *s;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST)
			ok = false;
		*s = saved;
		if (saved == '\0')
			break;
	}
	ok = ok && path_is_dir(p);
	free(p);
	return ok;
}

/* ---- names and paths ---------------------------------------------------------------- */

static bool has_glossary(ContentLanguage *lang)
{
	for (size_t i = 0; i < lang->page_count; i++)
		if (strcmp(lang->pages[i].name, GLOSSARY_FILE) == 0 && lang->pages[i].ok)
			return true;
	return false;
}

static bool has_page(ContentLanguage *lang, const char *name)
{
	for (size_t i = 0; i < lang->page_count; i++)
		if (strcmp(lang->pages[i].name, name) == 0 && lang->pages[i].ok)
			return true;
	return false;
}

/* The HTML file for a page name: the home page is index.html; "x.md" is "x.html" (and a
 * page that is itself called index.md, but is not home, becomes index-page.html). */
static char *html_name(const Exporter *e, const char *page)
{
	if (strcmp(page, e->c->settings.home) == 0)
		return xstrdup("index.html");
	size_t n = strlen(page);
	if (n > 3 && strcmp(page + n - 3, ".md") == 0)
		n -= 3;
	if (n == 5 && strncmp(page, "index", 5) == 0)
		return xstrdup("index-page.html");
	return xasprintf("%.*s.html", (int)n, page);
}

/* The folder of a language's files, relative to out_dir: "" or "pl/". */
static const char *lang_prefix(const Exporter *e, const ContentLanguage *lang)
{
	return lang == e->main_lang ? "" : lang->code;
}

/* From a page of `from`, the way to the folder of `to` ("", "pl/", "../", "../pl/"). */
static char *lang_link(const Exporter *e, const ContentLanguage *from, const ContentLanguage *to)
{
	const char *up = from == e->main_lang ? "" : "../";
	if (to == e->main_lang)
		return xstrdup(up);
	return xasprintf("%s%s/", up, to->code);
}

/* Copies a picture into out_dir/images/ the first time it is used. */
static void copy_picture(Exporter *e, const ContentRow *row)
{
	for (size_t i = 0; i < e->copied_count; i++)
		if (strcmp(e->copied[i], row->picture) == 0)
			return;
	e->copied = xrealloc(e->copied, (e->copied_count + 1) * sizeof(char *));
	e->copied[e->copied_count++] = xstrdup(row->picture);
	char *images = path_join(e->out_dir, IMAGES_OUT);
	char *dst = path_join(images, row->picture);
	char *dir = path_dirname(dst);
	size_t len = 0;
	/* never copy what a symlink points at outside the images folder (/etc/shadow) */
	bool inside = path_is_beneath(e->c->images_dir, row->picture_path);
	if (!inside && e->log)
		fprintf(e->log, "kiosk: error: %s is a link to a file outside %s: it is not copied\n",
		        row->picture_path, e->c->images_dir);
	char *data = inside ? util_read_file(row->picture_path, &len) : NULL;
	FILE *f = NULL;
	if (data && make_dirs(dir) && (f = fopen(dst, "wb")) != NULL &&
	    fwrite(data, 1, len, f) == len && fclose(f) == 0) {
		f = NULL;
	} else {
		if (f)
			fclose(f);
		if (e->log && inside)
			fprintf(e->log, "kiosk: error: cannot copy picture %s to %s\n",
			        row->picture_path, dst);
		e->failed = true;
	}
	free(data);
	free(dir);
	free(dst);
	free(images);
}

/* The pictures' licence and credits (CREDITS.md, LICENSE*) go with them: OpenMoji's
 * licence asks for attribution wherever the pictures are used. */
static void copy_credits(Exporter *e)
{
	DIR *d = opendir(e->c->images_dir);
	if (!d)
		return;
	struct dirent *ent;
	while ((ent = readdir(d)) != NULL) {
		const char *n = ent->d_name;
		if (strcmp(n, "CREDITS.md") != 0 && strncmp(n, "LICENSE", 7) != 0)
			continue;
		char *src = path_join(e->c->images_dir, n);
		if (path_is_file(src)) {
			ContentRow row = {.picture = (char *)n, .picture_path = src};
			copy_picture(e, &row);
		}
		free(src);
	}
	closedir(d);
}

/* ---- one page ----------------------------------------------------------------------- */

typedef struct {
	Exporter *e;
	ContentLanguage *lang;
	const Glossary *g;
	const ContentPage *page;
	bool is_glossary_page; /* the hard words page: rows get ids, bold is not linked */
	FILE *f;
	const char *up; /* "" or "../": from this page to out_dir */
} PageOut;

static void put_row_text(PageOut *po, const ContentRow *row)
{
	for (size_t s = 0; s < row->span_count; s++) {
		const ContentSpan *span = &row->spans[s];
		const char *t = row->text + span->offset;
		if (!span->bold) {
			put_text(po->f, t, span->len);
			continue;
		}
		/* Keep the spaces around a bold span outside <strong>. */
		size_t a = 0, b = span->len;
		while (a < b && t[a] == ' ')
			a++;
		while (b > a && t[b - 1] == ' ')
			b--;
		put_text(po->f, t, a);
		const GlossaryEntry *entry =
		    po->is_glossary_page ? NULL : glossary_find_n(po->g, t + a, b - a);
		if (entry) {
			char *target = html_name(po->e, GLOSSARY_PAGE_NAME);
			fputs("<a href=\"", po->f);
			put_url(po->f, target);
			fputc('#', po->f);
			free(target);
			put_word_id(po->f, entry->word);
			fputs("\">", po->f);
		}
		fputs("<strong>", po->f);
		put_text(po->f, t + a, b - a);
		fputs("</strong>", po->f);
		if (entry)
			fputs("</a>", po->f);
		put_text(po->f, t + b, span->len - b);
	}
}

static const GlossaryEntry *entry_of_row(const Glossary *g, const ContentRow *row)
{
	for (size_t i = 0; g && i < g->count; i++)
		if (g->entries[i].row == row || (g->entries[i].row->line == row->line &&
		                                 strcmp(g->entries[i].row->text, row->text) == 0))
			return &g->entries[i];
	return NULL;
}

static void put_row(PageOut *po, const ContentRow *row)
{
	FILE *f = po->f;
	if (row->kind == ROW_HEADING) {
		fputs("<h2>", f);
		put_row_text(po, row);
		fputs("</h2>\n", f);
		return;
	}
	bool picture = row->picture && row->picture_path && !row->picture_missing &&
	               path_is_safe(row->picture);
	fprintf(f, "<div class=\"row%s%s\"", row->kind == ROW_LINK ? " button" : "",
	        picture ? "" : " no-picture");
	const GlossaryEntry *entry = po->is_glossary_page ? entry_of_row(po->g, row) : NULL;
	if (entry) {
		fputs(" id=\"", f);
		put_word_id(f, entry->word);
		fputc('"', f);
	}
	fputs(">\n", f);
	if (picture) {
		copy_picture(po->e, row);
		fprintf(f, "<img src=\"%s%s/", po->up, IMAGES_OUT);
		put_url(f, row->picture);
		fputs("\" alt=\"", f);
		put_str(f, row->picture_alt ? row->picture_alt : "");
		fputs("\">\n", f);
	}
	fputs("<p>", f);
	if (row->kind == ROW_LINK && row->link) {
		char *target = html_name(po->e, row->link);
		fputs("<a href=\"", f);
		put_url(f, target);
		fputs("\">", f);
		put_row_text(po, row);
		fputs("</a>", f);
		free(target);
	} else {
		put_row_text(po, row);
	}
	fputs("</p>\n</div>\n", f);
}

/* Links to this page in the other languages (or to their home when it is not there). */
static void put_languages(PageOut *po, const char *page_name)
{
	Exporter *e = po->e;
	if (e->c->lang_count < 2)
		return;
	FILE *f = po->f;
	fputs("<footer>\n<ul>\n", f);
	for (size_t l = 0; l < e->c->lang_count; l++) {
		ContentLanguage *other = &e->c->langs[l];
		if (other == po->lang)
			continue;
		char *dir = lang_link(e, po->lang, other);
		bool there = has_page(other, page_name) ||
		             (strcmp(page_name, GLOSSARY_PAGE_NAME) == 0 && has_glossary(other));
		char *file = html_name(e, there ? page_name : e->c->settings.home);
		fputs("<li><a href=\"", f);
		put_url(f, dir);
		put_url(f, file);
		fputs("\" lang=\"", f);
		put_str(f, other->code);
		fputs("\" hreflang=\"", f);
		put_str(f, other->code);
		fputs("\">", f);
		put_str(f, other->code);
		fputs("</a></li>\n", f);
		free(dir);
		free(file);
	}
	fputs("</ul>\n</footer>\n", f);
}

static bool write_page(Exporter *e, ContentLanguage *lang, const Glossary *g,
                       const ContentPage *page, bool is_glossary_page)
{
	char *dir = path_join(e->out_dir, lang_prefix(e, lang));
	char *name = html_name(e, page->name);
	char *path = path_join(dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		if (e->log)
			fprintf(e->log, "kiosk: error: cannot write %s: %s\n", path,
			        strerror(errno));
		free(dir);
		free(name);
		free(path);
		return false;
	}
	PageOut po = {
	    .e = e,
	    .lang = lang,
	    .g = g,
	    .page = page,
	    .is_glossary_page = is_glossary_page,
	    .f = f,
	    .up = lang == e->main_lang ? "" : "../",
	};
	const char *title = page->title ? page->title : "";
	fputs("<!DOCTYPE html>\n<html lang=\"", f);
	put_str(f, lang->code);
	fputs("\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
	      f);
	put_str(f, title[0] ? title : e->c->settings.name);
	if (title[0] && strcmp(title, e->c->settings.name) != 0) {
		fputs(" - ", f);
		put_str(f, e->c->settings.name);
	}
	fprintf(f, "</title>\n<link rel=\"stylesheet\" href=\"%s%s\">\n</head>\n<body>\n", po.up,
	        CSS_FILE);
	fputs("<header>\n<p><a href=\"index.html\">", f);
	put_str(f, e->c->settings.name);
	fputs("</a></p>\n</header>\n<main>\n<h1>", f);
	put_str(f, title);
	fputs("</h1>\n", f);
	for (size_t r = 0; r < page->row_count; r++)
		put_row(&po, &page->rows[r]);
	fputs("</main>\n", f);
	put_languages(&po, page->name);
	fputs("</body>\n</html>\n", f);
	bool ok = !ferror(f);
	if (fclose(f) != 0)
		ok = false;
	if (e->log) {
		if (ok)
			fprintf(e->log, "%s\n", path);
		else
			fprintf(e->log, "kiosk: error: cannot write %s\n", path);
	}
	free(dir);
	free(name);
	free(path);
	return ok;
}

static bool export_language(Exporter *e, ContentLanguage *lang)
{
	char *dir = path_join(e->out_dir, lang_prefix(e, lang));
	bool ok = make_dirs(dir);
	if (!ok && e->log)
		fprintf(e->log, "kiosk: error: cannot make the folder %s\n", dir);
	free(dir);
	if (!ok)
		return false;
	Glossary *g = glossary_load(e->c, lang);
	bool generated = has_glossary(lang);
	for (size_t i = 0; i < lang->page_count && ok; i++) {
		const char *name = lang->pages[i].name;
		if (strcmp(name, GLOSSARY_FILE) == 0 ||
		    (generated && strcmp(name, GLOSSARY_PAGE_NAME) == 0))
			continue; /* the generated page replaces both */
		ContentPage *page = content_page(e->c, lang, name);
		if (!page) {
			e->failed = true; /* the loader said why */
			continue;
		}
		ok = write_page(e, lang, g, page, g && g->page == page);
	}
	if (ok && generated && g) {
		ContentPage hard;
		glossary_make_page(g, &hard);
		ok = write_page(e, lang, g, &hard, true);
		glossary_page_free(&hard);
	}
	glossary_destroy(g);
	return ok;
}

int export_html(const char *content_dir, const char *out_dir, FILE *log)
{
	Content *c = content_open(content_dir);
	if (!c)
		return 2;
	Exporter e = {.c = c, .out_dir = out_dir, .log = log};
	e.main_lang = content_language(c, c->settings.default_language);
	if (!e.main_lang)
		e.main_lang = &c->langs[0];
	content_load_all(c);

	bool ok = make_dirs(out_dir);
	if (!ok && log)
		fprintf(log, "kiosk: error: cannot make the folder %s\n", out_dir);
	for (size_t l = 0; l < c->lang_count && ok; l++)
		ok = export_language(&e, &c->langs[l]);
	if (ok) {
		char *path = path_join(out_dir, CSS_FILE);
		FILE *f = fopen(path, "w");
		ok = f && fputs(css, f) >= 0;
		if (f && fclose(f) != 0)
			ok = false;
		if (log)
			fprintf(log, ok ? "%s\n" : "kiosk: error: cannot write %s\n", path);
		free(path);
	}
	if (ok)
		copy_credits(&e);
	if (log)
		diag_print(&c->diags, 0, log);
	bool errors = diag_count(&c->diags, DIAG_ERROR) > 0;
	for (size_t i = 0; i < e.copied_count; i++)
		free(e.copied[i]);
	free(e.copied);
	content_close(c);
	return !ok ? 2 : (errors || e.failed) ? 1 : 0;
}

char *export_page_path(Content *c, const ContentLanguage *lang, const char *page)
{
	Exporter e = {.c = c};
	e.main_lang = content_language(c, c->settings.default_language);
	if (!e.main_lang)
		e.main_lang = &c->langs[0];
	char *name = html_name(&e, page);
	const char *prefix = lang_prefix(&e, lang);
	char *path = *prefix ? xasprintf("%s/%s", prefix, name) : xstrdup(name);
	free(name);
	return path;
}
