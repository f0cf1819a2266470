/* bidi: the order in which text of mixed direction is shown. SDL_ttf shapes one run of one
 * direction at a time and knows nothing of the Unicode bidirectional algorithm, so "25"
 * inside Urdu would come out as "52". This module asks FriBidi for the embedding level of
 * every character of a paragraph (odd = right to left), and puts runs of one level into
 * visual order (rule L2). Layout cuts words into pieces at level changes and places the
 * pieces of each line in that order; the renderer shapes each piece in its own direction.
 * Core module: no SDL. Start reading at bidi_levels. */
#ifndef BIDI_H
#define BIDI_H

#include <stdbool.h>
#include <stddef.h>

/* A run of text with one embedding level. */
typedef struct {
	size_t offset, len; /* byte range in the text (logical) */
	int level;          /* odd: right to left */
} BidiRun;

/* True when the language (a code such as "ur" or "ur-PK") is written right to left:
 * ur, ar, fa, he, ps, sd, ug, yi, dv. NULL or unknown: false. */
bool lang_is_rtl(const char *code);

/* True when text[0..len) (UTF-8) holds a right-to-left letter (Arabic, Hebrew, Thaana...):
 * only then does a left-to-right paragraph need reordering. */
bool bidi_has_rtl(const char *text, size_t len);

/* True when text[0..len) holds a character of the Arabic script: letters, Arabic digits
 * (۲۵) or Arabic punctuation (، ؟ ۔). The renderer sets such text in an Arabic font with
 * script "Arab" (Atkinson Hyperlegible has none of them). */
bool bidi_has_arabic(const char *text, size_t len);

/* Resolves the embedding level of every byte of text[0..len) (UTF-8; all bytes of one code
 * point get its level; bad bytes count as one neutral character) in a paragraph of base
 * direction rtl, into levels[0..len) (the caller's array). Returns the highest level. */
int bidi_levels(const char *text, size_t len, bool rtl, unsigned char *levels);

/* Visual order of n items with the given levels, in logical order (rule L2: from the
 * highest level down to the lowest odd one, reverse every run at that level or higher).
 * Fills order[0..n) with logical indices from left to right on the screen. */
void bidi_reorder(const unsigned char *levels, size_t n, size_t *order);

/* Splits one line text[0..len) into runs of one level, in visual order (left to right on
 * the screen); the characters inside a run stay in logical order (the shaper reverses a
 * right-to-left run itself, and a run of digits stays as written). Returns the number of
 * runs; *runs is owned by the caller (free()), NULL when there are none. */
size_t bidi_runs(const char *text, size_t len, bool rtl, BidiRun **runs);

#endif
