/* Tests for src/content.c: Markdown pages to easy-read rows (content_parse_page on
 * in-memory text; the plain Markdown cases are spec examples in
 * tests/fixtures/content-spec.md, run by test_content_spec.c), then whole content folders (content_open on tests/fixtures/content/),
 * the glossary file, and reloading a folder that changed (content_reload on a copy of the
 * fixtures in a temporary folder).
 * Every parsed page also goes through check_rows, which asserts the model's invariants:
 * valid UTF-8, trimmed single-spaced text, spans that tile the text exactly. */
#include "test.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "util.h"

#define FIXTURES "tests/fixtures/content"
#define IMAGES FIXTURES "/images"
#define PATH "content/en/home.md"

/* ---- helpers ----------------------------------------------------------------------- */

static void check_row(const ContentRow *row)
{
	assert_non_null(row->text);
	size_t len = strlen(row->text);
	assert_true(utf8_valid(row->text, len, NULL));
	if (len > 0) {
		assert_true(row->text[0] != ' ');
		assert_true(row->text[len - 1] != ' ');
		assert_null(strstr(row->text, "  "));
		assert_null(strchr(row->text, '\n'));
		assert_true(row->span_count > 0);
	}
	size_t at = 0;
	for (size_t i = 0; i < row->span_count; i++) {
		assert_int_equal(row->spans[i].offset, at);
		assert_true(row->spans[i].len > 0);
		if (i > 0)
			assert_true(row->spans[i].bold != row->spans[i - 1].bold);
		at += row->spans[i].len;
	}
	assert_int_equal(at, len);
	if (row->kind == ROW_LINK)
		assert_non_null(row->link);
	else
		assert_null(row->link);
	if (row->picture)
		assert_non_null(row->picture_alt);
	assert_true(row->line >= 1);
}

static void check_rows(const ContentPage *page)
{
	assert_true(page->loaded);
	if (page->ok)
		assert_non_null(page->title);
	for (size_t i = 0; i < page->row_count; i++)
		check_row(&page->rows[i]);
}

static bool exists(const char *name, void *ctx)
{
	(void)ctx;
	return strcmp(name, "home.md") == 0 || strcmp(name, "rights.md") == 0 ||
	       strcmp(name, "help.md") == 0;
}

static void parse_len(ContentPage *page, DiagList *d, const char *md, size_t len)
{
	content_parse_page(page, PATH, md, len, IMAGES, exists, NULL, d);
	check_rows(page);
}

static void parse(ContentPage *page, DiagList *d, const char *md)
{
	parse_len(page, d, md, strlen(md));
}

static void done(ContentPage *page, DiagList *d)
{
	content_page_clear(page);
	diag_clear(d);
}

/* ---- pictures ---------------------------------------------------------------------- */

static void test_picture_at_start(void **state)
{
	(void)state;
	ContentPage page = {0};
	DiagList d = {0};
	parse(&page, &d, "# T\n\n![A woman *helping*](advocate.svg) An advocate helps you.\n");
	ContentRow *row = &page.rows[0];
	assert_int_equal(row->kind, ROW_TEXT);
	assert_string_equal(row->text, "An advocate helps you.");
	assert_string_equal(row->picture, "advocate.svg");
	assert_string_equal(row->picture_path, IMAGES "/advocate.svg");
	assert_string_equal(row->picture_alt, "A woman helping");
	assert_false(row->picture_missing);
	assert_int_equal(d.count, 0); /* emphasis in alt text is not a problem */
	done(&page, &d);
}

static void test_pictures_not_checked_without_images_dir(void **state)
{
	(void)state;
	ContentPage page = {0};
	DiagList d = {0};
	const char *md = "# T\n\n![x](nothere.svg) Text\n";
	content_parse_page(&page, PATH, md, strlen(md), NULL, NULL, NULL, &d);
	check_rows(&page);
	assert_string_equal(page.rows[0].picture, "nothere.svg");
	assert_null(page.rows[0].picture_path);
	assert_false(page.rows[0].picture_missing);
	assert_int_equal(d.count, 0);
	done(&page, &d);
}

/* ---- links ------------------------------------------------------------------------- */

static void test_link_not_checked_without_callback(void **state)
{
	(void)state;
	ContentPage page = {0};
	DiagList d = {0};
	const char *md = "# T\n\n[Any](any.md)\n";
	content_parse_page(&page, PATH, md, strlen(md), IMAGES, NULL, NULL, &d);
	assert_int_equal(page.rows[0].kind, ROW_LINK);
	assert_string_equal(page.rows[0].link, "any.md");
	done(&page, &d);
}

/* ---- whole-page problems ----------------------------------------------------------- */

static void test_no_title(void **state)
{
	(void)state;
	ContentPage page = {0};
	DiagList d = {0};
	parse(&page, &d, "Just text.\n\n## Part\n");
	assert_true(page.ok);
	assert_string_equal(page.title, "home");
	assert_int_equal(page.row_count, 2);
	assert_true(diag_contains(
	    &d, "content/en/home.md: error: page has no title (a line starting with '# ')"));
	done(&page, &d);
}

static void test_empty_pages(void **state)
{
	(void)state;
	const char *empties[] = {"", "   \n\n\t\n", "<!-- nothing yet -->\n", "---\n", "#\n"};
	for (size_t i = 0; i < ARRAY_LEN(empties); i++) {
		ContentPage page = {0};
		DiagList d = {0};
		parse(&page, &d, empties[i]);
		assert_false(page.ok);
		assert_true(page.loaded);
		assert_int_equal(page.row_count, 0);
		assert_true(diag_contains(&d, "content/en/home.md: error: page is empty"));
		done(&page, &d);
	}
}

