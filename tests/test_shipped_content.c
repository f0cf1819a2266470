/* Tests for the content the kiosk ships with (content/ and images/): the easy-read guide to
 * independent advocacy under the Care Act 2014. It is loaded once through the real content
 * module (content_open + content_load_all, run from the repository root) and then held to
 * the rules a council would check by hand:
 *  - no errors and no warnings from the loader;
 *  - every page can be reached from the home page by its buttons, and every button works;
 *  - every row and button has a picture that exists, with words that describe it;
 *  - every word in bold on any page is explained in glossary.md (the kiosk makes the
 *    "Hard words" page, which buttons call hard-words.md, from it);
 *  - easy-read writing: at most 15 words in a sentence, at most 2 sentences in a row,
 *    at most 12 rows on a page, short page titles;
 *  - every language has the same pages as the default one (translations keep the file
 *    names, so links are the same in every language);
 *  - every picture file in images/ and images/ui/ has its row in images/CREDITS.md, and
 *    every file named there exists (the licence needs the list complete).
 * The rules hold in every language: sentences also end at the Urdu full stop and question
 * mark (۔ ؟), and title lengths count characters, not bytes. */
#include "test.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "diag.h"
#include "util.h"

#define CONTENT_DIR "content"
#define HARD_WORDS_PAGE "hard-words.md"
#define GLOSSARY_FILE "glossary.md"
#define MAX_SENTENCE_WORDS 15
#define MAX_ROW_SENTENCES 2
#define MAX_PAGE_ROWS 12
#define MAX_TITLE_CHARS 32
#define MAX_GLOSSARY 64
#define WORD_MAX 64

/* ---- helpers ----------------------------------------------------------------------- */

static const char *row_kind_name(RowKind kind)
{
	switch (kind) {
	case ROW_TEXT:
		return "row";
	case ROW_LINK:
		return "button";
	case ROW_HEADING:
		return "heading";
	}
	return "row";
}

/* Lower-case copy of a bold span's text, without surrounding spaces and punctuation and
 * without a plural 's' ("Carers" and "carer" both give "carer"). */
static void normalise_word(char *out, size_t out_size, const char *text, size_t len)
{
	while (len > 0 && (isspace((unsigned char)*text) || ispunct((unsigned char)*text))) {
		text++;
		len--;
	}
	while (len > 0 && (isspace((unsigned char)text[len - 1]) ||
			   ispunct((unsigned char)text[len - 1])))
		len--;
	if (len >= out_size)
		len = out_size - 1;
	for (size_t i = 0; i < len; i++)
		out[i] = (char)tolower((unsigned char)text[i]);
	out[len] = '\0';
	if (len > 3 && out[len - 1] == 's')
		out[len - 1] = '\0';
}

/* Words in text[0..len): runs of non-space characters with at least one letter or digit
 * (so a lone quote mark or dash is not a word). */
static int count_words(const char *text, size_t len)
{
	int words = 0;
	size_t i = 0;
	while (i < len) {
		while (i < len && isspace((unsigned char)text[i]))
			i++;
		bool has_alnum = false;
		while (i < len && !isspace((unsigned char)text[i])) {
			if (isalnum((unsigned char)text[i]) || (unsigned char)text[i] >= 0x80)
				has_alnum = true;
			i++;
		}
		if (has_alnum)
			words++;
	}
	return words;
}

/* Bytes of the sentence end at text[i]: . ! ? or the Urdu full stop and question mark
 * (U+06D4, U+061F); 0 when none starts there. */
static size_t sentence_end(const char *text, size_t i, size_t len)
{
	if (text[i] == '.' || text[i] == '!' || text[i] == '?')
		return 1;
	if (i + 1 < len && (strncmp(text + i, "\xdb\x94", 2) == 0 ||
			    strncmp(text + i, "\xd8\x9f", 2) == 0))
		return 2;
	return 0;
}

/* Checks the sentences of one row (split at . ! ? ۔ ؟); returns the number of sentences
 * with words in them and reports each sentence that is too long. */
static int check_sentences(const ContentPage *page, const ContentRow *row, int *failures)
{
	const char *text = row->text;
	int sentences = 0;
	size_t start = 0, len = strlen(text), end = 1;
	for (size_t i = 0; i <= len; i += end) {
		end = i < len ? sentence_end(text, i, len) : 1;
		if (i < len && end == 0) {
			end = 1;
			continue;
		}
		int words = count_words(text + start, i - start);
		if (words > 0)
			sentences++;
		if (words > MAX_SENTENCE_WORDS) {
			fprintf(stderr, "%s:%d: a sentence has %d words (at most %d): \"%.*s\"\n",
				page->path, row->line, words, MAX_SENTENCE_WORDS, (int)(i - start),
				text + start);
			(*failures)++;
		}
		start = i + end;
	}
	return sentences;
}

