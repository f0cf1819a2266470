/* Tests for print.c: the handout of real shipped pages, as PDF, checked with poppler's
 * tools (pdfinfo: A4 and the sheet count; pdftotext: the title, the rows, the council and
 * the address are there as text) and zbarimg on pdftoppm's picture of it (the QR code at
 * the foot scans as the page's address). Sending it through CUPS is tests/e2e_print.sh. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content.h"
#include "print.h"
#include "util.h"

static char *run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t cap = 1 << 16, n = 0;
	char *out = xmalloc(cap);
	size_t got;
	while ((got = fread(out + n, 1, cap - 1 - n, p)) > 0)
		n += got;
	out[n] = '\0';
	pclose(p);
	return out;
}

/* A copy without spaces, line breaks and bidi marks (U+200E, U+200F, U+202A-U+202E). */
static char *squash(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\f')
			continue;
		if (p[0] == 0xe2 && p[1] == 0x80 && ((p[2] >= 0xaa && p[2] <= 0xae) || p[2] == 0x8e || p[2] == 0x8f)) {
			p += 2;
			continue;
		}
		*o++ = (char)*p;
	}
	*o = '\0';
	return out;
}

static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test-print-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	if (getenv("TEST_PRINT_KEEP")) { /* to look at the PDFs */
		fprintf(stderr, "the PDFs are in %s\n", tmpdir);
		return 0;
	}
	char *cmd = xasprintf("rm -rf %s", tmpdir);
	int rc = system(cmd);
	free(cmd);
	return rc;
}

/* Writes lang's page to tmpdir/<lang>.pdf; returns the PDF's text (caller frees). */
static char *handout(const char *lang, const char *name, const char *url, int *sheets)
{
	Content *c = content_open("content");
	assert_non_null(c);
	ContentPage *page = content_page(c, content_language(c, lang), name);
	assert_non_null(page);
	PrintHandout h = {.page = page, .url = url, .council = "Example Borough Council", .font_dir = "fonts",
			  .rtl = strcmp(lang, "ur") == 0};
	char *pdf = xasprintf("%s/%s.pdf", tmpdir, lang);
	char why[256] = "";
	assert_true(print_pdf(&h, pdf, why, sizeof(why)));
	char *cmd = xasprintf("pdfinfo %s", pdf);
	char *info = run(cmd);
	free(cmd);
	assert_non_null(strstr(info, "595.28 x 841.89 pts (A4)"));
	const char *p = strstr(info, "Pages:");
	assert_non_null(p);
	*sheets = atoi(p + 6);
	free(info);
	cmd = xasprintf("pdftotext -layout %s -", pdf);
	char *text = run(cmd);
	free(cmd);
	/* the title and every row's first words are there, as text */
	/* pdftotext splits Urdu into letter groups and marks direction: compare without both */
	char *flat = squash(text), *title = squash(page->title);
	assert_non_null(strstr(flat, title));
	free(title);
	for (size_t i = 0; i < page->row_count; i++) {
		char first[48];
		const char *t = page->rows[i].text;
		size_t n = strcspn(t, " ");
		n += strcspn(t + n + (t[n] ? 1 : 0), " ") + (t[n] ? 1 : 0); /* two words */
		snprintf(first, sizeof(first), "%.*s", (int)(n < 40 ? n : 40), t);
		char *want = squash(first);
		if (!strstr(flat, want))
			fail_msg("row %zu (%s) is not in the PDF's text", i + 1, first);
		free(want);
	}
	free(flat);
	free(pdf);
	content_close(c);
	return text;
}

static void english_handout_has_everything(void **state)
{
	(void)state;
	int sheets = 0;
	const char *url = "https://council.example/easy-read/care-act.html";
	char *text = handout("en", "care-act.md", url, &sheets);
	assert_true(sheets >= 1 && sheets <= 3);
	assert_non_null(strstr(text, "Example Borough Council"));
	assert_non_null(strstr(text, url));
	free(text);
	/* the code at the foot scans as the page's address (first sheet at 150 dpi) */
	char *cmd = xasprintf("pdftoppm -r 150 -f 1 -l 1 -png %s/en.pdf %s/en && zbarimg -q --raw %s/en-*1.png", tmpdir,
			      tmpdir, tmpdir);
	char *code = run(cmd);
	free(cmd);
	assert_non_null(strstr(code, url));
	free(code);
}

static void urdu_and_polish_handouts(void **state)
{
	(void)state;
	int sheets = 0;
	char *text = handout("ur", "care-act.md", NULL, &sheets);
	assert_true(sheets >= 1);
	assert_non_null(strstr(text, "Example Borough Council"));
	assert_null(strstr(text, "https://")); /* no address, no code */
	free(text);
	text = handout("pl", "what-is-advocacy.md", "https://council.example/pl/what-is-advocacy.html", &sheets);
	free(text);
}

static void a_long_page_goes_on_to_more_sheets(void **state)
{
	(void)state;
	ContentPage page = {.name = "long.md", .title = "A long page"};
	ContentRow rows[40];
	memset(rows, 0, sizeof(rows));
	for (int i = 0; i < 40; i++) {
		rows[i].kind = ROW_TEXT;
		rows[i].text = "Every row of this page says the same thing, so that it needs more than one sheet.";
	}
	page.rows = rows;
	page.row_count = 40;
	PrintHandout h = {.page = &page, .council = "Council", .font_dir = "fonts"};
	char *pdf = xasprintf("%s/long.pdf", tmpdir);
	char why[256];
	assert_true(print_pdf(&h, pdf, why, sizeof(why)));
	char *cmd = xasprintf("pdfinfo %s | grep Pages:", pdf);
	char *info = run(cmd);
	assert_true(atoi(info + 6) >= 3);
	free(info);
	free(cmd);
	free(pdf);
	/* a folder that is not there: false with a reason */
	assert_false(print_pdf(&h, "/no/such/folder/x.pdf", why, sizeof(why)));
	assert_non_null(strstr(why, "cannot write"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(english_handout_has_everything),
		cmocka_unit_test(urdu_and_polish_handouts),
		cmocka_unit_test(a_long_page_goes_on_to_more_sheets),
	};
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	print_shutdown();
	return rc;
}
