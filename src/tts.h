/* tts: text to speech with eSpeak NG. eSpeak is process-global and not reentrant, so one
 * thread, started here, owns every eSpeak call for the whole process (initialise once, never
 * terminate and re-initialise: that hangs). Callers send requests (say these texts, cancel,
 * set voice or rate) and take back 16-bit mono PCM and word events; nothing here ever makes
 * the caller wait on synthesis, except tts_wait, which the headless --speak mode and tests
 * use. Edge module (eSpeak). Start reading at tts_say. */
#ifndef TTS_H
#define TTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Tts Tts;

/* Silence between the texts of one utterance (title, rows, page number); the player puts
 * the same pause before and after a recorded row (speech.c), so every row is followed by
 * the same pause whoever reads it. */
#define TTS_PAUSE_MS 600

/* A word being spoken, in one text of a request. */
typedef struct {
	int segment;        /* index of the text in tts_say's list */
	size_t char_pos;    /* 0-based index in code points into that text */
	uint64_t sample;    /* audio sample of the utterance where the word starts */
} TtsWord;

/* Starts the speech thread; eSpeak initialises on it. Never NULL: when eSpeak cannot start,
 * tts_available() turns false (logged once) and requests produce no audio. */
Tts *tts_create(void);
/* Stops the thread (cancelling any synthesis). NULL is a no-op. */
void tts_destroy(Tts *t);
/* Blocks until eSpeak finished initialising; returns whether speech is available. */
bool tts_wait_ready(Tts *t);
bool tts_available(Tts *t);
int tts_sample_rate(Tts *t); /* 22050 with eSpeak NG 1.51 */

/* eSpeak voice name ("en", "pl", "ur"). An unknown voice falls back to "en", logged once per
 * name. Applies to the next tts_say. */
void tts_set_voice(Tts *t, const char *voice);
/* Whether eSpeak NG has a voice of this name (asked on the speech thread; blocks briefly). */
bool tts_voice_exists(Tts *t, const char *voice);
/* Words per minute, clamped to 80..450 (eSpeak checks nothing). Applies to the next say. */
void tts_set_rate(Tts *t, int wpm);

/* Starts a new utterance of `count` UTF-8 texts, spoken one after the other; cancels the
 * previous one at once (its audio and words are dropped). The texts are copied. Returns the
 * utterance id (never 0). */
uint32_t tts_say(Tts *t, const char *const *texts, size_t count);
/* Like tts_say, with a voice per text (voices may be NULL, or hold NULL for "the voice set
 * by tts_set_voice"). */
uint32_t tts_say_voices(Tts *t, const char *const *texts, const char *const *voices, size_t count);
/* Cancels the current utterance: synthesis stops within one eSpeak callback (<1 ms). */
void tts_cancel(Tts *t);

/* Moves up to max synthesised samples of utterance `id` into out; returns how many. */
size_t tts_take_audio(Tts *t, uint32_t id, int16_t *out, size_t max);
/* Takes the next word event of utterance `id`; false when none is ready. */
bool tts_take_word(Tts *t, uint32_t id, TtsWord *out);
/* True when utterance `id` is fully synthesised (or cancelled) and all its audio was taken. */
bool tts_finished(Tts *t, uint32_t id);
/* Blocks until utterance `id` is fully synthesised (for --speak and tests). */
void tts_wait(Tts *t, uint32_t id);

#endif