static void test_title_only(void **state)
{
	(void)state;
	ContentPage page = {0};
	DiagList d = {0};
	parse(&page, &d, "# Just a title\n");
	assert_true(page.ok);
	assert_string_equal(page.title, "Just a title");
	assert_int_equal(page.row_count, 0);
	assert_true(diag_contains(&d, "warning: page has a title but nothing else"));
	assert_int_equal(diag_count(&d, DIAG_ERROR), 0);
	done(&page, &d);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	ContentPage page = {0};
	DiagList d = {0};
	parse(&page, &d, "# T\n\nab\xC3(\n");
	assert_false(page.ok);
	assert_true(page.loaded);
	assert_int_equal(page.row_count, 0);
	assert_null(page.title);
	assert_true(
	    diag_contains(&d, "content/en/home.md:3:3: error: this file is not UTF-8 text"));
	done(&page, &d);
	/* Overlong encodings and surrogates are not UTF-8 either. */
	parse(&page, &d, "# T\n\xC0\xAF");
	assert_false(page.ok);
	assert_true(diag_contains(&d, "home.md:2:1: error: this file is not UTF-8"));
	done(&page, &d);
	parse(&page, &d, "# T \xED\xA0\x80");
	assert_true(diag_contains(&d, "home.md:1:5: error: this file is not UTF-8"));
	done(&page, &d);
}

static void test_nul_byte(void **state)
{
	(void)state;
	ContentPage page = {0};
	DiagList d = {0};
	const char md[] = "# T\n\nab\0cd\n";
	parse_len(&page, &d, md, sizeof(md) - 1);
	assert_false(page.ok);
	assert_int_equal(page.row_count, 0);
	assert_true(diag_contains(&d, "home.md:3:3: error: this file has a NUL byte"));
	done(&page, &d);
}

static void test_reparse_replaces_rows(void **state)
{
	(void)state;
	ContentPage page = {0};
	DiagList d = {0};
	parse(&page, &d, "# One\n\nA\n\nB\n");
	assert_int_equal(page.row_count, 2);
	parse(&page, &d, "# Two\n\nC\n");
	assert_string_equal(page.title, "Two");
	assert_int_equal(page.row_count, 1);
	assert_string_equal(page.rows[0].text, "C");
	content_page_clear(&page);
	assert_false(page.loaded);
	assert_false(page.ok);
	assert_null(page.rows);
	assert_null(page.title);
	content_page_clear(&page); /* twice is harmless */
	diag_clear(&d);
}

/* ---- robustness: none of these may crash, leak or break the row invariants --------- */

static char *repeat(const char *unit, size_t times, const char *tail)
{
	size_t n = strlen(unit), t = strlen(tail);
	char *s = malloc(n * times + t + 1);
	assert_non_null(s);
	for (size_t i = 0; i < times; i++)
		memcpy(s + i * n, unit, n);
	memcpy(s + n * times, tail, t + 1);
	return s;
}

static void parse_owned(char *md)
{
	ContentPage page = {0};
	DiagList d = {0};
	parse(&page, &d, md);
	done(&page, &d);
	free(md);
}

static void test_deep_nesting(void **state)
{
	(void)state;
	parse_owned(repeat(">", 20000, " deep quote\n"));
	parse_owned(repeat("- ", 5000, "deep list\n"));
	parse_owned(repeat("*", 20000, "x"));
	parse_owned(repeat("**a ", 5000, "b"));
	parse_owned(repeat("[", 20000, "x](home.md)"));
	parse_owned(repeat("![", 5000, "x](a.svg)"));

	/* Just over the depth limit: flattened into one row with a warning. */
	ContentPage page = {0};
	DiagList d = {0};
	char *md = repeat("> ", 40, "deep *words*\n");
	parse(&page, &d, md);
	free(md);
	assert_int_equal(page.row_count, 1);
	assert_string_equal(page.rows[0].text, "deep words");
	assert_true(diag_contains(&d, "warning: this part is nested too deeply"));
	done(&page, &d);
}

static void test_huge_line(void **state)
{
	(void)state;
	ContentPage page = {0};
	DiagList d = {0};
	char *md = repeat("word **bold** ", 100000, "\n");
	parse(&page, &d, md);
	free(md);
	assert_int_equal(page.row_count, 1);
	assert_int_equal(page.rows[0].span_count, 200000);
	assert_int_equal(strlen(page.rows[0].text), 100000 * 10 - 1);
	done(&page, &d);
}

/* A cheap deterministic fuzz: random mixes of Markdown punctuation, words and UTF-8. */
static void test_random_markdown(void **state)
{
	(void)state;
	static const char *const bits[] = {
	    "# ",   "## ", "\n",  "\n\n", " ",     "  ",   "*",       "**",    "_",   "__",
	    "`",    "[",   "]",   "(",    ")",     "!",    "<",       ">",     "- ",  "1. ",
	    "word", "ż",   "\t",  "\\",   "|",     "---",  "home.md", "a.svg", "../", "http:",
	    "<!--", "-->", "```", "    ", "&amp;", "\r\n", "\xC3",    "\0"};
	unsigned long seed = 12345;
	char buf[512];
	for (int round = 0; round < 3000; round++) {
		size_t len = 0;
		int parts = 1 + round % 60;
		for (int i = 0; i < parts; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			size_t k = (size_t)(seed >> 33) % ARRAY_LEN(bits);
			size_t n = k == ARRAY_LEN(bits) - 1 ? 1 : strlen(bits[k]);
			if (len + n >= sizeof(buf))
				break;
			memcpy(buf + len, bits[k], n);
			len += n;
		}
		ContentPage page = {0};
		DiagList d = {0};
		parse_len(&page, &d, buf, len);
		done(&page, &d);
	}
}

