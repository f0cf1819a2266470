/* theme: three colour schemes chosen with low-vision readers in mind (dark on cream, the
 * default; yellow on black; white on dark blue) and the WCAG contrast formula used to prove
 * every text pair is at least 7:1 (tests/test_theme.c checks them all). */
#include "theme.h"

#include <math.h>

static const Theme themes[THEME_COUNT] = {
	[THEME_CREAM] = {
		.name = "cream",
		.bg = {0xFF, 0xF8, 0xE6},
		.text = {0x1A, 0x1A, 0x1A},
		.rule = {0x5C, 0x4A, 0x1E},
		.button_bg = {0xFF, 0xFF, 0xFF},
		.button_text = {0x1A, 0x1A, 0x1A},
		.button_border = {0x1A, 0x1A, 0x1A},
		.pressed_bg = {0x1A, 0x1A, 0x1A},
		.pressed_text = {0xFF, 0xFF, 0xFF},
		.highlight_bg = {0xFF, 0xD5, 0x4F},
		.highlight_text = {0x1A, 0x1A, 0x1A},
		.row_reading_bg = {0xFF, 0xEE, 0xBA},
		.focus = {0x00, 0x3D, 0xA5},
	},
	[THEME_YELLOW_ON_BLACK] = {
		.name = "yellow-on-black",
		.bg = {0x00, 0x00, 0x00},
		.text = {0xFF, 0xFF, 0x00},
		.rule = {0xFF, 0xFF, 0x00},
		.button_bg = {0x1C, 0x1C, 0x1C},
		.button_text = {0xFF, 0xFF, 0x00},
		.button_border = {0xFF, 0xFF, 0x00},
		.pressed_bg = {0xFF, 0xFF, 0x00},
		.pressed_text = {0x00, 0x00, 0x00},
		.highlight_bg = {0xFF, 0xFF, 0x00},
		.highlight_text = {0x00, 0x00, 0x00},
		.row_reading_bg = {0x2E, 0x2E, 0x00},
		.focus = {0x00, 0xE5, 0xFF},
	},
	[THEME_WHITE_ON_BLUE] = {
		.name = "white-on-blue",
		.bg = {0x0B, 0x24, 0x5B},
		.text = {0xFF, 0xFF, 0xFF},
		.rule = {0xFF, 0xFF, 0xFF},
		.button_bg = {0x06, 0x17, 0x3D},
		.button_text = {0xFF, 0xFF, 0xFF},
		.button_border = {0xFF, 0xFF, 0xFF},
		.pressed_bg = {0xFF, 0xFF, 0xFF},
		.pressed_text = {0x0B, 0x24, 0x5B},
		.highlight_bg = {0xFF, 0xE0, 0x66},
		.highlight_text = {0x0B, 0x24, 0x5B},
		.row_reading_bg = {0x1A, 0x3A, 0x80},
		.focus = {0xFF, 0xC4, 0x00},
	},
};

const Theme *theme_get(ThemeId id)
{
	return &themes[id < THEME_COUNT ? id : THEME_CREAM];
}

static double channel(unsigned char v)
{
	double c = v / 255.0;
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double theme_luminance(Rgb c)
{
	return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double theme_contrast(Rgb a, Rgb b)
{
	double la = theme_luminance(a), lb = theme_luminance(b);
	double hi = la > lb ? la : lb, lo = la > lb ? lb : la;
	return (hi + 0.05) / (lo + 0.05);
}
