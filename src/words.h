/* words: the kiosk's own words (nav buttons, "Page 2 of 3") in the content language, from
 * content/<lang>/words.txt ("key = text" lines). A missing file or key keeps English, so a
 * new language works before its words are translated. Core module: no SDL. */
#ifndef WORDS_H
#define WORDS_H

#include <stdbool.h>

#include "diag.h"

#define WORDS_MAX 64

/* Plural forms, by their CLDR names. A word with a number in it can have a form for each:
 * "warning_countdown.one", ".two", ".few", ".many"; the plain key is every other number. Which
 * form a number takes is the language's rules in words.txt: "plural_one = n = 1",
 * "plural_few = n % 10 = 2..4 and n % 100 != 12..14" (Polish: 2, 3, 4, 22... but not 12). */
typedef enum { PLURAL_ONE, PLURAL_TWO, PLURAL_FEW, PLURAL_MANY, PLURAL_FORMS, PLURAL_OTHER = PLURAL_FORMS } PluralForm;

typedef struct {
	char home[WORDS_MAX], back[WORDS_MAX], next[WORDS_MAX], listen[WORDS_MAX], stop[WORDS_MAX];
	char pause[WORDS_MAX], go_on[WORDS_MAX], again[WORDS_MAX], settings[WORDS_MAX];
	char language[WORDS_MAX], page_of[WORDS_MAX], name[WORDS_MAX];
	char help[WORDS_MAX];            /* the bar's Help: opens the help page ([help] page) */
	bool rtl;                        /* the language is written right to left: an arrow back
					  * points right (set by the kiosk, not read from words.txt) */
	char close[WORDS_MAX], hard_word_prompt[WORDS_MAX]; /* "Close", "What does this mean" */
	char in_default[WORDS_MAX * 2]; /* "This page is in English." (in that language) */
	/* The kiosk's own screens. "**" marks bold as in pages; "%d" where a number goes. */
	char attract_touch[WORDS_MAX * 2], attract_switch[WORDS_MAX * 2], attract_listen[WORDS_MAX * 2];
	char warning_title[WORDS_MAX * 2], warning_touch[WORDS_MAX * 2], warning_countdown[WORDS_MAX * 3];
	char warning_countdown_forms[PLURAL_FORMS][WORDS_MAX * 3]; /* "" = use warning_countdown */
	char plural_rule[PLURAL_FORMS][WORDS_MAX * 2];             /* "" = no number takes the form */
	char sorry_title[WORDS_MAX], sorry_text[WORDS_MAX * 2], sorry_help[WORDS_MAX * 2];
	char text_size[WORDS_MAX], size_words[3][WORDS_MAX], colours[WORDS_MAX], theme_words[3][WORDS_MAX];
	char speech[WORDS_MAX], on[WORDS_MAX], off[WORDS_MAX], read_on_open[WORDS_MAX * 2];
	char yes[WORDS_MAX], no[WORDS_MAX], speed[WORDS_MAX], rate_words[3][WORDS_MAX];
	char louder[WORDS_MAX], quieter[WORDS_MAX], volume_of[WORDS_MAX], switch_speed[WORDS_MAX * 2];
	char done[WORDS_MAX * 2];
	/* Settings' pairs: the two ends of a range, and what a button says at its end */
	char smaller[WORDS_MAX], larger[WORDS_MAX], smallest[WORDS_MAX], largest[WORDS_MAX];
	char slower[WORDS_MAX], faster[WORDS_MAX], slowest[WORDS_MAX], fastest[WORDS_MAX];
	char quietest[WORDS_MAX], loudest[WORDS_MAX], now[WORDS_MAX];
	char more_next[WORDS_MAX * 2]; /* said at the end of a screen with Next */
	/* Take it home, print, call a person (share.c) */
	char take_home[WORDS_MAX], point_camera[WORDS_MAX * 2], print[WORDS_MAX], printing[WORDS_MAX * 2];
	char print_failed[WORDS_MAX * 3], back_to_page[WORDS_MAX], help_call[WORDS_MAX * 2];
	char help_calling[WORDS_MAX * 2], help_coming[WORDS_MAX * 2], help_desk[WORDS_MAX * 2];
	/* Ways in (#19): dwell and switch settings, the walk-up dwell question, scan paused. */
	char dwell[WORDS_MAX * 2], dwell_off[WORDS_MAX], switches[WORDS_MAX];
	char switches_one[WORDS_MAX * 2], switches_two[WORDS_MAX * 2], scan_labels[WORDS_MAX * 2];
	char scan_paused[WORDS_MAX * 2], dwell_offer_title[WORDS_MAX * 2];
	char dwell_offer_text[WORDS_MAX * 3], dwell_offer_yes[WORDS_MAX * 2], dwell_offer_no[WORDS_MAX];
} Words;

void words_defaults(Words *w);
/* Reads path over the current words; missing file: true, nothing changes. Unknown keys and
 * a page_of without two %d are warnings naming path:line. */
bool words_load(Words *w, const char *path, DiagList *diags);
/* The plural form the language's rules give the whole number n (PLURAL_OTHER when no rule
 * says otherwise). */
PluralForm words_plural(const Words *w, long n);
/* The "In %d seconds ..." format for this many seconds, in the right plural form: "Za %d
 * sekundy" for 3 in Polish, "Za %d sekund" for 5, "In %d second" for 1 in English. It has
 * exactly one %d (checked when loaded). */
const char *words_countdown(const Words *w, int seconds);
/* Whether rule is a plural rule the kiosk understands: conditions "n = 1", "n % 10 = 2..4",
 * "n != 0", "n % 100 != 12..14, 20" joined by "and" and "or" ("and" binds first), as in CLDR. */
bool words_plural_rule_valid(const char *rule);

#endif
