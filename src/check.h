/* check: the content checker behind `kiosk --check [CONTENT_DIR] [--format=json]`.
 *
 * Reads the whole content folder the way the kiosk does (content_open, content_load_all),
 * adds its own rules, and prints one compiler-style line per problem, sorted by file, line
 * and column, then a summary line:
 *
 *   content/en/advocacy.md:12:3: error: picture 'advocat.svg' not found in images/
 *   1 error, 0 warnings in 16 pages (1 language)
 *
 * Errors: everything the loader calls an error; kiosk.ini problems; pictures with no alt
 * text, that cannot be read, or that fail to load (picture_loads hook); pages not reachable
 * from the home page; a language without its home page or without an eSpeak NG voice
 * (voice_exists hook); a page that does not lay out at the largest text size on a
 * 1920x1080 or 1080x1920 screen (a word too long for a line, a row taller than a screen).
 *
 * Recordings (content/audio/<lang>/<page>/<n>.ogg, recording.h): a line before the summary
 * (in JSON, a "recordings" member after "summary") counts, per language, the rows and
 * titles with a recording; warnings name recordings for
 * rows or pages that do not exist, files that cannot be decoded, label files that do not
 * match their row's words (file:line), and recordings far longer or shorter than their
 * text at the kiosk's speed.
 *
 * Warnings (easy-read rules; each can be turned off in kiosk.ini, see CHECK_RULE_NAMES):
 * the loader's warnings, and
 *   sentence_length = 15    a sentence with more words than this
 *   sentences_per_row = 2   a row with more sentences than this
 *   row_picture             a row or button without a picture
 *   emphasis                italics, underline (<u>) or several words in CAPITALS
 *   acronyms                a word in capitals (3+ letters) not explained on its page
 *   number_words            numbers written as words (two..twenty, thirty.., hundred..;
 *                           not "one", which is too often not a number)
 *   hard_words              a bold word with no entry in the glossary
 *   page_length = 3         a page longer than this many screens at the normal text size
 *                           on a 1920x1080 screen (not the hard words page: a reference
 *                           list whose rows are also shown one by one in pop-ups)
 *   reading_ease = 70       English pages whose Flesch reading ease is below this
 *   translations            a page that exists in one language and not in another
 *   (always) a placeholder for the site's details ({contact.phone}...; contact.h) that
 *                           kiosk.ini [contact] does not fill in yet: the kiosk leaves
 *                           its row out until then (an unknown placeholder is an error)
 *   pronouns                a screen after the first (at the normal text size on a
 *                           1920x1080 screen) whose first text row starts with a pronoun
 *                           (it, they, this, these, them...; Polish and Urdu lists too):
 *                           a visitor may arrive on it by Next, so it must stand alone
 *
 *   [check]
 *   sentence_length = off   ; or on, or a number (the limit)
 *
 * An acronym is "explained" on a page when the page (title or any row) has it in
 * brackets, "(NHS)", or says "NHS means", "NHS stands for", "NHS is short for" or "NHS for
 * short", or when it is a word in the glossary. The initials are not matched against the
 * words before the brackets: names like "Social Care Institute for Excellence (SCIE)"
 * skip small words, and other languages order words differently.
 *
 * Core module: no SDL. Text is measured through the caller's LayoutMeasureFn (the kiosk
 * passes SDL_ttf's, tests a fake); loading pictures and finding voices are optional hooks. */
#ifndef CHECK_H
#define CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "layout.h"

/* True when the picture file at path can be decoded (the kiosk tries SDL_image). */
typedef bool (*CheckPictureLoadsFn)(const char *path, void *ctx);
/* True when eSpeak NG has this voice. `voice` is kiosk.ini's voice.<lang> for the language,
 * or else the language code itself (settings_voice). */
typedef bool (*CheckVoiceExistsFn)(const char *voice, void *ctx);

typedef struct {
	LayoutMeasureFn measure; /* NULL: the layout rules are skipped */
	void *measure_ctx;
	/* Called with measure_ctx and the text scale before each layout (render_fit_scripts);
	 * NULL: nothing to do */
	void (*fit_scripts)(void *ctx, double text_scale);
	CheckPictureLoadsFn picture_loads; /* NULL: pictures are only checked to be readable */
	CheckVoiceExistsFn voice_exists;   /* NULL: voices are not checked */
	void *ctx;                         /* passed to picture_loads and voice_exists */
	/* Seconds of a recording (content/audio/, recording.h), < 0 when it cannot be decoded.
	 * NULL: recordings are counted and their labels checked, but not decoded. */
	double (*recording_seconds)(const char *path, void *ctx);
	const char *site_file;             /* site settings file whose [contact] fills the
					    * pages (content_use_site_file), or NULL */
} CheckHooks;

/* The names of the rules that kiosk.ini's [check] section can turn off, NULL-terminated. */
extern const char *const CHECK_RULE_NAMES[];

/* Checks the content folder `dir` and prints the report to out: text lines, or with json
 * one JSON object {"diagnostics": [{file, line, col, severity, message}...], "summary":
 * {errors, warnings, pages, languages}}. hooks may be NULL. Returns the exit code: 0 (no
 * errors; warnings allowed), 1 (errors), 2 (dir cannot be opened as a content folder). */
int check_content(const char *dir, const CheckHooks *hooks, bool json, FILE *out);

/* The text rules, exposed for tests. */
/* English syllables in one word (letters outside a-z are ignored; 0 when there are none). */
int check_syllables(const char *word, size_t len);
/* Flesch reading ease of text: 206.835 - 1.015 words/sentences - 84.6 syllables/words.
 * Sentences end at . ! ? and at the end of text. Returns 100 for text with no words. */
double check_flesch(const char *text);

#endif