/* ---- content folders --------------------------------------------------------------- */

static void test_open_not_a_folder(void **state)
{
	(void)state;
	assert_null(content_open("tests/fixtures/content/does-not-exist"));
	assert_null(content_open(FIXTURES "/basic/en/home.md"));
	content_close(NULL);
}

static void test_open_without_pages(void **state)
{
	(void)state;
	assert_null(content_open(FIXTURES "/nopages")); /* only a README.md */
	assert_null(content_open(FIXTURES "/badlang")); /* kiosk.ini lists a missing folder */
	assert_null(content_open(FIXTURES "/images"));  /* no language folders at all */
}

static void test_open_discovers_languages(void **state)
{
	(void)state;
	Content *c = content_open(FIXTURES "/basic");
	assert_non_null(c);
	assert_string_equal(c->dir, FIXTURES "/basic");
	assert_string_equal(c->images_dir, FIXTURES "/basic/../images");
	assert_string_equal(c->settings.home, "home.md");
	assert_int_equal(c->lang_count, 2); /* en, pl; "notes" has no pages */
	assert_string_equal(c->langs[0].code, "en");
	assert_string_equal(c->langs[0].dir, FIXTURES "/basic/en");
	assert_string_equal(c->langs[1].code, "pl");
	ContentLanguage *en = content_language(c, "en");
	assert_ptr_equal(en, &c->langs[0]);
	assert_null(content_language(c, "notes"));
	assert_null(content_language(c, "xx"));
	/* Sorted by name, README.md left out, nothing parsed yet. */
	assert_int_equal(en->page_count, 4);
	const char *names[] = {"broken.md", "home.md", "latin1.md", "rights.md"};
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(en->pages[i].name, names[i]);
		assert_false(en->pages[i].loaded);
		assert_null(en->pages[i].rows);
	}
	assert_string_equal(en->pages[1].path, FIXTURES "/basic/en/home.md");
	assert_int_equal(c->diags.count, 0);
	content_close(c);
}

static void test_lazy_loading(void **state)
{
	(void)state;
	Content *c = content_open(FIXTURES "/basic");
	assert_non_null(c);
	ContentLanguage *en = content_language(c, "en");
	ContentPage *home = content_page(c, en, "home.md");
	assert_non_null(home);
	check_rows(home);
	assert_true(home->ok);
	assert_string_equal(home->title, "Welcome");
	assert_int_equal(home->row_count, 2);
	assert_string_equal(home->rows[0].text, "We help you speak up.");
	assert_string_equal(home->rows[0].picture_path, FIXTURES "/basic/../images/advocate.svg");
	assert_false(home->rows[0].picture_missing);
	assert_int_equal(home->rows[1].kind, ROW_LINK);
	assert_string_equal(home->rows[1].link, "rights.md");
	/* Only the asked-for page was parsed. */
	for (size_t i = 0; i < en->page_count; i++)
		assert_true(en->pages[i].loaded == (&en->pages[i] == home));
	assert_int_equal(c->diags.count, 0);
	assert_ptr_equal(content_page(c, en, "home.md"), home);
	assert_null(content_page(c, en, "README.md"));
	assert_null(content_page(c, en, "nope.md"));
	assert_null(content_page(c, NULL, "home.md"));
	content_close(c);
}

static void test_broken_page_reported_once(void **state)
{
	(void)state;
	Content *c = content_open(FIXTURES "/basic");
	ContentLanguage *en = content_language(c, "en");
	ContentPage *page = content_page(c, en, "broken.md");
	assert_non_null(page); /* problems, but still shown */
	check_rows(page);
	assert_int_equal(page->row_count, 3);
	assert_true(page->rows[0].picture_missing);
	assert_non_null(page->rows[0].picture_path);
	assert_true(page->rows[1].picture_missing);
	assert_null(page->rows[1].picture_path);
	assert_int_equal(page->rows[2].kind, ROW_TEXT);
	assert_string_equal(page->rows[2].text, "Money help");
	assert_true(diag_contains(&c->diags, FIXTURES "/basic/en/broken.md:3:1: error: picture "
	                                              "'nothere.svg' not found in images/"));
	assert_true(diag_contains(&c->diags,
	                          "broken.md:5:1: error: picture path '../../etc/passwd' "
	                          "leaves the images folder"));
	assert_true(diag_contains(&c->diags,
	                          "broken.md:7:1: error: link to 'money.md' but there is "
	                          "no page money.md in " FIXTURES "/basic/en/"));
	size_t count = c->diags.count;
	assert_int_equal(count, 3);
	assert_ptr_equal(content_page(c, en, "broken.md"), page);
	assert_int_equal(c->diags.count, count);
	content_close(c);
}

static void test_non_utf8_file(void **state)
{
	(void)state;
	Content *c = content_open(FIXTURES "/basic");
	ContentLanguage *en = content_language(c, "en");
	assert_null(content_page(c, en, "latin1.md"));
	assert_true(en->pages[2].loaded);
	assert_false(en->pages[2].ok);
	assert_true(diag_contains(&c->diags, FIXTURES
	                          "/basic/en/latin1.md:3:6: error: this file is not UTF-8"));
	assert_int_equal(c->diags.count, 1);
	assert_null(content_page(c, en, "latin1.md")); /* not reported twice */
	assert_int_equal(c->diags.count, 1);
	/* The other pages are fine. */
	assert_non_null(content_page(c, en, "rights.md"));
	content_close(c);
}

