/* Tests for picture.c: sizes read from PNG, JPEG and SVG headers without decoding, and
 * the picture bombs of issue #22 refused before any decoder sees them (a 69-byte PNG that
 * says 30000 x 30000, an SVG path with 100,000 points, a tiny dash along a long line).
 * Every sample is built here in memory; nothing big is stored. */
#include "test.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "picture.h"
#include "util.h"

/* A PNG that is only its signature and IHDR chunk (no pixel data): what a decoder would
 * allocate for is all in these 33 bytes. */
static size_t png_header(unsigned char *p, unsigned w, unsigned h)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	memcpy(p, sig, 8);
	unsigned char ihdr[25] = {0, 0, 0, 13, 'I', 'H', 'D', 'R'};
	for (int i = 0; i < 4; i++) {
		ihdr[8 + i] = (unsigned char)(w >> (24 - 8 * i));
		ihdr[12 + i] = (unsigned char)(h >> (24 - 8 * i));
	}
	ihdr[16] = 8; /* bit depth */
	ihdr[17] = 0; /* grey */
	memcpy(p + 8, ihdr, sizeof ihdr);
	return 8 + sizeof ihdr;
}

/* A JPEG: SOI, an APP0 segment, `scans` SOS segments each followed by entropy data with
 * a stuffed 0xFF00 and a restart marker, the frame (SOF0) placed after the APP0, EOI. */
static size_t jpeg(unsigned char *p, unsigned w, unsigned h, int scans, bool progressive)
{
	size_t n = 0;
	p[n++] = 0xFF, p[n++] = 0xD8;
	p[n++] = 0xFF, p[n++] = 0xE0, p[n++] = 0, p[n++] = 16;
	memcpy(p + n, "JFIF\0\1\1\0\0\1\0\1\0\0", 14);
	n += 14;
	p[n++] = 0xFF, p[n++] = progressive ? 0xC2 : 0xC0, p[n++] = 0, p[n++] = 11, p[n++] = 8;
	p[n++] = (unsigned char)(h >> 8), p[n++] = (unsigned char)h;
	p[n++] = (unsigned char)(w >> 8), p[n++] = (unsigned char)w;
	p[n++] = 1, p[n++] = 1, p[n++] = 0x11, p[n++] = 0;
	for (int s = 0; s < scans; s++) {
		p[n++] = 0xFF, p[n++] = 0xDA, p[n++] = 0, p[n++] = 8;
		p[n++] = 1, p[n++] = 1, p[n++] = 0, p[n++] = 0, p[n++] = 63, p[n++] = 0;
		p[n++] = 0x12, p[n++] = 0xFF, p[n++] = 0x00, p[n++] = 0x34, p[n++] = 0xFF, p[n++] = 0xD3;
		p[n++] = 0x56;
	}
	p[n++] = 0xFF, p[n++] = 0xD9;
	return n;
}

static void png_size_is_read_and_bombs_refused(void **state)
{
	(void)state;
	unsigned char p[64];
	PictureInfo info;
	size_t n = png_header(p, 640, 480);
	assert_true(picture_probe(p, n, &info));
	assert_int_equal(info.format, PICTURE_PNG);
	assert_int_equal(info.width, 640);
	assert_int_equal(info.height, 480);

	/* issue #22: 69 bytes saying 30000 x 30000 cost 3.5 GB and 20 s to decode */
	n = png_header(p, 30000, 30000);
	assert_false(picture_probe(p, n, &info));
	assert_int_equal(info.format, PICTURE_PNG);
	assert_non_null(strstr(info.why, "30000 x 30000 pixels"));
	assert_non_null(strstr(info.why, "16 megapixels"));
	/* over the pixel budget with a small side, over a side, empty, absurd */
	n = png_header(p, 5000, 4000);
	assert_false(picture_probe(p, n, &info));
	n = png_header(p, 20000, 10);
	assert_false(picture_probe(p, n, &info));
	n = png_header(p, 0, 10);
	assert_false(picture_probe(p, n, &info));
	n = png_header(p, 0xFFFFFFFFu, 0xFFFFFFFFu);
	assert_false(picture_probe(p, n, &info));
	/* 4000 x 4000 = 16 MP exactly is allowed */
	n = png_header(p, 4000, 4000);
	assert_true(picture_probe(p, n, &info));
	/* a signature with no IHDR */
	assert_false(picture_probe(p, 12, &info));
	assert_non_null(strstr(info.why, "IHDR"));
}

