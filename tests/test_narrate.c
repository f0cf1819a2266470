/* Tests for narrate.c: what is said for a screen (order, alt text, page number), the
 * pronunciation list, and the map from spoken characters back to the words on screen. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "narrate.h"
#include "util.h"

/* 0.5 em per code point: plain and predictable. */
static int fake_measure(void *ctx, const char *text, size_t len, int px, bool bold)
{
	(void)ctx;
	(void)bold;
	return (int)(utf8_count(text, len) * (size_t)px / 2);
}

typedef struct {
	ContentPage page;
	ContentRow rows[4];
	ContentSpan spans[4][3];
} Page;

static void row(Page *p, int i, const char *text, const ContentSpan *spans, size_t n, const char *alt)
{
	ContentRow *r = &p->rows[i];
	memset(r, 0, sizeof(*r));
	r->kind = ROW_TEXT;
	r->text = (char *)text;
	memcpy(p->spans[i], spans, n * sizeof(ContentSpan));
	r->spans = p->spans[i];
	r->span_count = n;
	r->picture = r->picture_path = (char *)"person.svg";
	r->picture_alt = (char *)alt;
	r->line = i + 3;
}

static char long_text[4000];

static void make(Page *p, bool with_long_row)
{
	memset(p, 0, sizeof(*p));
	static const char r0[] = "You can ask SCIE for help.";
	ContentSpan s0[] = {{0, 12, false}, {12, 4, true}, {16, 10, false}};
	row(p, 0, r0, s0, 3, "A person with a helper");
	static const char r1[] = "It is independent and you don\xe2\x80\x99t pay.";
	ContentSpan s1[] = {{0, 6, false}, {6, 2, true}, {8, sizeof(r1) - 1 - 8, false}};
	row(p, 1, r1, s1, 3, "A pound coin");
	size_t n = 2;
	if (with_long_row) {
		long_text[0] = '\0';
		for (int i = 0; i < 300; i++)
			strcat(long_text, i ? " word" : "word");
		ContentSpan s2[] = {{0, strlen(long_text), false}};
		row(p, 2, long_text, s2, 1, "Many words");
		n = 3;
	}
	p->page.name = (char *)"t.md";
	p->page.title = (char *)"Getting help";
	p->page.rows = p->rows;
	p->page.row_count = n;
	p->page.loaded = p->page.ok = true;
}

static LayoutPage *lay(const Page *p)
{
	LayoutParams lp = {.screen_w = 1920, .screen_h = 1080, .text_scale = 1.0, .measure = fake_measure};
	return layout_page(&p->page, &lp);
}

static void screen_is_title_rows_then_page_number(void **state)
{
	(void)state;
	Page p;
	make(&p, true);
	LayoutPage *lp = lay(&p);
	assert_true(lp->screen_count >= 2);
	const LayoutScreen *s = &lp->screens[0];
	Narration *n = narration_screen(s, NULL);
	assert_true(n->count >= 3);
	assert_int_equal(s->boxes[n->parts[0].box].role, BOX_TITLE);
	assert_string_equal(n->parts[0].spoken, "Getting help."); /* full stop added: a pause */
	assert_string_equal(n->parts[1].spoken, "You can ask SCIE for help.");
	assert_int_equal(s->boxes[n->parts[2].box].row_index, 1);
	/* curly apostrophe read as a plain one */
	assert_string_equal(n->parts[2].spoken, "It is independent and you don't pay.");
	const NarrationPart *last = &n->parts[n->count - 1];
	assert_int_equal(s->boxes[last->box].role, BOX_PAGE_NUMBER);
	assert_non_null(strstr(last->spoken, "Page 1 of"));
	for (size_t i = 0; i < n->count; i++)
		assert_false(n->parts[i].is_alt);
	narration_destroy(n);
	layout_page_destroy(lp);
}

/* A screen with Next ends with the hint in the screen's language; the last screen, which
 * has no Next, does not. An Urdu hint keeps its own full stop (no "." added after it). */
