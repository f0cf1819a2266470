/* clip: a recorded row made ready to play next to eSpeak NG's speech: decoded (Ogg Vorbis
 * with libvorbisfile, WAV with SDL_LoadWAV), mixed down to mono, resampled to the output
 * rate (SDL_AudioStream), trimmed of the silence the recorder left at both ends,
 * normalised to the loudness of eSpeak NG's voice, so the two never jump in volume, and
 * made slower or faster with the speed setting, keeping the voice's pitch (Rubber Band).
 * Edge module (SDL, libvorbisfile, librubberband). Start at clip_load. */
#ifndef CLIP_H
#define CLIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The loudness of eSpeak NG 1.51's voice at volume 100: RMS of its 20 ms frames that are
 * louder than a tenth of the loudest (speech, not pauses), measured on English rows at
 * 120-200 wpm: 3124-3531, so 3300 (about -20 dBFS). */
#define CLIP_SPEECH_RMS 3300.0

typedef struct {
	int16_t *pcm; /* owned: mono samples at rate, silence at the ends trimmed */
	size_t count;
	int rate;
	double trimmed_s;      /* seconds cut from the start (label times move back by this) */
	double source_seconds; /* the file's own length */
	double gain;           /* what the normalisation multiplied by */
	double stretch;        /* length over the recording's own (1: its own speed) */
} Clip;

/* Decodes path into clip at `rate` Hz. On failure returns false, clip zeroed, and a short
 * reason in why ("not an Ogg Vorbis file", ...). */
bool clip_load(Clip *clip, const char *path, int rate, char *why, size_t why_len);
void clip_free(Clip *clip); /* frees the samples; NULL is a no-op */
/* Changes the clip's speed, keeping its pitch (Rubber Band's offline time-stretcher):
 * ratio is the new length over the old (1.2: 20% slower). The kiosk's speed setting applies
 * to recordings this way. False (clip unchanged) if Rubber Band fails. */
bool clip_stretch(Clip *clip, double ratio);
/* The length of the file in seconds, or -1 when it cannot be decoded (for --check). */
double clip_file_seconds(const char *path);
/* The active-speech level used for normalising (see CLIP_SPEECH_RMS), for tests. */
double clip_speech_rms(const int16_t *pcm, size_t n, int rate);

#endif