/* Where a button leads: a page, or for hard-words.md the glossary it is made from. */
static ContentPage *button_target(Content *c, ContentLanguage *lang, const char *link)
{
	ContentPage *page = content_page(c, lang, link);
	if (!page && strcmp(link, HARD_WORDS_PAGE) == 0)
		page = content_page(c, lang, GLOSSARY_FILE);
	return page;
}

/* ---- fixture: the shipped content, loaded once ------------------------------------- */

/* Loaded by the group setup and read by every test (cmocka hands tests their own state). */
static Content *shipped;

static int setup(void **state)
{
	(void)state;
	Content *c = content_open(CONTENT_DIR);
	if (!c) {
		fprintf(stderr, "cannot open the folder '%s': run the test from the repository root\n",
			CONTENT_DIR);
		return -1;
	}
	content_load_all(c);
	shipped = c;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	content_close(shipped);
	shipped = NULL;
	return 0;
}

/* ---- tests ------------------------------------------------------------------------- */

static void test_no_errors_or_warnings(void **state)
{
	(void)state;
	Content *c = shipped;
	size_t errors = diag_count(&c->diags, DIAG_ERROR);
	size_t warnings = diag_count(&c->diags, DIAG_WARNING);
	if (errors + warnings > 0) {
		fprintf(stderr, "the shipped content has %zu errors and %zu warnings:\n", errors,
			warnings);
		diag_print(&c->diags, 0, stderr);
	}
	assert_int_equal(errors, 0);
	assert_int_equal(warnings, 0);
}

static void test_languages_and_home_page(void **state)
{
	(void)state;
	Content *c = shipped;
	assert_true(c->lang_count >= 1);
	assert_non_null(content_language(c, c->settings.default_language));
	for (size_t l = 0; l < c->lang_count; l++) {
		ContentLanguage *lang = &c->langs[l];
		ContentPage *home = content_page(c, lang, c->settings.home);
		if (!home)
			fprintf(stderr, "%s: no home page '%s'\n", lang->dir, c->settings.home);
		assert_non_null(home);
		assert_true(home->row_count > 0);
		ContentPage *glossary = content_page(c, lang, GLOSSARY_FILE);
		assert_non_null(glossary);
		assert_true(glossary->is_glossary);
		/* The page is made from glossary.md: no stale hand-written copy next to it. */
		assert_null(content_page(c, lang, HARD_WORDS_PAGE));
	}
}

static void test_every_page_reachable_from_home(void **state)
{
	(void)state;
	Content *c = shipped;
	for (size_t l = 0; l < c->lang_count; l++) {
		ContentLanguage *lang = &c->langs[l];
		size_t n = lang->page_count;
		assert_true(n > 0);
		bool *seen = calloc(n, sizeof(*seen));
		size_t *queue = calloc(n, sizeof(*queue));
		assert_non_null(seen);
		assert_non_null(queue);
		size_t head = 0, tail = 0;

		ContentPage *home = content_page(c, lang, c->settings.home);
		assert_non_null(home);
		size_t home_index = (size_t)(home - lang->pages);
		assert_true(home_index < n);
		seen[home_index] = true;
		queue[tail++] = home_index;
		/* Breadth-first along the buttons (ROW_LINK rows); hard-words.md leads to
		 * glossary.md, so the glossary is reached and its buttons count. */
		while (head < tail) {
			ContentPage *page = &lang->pages[queue[head++]];
			for (size_t r = 0; r < page->row_count; r++) {
				const ContentRow *row = &page->rows[r];
				if (row->kind != ROW_LINK || !row->link)
					continue;
				ContentPage *target = button_target(c, lang, row->link);
				if (!target)
					continue; /* reported by test_every_button_target_exists */
				size_t t = (size_t)(target - lang->pages);
				assert_true(t < n);
				if (!seen[t]) {
					seen[t] = true;
					queue[tail++] = t;
				}
			}
		}
		int unreachable = 0;
		for (size_t i = 0; i < n; i++) {
			if (!seen[i]) {
				fprintf(stderr, "%s: no button leads here from %s\n",
					lang->pages[i].path, c->settings.home);
				unreachable++;
			}
		}
		free(seen);
		free(queue);
		assert_int_equal(unreachable, 0);
	}
}