static void test_links_checked_per_language(void **state)
{
	(void)state;
	Content *c = content_open(FIXTURES "/basic");
	ContentLanguage *pl = content_language(c, "pl");
	ContentPage *home = content_page(c, pl, "home.md");
	assert_non_null(home);
	/* pl has no rights.md yet: the link still works, to the default language's page (the
	 * kiosk shows it with a note; --check reports the missing translation) */
	assert_int_equal(home->rows[0].kind, ROW_LINK);
	assert_false(diag_contains(&c->diags, "pl/home.md:3:1: error"));
	content_close(c);
}

static void test_load_all(void **state)
{
	(void)state;
	Content *c = content_open(FIXTURES "/basic");
	content_load_all(c);
	for (size_t l = 0; l < c->lang_count; l++)
		for (size_t i = 0; i < c->langs[l].page_count; i++) {
			assert_true(c->langs[l].pages[i].loaded);
			check_rows(&c->langs[l].pages[i]);
		}
	assert_int_equal(diag_count(&c->diags, DIAG_ERROR), 4);
	assert_int_equal(c->diags.count, 4);
	content_load_all(c);
	assert_int_equal(c->diags.count, 4);
	content_load_all(NULL);
	content_close(c);
}

static void test_listed_languages_and_images_setting(void **state)
{
	(void)state;
	Content *c = content_open(FIXTURES "/listed");
	assert_non_null(c);
	assert_int_equal(c->lang_count, 1); /* cy has no folder; fr is not listed */
	assert_string_equal(c->langs[0].code, "en");
	assert_null(content_language(c, "fr"));
	assert_string_equal(c->images_dir, FIXTURES "/listed/pics");
	assert_true(diag_contains(&c->diags, FIXTURES "/listed/kiosk.ini: error: language 'cy' is "
	                                              "listed but there is no folder"));
	ContentPage *home = content_page(c, &c->langs[0], "home.md");
	assert_non_null(home);
	assert_true(home->rows[0].picture_missing);
	assert_true(diag_contains(&c->diags,
	                          "listed/en/home.md:3:1: error: picture 'house.png' not "
	                          "found in pics/"));
	content_close(c);
}

static void test_unreadable_page(void **state)
{
	(void)state;
	char dir[] = "/tmp/test_content_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *lang = path_join(dir, "en");
	char *file = path_join(lang, "home.md");
	assert_int_equal(mkdir(lang, 0700), 0);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs("# Home\n\nHello.\n", f);
	fclose(f);
	Content *c = content_open(dir);
	assert_non_null(c);
	assert_int_equal(unlink(file), 0); /* gone between listing and parsing */
	assert_null(content_page(c, &c->langs[0], "home.md"));
	assert_true(c->langs[0].pages[0].loaded);
	char *want = xasprintf("%s: error: cannot read this page", file);
	assert_true(diag_contains(&c->diags, want));
	free(want);
	content_close(c);
	rmdir(lang);
	rmdir(dir);
	free(lang);
	free(file);
}

/* ---- temporary content folders ----------------------------------------------------- */

static void write_file(const char *dir, const char *name, const char *text, size_t len)
{
	char *path = path_join(dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(path);
}

static void write_text(const char *dir, const char *name, const char *text)
{
	write_file(dir, name, text, strlen(text));
}

static void copy_file(const char *from, const char *dir, const char *name)
{
	size_t len = 0;
	char *data = util_read_file(from, &len);
	assert_non_null(data);
	write_file(dir, name, data, len);
	free(data);
}

/* Never follows a symlink: a link to a folder is unlinked, not emptied (tests make links
 * that point outside the temporary folder). */
static void remove_tree(const char *path)
{
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	DIR *d = S_ISDIR(st.st_mode) ? opendir(path) : NULL;
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *sub = path_join(path, e->d_name);
			remove_tree(sub);
			free(sub);
		}
		closedir(d);
		assert_int_equal(rmdir(path), 0);
	} else {
		assert_int_equal(unlink(path), 0);
	}
}

/* A copy of fixtures/content/basic's English pages and its picture:
 *   <tmp>/images/advocate.svg
 *   <tmp>/content/en/home.md, rights.md   (home links to rights)
 * so a test can change files without touching the fixtures. */
typedef struct {
	char root[32];
	char *content, *en, *images;
} TempContent;

static void temp_content(TempContent *t)
{
	snprintf(t->root, sizeof(t->root), "/tmp/test_content_XXXXXX");
	assert_non_null(mkdtemp(t->root));
	t->content = path_join(t->root, "content");
	t->en = path_join(t->content, "en");
	t->images = path_join(t->root, "images");
	assert_int_equal(mkdir(t->content, 0700), 0);
	assert_int_equal(mkdir(t->en, 0700), 0);
	assert_int_equal(mkdir(t->images, 0700), 0);
	copy_file(IMAGES "/advocate.svg", t->images, "advocate.svg");
	copy_file(FIXTURES "/basic/en/home.md", t->en, "home.md");
	copy_file(FIXTURES "/basic/en/rights.md", t->en, "rights.md");
}

static void temp_content_free(TempContent *t)
{
	if (path_is_dir(t->root))
		remove_tree(t->root);
	free(t->content);
	free(t->en);
	free(t->images);
}

static char *temp_path(const TempContent *t, const char *name)
{
	return path_join(t->en, name);
}

/* ---- the glossary ------------------------------------------------------------------ */

