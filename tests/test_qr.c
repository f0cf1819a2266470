/* Tests for qr.c: the page's address (the same one the HTML export writes), the code and its
 * SVG, and the Take it home screen's layout: modules of whole pixels, at least 8 px at
 * 1080p, the quiet zone kept, nothing overlapping, the code on the right in Urdu. The code
 * drawn on screen is decoded with zbarimg in tests/e2e_share.sh. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "export.h"
#include "qr.h"
#include "screens.h"
#include "util.h"
#include "words.h"

static int fake_measure(void *ctx, const char *text, size_t len, int px, bool bold)
{
	(void)ctx;
	long cps = (long)utf8_count(text, len);
	return (int)((cps * px * (bold ? 55 : 50) + 99) / 100);
}

static void url_joins_with_one_slash_and_escapes(void **state)
{
	(void)state;
	char *a = qr_page_url("https://council.example/easy-read/", "/pl/care-act.html");
	assert_string_equal(a, "https://council.example/easy-read/pl/care-act.html");
	char *b = qr_page_url("https://council.example/easy-read", "a b&c.html");
	assert_string_equal(b, "https://council.example/easy-read/a%20b%26c.html");
	free(a);
	free(b);
}

static void export_path_is_where_export_writes(void **state)
{
	(void)state;
	Content *c = content_open("content");
	assert_non_null(c);
	ContentLanguage *en = content_language(c, "en"), *pl = content_language(c, "pl");
	char *home = export_page_path(c, en, "home.md");
	char *care = export_page_path(c, en, "care-act.md");
	char *pl_care = export_page_path(c, pl, "care-act.md");
	char *pl_home = export_page_path(c, pl, "home.md");
	assert_string_equal(home, "index.html");
	assert_string_equal(care, "care-act.html");
	assert_string_equal(pl_care, "pl/care-act.html");
	assert_string_equal(pl_home, "pl/index.html");
	free(home);
	free(care);
	free(pl_care);
	free(pl_home);
	content_close(c);
}

static void code_and_svg(void **state)
{
	(void)state;
	QrCode *qr = qr_create("https://council.example/easy-read/pl/care-act.html");
	assert_non_null(qr);
	assert_true(qr->size >= 21 && (qr->size - 17) % 4 == 0); /* a real QR version */
	/* the three finder patterns: dark corners, light separator */
	assert_true(qr_dark(qr, 0, 0) && qr_dark(qr, qr->size - 1, 0) && qr_dark(qr, 0, qr->size - 1));
	assert_false(qr_dark(qr, 7, 7));
	assert_false(qr_dark(qr, -1, 0));
	char *svg = qr_svg(qr);
	char head[128];
	int n = qr->size + 2 * QR_QUIET;
	snprintf(head, sizeof(head), "viewBox=\"0 0 %d %d\"", n, n);
	assert_non_null(strstr(svg, head));
	assert_non_null(strstr(svg, "fill=\"#ffffff\"")); /* a light background under the quiet zone */
	/* the top-left finder's first row starts after the quiet zone and is 7 modules long */
	assert_non_null(strstr(svg, "M4 4h7v1h-7z"));
	free(svg);
	qr_destroy(qr);
	qr_destroy(NULL);
	/* far too long for any QR code: NULL, no crash */
	char *big = xmalloc(8000);
	memset(big, 'a', 7999);
	big[7999] = '\0';
	assert_null(qr_create(big));
	free(big);
}

