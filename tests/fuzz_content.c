/* fuzz_content: libFuzzer target for the content loader. Every input is read twice: as a
 * Markdown page (content_parse_page) and as a kiosk.ini (settings_load, through a memfd so
 * nothing touches the disk). Bad content must never crash the kiosk: it becomes diagnostics
 * and a fallback. Besides the sanitizers, the documented invariants of the model are checked
 * (content.h: spans cover the row text exactly, text is trimmed UTF-8, a link row has a link),
 * and the parsed page is laid out with a fake measure, as the kiosk would show it.
 *
 *   make fuzz                      # every target for FUZZ_SECONDS each
 *   build/fuzz/fuzz_content tests/fuzz/content -runs=20000
 * Seeds: tests/fuzz/content (the shipped pages, the test fixtures and the ini files). */
#define _GNU_SOURCE
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "content.h"
#include "diag.h"
#include "layout.h"
#include "settings.h"
#include "util.h"

/* Links to names of even length "exist": both branches of the link check are reached. */
static bool page_exists(const char *name, void *ctx)
{
	(void)ctx;
	return strlen(name) % 2 == 0;
}

/* Roughly proportional text: each byte a different width, never zero for visible bytes. */
static int fake_measure(void *ctx, const char *text, size_t len, int px, bool bold)
{
	(void)ctx;
	int w = 0;
	for (size_t i = 0; i < len; i++)
		w += px * (3 + (unsigned char)text[i] % 5) / 10;
	return bold ? w + w / 10 : w;
}

static void check_row(const ContentRow *row)
{
	size_t len = strlen(row->text);
	assert(utf8_valid(row->text, len, NULL));
	if (len > 0) {
		assert(row->span_count >= 1);
		assert(row->text[0] != ' ' && row->text[len - 1] != ' ');
	}
	size_t at = 0;
	for (size_t i = 0; i < row->span_count; i++) {
		assert(row->spans[i].offset == at);
		at += row->spans[i].len;
	}
	assert(at == len);
	if (row->kind == ROW_LINK)
		assert(row->link != NULL && row->link[0] != '\0');
	if (row->picture)
		assert(row->picture_alt != NULL);
	assert(row->line >= 1);
}

static void fuzz_page(const uint8_t *data, size_t size)
{
	ContentPage page;
	memset(&page, 0, sizeof(page));
	page.name = xstrdup("fuzz.md");
	page.path = xstrdup("fuzz/en/fuzz.md");
	DiagList diags = {0};
	content_parse_page(&page, page.path, (const char *)data, size, "images", page_exists, NULL, &diags);
	assert(page.loaded);
	if (page.ok) {
		assert(page.title != NULL);
		for (size_t i = 0; i < page.row_count; i++)
			check_row(&page.rows[i]);
		LayoutParams lp = {.screen_w = 1920, .screen_h = 1080, .text_scale = 1.0,
				   .measure = fake_measure, .show_listen = true, .can_go_back = true};
		LayoutPage *l = layout_page(&page, &lp);
		assert(l->screen_count >= 1);
		layout_page_destroy(l);
	}
	for (size_t i = 0; i < diags.count; i++)
		free(diag_format(&diags.items[i]));
	diag_clear(&diags);
	content_page_clear(&page);
	free(page.name);
	free(page.path);
}

static void fuzz_settings(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	if (fd < 0) {
		fd = memfd_create("kiosk.ini", 0);
		assert(fd >= 0);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	Settings s;
	settings_defaults(&s);
	DiagList diags = {0};
	settings_load(&s, path, &diags);
	/* Whatever the file said, the values stay in range. */
	assert(s.theme >= 0 && s.theme < THEME_COUNT);
	assert(s.text_size >= 0 && s.text_size < TEXT_SIZE_COUNT);
	assert(s.volume >= 0 && s.volume <= 100);
	assert(s.language_count >= 0 && s.language_count <= SETTINGS_MAX_LANGS);
	assert(s.voice_count >= 0 && s.voice_count <= SETTINGS_MAX_LANGS);
	assert(memchr(s.name, '\0', sizeof(s.name)) && memchr(s.home, '\0', sizeof(s.home)));
	int wpm = settings_speech_wpm(&s);
	assert(wpm >= 80 && wpm <= 450);
	for (size_t i = 0; i < diags.count; i++)
		free(diag_format(&diags.items[i]));
	diag_clear(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_page(data, size);
	fuzz_settings(data, size);
	return 0;
}