static void screen_with_next_ends_with_the_hint(void **state)
{
	(void)state;
	Page p;
	make(&p, true);
	LayoutPage *lp = lay(&p);
	assert_true(lp->screen_count >= 2);
	NarrationOptions o = {.more_hint = "Touch Next to hear more."};
	Narration *n = narration_screen(&lp->screens[0], &o);
	const NarrationPart *last = &n->parts[n->count - 1];
	assert_int_equal(last->box, -1);
	assert_string_equal(last->spoken, "Touch Next to hear more.");
	assert_int_equal(lp->screens[0].boxes[n->parts[n->count - 2].box].role, BOX_PAGE_NUMBER);
	narration_destroy(n);
	n = narration_screen(&lp->screens[lp->screen_count - 1], &o);
	assert_true(n->parts[n->count - 1].box >= 0);
	narration_destroy(n);
	o.more_hint = "\xd9\x85\xd8\xb2\xdb\x8c\xd8\xaf \xd8\xb3\xd9\x86\xdb\x8c\xda\xba\xdb\x94";
	n = narration_screen(&lp->screens[0], &o);
	assert_string_equal(n->parts[n->count - 1].spoken, o.more_hint);
	narration_destroy(n);
	layout_page_destroy(lp);
}

/* "Carry on" after the idle warning: the screen from the row it stopped in, to the end. */
static void screen_from_a_row_leaves_out_what_came_before(void **state)
{
	(void)state;
	Page p;
	make(&p, false);
	LayoutPage *lp = lay(&p);
	const LayoutScreen *s = &lp->screens[0];
	Narration *all = narration_screen(s, NULL);
	int second_row = all->parts[2].box;
	Narration *n = narration_screen_from(s, second_row, NULL);
	assert_int_equal(n->count, all->count - 2);
	assert_int_equal(n->parts[0].box, second_row);
	assert_string_equal(n->parts[0].spoken, all->parts[2].spoken);
	narration_destroy(n);
	narration_destroy(all);
	layout_page_destroy(lp);
}

static void alt_text_first_when_asked(void **state)
{
	(void)state;
	Page p;
	make(&p, false);
	LayoutPage *lp = lay(&p);
	NarrationOptions o = {.read_alt = true};
	Narration *n = narration_screen(&lp->screens[0], &o);
	assert_string_equal(n->parts[1].spoken, "A person with a helper.");
	assert_true(n->parts[1].is_alt);
	assert_string_equal(n->parts[2].spoken, "You can ask SCIE for help.");
	assert_int_equal(n->parts[1].box, n->parts[2].box);
	size_t off, len;
	assert_false(narration_word(n, &lp->screens[0], 1, 2, &off, &len)); /* not words on screen */
	narration_destroy(n);
	layout_page_destroy(lp);
}

static void pronunciation_is_spoken_but_highlight_stays_on_screen_word(void **state)
{
	(void)state;
	Pronounce pr;
	DiagList d = {0};
	assert_true(pronounce_load(&pr, "tests/fixtures/pronounce/en.txt", &d));
	assert_int_equal(pr.count, 3);
	assert_true(diag_contains(&d, "en.txt:5: warning"));
	assert_true(diag_contains(&d, "en.txt:6: warning"));
	Page p;
	make(&p, false);
	LayoutPage *lp = lay(&p);
	const LayoutScreen *s = &lp->screens[0];
	NarrationOptions o = {.pronounce = &pr};
	Narration *n = narration_screen(s, &o);
	assert_string_equal(n->parts[1].spoken, "You can ask skee for help.");
	/* "skee" starts at code point 12 of the spoken text; on screen that is "SCIE" */
	size_t off, len;
	assert_true(narration_word(n, s, 1, 12, &off, &len));
	assert_int_equal(off, 12);
	assert_int_equal(len, 4);
	assert_true(narration_word(n, s, 1, 14, &off, &len)); /* inside the replacement */
	assert_int_equal(off, 12);
	/* "for" after the replacement still maps to its own place */
	assert_true(narration_word(n, s, 1, 17, &off, &len));
	assert_int_equal(off, 17);
	assert_int_equal(len, 3);
	narration_destroy(n);
	layout_page_destroy(lp);
	pronounce_free(&pr);
	diag_clear(&d);
	/* a missing list is simply empty */
	assert_true(pronounce_load(&pr, "tests/fixtures/pronounce/none.txt", &d));
	assert_int_equal(pr.count, 0);
	pronounce_free(&pr);
}

static void whole_words_only(void **state)
{
	(void)state;
	PronounceEntry e = {(char *)"NHS", (char *)"N H S"};
	Pronounce pr = {&e, 1};
	Page p;
	make(&p, false);
	static const char text[] = "NHSX and NHS, not aNHS.";
	ContentSpan sp[] = {{0, sizeof(text) - 1, false}};
	row(&p, 0, text, sp, 1, "x");
	LayoutPage *lp = lay(&p);
	NarrationOptions o = {.pronounce = &pr};
	Narration *n = narration_box(&lp->screens[0], 1, &o);
	assert_int_equal(n->count, 1);
	assert_string_equal(n->parts[0].spoken, "NHSX and N H S, not aNHS.");
	narration_destroy(n);
	layout_page_destroy(lp);
}

