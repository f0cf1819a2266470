/* speech: reads a Narration aloud and says which word is being heard right now. It joins the
 * speech thread (tts), the audio output (audio) and the narration's map back to the screen.
 * The main loop calls speech_update every ~30 ms while speech is active; nothing here
 * blocks. Without eSpeak or a sound device the words are still highlighted at speaking pace
 * (captions-only). Edge module. */
#ifndef SPEECH_H
#define SPEECH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "narrate.h"
#include "recording.h"
#include "tts.h"

typedef struct Speech Speech;

typedef struct {
	int box;       /* the box being read, -1 when none */
	size_t offset; /* the word being heard, a byte range of the box's text (len 0: none) */
	size_t len;
} SpeechHighlight;

/* tts is borrowed (one per process: eSpeak is global) and must outlive the Speech. Opens
 * the audio output. */
Speech *speech_create(Tts *tts);
void speech_destroy(Speech *s); /* NULL is a no-op */
void speech_set_voice(Speech *s, const char *voice);
void speech_set_rate(Speech *s, int wpm);
void speech_set_volume(Speech *s, int percent);
bool speech_has_sound(Speech *s);

/* Records what goes to the audio device (see audio_set_tap). */
void speech_set_tap(Speech *s, void (*tap)(const int16_t *pcm, size_t n, void *ctx), void *ctx);
/* The sound device went away (unplugged USB speakers): stop, and open the output again
 * (or fall back to the dummy driver / captions-only), logged once. */
void speech_audio_lost(Speech *s);
/* Starts reading n (ownership passes to speech), stopping anything being read. */
void speech_say(Speech *s, Narration *n);
/* The same, where refs[i] (one per part; NULL: none) names the recording of part i: those
 * parts play the recording (word highlight from its labels, or the whole row lit), the rest
 * are synthesised, in order, with the same pause after each. Takes ownership of refs (an
 * xcalloc'd array) and its paths. A recording that cannot be played is read by eSpeak NG,
 * with one log line. */
void speech_say_recorded(Speech *s, Narration *n, RecordingRef *refs);
/* Headless (--speak, tests): queues the whole reading now, waiting for synthesis, so the
 * tap sees all of it exactly as the kiosk would play it. */
void speech_feed_all(Speech *s);
uint64_t speech_queued(Speech *s); /* samples queued since the reading started */
/* The words of the reading queued so far, in order: where each starts in the output and
 * where it is on screen (len 0: not on screen, like a picture's description). */
typedef struct {
	size_t part;
	int box;
	size_t char_pos; /* eSpeak: the code point of the part's spoken text */
	size_t offset, len;
	uint64_t sample;
	bool recorded; /* from a recording's labels (or the whole row, without labels) */
} SpeechWord;
size_t speech_words(const Speech *s, const LayoutScreen *screen, SpeechWord *out, size_t max);
/* Starts decoding these recordings in the background (refs: one per narration part, as
 * for speech_say_recorded; ownership passes), so that a tap finds them ready. */
void speech_prefetch(Speech *s, RecordingRef *refs, size_t count);
/* Bytes held by decoded recordings kept for playing again (the cache). */
size_t speech_cache_bytes(const Speech *s);
/* Stops at once: audio cleared, synthesis cancelled. */
void speech_stop(Speech *s);
void speech_pause(Speech *s, bool paused);
bool speech_paused(const Speech *s);
/* Reading or paused. */
bool speech_active(const Speech *s);
/* Advances the reading; fills *hl; returns true when the highlight changed or reading ended. */
bool speech_update(Speech *s, const LayoutScreen *screen, SpeechHighlight *hl);

#endif