static void jpeg_size_is_read_from_sof_and_bombs_refused(void **state)
{
	(void)state;
	unsigned char *p = xmalloc(8192);
	PictureInfo info;
	size_t n = jpeg(p, 800, 600, 1, false);
	assert_true(picture_probe(p, n, &info));
	assert_int_equal(info.format, PICTURE_JPEG);
	assert_int_equal(info.width, 800);
	assert_int_equal(info.height, 600);
	assert_int_equal(info.scans, 1);

	n = jpeg(p, 60000, 60000, 1, false);
	assert_false(picture_probe(p, n, &info));
	assert_non_null(strstr(info.why, "60000 x 60000 pixels"));
	/* a progressive JPEG with hundreds of scans decodes the picture hundreds of times */
	n = jpeg(p, 800, 600, 300, true);
	assert_false(picture_probe(p, n, &info));
	assert_int_equal(info.scans, 300);
	assert_non_null(strstr(info.why, "scans"));
	/* height 0 (defined later by a DNL marker) is not a size we can check */
	n = jpeg(p, 800, 0, 1, false);
	assert_false(picture_probe(p, n, &info));
	/* no frame header at all */
	const unsigned char bare[] = {0xFF, 0xD8, 0xFF, 0xD9};
	assert_false(picture_probe(bare, sizeof bare, &info));
	/* every truncation of a good file is refused or read, never read past its end */
	n = jpeg(p, 800, 600, 2, false);
	for (size_t k = 0; k < n; k++) {
		unsigned char *cut = xmalloc(k ? k : 1);
		memcpy(cut, p, k);
		PictureInfo i2;
		if (picture_probe(cut, k, &i2))
			assert_int_equal(i2.width, 800);
		free(cut);
	}
	free(p);
}

static char *svg_path_with_points(int points)
{
	size_t cap = (size_t)points * 16 + 256, n = 0;
	char *s = xmalloc(cap);
	n += (size_t)snprintf(s + n, cap - n,
	                      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\">"
	                      "<path d=\"M0 0");
	for (int i = 0; i < points; i++)
		n += (size_t)snprintf(s + n, cap - n, "L%d %d", i % 100, (i * 37) % 100);
	snprintf(s + n, cap - n, "Z\"/></svg>");
	return s;
}

