/* audio: plays speech PCM through SDL's audio queue and says how much has been heard, which
 * is what moves the word highlight. With no sound card it falls back to SDL's "dummy" driver
 * (which drains in real time), and if even that fails, to a clock: the kiosk then highlights
 * at speaking pace without sound (captions-only). Edge module (SDL). */
#ifndef AUDIO_H
#define AUDIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Audio Audio;

/* Opens the output for 16-bit mono PCM at sample_rate. Never NULL (see above); the reason
 * for no sound is logged once. */
Audio *audio_create(int sample_rate);
void audio_destroy(Audio *a); /* NULL is a no-op */
/* True when a real device (not the clock) plays the samples. */
bool audio_has_device(const Audio *a);
/* Appends samples, scaled by the volume. */
void audio_queue(Audio *a, const int16_t *pcm, size_t n);
/* Stops at once and forgets everything queued; played and queued counts restart at 0. */
void audio_clear(Audio *a);
void audio_pause(Audio *a, bool paused);
bool audio_paused(const Audio *a);
/* Samples heard since the last clear (never more than queued). */
uint64_t audio_played(Audio *a);
uint64_t audio_queued_total(const Audio *a);
/* A recorder that sees every sample exactly as it goes to the device (after the volume), for
 * tests and diagnostics. NULL removes it. */
typedef void (*AudioTap)(const int16_t *pcm, size_t n, void *ctx);
void audio_set_tap(Audio *a, AudioTap tap, void *ctx);
/* Volume in percent, 0..100 (linear gain; each halving is 6 dB). */
void audio_set_volume(Audio *a, int percent);
int audio_volume(const Audio *a);

#endif