static void test_every_button_target_exists(void **state)
{
	(void)state;
	Content *c = shipped;
	int broken = 0, buttons = 0;
	for (size_t l = 0; l < c->lang_count; l++) {
		ContentLanguage *lang = &c->langs[l];
		for (size_t p = 0; p < lang->page_count; p++) {
			ContentPage *page = content_page(c, lang, lang->pages[p].name);
			assert_non_null(page);
			for (size_t r = 0; r < page->row_count; r++) {
				const ContentRow *row = &page->rows[r];
				if (row->kind != ROW_LINK)
					continue;
				buttons++;
				if (!row->link || !button_target(c, lang, row->link)) {
					fprintf(stderr, "%s:%d: button to a page that does not exist: %s\n",
						page->path, row->line, row->link ? row->link : "(none)");
					broken++;
				}
			}
		}
	}
	assert_true(buttons > 0);
	assert_int_equal(broken, 0);
}

static void test_every_row_has_a_described_picture(void **state)
{
	(void)state;
	Content *c = shipped;
	int bad = 0;
	for (size_t l = 0; l < c->lang_count; l++) {
		ContentLanguage *lang = &c->langs[l];
		for (size_t p = 0; p < lang->page_count; p++) {
			ContentPage *page = content_page(c, lang, lang->pages[p].name);
			assert_non_null(page);
			for (size_t r = 0; r < page->row_count; r++) {
				const ContentRow *row = &page->rows[r];
				if (row->kind != ROW_TEXT && row->kind != ROW_LINK)
					continue;
				const char *problem = NULL;
				if (!row->picture)
					problem = "has no picture";
				else if (!row->picture_alt || row->picture_alt[0] == '\0')
					problem = "has a picture with no words to describe it";
				else if (row->picture_missing)
					problem = "has a picture that is not in the images folder";
				if (problem) {
					fprintf(stderr, "%s:%d: this %s %s (%s)\n", page->path, row->line,
						row_kind_name(row->kind), problem,
						row->picture ? row->picture : "no file");
					bad++;
				}
			}
		}
	}
	assert_int_equal(bad, 0);
}

static void test_every_bold_word_is_a_hard_word(void **state)
{
	(void)state;
	Content *c = shipped;
	int unexplained = 0;
	for (size_t l = 0; l < c->lang_count; l++) {
		ContentLanguage *lang = &c->langs[l];
		ContentPage *glossary = content_page(c, lang, GLOSSARY_FILE);
		assert_non_null(glossary);

		/* The hard words: the first bold span of each row of glossary.md. */
		static char words[MAX_GLOSSARY][WORD_MAX];
		size_t word_count = 0;
		for (size_t r = 0; r < glossary->row_count; r++) {
			const ContentRow *row = &glossary->rows[r];
			if (row->kind != ROW_TEXT)
				continue;
			for (size_t s = 0; s < row->span_count; s++) {
				const ContentSpan *span = &row->spans[s];
				if (!span->bold)
					continue;
				assert_true(word_count < MAX_GLOSSARY);
				normalise_word(words[word_count++], WORD_MAX, row->text + span->offset,
					       span->len);
				break;
			}
		}
		assert_true(word_count > 0);

		for (size_t p = 0; p < lang->page_count; p++) {
			ContentPage *page = content_page(c, lang, lang->pages[p].name);
			assert_non_null(page);
			for (size_t r = 0; r < page->row_count; r++) {
				const ContentRow *row = &page->rows[r];
				if (row->kind == ROW_HEADING)
					continue; /* a heading is bold as a whole */
				for (size_t s = 0; s < row->span_count; s++) {
					const ContentSpan *span = &row->spans[s];
					if (!span->bold)
						continue;
					char word[WORD_MAX];
					normalise_word(word, sizeof(word), row->text + span->offset,
						       span->len);
					bool found = false;
					for (size_t w = 0; w < word_count && !found; w++)
						found = strcmp(word, words[w]) == 0;
					if (!found) {
						fprintf(stderr,
							"%s:%d: '%.*s' is in bold but has no row on %s\n",
							page->path, row->line, (int)span->len,
							row->text + span->offset, GLOSSARY_FILE);
						unexplained++;
					}
				}
			}
		}
	}
	assert_int_equal(unexplained, 0);
}

static void test_short_sentences_and_rows(void **state)
{
	(void)state;
	Content *c = shipped;
	int failures = 0;
	for (size_t l = 0; l < c->lang_count; l++) {
		ContentLanguage *lang = &c->langs[l];
		for (size_t p = 0; p < lang->page_count; p++) {
			ContentPage *page = content_page(c, lang, lang->pages[p].name);
			assert_non_null(page);
			for (size_t r = 0; r < page->row_count; r++) {
				const ContentRow *row = &page->rows[r];
				int sentences = check_sentences(page, row, &failures);
				if (sentences > MAX_ROW_SENTENCES) {
					fprintf(stderr, "%s:%d: a %s has %d sentences (at most %d)\n",
						page->path, row->line, row_kind_name(row->kind),
						sentences, MAX_ROW_SENTENCES);
					failures++;
				}
			}
		}
	}
	assert_int_equal(failures, 0);
}

