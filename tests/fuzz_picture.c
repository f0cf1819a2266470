/* fuzz_picture: libFuzzer target for picture.c, the header reader that stands between
 * untrusted picture files and SDL_image. Each input is probed as a whole file; it must
 * never read past its end (ASan), and what it accepts must keep the documented budgets
 * (picture.h): a known format, a declared size within PICTURE_MAX_PIXELS and
 * PICTURE_MAX_SIDE, SVG counts within their limits; what it refuses says why.
 *
 *   make fuzz                      # every target for FUZZ_SECONDS each
 *   build/fuzz/fuzz_picture tests/fuzz/picture -runs=20000
 * Seeds: tests/fuzz/picture (small PNG, JPEG and SVG files and broken ones). */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "picture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a copy of exactly size bytes, so any read past the end is caught */
	uint8_t *copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	PictureInfo info;
	bool ok = picture_probe(copy, size, &info);
	if (ok) {
		assert(info.format != PICTURE_UNKNOWN);
		assert(info.why[0] == '\0');
		assert(info.width <= PICTURE_MAX_SIDE && info.height <= PICTURE_MAX_SIDE);
		assert((double)info.width * (double)info.height <= (double)PICTURE_MAX_PIXELS);
		if (info.format == PICTURE_SVG) {
			assert(size <= (size_t)PICTURE_SVG_MAX_BYTES);
			assert(info.elements <= PICTURE_SVG_MAX_ELEMENTS);
			assert(info.numbers <= PICTURE_SVG_MAX_NUMBERS);
		} else {
			assert(info.width > 0 && info.height > 0);
			assert(size <= (size_t)PICTURE_MAX_BYTES);
		}
		if (info.format == PICTURE_JPEG)
			assert(info.scans <= PICTURE_JPEG_MAX_SCANS);
	} else {
		assert(info.why[0] != '\0');
		assert(memchr(info.why, '\0', sizeof info.why) != NULL);
	}
	free(copy);
	return 0;
}
