/* audio: SDL's queued audio (SDL_QueueAudio) is enough for speech: the main loop pushes PCM a
 * little ahead and reads back how much is still queued. What has been heard is
 *   queued total - still queued - one device buffer,
 * measured here to within a few ms of the real position (see shared notes). Without a device
 * the same numbers come from a clock, so the rest of the kiosk never needs to know. */
#include "audio.h"

#include <SDL.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct Audio {
	SDL_AudioDeviceID dev; /* 0: no device, clock mode */
	int rate;
	int device_buffer;     /* samples held by the device beyond the queue */
	uint64_t queued_total;
	int volume;
	bool paused;
	/* clock mode */
	uint64_t clock_start;  /* performance counter when playing (re)started */
	uint64_t clock_played; /* samples counted before the last pause */
	uint64_t drain_start;  /* performance counter when the queue was first seen empty; 0 = not */
	int16_t *scratch;
	size_t scratch_cap;
	AudioTap tap;
	void *tap_ctx;
};

static SDL_AudioDeviceID open_device(int rate, int *buffer)
{
	SDL_AudioSpec want = {.freq = rate, .format = AUDIO_S16SYS, .channels = 1, .samples = 1024};
	SDL_AudioSpec have;
	SDL_AudioDeviceID dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
	if (dev)
		*buffer = have.samples;
	return dev;
}

Audio *audio_create(int sample_rate)
{
	Audio *a = xcalloc(1, sizeof(*a));
	a->rate = sample_rate > 0 ? sample_rate : 22050;
	a->volume = 100;
	if (SDL_InitSubSystem(SDL_INIT_AUDIO) == 0) {
		a->dev = open_device(a->rate, &a->device_buffer);
		if (!a->dev) {
			log_warn("no sound device (%s): speech is shown as highlighted words only", SDL_GetError());
			/* Keep the real-time behaviour (and the code path) with SDL's dummy driver. */
			SDL_AudioQuit();
			if (SDL_AudioInit("dummy") == 0)
				a->dev = open_device(a->rate, &a->device_buffer);
		} else {
			log_info("sound: %s", SDL_GetCurrentAudioDriver());
		}
	} else {
		log_warn("no sound (%s): speech is shown as highlighted words only", SDL_GetError());
	}
	if (a->dev)
		SDL_PauseAudioDevice(a->dev, 0);
	a->clock_start = SDL_GetPerformanceCounter();
	return a;
}

void audio_destroy(Audio *a)
{
	if (!a)
		return;
	if (a->dev)
		SDL_CloseAudioDevice(a->dev);
	SDL_QuitSubSystem(SDL_INIT_AUDIO);
	free(a->scratch);
	free(a);
}

bool audio_has_device(const Audio *a)
{
	return a->dev != 0;
}

void audio_queue(Audio *a, const int16_t *pcm, size_t n)
{
	if (n == 0)
		return;
	if (a->scratch_cap < n) {
		a->scratch_cap = n;
		a->scratch = xrealloc(a->scratch, n * sizeof(int16_t));
	}
	for (size_t i = 0; i < n; i++)
		a->scratch[i] = (int16_t)((int32_t)pcm[i] * a->volume / 100);
	if (a->dev)
		SDL_QueueAudio(a->dev, a->scratch, (Uint32)(n * sizeof(int16_t)));
	if (a->tap)
		a->tap(a->scratch, n, a->tap_ctx);
	a->queued_total += n;
}

static uint64_t clock_now(const Audio *a)
{
	if (a->paused)
		return a->clock_played;
	uint64_t ticks = SDL_GetPerformanceCounter() - a->clock_start;
	return a->clock_played + ticks * (uint64_t)a->rate / SDL_GetPerformanceFrequency();
}

void audio_clear(Audio *a)
{
	if (a->dev)
		SDL_ClearQueuedAudio(a->dev);
	a->queued_total = 0;
	a->clock_played = 0;
	a->drain_start = 0;
	a->clock_start = SDL_GetPerformanceCounter();
}

void audio_pause(Audio *a, bool paused)
{
	if (paused == a->paused)
		return;
	if (paused)
		a->clock_played = clock_now(a);
	else
		a->clock_start = SDL_GetPerformanceCounter();
	a->paused = paused;
	if (a->dev)
		SDL_PauseAudioDevice(a->dev, paused ? 1 : 0);
}

bool audio_paused(const Audio *a)
{
	return a->paused;
}

uint64_t audio_played(Audio *a)
{
	uint64_t played;
	if (a->dev) {
		uint64_t still = SDL_GetQueuedAudioSize(a->dev) / sizeof(int16_t);
		uint64_t out = still + (uint64_t)a->device_buffer;
		played = a->queued_total > out ? a->queued_total - out : 0;
		/* Once the queue is empty, the device's own buffer still plays: count it down by
		 * the clock from the moment the queue ran dry. */
		if (still == 0 && a->queued_total > 0 && !a->paused) {
			uint64_t now = SDL_GetPerformanceCounter();
			if (a->drain_start == 0)
				a->drain_start = now;
			played += (now - a->drain_start) * (uint64_t)a->rate / SDL_GetPerformanceFrequency();
		} else if (still > 0) {
			a->drain_start = 0;
		}
	} else {
		played = clock_now(a);
	}
	return played < a->queued_total ? played : a->queued_total;
}

uint64_t audio_queued_total(const Audio *a)
{
	return a->queued_total;
}

void audio_set_tap(Audio *a, AudioTap tap, void *ctx)
{
	a->tap = tap;
	a->tap_ctx = ctx;
}

void audio_set_volume(Audio *a, int percent)
{
	a->volume = percent < 0 ? 0 : percent > 100 ? 100 : percent;
}

int audio_volume(const Audio *a)
{
	return a->volume;
}
