/* tts: the speech thread. Why a thread and a queue: eSpeak NG is global and crashes when two
 * threads use it (setting a voice while synthesising segfaulted 10 of 10 times here), and the
 * kiosk's frame loop must never wait for synthesis. So:
 *
 *   main thread  --tts_say/tts_cancel/tts_set_*-->  [Tts, mutex]  <--PCM, words--  speech thread
 *
 * Synthesis runs in eSpeak's synchronous mode; the callback appends PCM and WORD events to the
 * current utterance under the mutex and returns 1 (stop now) when the utterance was cancelled,
 * which ends synthesis at once (espeak_Cancel does nothing in this mode). Start at tts_thread. */
#include "tts.h"

#include "config.h"

#include <espeak-ng/speak_lib.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Silence put between the texts of one utterance (title, rows, page number): people with a
 * learning disability follow speech better with a clear pause where a new line starts, and
 * eSpeak itself leaves only 40-95 ms there. */
#define PAUSE_MS TTS_PAUSE_MS

struct Tts {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;  /* the thread: a request came */
	pthread_cond_t done;  /* callers of tts_wait / tts_wait_ready */
	bool started, ready, available, quit;
	int sample_rate;
	/* Requests (written by callers, read by the thread). */
	char voice[64];
	int rate;
	bool settings_changed;
	uint32_t next_id;
	uint32_t want_id;     /* the utterance to synthesise; 0 = none */
	char **texts;
	char **voices;        /* per text, NULL entries: the current voice */
	size_t text_count;
	/* The utterance being synthesised, and its output. */
	uint32_t cur_id;
	bool cur_complete;    /* synthesis of cur_id ended (finished or cancelled) */
	int cur_segment;
	uint64_t seg_base;    /* samples before the current segment */
	int16_t *pcm;
	size_t pcm_len, pcm_cap, pcm_taken;
	TtsWord *words;
	size_t word_len, word_cap, word_taken;
	char ask_voice[64];    /* tts_voice_exists: the question, and the answer below */
	int ask_state;         /* 0 none, 1 asked, 2 answered */
	bool ask_answer;
	char failed_voices[8][64];
	int failed_count;
};

