/* Tests for src/glossary.c: loading the hard words from glossary.md (or hard-words.md
 * when there is none), finding a bold word with capitals and plurals, and the generated
 * "Hard words" page. Uses the fixtures of tests/fixtures/check/ and the shipped content;
 * run from the repository root. */
#include "test.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "content.h"
#include "glossary.h"
#include "util.h"

#define FIXTURES "tests/fixtures/check"

typedef struct {
	Content *c;
	Glossary *g;
} Loaded;

static void load(Loaded *l, const char *dir)
{
	l->c = content_open(dir);
	assert_non_null(l->c);
	l->g = glossary_load(l->c, content_language(l->c, "en"));
}

static void unload(Loaded *l)
{
	glossary_destroy(l->g);
	content_close(l->c);
}

static void test_load_glossary_md(void **state)
{
	(void)state;
	Loaded l;
	load(&l, FIXTURES "/glossary");
	assert_non_null(l.g);
	assert_string_equal(l.g->page->name, "glossary.md");
	/* Three rows with a bold word, sorted ignoring capitals; the row without one is not
	 * an entry. */
	assert_int_equal(l.g->count, 3);
	assert_string_equal(l.g->entries[0].word, "paw");
	assert_string_equal(l.g->entries[1].word, "Paws");
	assert_string_equal(l.g->entries[2].word, "Whiskers");
	assert_int_equal(l.g->entries[0].row->line, 5);
	assert_string_equal(l.g->entries[0].row->text, "A paw is the foot of a cat.");
	assert_string_equal(l.g->entries[2].row->picture, "cat.svg");
	unload(&l);
}

static void test_falls_back_to_hard_words_md(void **state)
{
	(void)state;
	Loaded l;
	load(&l, FIXTURES "/hard-words");
	assert_non_null(l.g);
	assert_string_equal(l.g->page->name, "hard-words.md");
	assert_int_equal(l.g->count, 2);
	assert_string_equal(l.g->entries[0].word, "paw");
	assert_string_equal(l.g->entries[1].word, "Whiskers");
	unload(&l);
}

static void test_no_glossary(void **state)
{
	(void)state;
	Loaded l;
	load(&l, FIXTURES "/clean");
	assert_null(l.g);
	assert_null(glossary_find(l.g, "cat"));
	glossary_destroy(NULL);
	unload(&l);
}

static void test_find_capitals_and_plurals(void **state)
{
	(void)state;
	Loaded l;
	load(&l, FIXTURES "/hard-words");
	const Glossary *g = l.g;
	const GlossaryEntry *whiskers = &g->entries[1], *paw = &g->entries[0];
	assert_ptr_equal(glossary_find(g, "Whiskers"), whiskers);
	assert_ptr_equal(glossary_find(g, "WHISKERS"), whiskers);
	assert_ptr_equal(glossary_find(g, "whisker"), whiskers); /* entry is the plural */
	assert_ptr_equal(glossary_find(g, "paw"), paw);
	assert_ptr_equal(glossary_find(g, "Paws"), paw);
	assert_ptr_equal(glossary_find(g, "pawes"), paw);
	assert_ptr_equal(glossary_find(g, " paws. "), paw); /* spaces and punctuation */
	assert_ptr_equal(glossary_find(g, "\"Paw\","), paw);
	assert_ptr_equal(glossary_find_n(g, "paws and more", 4), paw);
	assert_null(glossary_find(g, "pa"));
	assert_null(glossary_find(g, "pawss"));
	assert_null(glossary_find(g, "claws"));
	assert_null(glossary_find(g, ""));
	assert_null(glossary_find(g, "..."));
	assert_null(glossary_find(g, NULL));
	assert_null(glossary_find(NULL, "paw"));
	unload(&l);
}

