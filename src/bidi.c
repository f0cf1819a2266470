/* bidi: embedding levels and visual order for text that mixes directions (Urdu with digits
 * or English names), so the layout can place words right to left while numbers and Latin
 * names still read as written. FriBidi resolves the levels of a whole paragraph (rules P2
 * to I1, brackets included); the reordering of one line is done here on whole pieces (rule
 * L2), because the layout places pieces, never single characters.
 *
 * Start reading at bidi_levels; bidi_runs is the same thing for one line of plain text. */
#include "bidi.h"

#include <fribidi.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* One code point from s[i..end) (never past end): bad or cut sequences give U+FFFD, a
 * neutral character, and advance one byte. */
static uint32_t decode(const char *s, size_t i, size_t end, size_t *adv)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t left = end - i, n;
	uint32_t cp, min;
	if (u[0] < 0x80) {
		*adv = 1;
		return u[0];
	} else if ((u[0] & 0xE0) == 0xC0) {
		n = 2, cp = u[0] & 0x1Fu, min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		n = 3, cp = u[0] & 0x0Fu, min = 0x800;
	} else if ((u[0] & 0xF8) == 0xF0) {
		n = 4, cp = u[0] & 0x07u, min = 0x10000;
	} else {
		*adv = 1;
		return 0xFFFD;
	}
	*adv = 1;
	if (n > left)
		return 0xFFFD;
	for (size_t k = 1; k < n; k++) {
		if ((u[k] & 0xC0) != 0x80)
			return 0xFFFD;
		cp = (cp << 6) | (u[k] & 0x3Fu);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0xFFFD;
	*adv = n;
	return cp;
}

bool lang_is_rtl(const char *code)
{
	static const char *const rtl[] = {"ur", "ar", "fa", "he", "ps", "sd", "ug", "yi", "dv"};
	if (!code)
		return false;
	/* the language part of "ur", "ur-PK" or "ur_PK" */
	size_t n = strcspn(code, "-_");
	for (size_t i = 0; i < ARRAY_LEN(rtl); i++)
		if (n == 2 && code[0] == rtl[i][0] && code[1] == rtl[i][1])
			return true;
	return false;
}

static bool is_rtl_letter(uint32_t cp)
{
	FriBidiCharType t = fribidi_get_bidi_type(cp);
	/* not FRIBIDI_IS_RTL_LETTER: in FriBidi 1.0.8 that macro lacks parentheses */
	return (t & (FRIBIDI_MASK_LETTER | FRIBIDI_MASK_RTL)) ==
	       (FRIBIDI_MASK_LETTER | FRIBIDI_MASK_RTL);
}

bool bidi_has_rtl(const char *text, size_t len)
{
	size_t i = 0, adv;
	while (i < len) {
		uint32_t cp = decode(text, i, len, &adv);
		/* below U+0590 nothing is written right to left: skip the lookup */
		if (cp >= 0x590 && is_rtl_letter(cp))
			return true;
		i += adv;
	}
	return false;
}

bool bidi_has_arabic(const char *text, size_t len)
{
	size_t i = 0, adv;
	while (i < len) {
		uint32_t cp = decode(text, i, len, &adv);
		bool arabic_block = (cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) ||
		                    (cp >= 0x8A0 && cp <= 0x8FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
		                    (cp >= 0xFE70 && cp <= 0xFEFF);
		if (arabic_block)
			return true;
		i += adv;
	}
	return false;
}

int bidi_levels(const char *text, size_t len, bool rtl, unsigned char *levels)
{
	if (!len)
		return rtl ? 1 : 0;
	/* one code point per byte at most, so len entries are always enough */
	FriBidiChar *cps = xmalloc(len * sizeof(*cps));
	size_t *start = xmalloc(len * sizeof(*start));
	size_t n = 0, i = 0, adv;
	while (i < len) {
		start[n] = i;
		cps[n++] = decode(text, i, len, &adv);
		i += adv;
	}
	FriBidiCharType *types = xmalloc(n * sizeof(*types));
	FriBidiBracketType *brackets = xmalloc(n * sizeof(*brackets));
	FriBidiLevel *lv = xmalloc(n * sizeof(*lv));
	fribidi_get_bidi_types(cps, (FriBidiStrIndex)n, types);
	fribidi_get_bracket_types(cps, (FriBidiStrIndex)n, types, brackets);
	FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	int max = 0;
	if (fribidi_get_par_embedding_levels_ex(types, brackets, (FriBidiStrIndex)n, &base, lv) ==
	    0) {
		/* FriBidi only fails when out of memory: show the text in the base direction */
		for (size_t k = 0; k < n; k++)
			lv[k] = rtl ? 1 : 0;
	}
	for (size_t k = 0; k < n; k++) {
		size_t end = k + 1 < n ? start[k + 1] : len;
		int l = lv[k] < 0 ? 0 : lv[k];
		memset(levels + start[k], l, end - start[k]);
		max = l > max ? l : max;
	}
	free(lv);
	free(brackets);
	free(types);
	free(start);
	free(cps);
	return max;
}

void bidi_reorder(const unsigned char *levels, size_t n, size_t *order)
{
	int high = 0, low_odd = 255;
	for (size_t i = 0; i < n; i++) {
		order[i] = i;
		high = levels[i] > high ? levels[i] : high;
		if ((levels[i] & 1) && levels[i] < low_odd)
			low_odd = levels[i];
	}
	for (int level = high; level >= low_odd; level--) {
		size_t i = 0;
		while (i < n) {
			if (levels[order[i]] < level) {
				i++;
				continue;
			}
			size_t j = i;
			while (j < n && levels[order[j]] >= level)
				j++;
			for (size_t a = i, b = j - 1; a < b; a++, b--) {
				size_t t = order[a];
				order[a] = order[b];
				order[b] = t;
			}
			i = j;
		}
	}
}

size_t bidi_runs(const char *text, size_t len, bool rtl, BidiRun **runs)
{
	*runs = NULL;
	if (!text || !len)
		return 0;
	unsigned char *levels = xmalloc(len);
	bidi_levels(text, len, rtl, levels);
	/* rule L1: white space at the end of the line goes back to the paragraph level */
	for (size_t i = len; i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'); i--)
		levels[i - 1] = rtl ? 1 : 0;
	BidiRun *v = xmalloc(len * sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		size_t j = i + 1;
		while (j < len && levels[j] == levels[i])
			j++;
		v[n++] = (BidiRun){i, j - i, levels[i]};
		i = j;
	}
	unsigned char *run_levels = xmalloc(n);
	size_t *order = xmalloc(n * sizeof(*order));
	for (size_t k = 0; k < n; k++)
		run_levels[k] = (unsigned char)v[k].level;
	bidi_reorder(run_levels, n, order);
	BidiRun *out = xmalloc(n * sizeof(*out));
	for (size_t k = 0; k < n; k++)
		out[k] = v[order[k]];
	free(order);
	free(run_levels);
	free(v);
	free(levels);
	*runs = out;
	return n;
}