static void test_pages_fit_a_few_screens(void **state)
{
	(void)state;
	Content *c = shipped;
	int failures = 0;
	for (size_t l = 0; l < c->lang_count; l++) {
		ContentLanguage *lang = &c->langs[l];
		for (size_t p = 0; p < lang->page_count; p++) {
			ContentPage *page = content_page(c, lang, lang->pages[p].name);
			assert_non_null(page);
			/* The hard words list grows with the guide and is not read as one page
			 * (each row is also a word's pop-up): --check does not count it either. */
			bool glossary = strcmp(page->name, GLOSSARY_FILE) == 0;
			if (page->row_count == 0 || (!glossary && page->row_count > MAX_PAGE_ROWS)) {
				fprintf(stderr, "%s: %zu rows (1 to %d)\n", page->path,
					page->row_count, MAX_PAGE_ROWS);
				failures++;
			}
			if (!page->title ||
			    utf8_count(page->title, strlen(page->title)) > MAX_TITLE_CHARS) {
				fprintf(stderr, "%s: the title is missing or longer than %d characters\n",
					page->path, MAX_TITLE_CHARS);
				failures++;
			}
		}
	}
	assert_int_equal(failures, 0);
}

/* Translations keep the default language's file names: the same pages, no more, no less. */
static void test_every_language_has_the_same_pages(void **state)
{
	(void)state;
	Content *c = shipped;
	ContentLanguage *base = content_language(c, c->settings.default_language);
	assert_non_null(base);
	int missing = 0;
	for (size_t l = 0; l < c->lang_count; l++) {
		ContentLanguage *lang = &c->langs[l];
		for (size_t p = 0; p < base->page_count; p++) {
			const char *name = base->pages[p].name;
			bool found = false;
			for (size_t q = 0; q < lang->page_count && !found; q++)
				found = strcmp(lang->pages[q].name, name) == 0;
			if (!found) {
				fprintf(stderr, "%s: no %s (%s has it)\n", lang->dir, name, base->dir);
				missing++;
			}
		}
		for (size_t q = 0; q < lang->page_count; q++) {
			const char *name = lang->pages[q].name;
			bool found = false;
			for (size_t p = 0; p < base->page_count && !found; p++)
				found = strcmp(base->pages[p].name, name) == 0;
			if (!found) {
				fprintf(stderr, "%s/%s: %s has no such page\n", lang->dir, name,
					base->dir);
				missing++;
			}
		}
	}
	assert_int_equal(missing, 0);
}

/* The pictures in one folder ("" or "ui/") that CREDITS.md does not list as | `name` |. */
static int uncredited(const char *credits, const char *sub)
{
	char *dir = xasprintf("images/%s", sub);
	DIR *d = opendir(dir);
	assert_non_null(d);
	int missing = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		const char *dot = strrchr(e->d_name, '.');
		if (!dot || (strcmp(dot, ".svg") != 0 && strcmp(dot, ".png") != 0 &&
			     strcmp(dot, ".jpg") != 0))
			continue;
		char *cell = xasprintf("| `%s%s` |", sub, e->d_name);
		if (!strstr(credits, cell)) {
			fprintf(stderr, "images/CREDITS.md has no row for %s%s\n", sub, e->d_name);
			missing++;
		}
		free(cell);
	}
	closedir(d);
	free(dir);
	return missing;
}

static void test_every_picture_is_credited(void **state)
{
	(void)state;
	char *credits = util_read_file("images/CREDITS.md", NULL);
	assert_non_null(credits);
	int missing = uncredited(credits, "") + uncredited(credits, "ui/");
	/* ...and every file named in a row is there. */
	for (const char *p = credits; (p = strstr(p, "| `")) != NULL;) {
		p += 3;
		const char *end = strchr(p, '`');
		assert_non_null(end);
		char *path = xasprintf("images/%.*s", (int)(end - p), p);
		FILE *f = fopen(path, "r");
		if (!f) {
			fprintf(stderr, "images/CREDITS.md lists %s, which is not there\n", path);
			missing++;
		} else {
			fclose(f);
		}
		free(path);
		p = end;
	}
	assert_int_equal(missing, 0);
	free(credits);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_no_errors_or_warnings),
	    cmocka_unit_test(test_languages_and_home_page),
	    cmocka_unit_test(test_every_page_reachable_from_home),
	    cmocka_unit_test(test_every_button_target_exists),
	    cmocka_unit_test(test_every_row_has_a_described_picture),
	    cmocka_unit_test(test_every_bold_word_is_a_hard_word),
	    cmocka_unit_test(test_short_sentences_and_rows),
	    cmocka_unit_test(test_pages_fit_a_few_screens),
	    cmocka_unit_test(test_every_language_has_the_same_pages),
	    cmocka_unit_test(test_every_picture_is_credited),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