static void test_glossary_file(void **state)
{
	(void)state;
	TempContent t;
	temp_content(&t);
	write_text(t.en, "glossary.md",
	           "# Hard words\n\n![A person who helps you](advocate.svg) An **advocate** helps "
	           "you.\n\n[Back to the start](home.md)\n");
	write_text(t.en, "links.md",
	           "# Links\n\n[Hard words](hard-words.md)\n\n[The list](glossary.md)\n");
	Content *c = content_open(t.content);
	assert_non_null(c);
	ContentLanguage *en = content_language(c, "en");
	/* Listed, loaded and checked like a page, marked as the glossary. */
	ContentPage *g = content_page(c, en, "glossary.md");
	assert_non_null(g);
	assert_true(g->is_glossary);
	assert_int_equal(g->row_count, 2);
	assert_false(content_page(c, en, "home.md")->is_glossary);
	/* hard-words.md is made by the app: no raw page under that name. */
	assert_null(content_page(c, en, "hard-words.md"));
	ContentPage *links = content_page(c, en, "links.md");
	assert_non_null(links);
	assert_int_equal(links->row_count, 2);
	assert_int_equal(links->rows[0].kind, ROW_LINK);
	assert_string_equal(links->rows[0].link, "hard-words.md");
	assert_int_equal(links->rows[1].kind, ROW_TEXT); /* the glossary is not a page */
	char *want = xasprintf("%s/links.md:5:1: error: link to 'glossary.md': the glossary is "
	                       "not a page to go to, link to 'hard-words.md'",
	                       t.en);
	assert_true(diag_contains(&c->diags, want));
	free(want);
	assert_int_equal(c->diags.count, 1);
	content_close(c);
	temp_content_free(&t);
}

/* Without glossary.md, hard-words.md is an ordinary page and must exist to be linked. */
static void test_hard_words_without_glossary(void **state)
{
	(void)state;
	TempContent t;
	temp_content(&t);
	write_text(t.en, "links.md", "# Links\n\n[Hard words](hard-words.md)\n");
	Content *c = content_open(t.content);
	ContentLanguage *en = content_language(c, "en");
	ContentPage *links = content_page(c, en, "links.md");
	assert_int_equal(links->rows[0].kind, ROW_TEXT);
	assert_true(
	    diag_contains(&c->diags, "error: link to 'hard-words.md' but there is no page"));
	content_close(c);
	write_text(t.en, "hard-words.md", "# Hard words\n\nAn **advocate** helps you.\n");
	c = content_open(t.content);
	en = content_language(c, "en");
	ContentPage *hard = content_page(c, en, "hard-words.md");
	assert_non_null(hard);
	assert_false(hard->is_glossary);
	assert_int_equal(content_page(c, en, "links.md")->rows[0].kind, ROW_LINK);
	assert_int_equal(c->diags.count, 0);
	content_close(c);
	temp_content_free(&t);
}

/* ---- reloading --------------------------------------------------------------------- */

static void test_reload_changed_page(void **state)
{
	(void)state;
	TempContent t;
	temp_content(&t);
	Content *old = content_open(t.content);
	assert_non_null(old);
	ContentLanguage *en = content_language(old, "en");
	ContentPage *home = content_page(old, en, "home.md");
	assert_string_equal(home->rows[0].text, "We help you speak up.");

	write_text(t.en, "home.md",
	           "# Welcome again\n\n![A person who helps you](advocate.svg) New words.\n\n"
	           "[Your rights](rights.md)\n");
	DiagList report = {0};
	Content *c = content_reload(old, &report);
	assert_non_null(c);
	assert_ptr_not_equal(c, old);
	/* Every page is parsed at once. */
	ContentLanguage *en2 = content_language(c, "en");
	for (size_t i = 0; i < en2->page_count; i++) {
		assert_true(en2->pages[i].loaded);
		check_rows(&en2->pages[i]);
	}
	ContentPage *home2 = content_page(c, en2, "home.md");
	assert_string_equal(home2->title, "Welcome again");
	assert_string_equal(home2->rows[0].text, "New words.");
	assert_false(home2->rows[0].picture_missing);
	assert_false(home2->kept);
	assert_int_equal(c->diags.count, 0);
	assert_int_equal(report.count, 0);
	/* old is untouched: what is on screen now stays valid until the switch. */
	assert_string_equal(home->title, "Welcome");
	assert_string_equal(home->rows[0].text, "We help you speak up.");
	content_close(old);
	content_close(c);
	temp_content_free(&t);
}