/* Punctuation outside ASCII ends a word too: the Urdu comma after "کونسلیں" (councils) and a
 * curly quote before it. Letters of another script do not: "کونسلیں" is not "کونسل". */
static void whole_words_end_at_urdu_punctuation(void **state)
{
	(void)state;
	PronounceEntry e[] = {{(char *)"\xDA\xA9\xD9\x88\xD9\x86\xD8\xB3\xD9\x84", (char *)"K"}, /* کونسل */
			      {(char *)"\xDA\xA9\xD9\x88\xD9\x86\xD8\xB3\xD9\x84\xDB\x8C\xDA\xBA",
			       (char *)"KS"}}; /* کونسلیں */
	Pronounce pr = {e, 2};
	Page p;
	make(&p, false);
	/* کونسلیں، “کونسل” کونسلیں۔ */
	static const char text[] = "\xDA\xA9\xD9\x88\xD9\x86\xD8\xB3\xD9\x84\xDB\x8C\xDA\xBA\xD8\x8C "
				   "\xE2\x80\x9C\xDA\xA9\xD9\x88\xD9\x86\xD8\xB3\xD9\x84\xE2\x80\x9D "
				   "\xDA\xA9\xD9\x88\xD9\x86\xD8\xB3\xD9\x84\xDB\x8C\xDA\xBA\xDB\x94";
	ContentSpan sp[] = {{0, sizeof(text) - 1, false}};
	row(&p, 0, text, sp, 1, "x");
	LayoutPage *lp = lay(&p);
	NarrationOptions o = {.pronounce = &pr};
	Narration *n = narration_box(&lp->screens[0], 1, &o);
	assert_int_equal(n->count, 1);
	/* (curly quotes are spoken as straight ones) */
	assert_string_equal(n->parts[0].spoken, "KS\xD8\x8C \"K\" KS\xDB\x94");
	narration_destroy(n);
	layout_page_destroy(lp);
}

static void highlight_covers_whole_glued_word(void **state)
{
	(void)state;
	Page p;
	make(&p, false);
	LayoutPage *lp = lay(&p);
	const LayoutScreen *s = &lp->screens[0];
	Narration *n = narration_box(s, 2, NULL); /* row 1: "It is **in**dependent ..." */
	assert_int_equal(n->count, 1);
	size_t off, len;
	/* eSpeak points at "independent" (code point 6): the lit word is all of it */
	assert_true(narration_word(n, s, 0, 6, &off, &len));
	assert_int_equal(off, 6);
	assert_int_equal(len, strlen("independent"));
	/* an event on the space before a word lights the next word */
	assert_true(narration_word(n, s, 0, 5, &off, &len));
	assert_int_equal(off, 6);
	narration_destroy(n);
	layout_page_destroy(lp);
}

static void split_row_reads_only_its_part(void **state)
{
	(void)state;
	Page p;
	make(&p, true);
	LayoutPage *lp = lay(&p);
	assert_true(lp->screen_count >= 2);
	size_t total_words = 0;
	for (size_t sc = 0; sc < lp->screen_count; sc++) {
		const LayoutScreen *s = &lp->screens[sc];
		Narration *n = narration_screen(s, NULL);
		for (size_t i = 0; i < n->count; i++) {
			const LayoutBox *b = &s->boxes[n->parts[i].box];
			if (b->row_index != 2)
				continue;
			/* the spoken part has exactly the words this box shows */
			size_t words = 0;
			for (const char *c = n->parts[i].spoken; *c; c++)
				if (*c == 'w')
					words++;
			assert_int_equal(words, b->word_count);
			total_words += words;
		}
		narration_destroy(n);
	}
	assert_int_equal(total_words, 300); /* every word once, none twice */
	layout_page_destroy(lp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(screen_is_title_rows_then_page_number),
		cmocka_unit_test(screen_with_next_ends_with_the_hint),
		cmocka_unit_test(screen_from_a_row_leaves_out_what_came_before),
		cmocka_unit_test(alt_text_first_when_asked),
		cmocka_unit_test(pronunciation_is_spoken_but_highlight_stays_on_screen_word),
		cmocka_unit_test(whole_words_only),
		cmocka_unit_test(whole_words_end_at_urdu_punctuation),
		cmocka_unit_test(highlight_covers_whole_glued_word),
		cmocka_unit_test(split_row_reads_only_its_part),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