/* An exact entry wins over a plural match: "glasses" (things to see with) is not "glass". */
static void test_exact_before_plural(void **state)
{
	(void)state;
	ContentRow rows[3] = {{.text = "glass"}, {.text = "glasses"}, {.text = "process"}};
	GlossaryEntry entries[3] = {
	    {.word = "glass", .row = &rows[0]},
	    {.word = "glasses", .row = &rows[1]},
	    {.word = "process", .row = &rows[2]},
	};
	Glossary g = {.entries = entries, .count = 3};
	assert_ptr_equal(glossary_find(&g, "Glasses"), &entries[1]);
	assert_ptr_equal(glossary_find(&g, "glass"), &entries[0]);
	assert_ptr_equal(glossary_find(&g, "processes"), &entries[2]);
	assert_ptr_equal(glossary_find(&g, "Process"), &entries[2]);
}

static void test_make_page(void **state)
{
	(void)state;
	Loaded l;
	load(&l, FIXTURES "/hard-words");
	ContentPage page;
	glossary_make_page(l.g, &page);
	assert_true(page.loaded && page.ok);
	assert_string_equal(page.name, "hard-words.md");
	assert_string_equal(page.title, "Hard words");
	/* The entries in alphabetical order, then the page's buttons. */
	assert_int_equal(page.row_count, 3);
	assert_string_equal(page.rows[0].text, "A paw is the foot of a cat.");
	assert_string_equal(page.rows[1].text, "Whiskers are long hairs on the face of a cat.");
	assert_int_equal(page.rows[2].kind, ROW_LINK);
	assert_string_equal(page.rows[2].link, "home.md");
	/* Deep copies, pictures and bold spans included. */
	const ContentRow *src = l.g->entries[0].row;
	assert_ptr_not_equal(page.rows[0].text, src->text);
	assert_string_equal(page.rows[0].picture, "cat.svg");
	assert_ptr_not_equal(page.rows[0].picture, src->picture);
	assert_string_equal(page.rows[0].picture_alt, "A cat");
	assert_string_equal(page.rows[0].picture_path, src->picture_path);
	assert_false(page.rows[0].picture_missing);
	assert_int_equal(page.rows[0].span_count, src->span_count);
	assert_true(page.rows[0].spans[1].bold);
	assert_int_equal(page.rows[0].line, src->line);
	glossary_page_free(&page);
	assert_null(page.rows);
	assert_null(page.name);
	glossary_page_free(NULL);
	unload(&l);
}

static void test_make_page_without_glossary(void **state)
{
	(void)state;
	ContentPage page;
	glossary_make_page(NULL, &page);
	assert_string_equal(page.title, "Hard words");
	assert_int_equal(page.row_count, 0);
	assert_true(page.ok);
	glossary_page_free(&page);
}

/* The shipped hard words: every entry found by the word as pages write it in bold. */
static void test_shipped(void **state)
{
	(void)state;
	Loaded l;
	load(&l, "content");
	assert_non_null(l.g);
	assert_true(l.g->count >= 10);
	assert_string_equal(l.g->entries[0].word, "Advocacy");
	assert_non_null(glossary_find(l.g, "Carers"));
	assert_non_null(glossary_find(l.g, "co-production"));
	assert_non_null(glossary_find(l.g, "Complaints"));
	assert_non_null(glossary_find(l.g, "wellbeing"));
	for (size_t i = 1; i < l.g->count; i++)
		assert_true(strcasecmp(l.g->entries[i - 1].word, l.g->entries[i].word) < 0);
	ContentPage page;
	glossary_make_page(l.g, &page);
	assert_int_equal(page.row_count, l.g->count + 1); /* + "Ask for help" */
	for (size_t r = 0; r < page.row_count; r++) {
		assert_non_null(page.rows[r].picture);
		assert_false(page.rows[r].picture_missing);
	}
	glossary_page_free(&page);
	unload(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_load_glossary_md),
	    cmocka_unit_test(test_falls_back_to_hard_words_md),
	    cmocka_unit_test(test_no_glossary),
	    cmocka_unit_test(test_find_capitals_and_plurals),
	    cmocka_unit_test(test_exact_before_plural),
	    cmocka_unit_test(test_make_page),
	    cmocka_unit_test(test_make_page_without_glossary),
	    cmocka_unit_test(test_shipped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
