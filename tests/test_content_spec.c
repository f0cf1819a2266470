/* The content spec: tests/fixtures/content-spec.md holds Markdown pages and the rows and
 * diagnostics each one must give, in the style of CommonMark's spec.txt, so the rules read as
 * documentation an editor can follow. Each example is
 *
 *   ```````````````````````````````` example
 *   <Markdown page, "→" for a tab>
 *   .
 *   <expected: the title, one line per row, one line per diagnostic>
 *   ````````````````````````````````
 *
 * and the expected lines are
 *   title: <title>               (or "not usable" when the page cannot be shown)
 *   <line> <kind>: <text>        kind is text, link or heading; **bold** spans marked
 *       picture <file> "<alt>"   the row's picture (", missing" when there is no such file)
 *       link <page>              a button's target
 *   <line>:<col>: <severity>: <message>
 *
 * Pages are parsed as content/en/home.md with pictures under tests/fixtures/content/images
 * (advocate.svg and house.png exist) and home.md, rights.md and help.md as the other pages.
 * SPEC_PRINT=1 prints what each example gives instead of comparing (to write a new one).
 * Core test: no SDL. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "util.h"

#define SPEC "tests/fixtures/content-spec.md"
#define FENCE "````````````````````````````````"

typedef struct {
	char *markdown, *expected;
	int line; /* of the example's opening fence in the spec */
} Example;

static bool exists(const char *name, void *ctx)
{
	(void)ctx;
	return strcmp(name, "home.md") == 0 || strcmp(name, "rights.md") == 0 || strcmp(name, "help.md") == 0;
}

/* Appends printf-style text to a growing buffer. */
static void put(char **buf, size_t *len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void put(char **buf, size_t *len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	*buf = realloc(*buf, *len + (size_t)n + 1);
	assert_non_null(*buf);
	va_start(ap, fmt);
	vsnprintf(*buf + *len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	*len += (size_t)n;
}

/* What a page gives, in the spec's expected-output form. Caller frees. */
static char *render_example(const char *markdown)
{
	ContentPage page = {0};
	DiagList d = {0};
	content_parse_page(&page, "content/en/home.md", markdown, strlen(markdown),
			   "tests/fixtures/content/images", exists, NULL, &d);
	static const char *const kinds[] = {"text", "link", "heading"};
	char *out = NULL;
	size_t len = 0;
	put(&out, &len, "%s", "");
	if (page.ok)
		put(&out, &len, "title: %s\n", page.title);
	else
		put(&out, &len, "not usable\n");
	for (size_t i = 0; i < page.row_count; i++) {
		const ContentRow *r = &page.rows[i];
		put(&out, &len, "%d %s: ", r->line, kinds[r->kind]);
		for (size_t s = 0; s < r->span_count; s++)
			put(&out, &len, "%s%.*s%s", r->spans[s].bold ? "**" : "", (int)r->spans[s].len,
			    r->text + r->spans[s].offset, r->spans[s].bold ? "**" : "");
		put(&out, &len, "\n");
		if (r->picture)
			put(&out, &len, "    picture %s \"%s\"%s\n", r->picture, r->picture_alt,
			    r->picture_missing ? ", missing" : "");
		if (r->link)
			put(&out, &len, "    link %s\n", r->link);
	}
	for (size_t i = 0; i < d.count; i++)
		put(&out, &len, "%d:%d: %s: %s\n", d.items[i].line, d.items[i].col,
		    d.items[i].severity == DIAG_ERROR ? "error" : "warning", d.items[i].message);
	content_page_clear(&page);
	diag_clear(&d);
	return out;
}

/* Replaces every "→" with a tab, in place (the spec shows tabs that way). */
static void tabs(char *s)
{
	char *w = s;
	for (const char *r = s; *r;) {
		if (strncmp(r, "\xe2\x86\x92", 3) == 0) {
			*w++ = '\t';
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

static Example *read_spec(size_t *count)
{
	size_t len = 0;
	char *text = util_read_file(SPEC, &len);
	assert_non_null(text);
	Example *ex = NULL;
	*count = 0;
	int line;
	char *p = text;
	const char *open = FENCE " example\n";
	while ((p = strstr(p, open)) != NULL) {
		int at = 1;
		for (const char *q = text; q < p; q++)
			at += *q == '\n';
		line = at;
		char *md = p + strlen(open);
		char *dot = strstr(md - 1, "\n.\n"); /* md - 1: the fence's own line end (an empty page) */
		assert_non_null(dot);
		char *exp = dot + 3;
		char *end = strstr(exp, FENCE "\n");
		assert_non_null(end);
		ex = realloc(ex, (*count + 1) * sizeof(Example));
		assert_non_null(ex);
		ex[*count].markdown = strndup(md, dot < md ? 0 : (size_t)(dot + 1 - md));
		ex[*count].expected = strndup(exp, (size_t)(end - exp));
		ex[*count].line = line;
		tabs(ex[*count].markdown);
		(*count)++;
		p = end + strlen(FENCE);
	}
	free(text);
	return ex;
}

static void spec_examples(void **state)
{
	(void)state;
	size_t count = 0;
	Example *ex = read_spec(&count);
	assert_true(count >= 20);
	bool print = getenv("SPEC_PRINT") != NULL;
	int failed = 0;
	for (size_t i = 0; i < count; i++) {
		char *got = render_example(ex[i].markdown);
		if (print) {
			printf("--- example at %s:%d\n%s", SPEC, ex[i].line, got);
		} else if (strcmp(got, ex[i].expected) != 0) {
			fprintf(stderr, "%s:%d: example %zu differs.\n--- expected:\n%s--- got:\n%s", SPEC,
				ex[i].line, i + 1, ex[i].expected, got);
			failed++;
		}
		free(got);
		free(ex[i].markdown);
		free(ex[i].expected);
	}
	free(ex);
	printf("%zu examples, %d failed\n", count, failed);
	assert_int_equal(failed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(spec_examples),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