static void free_texts(char **texts, size_t n)
{
	if (!texts)
		return;
	for (size_t i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
}

/* eSpeak's synchronous callback, on the speech thread. */
static int synth_callback(short *wav, int n, espeak_EVENT *events)
{
	Tts *t = events ? events->user_data : NULL;
	if (!t)
		return 0;
	pthread_mutex_lock(&t->lock);
	bool cancelled = t->quit || t->want_id != t->cur_id;
	if (!cancelled) {
		for (espeak_EVENT *e = events; e->type != espeakEVENT_LIST_TERMINATED; e++) {
			if (e->type != espeakEVENT_WORD || e->text_position < 1)
				continue;
			if (t->word_len == t->word_cap) {
				t->word_cap = t->word_cap ? t->word_cap * 2 : 256;
				t->words = xrealloc(t->words, t->word_cap * sizeof(TtsWord));
			}
			t->words[t->word_len++] = (TtsWord){t->cur_segment, (size_t)(e->text_position - 1),
							    t->seg_base + (uint64_t)(e->sample > 0 ? e->sample : 0)};
		}
		if (wav && n > 0) {
			if (t->pcm_len + (size_t)n > t->pcm_cap) {
				while (t->pcm_len + (size_t)n > t->pcm_cap)
					t->pcm_cap = t->pcm_cap ? t->pcm_cap * 2 : 65536;
				t->pcm = xrealloc(t->pcm, t->pcm_cap * sizeof(int16_t));
			}
			memcpy(t->pcm + t->pcm_len, wav, (size_t)n * sizeof(int16_t));
			t->pcm_len += (size_t)n;
		}
	}
	pthread_mutex_unlock(&t->lock);
	return cancelled ? 1 : 0;
}

/* With the lock held: n samples of silence at the end of the current output. */
static void append_silence(Tts *t, size_t n)
{
	if (t->pcm_len + n > t->pcm_cap) {
		while (t->pcm_len + n > t->pcm_cap)
			t->pcm_cap = t->pcm_cap ? t->pcm_cap * 2 : 65536;
		t->pcm = xrealloc(t->pcm, t->pcm_cap * sizeof(int16_t));
	}
	memset(t->pcm + t->pcm_len, 0, n * sizeof(int16_t));
	t->pcm_len += n;
}

static bool voice_failed_before(Tts *t, const char *voice)
{
	for (int i = 0; i < t->failed_count; i++)
		if (strcmp(t->failed_voices[i], voice) == 0)
			return true;
	return false;
}

/* On the speech thread, with the lock NOT held (eSpeak calls can take milliseconds). */
static void apply_settings(Tts *t, const char *voice, int rate)
{
	if (espeak_SetVoiceByName(voice) != EE_OK) {
		pthread_mutex_lock(&t->lock);
		bool first = !voice_failed_before(t, voice);
		if (first && t->failed_count < 8)
			snprintf(t->failed_voices[t->failed_count++], sizeof(t->failed_voices[0]), "%s", voice);
		pthread_mutex_unlock(&t->lock);
		if (first)
			log_warn("no eSpeak NG voice '%s' on this machine, speaking with the English voice", voice);
		espeak_SetVoiceByName("en");
	}
	espeak_SetParameter(espeakRATE, rate, 0);
}

/* eSpeak may be initialised once per process (a second Initialize after Terminate hangs), so
 * the one Tts that may exist is remembered here: the only global, forced by the library. */
static pthread_mutex_t espeak_owner_lock = PTHREAD_MUTEX_INITIALIZER;
static bool espeak_owned;
static int espeak_rate; /* 0: never initialised; once set, eSpeak stays up for the process */

static void *tts_thread(void *arg)
{
	Tts *t = arg;
	pthread_mutex_lock(&espeak_owner_lock);
	bool first = !espeak_owned;
	espeak_owned = true;
	int rate = -1;
	if (first && espeak_rate == 0)
		espeak_rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, espeakINITIALIZE_DONT_EXIT);
	if (first)
		rate = espeak_rate;
	else
		log_error("a second speech engine was started in one process; eSpeak NG allows only one");
	pthread_mutex_unlock(&espeak_owner_lock);
	pthread_mutex_lock(&t->lock);
	t->ready = true;
	t->available = rate > 0;
	t->sample_rate = rate > 0 ? rate : 22050;
	pthread_cond_broadcast(&t->done);
	pthread_mutex_unlock(&t->lock);
	if (rate <= 0) {
		log_warn("eSpeak NG could not start (is espeak-ng-data installed?): the kiosk will "
			 "highlight words without sound");
		return NULL;
	}
	espeak_SetSynthCallback(synth_callback);
	char voice[64] = "en";
	int wpm = CONFIG_RATE_NORMAL;
	apply_settings(t, voice, wpm);
	for (;;) {
		pthread_mutex_lock(&t->lock);
		while (!t->quit && t->ask_state != 1 && (t->want_id == 0 || t->want_id == t->cur_id))
			pthread_cond_wait(&t->wake, &t->lock);
		if (t->quit) {
			pthread_mutex_unlock(&t->lock);
			break;
		}
		if (t->ask_state == 1) {
			char ask[64];
			snprintf(ask, sizeof(ask), "%s", t->ask_voice);
			pthread_mutex_unlock(&t->lock);
			/* Selecting the voice is the only reliable test; the next say re-applies ours. */
			bool ok = espeak_SetVoiceByName(ask) == EE_OK;
			pthread_mutex_lock(&t->lock);
			t->ask_answer = ok;
			t->ask_state = 2;
			t->settings_changed = true;
			pthread_cond_broadcast(&t->done);
			pthread_mutex_unlock(&t->lock);
			continue;
		}
		/* Take the request: a fresh output buffer for the new utterance. */
		t->cur_id = t->want_id;
		t->cur_complete = false;
		t->pcm_len = t->pcm_taken = 0;
		t->word_len = t->word_taken = 0;
		t->seg_base = 0;
		char **texts = t->texts, **voices = t->voices;
		size_t count = t->text_count;
		t->texts = NULL;
		t->voices = NULL;
		t->text_count = 0;
		bool changed = t->settings_changed;
		t->settings_changed = false;
		snprintf(voice, sizeof(voice), "%s", t->voice);
		wpm = t->rate;
		uint32_t id = t->cur_id;
		pthread_mutex_unlock(&t->lock);

		if (changed)
			apply_settings(t, voice, wpm);
		bool other_voice = false;
		for (size_t i = 0; i < count; i++) {
			/* A part in another language: its voice, then back to ours. */
			const char *want = voices && voices[i] ? voices[i] : NULL;
			if (want || other_voice)
				apply_settings(t, want ? want : voice, wpm);
			other_voice = want != NULL;
			pthread_mutex_lock(&t->lock);
			bool stop = t->quit || t->want_id != id;
			if (!stop && i > 0)
				append_silence(t, (size_t)t->sample_rate * PAUSE_MS / 1000);
			t->cur_segment = (int)i;
			t->seg_base = t->pcm_len;
			pthread_mutex_unlock(&t->lock);
			if (stop)
				break;
			espeak_Synth(texts[i], strlen(texts[i]) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, t);
		}
		if (other_voice)
			apply_settings(t, voice, wpm);
		free_texts(texts, count);
		free_texts(voices, count);
		pthread_mutex_lock(&t->lock);
		if (t->cur_id == id)
			t->cur_complete = true;
		pthread_cond_broadcast(&t->done);
		pthread_mutex_unlock(&t->lock);
	}
	/* eSpeak stays initialised until the process ends: Terminate can hang (see notes). Let a
	 * later Tts in this process (tests) use it again from its own thread. */
	pthread_mutex_lock(&espeak_owner_lock);
	espeak_owned = false;
	pthread_mutex_unlock(&espeak_owner_lock);
	return NULL;
}

