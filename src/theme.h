/* theme: the colour schemes a visitor can choose, and the WCAG contrast maths that proves
 * each pair of colours meets 7:1 for text. Plain data (core): the renderer draws with it,
 * tests check it without a window. */
#ifndef THEME_H
#define THEME_H

#include "settings.h"

typedef struct {
	unsigned char r, g, b;
} Rgb;

typedef struct {
	const char *name;
	Rgb bg;             /* screen background */
	Rgb text;           /* body text and title on bg */
	Rgb rule;           /* line under the title bar (decoration, >= 3:1) */
	Rgb button_bg;      /* buttons' face */
	Rgb button_text;    /* words on buttons */
	Rgb button_border;  /* >= 3:1 against bg (WCAG 1.4.11) */
	Rgb pressed_bg;     /* a button while the finger is down */
	Rgb pressed_text;
	Rgb highlight_bg;   /* band behind the word being spoken */
	Rgb highlight_text;
	Rgb row_reading_bg; /* the row being read */
	Rgb focus;          /* focus ring, >= 3:1 against bg and button_bg */
} Theme;

const Theme *theme_get(ThemeId id);
/* WCAG 2 relative luminance of an sRGB colour, 0..1. */
double theme_luminance(Rgb c);
/* WCAG contrast ratio (lighter + 0.05) / (darker + 0.05), 1..21. */
double theme_contrast(Rgb a, Rgb b);

#endif