static void test_reload_keeps_last_good_version(void **state)
{
	(void)state;
	TempContent t;
	temp_content(&t);
	Content *old = content_open(t.content);
	ContentLanguage *en = content_language(old, "en");
	assert_non_null(content_page(old, en, "home.md"));
	assert_non_null(content_page(old, en, "rights.md"));

	/* A half-saved file in the wrong encoding, and one emptied while being copied. */
	write_text(t.en, "home.md", "# Welcome\n\nCaf\xe9 open.\n");
	write_text(t.en, "rights.md", "");
	DiagList report = {0};
	diag_add(&report, DIAG_WARNING, "earlier", 0, 0, "was already here");
	Content *c = content_reload(old, &report);
	assert_non_null(c);
	ContentLanguage *en2 = content_language(c, "en");
	ContentPage *home = content_page(c, en2, "home.md");
	assert_non_null(home);
	assert_true(home->kept);
	assert_true(home->ok);
	check_rows(home);
	assert_string_equal(home->title, "Welcome");
	assert_int_equal(home->row_count, 2);
	assert_string_equal(home->rows[0].text, "We help you speak up.");
	assert_string_equal(home->rows[1].link, "rights.md");
	assert_ptr_not_equal(home->rows[0].text, content_page(old, en, "home.md")->rows[0].text);
	ContentPage *rights = content_page(c, en2, "rights.md");
	assert_non_null(rights);
	assert_true(rights->kept);
	assert_string_equal(rights->title, "Your rights");

	char *path = temp_path(&t, "home.md");
	char *error = xasprintf("%s:3:4: error: this file is not UTF-8 text", path);
	char *warning =
	    xasprintf("%s:3:4: warning: keeping the last good version of this page", path);
	assert_true(diag_contains(&c->diags, error));
	assert_true(diag_contains(&c->diags, warning));
	free(path);
	free(error);
	free(warning);
	path = temp_path(&t, "rights.md");
	error = xasprintf("%s: error: page is empty", path);
	warning = xasprintf("%s: warning: keeping the last good version of this page", path);
	assert_true(diag_contains(&c->diags, error));
	assert_true(diag_contains(&c->diags, warning));
	free(path);
	free(error);
	free(warning);
	assert_int_equal(c->diags.count, 4);
	/* The report gets a copy, after what it held. */
	assert_int_equal(report.count, 5);
	assert_string_equal(report.items[0].file, "earlier");
	for (size_t i = 0; i < c->diags.count; i++) {
		char *a = diag_format(&c->diags.items[i]);
		char *b = diag_format(&report.items[i + 1]);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	diag_clear(&report);

	/* The old Content can go at once: the new one owns its copies. Reloading again keeps
	 * the kept version (it is the last good one), and fixing the file ends that. */
	content_close(old);
	Content *again = content_reload(c, NULL);
	assert_non_null(again);
	home = content_page(again, content_language(again, "en"), "home.md");
	assert_true(home->kept);
	assert_string_equal(home->rows[0].text, "We help you speak up.");
	content_close(c);
	write_text(t.en, "home.md", "# Fixed\n\nFixed words.\n");
	Content *fixed = content_reload(again, NULL);
	home = content_page(fixed, content_language(fixed, "en"), "home.md");
	assert_false(home->kept);
	assert_string_equal(home->title, "Fixed");
	assert_int_equal(diag_count(&fixed->diags, DIAG_ERROR), 1); /* rights.md, still empty */
	content_close(again);
	content_close(fixed);
	temp_content_free(&t);
}

/* Only a version that was parsed and ok can be kept: a page old never showed stays out. */
static void test_reload_page_never_loaded(void **state)
{
	(void)state;
	TempContent t;
	temp_content(&t);
	Content *old = content_open(t.content);
	assert_non_null(content_page(old, content_language(old, "en"), "home.md"));
	write_text(t.en, "rights.md", "\xff\xfe");
	Content *c = content_reload(old, NULL);
	ContentLanguage *en = content_language(c, "en");
	assert_null(content_page(c, en, "rights.md"));
	assert_false(en->pages[1].kept);
	assert_true(diag_contains(&c->diags, "rights.md:1:1: error: this file is not UTF-8"));
	assert_false(diag_contains(&c->diags, "keeping the last good version"));
	/* home.md's button to it is still a button: the file is there. */
	assert_int_equal(content_page(c, en, "home.md")->rows[1].kind, ROW_LINK);
	content_close(old);
	content_close(c);
	temp_content_free(&t);
}

static void test_reload_pages_added_and_deleted(void **state)
{
	(void)state;
	TempContent t;
	temp_content(&t);
	Content *old = content_open(t.content);
	content_load_all(old);
	assert_int_equal(old->lang_count, 1);

	char *rights = temp_path(&t, "rights.md");
	assert_int_equal(unlink(rights), 0);
	free(rights);
	write_text(t.en, "news.md", "# News\n\nSomething new.\n");
	char *pl = path_join(t.content, "pl");
	assert_int_equal(mkdir(pl, 0700), 0);
	write_text(pl, "home.md", "# Witamy\n\nDzie\xc5\x84 dobry.\n");
	Content *c = content_reload(old, NULL);
	assert_non_null(c);
	ContentLanguage *en = content_language(c, "en");
	assert_int_equal(en->page_count, 2);
	assert_null(content_page(c, en, "rights.md"));
	ContentPage *news = content_page(c, en, "news.md");
	assert_non_null(news);
	assert_string_equal(news->rows[0].text, "Something new.");
	/* home.md's button now leads nowhere: an error, and no longer a button. */
	assert_int_equal(content_page(c, en, "home.md")->rows[1].kind, ROW_TEXT);
	assert_true(diag_contains(&c->diags, "error: link to 'rights.md' but there is no page"));
	/* A new language folder is found too (no kiosk.ini lists languages here). */
	assert_int_equal(c->lang_count, 2);
	assert_non_null(content_page(c, content_language(c, "pl"), "home.md"));
	/* old still has rights.md, parsed. */
	assert_non_null(content_page(old, content_language(old, "en"), "rights.md"));
	content_close(old);
	content_close(c);
	free(pl);
	temp_content_free(&t);
}

static void test_reload_folder_gone(void **state)
{
	(void)state;
	TempContent t;
	temp_content(&t);
	Content *old = content_open(t.content);
	content_load_all(old);
	DiagList report = {0};
	/* No pages any more: the old content stays. */
	char *path = temp_path(&t, "home.md");
	assert_int_equal(unlink(path), 0);
	free(path);
	path = temp_path(&t, "rights.md");
	assert_int_equal(unlink(path), 0);
	free(path);
	assert_null(content_reload(old, &report));
	/* The folder itself gone. */
	remove_tree(t.content);
	assert_null(content_reload(old, &report));
	assert_int_equal(report.count, 0);
	assert_null(content_reload(NULL, &report));
	/* old is as it was. */
	ContentPage *home = content_page(old, content_language(old, "en"), "home.md");
	assert_non_null(home);
	assert_string_equal(home->title, "Welcome");
	content_close(old);
	temp_content_free(&t);
}

/* Regression: 20 language folders gave 20 languages, but the kiosk's language tables hold 16,
 * so the Language button read past them. The content now keeps 16 and says so. */
static void test_at_most_sixteen_languages(void **state)
{
	(void)state;
	TempContent t;
	temp_content(&t);
	for (int i = 0; i < 20; i++) {
		char code[16];
		snprintf(code, sizeof(code), "l%02d", i);
		char *dir = path_join(t.content, code);
		assert_int_equal(mkdir(dir, 0700), 0);
		copy_file(FIXTURES "/basic/en/home.md", dir, "home.md");
		free(dir);
	}
	Content *c = content_open(t.content);
	assert_non_null(c);
	assert_int_equal(c->lang_count, SETTINGS_MAX_LANGS);
	assert_true(diag_contains(&c->diags, "is not shown: a kiosk shows at most 16 languages"));
	content_close(c);
	temp_content_free(&t);
}

/* Issue #22: a 50 MB page froze the kiosk for 26 s and took 1.8 GB. A page file over
 * CONTENT_MAX_PAGE_BYTES is not read at all: an error, and content_page gives NULL (the
 * app shows the apology page). One just under the limit still loads. */
static void test_page_file_too_big(void **state)
{
	(void)state;
	TempContent t;
	temp_content(&t);
	size_t unit = strlen("Words words words.\n\n");
	char *big = repeat("Words words words.\n\n", CONTENT_MAX_PAGE_BYTES / unit + 10, "");
	memcpy(big, "# Big\n\n", 7);
	write_text(t.en, "big.md", big);
	big[CONTENT_MAX_PAGE_BYTES - 100] = '\0';
	write_text(t.en, "fine.md", big);
	free(big);
	Content *c = content_open(t.content);
	assert_non_null(c);
	ContentLanguage *en = content_language(c, "en");
	assert_null(content_page(c, en, "big.md"));
	char *want = xasprintf("%s/big.md: error: this page file is larger than 256 KB", t.en);
	assert_true(diag_contains(&c->diags, want));
	free(want);
	ContentPage *fine = content_page(c, en, "fine.md");
	assert_non_null(fine);
	assert_int_equal(fine->row_count, CONTENT_MAX_ROWS); /* and its rows are capped */
	content_close(c);
	temp_content_free(&t);
}

/* Rows past CONTENT_MAX_ROWS are dropped, with an error at the first row dropped. */
static void test_rows_capped(void **state)
{
	(void)state;
	ContentPage page = {0};
	DiagList d = {0};
	char *md = repeat("Row.\n\n", CONTENT_MAX_ROWS + 100, "");
	parse(&page, &d, md);
	free(md);
	assert_int_equal(page.row_count, CONTENT_MAX_ROWS);
	assert_true(page.ok);
	char *want = xasprintf("home.md:%d:1: error: this page has %d rows, more than the %d", CONTENT_MAX_ROWS * 2 + 1,
	                       CONTENT_MAX_ROWS + 100, CONTENT_MAX_ROWS);
	assert_true(diag_contains(&d, want));
	free(want);
	done(&page, &d);
}

/* Issue #22: symlinks are followed no further than the content and images folders.
 * en/passwd.md -> /etc/passwd is not a page (no button leads to it), images/root -> / does
 * not let a page show root/etc/passwd, a language folder linked outside is not loaded,
 * and a page swapped for such a link after listing is not read. Links that stay inside
 * are fine. Each refusal is an error naming the file (and line, for a picture). */
static void test_symlinks_stay_inside(void **state)
{
	(void)state;
	TempContent t;
	temp_content(&t);
	char *outside = path_join(t.root, "outside");
	assert_int_equal(mkdir(outside, 0700), 0);
	copy_file(FIXTURES "/basic/en/home.md", outside, "home.md");
	write_text(outside, "secret.md", "# Secret\n\nroot:x:0:0\n");
	copy_file(IMAGES "/advocate.svg", outside, "secret.svg");
	char *secret = path_join(outside, "secret.md");
	/* like en/passwd.md -> /etc/passwd, but pointing at a file the test made */
	char *passwd = path_join(t.en, "passwd.md");
	assert_int_equal(symlink(secret, passwd), 0);
	char *same = path_join(t.en, "same.md");
	assert_int_equal(symlink("home.md", same), 0);
	char *root = path_join(t.images, "root"); /* like images/root -> / */
	assert_int_equal(symlink(outside, root), 0);
	char *xx = path_join(t.content, "xx");
	assert_int_equal(symlink(outside, xx), 0);
	write_text(t.en, "pics.md", "# Pictures\n\n![secret](root/secret.svg) Look.\n\n![advocate](advocate.svg) Fine.\n");
	write_text(outside, "secret.ini", "[kiosk]\nname = SECRET\n");
	char *secret_ini = path_join(outside, "secret.ini"), *ini = path_join(t.content, "kiosk.ini");
	assert_int_equal(symlink(secret_ini, ini), 0);

	Content *c = content_open(t.content);
	assert_non_null(c);
	assert_null(content_language(c, "xx"));
	char *want = xasprintf("%s: error: language folder %s/ is a link to a folder outside", xx, xx);
	assert_true(diag_contains(&c->diags, want));
	free(want);
	assert_string_not_equal(c->settings.name, "SECRET"); /* kiosk.ini -> outside: not read */
	want = xasprintf("%s: error: kiosk.ini is a link to a file outside the content folder", ini);
	assert_true(diag_contains(&c->diags, want));
	free(want);
	ContentLanguage *en = content_language(c, "en");
	assert_non_null(en);
	for (size_t i = 0; i < en->page_count; i++)
		assert_string_not_equal(en->pages[i].name, "passwd.md");
	assert_null(content_page(c, en, "passwd.md"));
	want = xasprintf("%s: error: this page is a link to a file outside the content folder", passwd);
	assert_true(diag_contains(&c->diags, want));
	free(want);
	assert_non_null(content_page(c, en, "same.md"));
	ContentPage *pics = content_page(c, en, "pics.md");
	assert_non_null(pics);
	assert_true(pics->rows[0].picture_missing);
	assert_false(pics->rows[1].picture_missing);
	want = xasprintf("%s/pics.md:3:1: error: picture 'root/secret.svg' is a link to a file outside the "
	                 "images folder",
	                 t.en);
	assert_true(diag_contains(&c->diags, want));
	free(want);
	/* listed while it was a page, swapped for a link before it was opened */
	char *rights = path_join(t.en, "rights.md");
	assert_int_equal(unlink(rights), 0);
	assert_int_equal(symlink(secret, rights), 0);
	assert_null(content_page(c, en, "rights.md"));
	want = xasprintf("%s: error: this page is a link to a file outside the content folder", rights);
	assert_true(diag_contains(&c->diags, want));
	free(want);
	content_close(c);
	free(rights);
	free(secret);
	free(secret_ini);
	free(ini);
	free(outside);
	free(passwd);
	free(same);
	free(root);
	free(xx);
	temp_content_free(&t);
}

/* Issue #22: deleting content/ while the kiosk ran left it alive, but pages not yet opened
 * showed the apology and every picture became a placeholder. content_keep_pictures keeps
 * every page parsed and every picture's bytes: with the folders gone, a page never opened
 * is still there and its picture's bytes too. */
static void test_whole_content_kept_in_memory(void **state)
{
	(void)state;
	TempContent t;
	temp_content(&t);
	Content *c = content_open(t.content);
	assert_non_null(c);
	content_keep_pictures(c);
	char *pic = path_join(c->images_dir, "advocate.svg"); /* as the rows spell it */
	size_t len = 0;
	assert_non_null(content_picture(c, pic, &len));
	assert_int_equal(len, 108);
	remove_tree(t.content);
	remove_tree(t.images);
	ContentPage *rights = content_page(c, content_language(c, "en"), "rights.md");
	assert_non_null(rights); /* never opened before the folder went */
	assert_true(rights->ok);
	const void *bytes = content_picture(c, pic, &len);
	assert_non_null(bytes);
	assert_memory_equal(bytes, "<svg", 4);
	content_close(c);
	free(pic);
	temp_content_free(&t);
}

/* A half-synced folder changes nothing a visitor sees: a picture missing now keeps its last
 * good bytes (the row is not a placeholder, with a warning), and a folder without the home
 * page it had is not switched to at all. */
static void test_reload_half_synced(void **state)
{
	(void)state;
	TempContent t;
	temp_content(&t);
	Content *old = content_open(t.content);
	content_keep_pictures(old);
	char *pic = path_join(old->images_dir, "advocate.svg"); /* as the rows spell it */
	assert_int_equal(unlink(pic), 0);
	DiagList report = {0};
	Content *c = content_reload(old, &report);
	assert_non_null(c);
	ContentPage *home = content_page(c, content_language(c, "en"), "home.md");
	assert_non_null(home);
	bool shown = false;
	for (size_t r = 0; r < home->row_count; r++)
		if (home->rows[r].picture_path && strcmp(home->rows[r].picture_path, pic) == 0)
			shown = !home->rows[r].picture_missing;
	assert_true(shown);
	size_t len;
	assert_non_null(content_picture(c, pic, &len));
	assert_true(diag_contains(&report, "keeping the last good version of picture 'advocate.svg'"));
	/* the home page gone (the sync has not copied it yet): keep what was there */
	char *home_path = temp_path(&t, "home.md");
	assert_int_equal(unlink(home_path), 0);
	assert_null(content_reload(c, NULL));
	content_close(c);
	content_close(old);
	diag_clear(&report);
	free(home_path);
	free(pic);
	temp_content_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_at_most_sixteen_languages),
	    cmocka_unit_test(test_page_file_too_big),
	    cmocka_unit_test(test_rows_capped),
	    cmocka_unit_test(test_symlinks_stay_inside),
	    cmocka_unit_test(test_whole_content_kept_in_memory),
	    cmocka_unit_test(test_reload_half_synced),
	    cmocka_unit_test(test_picture_at_start),
	    cmocka_unit_test(test_pictures_not_checked_without_images_dir),
	    cmocka_unit_test(test_link_not_checked_without_callback),
	    cmocka_unit_test(test_no_title),
	    cmocka_unit_test(test_empty_pages),
	    cmocka_unit_test(test_title_only),
	    cmocka_unit_test(test_invalid_utf8),
	    cmocka_unit_test(test_nul_byte),
	    cmocka_unit_test(test_reparse_replaces_rows),
	    cmocka_unit_test(test_deep_nesting),
	    cmocka_unit_test(test_huge_line),
	    cmocka_unit_test(test_random_markdown),
	    cmocka_unit_test(test_open_not_a_folder),
	    cmocka_unit_test(test_open_without_pages),
	    cmocka_unit_test(test_open_discovers_languages),
	    cmocka_unit_test(test_lazy_loading),
	    cmocka_unit_test(test_broken_page_reported_once),
	    cmocka_unit_test(test_non_utf8_file),
	    cmocka_unit_test(test_links_checked_per_language),
	    cmocka_unit_test(test_load_all),
	    cmocka_unit_test(test_listed_languages_and_images_setting),
	    cmocka_unit_test(test_unreadable_page),
	    cmocka_unit_test(test_glossary_file),
	    cmocka_unit_test(test_hard_words_without_glossary),
	    cmocka_unit_test(test_reload_changed_page),
	    cmocka_unit_test(test_reload_keeps_last_good_version),
	    cmocka_unit_test(test_reload_page_never_loaded),
	    cmocka_unit_test(test_reload_pages_added_and_deleted),
	    cmocka_unit_test(test_reload_folder_gone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