Tts *tts_create(void)
{
	Tts *t = xcalloc(1, sizeof(*t));
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->wake, NULL);
	pthread_cond_init(&t->done, NULL);
	snprintf(t->voice, sizeof(t->voice), "%s", "en");
	t->rate = 160;
	t->sample_rate = 22050;
	t->next_id = 1;
	if (pthread_create(&t->thread, NULL, tts_thread, t) != 0) {
		log_warn("cannot start the speech thread: the kiosk will highlight words without sound");
		t->ready = true;
	} else {
		t->started = true;
	}
	return t;
}

void tts_destroy(Tts *t)
{
	if (!t)
		return;
	pthread_mutex_lock(&t->lock);
	t->quit = true;
	pthread_cond_broadcast(&t->wake);
	pthread_mutex_unlock(&t->lock);
	if (t->started)
		pthread_join(t->thread, NULL);
	free_texts(t->texts, t->text_count);
	free_texts(t->voices, t->text_count);
	free(t->pcm);
	free(t->words);
	pthread_cond_destroy(&t->wake);
	pthread_cond_destroy(&t->done);
	pthread_mutex_destroy(&t->lock);
	free(t);
}

bool tts_wait_ready(Tts *t)
{
	pthread_mutex_lock(&t->lock);
	while (!t->ready)
		pthread_cond_wait(&t->done, &t->lock);
	bool ok = t->available;
	pthread_mutex_unlock(&t->lock);
	return ok;
}

bool tts_available(Tts *t)
{
	pthread_mutex_lock(&t->lock);
	bool ok = t->ready && t->available;
	pthread_mutex_unlock(&t->lock);
	return ok;
}

int tts_sample_rate(Tts *t)
{
	pthread_mutex_lock(&t->lock);
	int r = t->sample_rate;
	pthread_mutex_unlock(&t->lock);
	return r;
}

bool tts_voice_exists(Tts *t, const char *voice)
{
	if (!tts_wait_ready(t))
		return false;
	pthread_mutex_lock(&t->lock);
	snprintf(t->ask_voice, sizeof(t->ask_voice), "%s", voice);
	t->ask_state = 1;
	pthread_cond_broadcast(&t->wake);
	while (t->ask_state != 2 && t->started)
		pthread_cond_wait(&t->done, &t->lock);
	bool ok = t->ask_answer;
	t->ask_state = 0;
	pthread_mutex_unlock(&t->lock);
	return ok;
}

