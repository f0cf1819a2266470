/* narrate: what the kiosk says for a screen, built from the same layout boxes the renderer
 * draws, so what is heard always matches what is seen. It also applies the per-language
 * pronunciation list (content/<lang>/pronounce.txt) to the text given to eSpeak, while keeping a
 * map from every spoken character back to the byte on screen: the highlight lands on the word
 * shown ("SCIE"), even when eSpeak is given "skee". Core module: no SDL, no eSpeak. */
#ifndef NARRATE_H
#define NARRATE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "layout.h"

typedef struct {
	char *from; /* as written on screen: "SCIE" (whole words, case-sensitive) */
	char *to;   /* as eSpeak should say it: "skee" */
} PronounceEntry;

typedef struct {
	PronounceEntry *items;
	size_t count;
} Pronounce;

/* Reads "word or phrase = how to say it" lines ('#' starts a comment). A missing file is an
 * empty list (returns true); bad lines are warnings naming file:line. */
bool pronounce_load(Pronounce *p, const char *path, DiagList *diags);
void pronounce_free(Pronounce *p);

typedef struct {
	int box;          /* index into the screen's boxes */
	bool is_alt;      /* the picture's description, spoken before the row's words */
	char *spoken;     /* UTF-8 text for eSpeak */
	size_t *map;      /* per code point of spoken: byte offset in the box's text, or (size_t)-1 */
	size_t spoken_chars;
	char *voice;      /* eSpeak voice for this part, or NULL: the language's voice */
} NarrationPart;

typedef struct {
	NarrationPart *parts;
	size_t count;
} Narration;

typedef struct {
	bool read_alt;              /* speak pictures' descriptions first (kiosk.ini, default off) */
	const Pronounce *pronounce; /* may be NULL */
	/* Said last on a screen that has a Next button ("Touch Next to hear more", words.txt
	 * more_next); NULL or "": nothing. */
	const char *more_hint;
} NarrationOptions;

/* Title, then each row and button in order, then "Page 2 of 3" when there is one, then the
 * more_hint (a part with box -1) when the screen has an enabled Next button. Caller
 * frees with narration_destroy. */
Narration *narration_screen(const LayoutScreen *screen, const NarrationOptions *opt);
/* The screen's narration from box first_box on (parts of earlier boxes left out): a reading
 * that the idle warning cut short goes on from the row it was in. */
Narration *narration_screen_from(const LayoutScreen *screen, int first_box, const NarrationOptions *opt);
/* One box only (a tapped row). */
Narration *narration_box(const LayoutScreen *screen, int box, const NarrationOptions *opt);
/* Speaks part `part` with another voice (a language's own name on the language screen). */
void narration_set_voice(Narration *n, size_t part, const char *voice);
/* Words not on screen (a scan label, a hint, the idle warning): one part, box -1. */
Narration *narration_text(const char *text, const NarrationOptions *opt);
void narration_destroy(Narration *n); /* NULL is a no-op */
/* The on-screen word for a spoken character position of a part: the whole word (glued pieces
 * included) as a byte range of the box's text. False for descriptions and inserted text. */
bool narration_word(const Narration *n, const LayoutScreen *screen, size_t part, size_t char_pos,
		    size_t *offset, size_t *len);

#endif