static bool overlap(LayoutRect a, LayoutRect b)
{
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* Lays the screen out at w x h and checks the rules; returns the code's box. */
static LayoutRect check_screen(int w, int h, bool rtl, int *module)
{
	Words words;
	words_defaults(&words);
	ContentPage p = {0};
	screens_take_home(&p, "The Care Act 2014", true, true, NULL, &words, NULL);
	QrCode *qr = qr_create("https://council.example/easy-read/pl/what-councils-do.html");
	LayoutParams params = {.screen_w = w, .screen_h = h, .text_scale = 1.0, .measure = fake_measure,
			       .show_listen = true, .can_go_back = true, .rtl = rtl};
	LayoutPage *lp = qr_screen(&p, &params, qr->size, "/tmp/code.svg", module);
	assert_int_equal(lp->screen_count, 1);
	const LayoutScreen *s = &lp->screens[0];
	const LayoutBox *code = NULL;
	bool message = false, print = false, close = false;
	for (size_t i = 0; i < s->box_count; i++) {
		const LayoutBox *b = &s->boxes[i];
		if (b->picture && strcmp(b->picture, "/tmp/code.svg") == 0)
			code = b;
		if (b->role == BOX_ROW && strstr(layout_box_text(b), "Point your phone camera here"))
			message = true;
		if (b->action == ACT_PRINT)
			print = true;
		if (b->action == ACT_CLOSE)
			close = true;
		/* on screen, and overlapping nothing */
		assert_true(b->rect.x >= 0 && b->rect.y >= 0 && b->rect.x + b->rect.w <= w && b->rect.y + b->rect.h <= h);
		for (size_t k = 0; k < i; k++)
			if (s->boxes[k].rect.w > 0 && b->rect.w > 0)
				assert_false(overlap(b->rect, s->boxes[k].rect));
	}
	assert_non_null(code);
	assert_true(message && print && close);
	/* whole modules, quiet zone included, square */
	int total = qr->size + 2 * QR_QUIET;
	assert_int_equal(code->picture_rect.w, code->picture_rect.h);
	assert_int_equal(code->picture_rect.w, *module * total);
	assert_false(code->focusable);
	LayoutRect r = code->picture_rect;
	qr_destroy(qr);
	layout_page_destroy(lp);
	screens_page_free(&p);
	return r;
}

static void screen_modules_are_big_enough(void **state)
{
	(void)state;
	int module = 0;
	LayoutRect r = check_screen(1920, 1080, false, &module);
	assert_true(module >= 8);
	assert_true(r.x + r.w <= 1920 / 2); /* on the left */
	r = check_screen(1920, 1080, true, &module);
	assert_true(module >= 8);
	assert_true(r.x >= 1920 / 2); /* mirrored: on the right */
	r = check_screen(1080, 1920, false, &module);
	assert_true(module >= 8);
	assert_true(r.y + r.h <= 1920 / 2); /* portrait: on top */
	check_screen(3840, 2160, false, &module);
	assert_true(module >= 16);
	/* a small, nearly square screen still gets modules of 8 px at 1080p scale */
	check_screen(1280, 1024, false, &module);
	assert_true(module >= (1024 * 8 + 1079) / 1080);
}

static void no_code_no_picture(void **state)
{
	(void)state;
	Words words;
	words_defaults(&words);
	ContentPage p = {0};
	screens_take_home(&p, "Title", false, true, words.printing, &words, NULL);
	LayoutParams params = {.screen_w = 1920, .screen_h = 1080, .text_scale = 1.0, .measure = fake_measure};
	int module = -1;
	LayoutPage *lp = qr_screen(&p, &params, 0, NULL, &module);
	assert_int_equal(module, 0);
	bool status = false;
	for (size_t i = 0; i < lp->screens[0].box_count; i++) {
		const LayoutBox *b = &lp->screens[0].boxes[i];
		assert_false(b->row_index < 0 && b->role == BOX_ROW && b->picture);
		if (strstr(layout_box_text(b), "Your page is printing"))
			status = true;
		assert_null(strstr(layout_box_text(b), "Point your phone"));
	}
	assert_true(status);
	layout_page_destroy(lp);
	screens_page_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(url_joins_with_one_slash_and_escapes),
		cmocka_unit_test(export_path_is_where_export_writes),
		cmocka_unit_test(code_and_svg),
		cmocka_unit_test(screen_modules_are_big_enough),
		cmocka_unit_test(no_code_no_picture),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