static void svg_size_and_cost_are_bounded(void **state)
{
	(void)state;
	PictureInfo info;
	const char *a = "<?xml version=\"1.0\"?>\n<!-- x -->\n<svg width=\"200\" height=\"100px\" "
	                "stroke-width=\"5\" viewBox=\"0 0 20 10\"><rect width=\"5\" height=\"5\"/></svg>";
	assert_true(picture_probe(a, strlen(a), &info));
	assert_int_equal(info.format, PICTURE_SVG);
	assert_int_equal(info.width, 200);
	assert_int_equal(info.height, 100);
	assert_int_equal(info.elements, 2);
	/* units; viewBox when there is no width and height */
	const char *b = "<svg width='10mm' height='1in'/>";
	assert_true(picture_probe(b, strlen(b), &info));
	assert_int_equal(info.width, 38);
	assert_int_equal(info.height, 96);
	const char *c = "<svg viewBox=\"0,0 72 48\"></svg>";
	assert_true(picture_probe(c, strlen(c), &info));
	assert_int_equal(info.width, 72);
	assert_int_equal(info.height, 48);
	/* a declared size over the budget (SDL_image rasterises an unsized SVG at it) */
	const char *d = "<svg width=\"30000\" height=\"30000\"></svg>";
	assert_false(picture_probe(d, strlen(d), &info));
	assert_non_null(strstr(info.why, "30000 x 30000"));
	const char *e = "<svg viewBox=\"0 0 1e300 1e300\"></svg>";
	assert_false(picture_probe(e, strlen(e), &info));
	/* issue #22: a path of 100,000 points took 180 s to draw */
	char *big = svg_path_with_points(100000);
	assert_false(picture_probe(big, strlen(big), &info));
	assert_non_null(strstr(info.why, "KB"));
	free(big);
	char *many = svg_path_with_points(PICTURE_SVG_MAX_NUMBERS); /* under 256 KB, over the numbers budget */
	assert_true(strlen(many) < (size_t)PICTURE_SVG_MAX_BYTES);
	assert_false(picture_probe(many, strlen(many), &info));
	assert_non_null(strstr(info.why, "numbers"));
	free(many);
	char *ok = svg_path_with_points(PICTURE_SVG_MAX_NUMBERS / 2 - 20);
	assert_true(picture_probe(ok, strlen(ok), &info));
	free(ok);
	/* many small elements */
	size_t cap = 8 * (PICTURE_SVG_MAX_ELEMENTS + 10) + 64;
	char *tags = xmalloc(cap);
	size_t n = (size_t)snprintf(tags, cap, "<svg>");
	for (int i = 0; i < PICTURE_SVG_MAX_ELEMENTS + 5; i++)
		n += (size_t)snprintf(tags + n, cap - n, "<g></g>");
	assert_false(picture_probe(tags, n, &info));
	assert_non_null(strstr(info.why, "elements"));
	free(tags);
	/* a tiny dash along a long line is millions of shapes for nanosvg */
	const char *dash = "<svg viewBox=\"0 0 10 10\"><path d=\"M0 0L1e9 1\" stroke=\"#000\" "
	                   "stroke-dasharray=\"0.001\"/></svg>";
	assert_false(picture_probe(dash, strlen(dash), &info));
	assert_non_null(strstr(info.why, "dash"));
	/* numbers are counted the way a path parser reads them */
	const char *num = "<svg><path d=\"M1.5.5-2e3 4E+2,.7\"/></svg>";
	assert_true(picture_probe(num, strlen(num), &info));
	assert_int_equal(info.numbers, 5);
}

static void other_formats_and_nothing_are_refused(void **state)
{
	(void)state;
	PictureInfo info;
	const char gif[] = "GIF89a\x01\x00\x01\x00";
	assert_false(picture_probe(gif, sizeof gif - 1, &info));
	assert_int_equal(info.format, PICTURE_UNKNOWN);
	assert_non_null(strstr(info.why, "not a PNG, JPEG or SVG"));
	assert_false(picture_probe("", 0, &info));
	assert_false(picture_probe(NULL, 0, &info));
	size_t len = 99;
	assert_null(picture_read("tests/fixtures/images/nothing-here.svg", &len, &info));
	assert_int_equal(len, 0);
	assert_non_null(strstr(info.why, "cannot be read"));
	assert_null(picture_read("tests/fixtures", &len, &info));
}

/* Every picture the kiosk ships passes, far inside the budgets. */
static void shipped_pictures_pass(void **state)
{
	(void)state;
	const char *dirs[] = {"images", "images/ui", "tests/fixtures/images"};
	int seen = 0;
	for (size_t k = 0; k < ARRAY_LEN(dirs); k++) {
		DIR *d = opendir(dirs[k]);
		assert_non_null(d);
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			size_t n = strlen(e->d_name);
			if (n < 5 || strcmp(e->d_name + n - 4, ".svg") != 0 ||
			    strcmp(e->d_name, "truncated.svg") == 0)
				continue;
			char *path = path_join(dirs[k], e->d_name);
			PictureInfo info;
			size_t len;
			void *data = picture_read(path, &len, &info);
			if (!data)
				fail_msg("%s: %s", path, info.why);
			assert_true(info.numbers * 4 < PICTURE_SVG_MAX_NUMBERS);
			free(data);
			free(path);
			seen++;
		}
		closedir(d);
	}
	assert_true(seen > 50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(png_size_is_read_and_bombs_refused),
	    cmocka_unit_test(jpeg_size_is_read_from_sof_and_bombs_refused),
	    cmocka_unit_test(svg_size_and_cost_are_bounded),
	    cmocka_unit_test(other_formats_and_nothing_are_refused),
	    cmocka_unit_test(shipped_pictures_pass),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
