/* words: the kiosk's own words (nav buttons, "Page 2 of 3") in the content language, from
 * content/<lang>/words.txt ("key = text" lines). A missing file or key keeps English, so a
 * new language works before its words are translated. Core module: no SDL. */
#ifndef WORDS_H
#define WORDS_H

#include <stdbool.h>

#include "diag.h"

#define WORDS_MAX 64

typedef struct {
	char home[WORDS_MAX], back[WORDS_MAX], next[WORDS_MAX], listen[WORDS_MAX], stop[WORDS_MAX];
	char pause[WORDS_MAX], go_on[WORDS_MAX], again[WORDS_MAX], settings[WORDS_MAX];
	char language[WORDS_MAX], page_of[WORDS_MAX], name[WORDS_MAX];
	char close[WORDS_MAX], hard_word_prompt[WORDS_MAX]; /* "Close", "What does this mean" */
	char in_default[WORDS_MAX * 2]; /* "This page is in English." (in that language) */
} Words;

void words_defaults(Words *w);
/* Reads path over the current words; missing file: true, nothing changes. Unknown keys and
 * a page_of without two %d are warnings naming path:line. */
bool words_load(Words *w, const char *path, DiagList *diags);

#endif
