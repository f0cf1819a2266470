/* recording: recorded human speech for rows, found by a naming convention a comms officer
 * can follow without touching the page files:
 *
 *   content/audio/<lang>/<page>/<n>.ogg   (or <n>.wav)
 *   content/audio/<lang>/<page>/<n>.txt   optional Audacity label track, one word a line
 *
 * <page> is the page's file name without ".md" ("home" for home.md, "glossary" for the hard
 * words), <n> is 0 for the title and 1, 2, 3... for the rows in the order they are written
 * (every paragraph, list item, "## heading" and button is one row). A label line is what
 * Audacity's File > Export > Export Labels writes: "start<TAB>end<TAB>word", seconds.
 *
 * This module knows the paths, reads label files, says which label belongs to which word
 * of a row, and checks a content folder's recordings (--check). Decoding the sound is
 * clip.h's job (edge). Core module: no SDL. Start reading at recording_find. */
#ifndef RECORDING_H
#define RECORDING_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"
#include "diag.h"

#define RECORDING_DIR "audio"

/* The files of one recorded row. Both paths are owned (free with recording_ref_free). */
typedef struct {
	char *audio;  /* .ogg or .wav, NULL when the row has no recording */
	char *labels; /* .txt next to it, NULL when there is none */
} RecordingRef;

/* The recording of row n (0: title) of page `page_name` ("home.md" or "home") in
 * language `lang`: content_dir/audio/lang/home/n.ogg, else n.wav. False (ref zeroed) when
 * there is none. */
bool recording_find(const char *content_dir, const char *lang, const char *page_name, int n,
                    RecordingRef *ref);
void recording_ref_free(RecordingRef *ref);

typedef struct {
	double start, end; /* seconds from the start of the recording */
	char *word;        /* owned, as written in the label file */
	int line;          /* 1-based line in the label file */
} RecordingLabel;

typedef struct {
	RecordingLabel *items;
	size_t count;
} RecordingLabels;

/* Parses an Audacity label track (tab or space separated; '.' or ',' as decimal point;
 * Audacity's "\" frequency lines are skipped). Bad lines are warnings naming path:line and
 * are skipped. Returns false only when nothing usable was found. */
bool recording_labels_parse(RecordingLabels *l, const char *path, const char *text, size_t len,
                            DiagList *diags);
/* Reads and parses the file; false (with a warning) when it cannot be read. */
bool recording_labels_load(RecordingLabels *l, const char *path, DiagList *diags);
void recording_labels_free(RecordingLabels *l);

/* The words of a row's text as the screen shows them, separated by spaces: byte ranges.
 * Returns how many (at most max). */
size_t recording_row_words(const char *text, size_t *offs, size_t *lens, size_t max);
/* Whether a label names this word: capitals, and punctuation at either end, are ignored. */
bool recording_word_matches(const char *label, const char *word, size_t len);
/* Warnings for labels that do not fit the row text: wrong word (path:line), labels for
 * more words than the row has, fewer labels than words, times going backwards. */
void recording_check_labels(const RecordingLabels *l, const char *path, const char *row_text,
                            DiagList *diags);

/* Seconds of a recording (decoded by the caller's hook), or < 0 when it cannot be read. */
typedef double (*RecordingSecondsFn)(const char *path, void *ctx);

typedef struct {
	size_t rows;     /* rows and titles in the language */
	size_t recorded; /* of which have a readable recording */
	size_t labelled; /* of which have a label file */
} RecordingStats;

/* Checks content/audio/<lang>/ for one language (pages already loaded): recordings for
 * rows or pages that do not exist, unreadable files (seconds < 0), labels that do not
 * match, recordings far longer or shorter than their text at `wpm` words a minute. The
 * hook may be NULL (lengths and readability are then not checked). */
void recording_check_language(const Content *c, const ContentLanguage *lang, int wpm,
                              RecordingSecondsFn seconds, void *ctx, DiagList *diags,
                              RecordingStats *stats);
/* The length a text should have when read at wpm, and whether `seconds` is far from it
 * (more than twice as long plus 2 s, or less than a third). */
double recording_expected_seconds(const char *text, int wpm);
bool recording_length_odd(double seconds, const char *text, int wpm);

#endif