void tts_set_voice(Tts *t, const char *voice)
{
	pthread_mutex_lock(&t->lock);
	if (strcmp(t->voice, voice) != 0) {
		snprintf(t->voice, sizeof(t->voice), "%s", voice);
		t->settings_changed = true;
	}
	pthread_mutex_unlock(&t->lock);
}

void tts_set_rate(Tts *t, int wpm)
{
	if (wpm < espeakRATE_MINIMUM)
		wpm = espeakRATE_MINIMUM;
	if (wpm > espeakRATE_MAXIMUM)
		wpm = espeakRATE_MAXIMUM;
	pthread_mutex_lock(&t->lock);
	if (t->rate != wpm) {
		t->rate = wpm;
		t->settings_changed = true;
	}
	pthread_mutex_unlock(&t->lock);
}

uint32_t tts_say(Tts *t, const char *const *texts, size_t count)
{
	return tts_say_voices(t, texts, NULL, count);
}

uint32_t tts_say_voices(Tts *t, const char *const *texts, const char *const *voices, size_t count)
{
	char **copy = xcalloc(count ? count : 1, sizeof(char *));
	char **vcopy = NULL;
	for (size_t i = 0; i < count; i++)
		copy[i] = xstrdup(texts[i]);
	if (voices) {
		vcopy = xcalloc(count ? count : 1, sizeof(char *));
		for (size_t i = 0; i < count; i++)
			vcopy[i] = voices[i] ? xstrdup(voices[i]) : NULL;
	}
	pthread_mutex_lock(&t->lock);
	free_texts(t->texts, t->text_count);
	free_texts(t->voices, t->text_count);
	t->voices = vcopy;
	t->texts = copy;
	t->text_count = count;
	uint32_t id = t->next_id++;
	if (t->next_id == 0)
		t->next_id = 1;
	t->want_id = id;
	/* With no eSpeak there is nothing to wait for: the utterance is complete and silent. */
	if (t->ready && !t->available) {
		t->cur_id = id;
		t->cur_complete = true;
		t->pcm_len = t->pcm_taken = t->word_len = t->word_taken = 0;
	}
	pthread_cond_broadcast(&t->wake);
	pthread_mutex_unlock(&t->lock);
	return id;
}

void tts_cancel(Tts *t)
{
	pthread_mutex_lock(&t->lock);
	t->want_id = 0;
	free_texts(t->texts, t->text_count);
	free_texts(t->voices, t->text_count);
	t->voices = NULL;
	t->texts = NULL;
	t->text_count = 0;
	pthread_mutex_unlock(&t->lock);
}

size_t tts_take_audio(Tts *t, uint32_t id, int16_t *out, size_t max)
{
	size_t n = 0;
	pthread_mutex_lock(&t->lock);
	if (t->cur_id == id && t->want_id == id) {
		n = t->pcm_len - t->pcm_taken;
		if (n > max)
			n = max;
		memcpy(out, t->pcm + t->pcm_taken, n * sizeof(int16_t));
		t->pcm_taken += n;
	}
	pthread_mutex_unlock(&t->lock);
	return n;
}

bool tts_take_word(Tts *t, uint32_t id, TtsWord *out)
{
	bool got = false;
	pthread_mutex_lock(&t->lock);
	if (t->cur_id == id && t->want_id == id && t->word_taken < t->word_len) {
		*out = t->words[t->word_taken++];
		got = true;
	}
	pthread_mutex_unlock(&t->lock);
	return got;
}

bool tts_finished(Tts *t, uint32_t id)
{
	pthread_mutex_lock(&t->lock);
	bool fin = t->want_id != id ||
		   (t->cur_id == id && t->cur_complete && t->pcm_taken == t->pcm_len);
	pthread_mutex_unlock(&t->lock);
	return fin;
}

void tts_wait(Tts *t, uint32_t id)
{
	pthread_mutex_lock(&t->lock);
	while (!t->ready)
		pthread_cond_wait(&t->done, &t->lock);
	while (t->available && t->want_id == id && !(t->cur_id == id && t->cur_complete))
		pthread_cond_wait(&t->done, &t->lock);
	pthread_mutex_unlock(&t->lock);
}
