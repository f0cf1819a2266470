/* picture: reads what a picture file declares (its format, its size in pixels, for SVG how
 * much drawing it asks for) and says no before a decoder ever sees a picture bomb.
 *
 * Each format has one small reader working on the bytes in memory, never trusting a
 * length field: png_size (the IHDR chunk right after the signature), jpeg_size (walks the
 * marker segments to the first SOF, counting SOS scans on the way) and svg_measure (the
 * root <svg> tag's width/height/viewBox, and a count of tags and numbers over the whole
 * file). picture_probe applies the budgets of picture.h; picture_read is the one way the
 * kiosk reads a picture file. Start reading at picture_probe. */
#include "picture.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

static bool refuse(PictureInfo *info, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool refuse(PictureInfo *info, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(info->why, sizeof info->why, fmt, ap);
	va_end(ap);
	return false;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* ---- PNG ---------------------------------------------------------------------------- */

static const unsigned char PNG_SIGNATURE[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

static bool png_size(const unsigned char *p, size_t len, PictureInfo *info)
{
	/* signature, then the IHDR chunk: length 13, "IHDR", width, height, ... */
	if (len < 8 + 8 + 13 || be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0)
		return refuse(info, "it is not a complete PNG file (no IHDR header)");
	uint32_t w = be32(p + 16), h = be32(p + 20);
	info->width = w > (uint32_t)INT32_MAX ? INT32_MAX : (long)w;
	info->height = h > (uint32_t)INT32_MAX ? INT32_MAX : (long)h;
	return true;
}

/* ---- JPEG --------------------------------------------------------------------------- */

static bool is_sof(unsigned m)
{
	/* SOF0-3, 5-7, 9-11, 13-15; C4 (DHT), C8 (JPG) and CC (DAC) are not frames */
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

static bool jpeg_size(const unsigned char *p, size_t len, PictureInfo *info)
{
	size_t i = 2;
	bool frame = false;
	while (i + 1 < len) {
		if (p[i] != 0xFF)
			return refuse(info, "it is a damaged JPEG file (bytes out of place at %zu)", i);
		while (i < len && p[i] == 0xFF) /* fill bytes */
			i++;
		if (i >= len)
			break;
		unsigned m = p[i++];
		if (m == 0xD9) /* end of image */
			break;
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD8))
			continue; /* markers without a length */
		if (i + 2 > len)
			break;
		unsigned seg = be16(p + i);
		if (seg < 2 || i + seg > len)
			return refuse(info, "it is a damaged JPEG file (a segment runs past the end)");
		if (is_sof(m) && !frame) {
			if (seg < 7)
				return refuse(info, "it is a damaged JPEG file (short frame header)");
			info->height = (long)be16(p + i + 3);
			info->width = (long)be16(p + i + 5);
			frame = true;
		}
		i += seg;
		if (m == 0xDA) {
			info->scans++;
			/* entropy-coded data runs to the next marker that is not a stuffed 0xFF00
			 * or a restart marker */
			while (i + 1 < len && !(p[i] == 0xFF && p[i + 1] != 0x00 &&
			                        !(p[i + 1] >= 0xD0 && p[i + 1] <= 0xD7)))
				i++;
		}
	}
	if (!frame)
		return refuse(info, "it is a damaged JPEG file (no frame header with its size)");
	return true;
}

/* ---- SVG ---------------------------------------------------------------------------- */

static const char *find_n(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return s + i;
	return NULL;
}

static bool is_space_ch(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_digit_ch(char c)
{
	return c >= '0' && c <= '9';
}

/* Value of attribute `name` inside the tag s[0..len): a pointer to its first byte and its
 * length, or NULL. The name must start the attribute (" width=" not "stroke-width="). */
static const char *attribute(const char *s, size_t len, const char *name, size_t *vlen)
{
	size_t n = strlen(name);
	for (size_t i = 1; i + n + 2 <= len; i++) {
		if (!is_space_ch(s[i - 1]) || memcmp(s + i, name, n) != 0)
			continue;
		size_t j = i + n;
		while (j < len && is_space_ch(s[j]))
			j++;
		if (j >= len || s[j] != '=')
			continue;
		j++;
		while (j < len && is_space_ch(s[j]))
			j++;
		if (j >= len || (s[j] != '"' && s[j] != '\''))
			continue;
		char quote = s[j++];
		size_t k = j;
		while (k < len && s[k] != quote)
			k++;
		if (k >= len)
			return NULL;
		*vlen = k - j;
		return s + j;
	}
	return NULL;
}

/* A length in CSS pixels (96 per inch, as SDL_image's nanosvg uses): "200", "20mm", "1e9".
 * Percentages and unparsable values give 0 (not declared). */
static double svg_length(const char *v, size_t n)
{
	char buf[64];
	if (n == 0 || n >= sizeof buf)
		return 0;
	memcpy(buf, v, n);
	buf[n] = '\0';
	char *end;
	double x = strtod(buf, &end);
	if (end == buf || !isfinite(x))
		return end == buf ? 0 : HUGE_VAL;
	while (is_space_ch(*end))
		end++;
	static const struct {
		const char *unit;
		double px;
	} units[] = {{"", 1}, {"px", 1}, {"pt", 96.0 / 72}, {"pc", 16}, {"mm", 96 / 25.4},
	             {"cm", 96 / 2.54}, {"in", 96}, {"em", 16}, {"ex", 8}};
	for (size_t i = 0; i < ARRAY_LEN(units); i++)
		if (strcmp(end, units[i].unit) == 0)
			return x * units[i].px;
	return 0;
}

/* Counts numbers the way a path parser would read them: "1.5.5-2e3" is three. */
static size_t count_numbers(const char *s, size_t len)
{
	size_t count = 0, i = 0;
	while (i < len) {
		bool starts = is_digit_ch(s[i]) || (s[i] == '.' && i + 1 < len && is_digit_ch(s[i + 1]));
		if (!starts) {
			i++;
			continue;
		}
		count++;
		while (i < len && is_digit_ch(s[i]))
			i++;
		if (i < len && s[i] == '.') {
			i++;
			while (i < len && is_digit_ch(s[i]))
				i++;
		}
		if (i + 1 < len && (s[i] == 'e' || s[i] == 'E') &&
		    (is_digit_ch(s[i + 1]) || s[i + 1] == '-' || s[i + 1] == '+'))
			i += 2;
		while (i < len && is_digit_ch(s[i]))
			i++;
	}
	return count;
}

static bool svg_measure(const char *s, size_t len, PictureInfo *info)
{
	if (len > (size_t)PICTURE_SVG_MAX_BYTES)
		return refuse(info, "it is an SVG file of %zu KB, more than the %ld KB an SVG picture may be",
		              len / 1024, PICTURE_SVG_MAX_BYTES / 1024);
	for (size_t i = 0; i + 1 < len; i++)
		if (s[i] == '<' && ((s[i + 1] >= 'a' && s[i + 1] <= 'z') || (s[i + 1] >= 'A' && s[i + 1] <= 'Z')))
			info->elements++;
	info->numbers = count_numbers(s, len);
	if (info->elements > PICTURE_SVG_MAX_ELEMENTS)
		return refuse(info, "it is an SVG with %zu elements, more than the %d a picture may have",
		              info->elements, PICTURE_SVG_MAX_ELEMENTS);
	if (info->numbers > PICTURE_SVG_MAX_NUMBERS)
		return refuse(info,
		              "it is an SVG with %zu numbers (points), more than the %d a picture may have",
		              info->numbers, PICTURE_SVG_MAX_NUMBERS);
	/* nanosvg draws every dash: a tiny dash along a long line is millions of shapes */
	if (find_n(s, len, "stroke-dasharray"))
		return refuse(info, "it is an SVG with dashed lines (stroke-dasharray), which the kiosk "
		                    "does not draw");

	const char *tag = find_n(s, len, "<svg");
	size_t rest = len - (size_t)(tag - s);
	const char *close = memchr(tag, '>', rest);
	if (!close)
		return refuse(info, "it is a damaged SVG file (its <svg> tag is not closed)");
	size_t tlen = (size_t)(close - tag), n;
	double w = 0, h = 0;
	const char *v;
	if ((v = attribute(tag, tlen, "width", &n)))
		w = svg_length(v, n);
	if ((v = attribute(tag, tlen, "height", &n)))
		h = svg_length(v, n);
	if ((w <= 0 || h <= 0) && (v = attribute(tag, tlen, "viewBox", &n))) {
		char buf[128];
		if (n < sizeof buf) {
			memcpy(buf, v, n);
			buf[n] = '\0';
			double box[4] = {0, 0, 0, 0};
			char *q = buf;
			for (int k = 0; k < 4; k++) {
				while (*q == ',' || is_space_ch(*q))
					q++;
				char *end;
				box[k] = strtod(q, &end);
				if (end == q)
					break;
				q = end;
			}
			if (w <= 0)
				w = box[2];
			if (h <= 0)
				h = box[3];
		}
	}
	info->width = w > 0 ? (w >= 1e9 ? 1000000000L : (long)ceil(w)) : 0;
	info->height = h > 0 ? (h >= 1e9 ? 1000000000L : (long)ceil(h)) : 0;
	return true;
}

/* ---- the budgets -------------------------------------------------------------------- */

static PictureFormat sniff(const unsigned char *p, size_t len)
{
	if (len >= 8 && memcmp(p, PNG_SIGNATURE, 8) == 0)
		return PICTURE_PNG;
	if (len >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return PICTURE_JPEG;
	/* like SDL_image: an SVG says "<svg" in its first 4 KB (after a prolog, comments) */
	if (find_n((const char *)p, len < 4096 ? len : 4096, "<svg"))
		return PICTURE_SVG;
	return PICTURE_UNKNOWN;
}

bool picture_probe(const void *data, size_t len, PictureInfo *info)
{
	memset(info, 0, sizeof *info);
	const unsigned char *p = data;
	info->format = p ? sniff(p, len) : PICTURE_UNKNOWN;
	bool ok = false;
	switch (info->format) {
	case PICTURE_UNKNOWN:
		return refuse(info, "it is not a PNG, JPEG or SVG picture");
	case PICTURE_PNG:
	case PICTURE_JPEG:
		if (len > (size_t)PICTURE_MAX_BYTES)
			return refuse(info, "it is a file of %zu MB, more than the %ld MB a picture may be",
			              len / (1024 * 1024), PICTURE_MAX_BYTES / (1024 * 1024));
		ok = info->format == PICTURE_PNG ? png_size(p, len, info) : jpeg_size(p, len, info);
		break;
	case PICTURE_SVG:
		ok = svg_measure(data, len, info);
		break;
	}
	if (!ok)
		return false;
	if (info->format != PICTURE_SVG && (info->width <= 0 || info->height <= 0))
		return refuse(info, "it says it is %ld x %ld pixels, which is not a picture", info->width,
		              info->height);
	double pixels = (double)info->width * (double)info->height;
	if (pixels > (double)PICTURE_MAX_PIXELS || info->width > PICTURE_MAX_SIDE ||
	    info->height > PICTURE_MAX_SIDE)
		return refuse(info,
		              "it is %ld x %ld pixels, more than the %ld megapixels (and %ld pixels a side) "
		              "a picture may have",
		              info->width, info->height, PICTURE_MAX_PIXELS / 1000000, PICTURE_MAX_SIDE);
	if (info->format == PICTURE_JPEG && info->scans > PICTURE_JPEG_MAX_SCANS)
		return refuse(info, "it is a JPEG with %d scans, more than the %d a picture may have",
		              info->scans, PICTURE_JPEG_MAX_SCANS);
	return true;
}

void *picture_read(const char *path, size_t *len, PictureInfo *info)
{
	memset(info, 0, sizeof *info);
	*len = 0;
	struct stat st;
	if (stat(path, &st) != 0)
		return refuse(info, "it cannot be read: %s", strerror(errno)), NULL;
	if (!S_ISREG(st.st_mode))
		return refuse(info, "it is not a file"), NULL;
	long largest = PICTURE_MAX_BYTES > PICTURE_SVG_MAX_BYTES ? PICTURE_MAX_BYTES : PICTURE_SVG_MAX_BYTES;
	if (st.st_size > largest)
		return refuse(info, "it is a file of %lld MB, more than the %ld MB a picture may be",
		              (long long)st.st_size / (1024 * 1024), largest / (1024 * 1024)),
		       NULL;
	size_t n = 0;
	char *data = util_read_file(path, &n);
	if (!data)
		return refuse(info, "it cannot be read: %s", strerror(errno)), NULL;
	if (!picture_probe(data, n, info)) {
		free(data);
		return NULL;
	}
	*len = n;
	return data;
}
