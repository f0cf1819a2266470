/* speech: the player. Audio goes to the device a little ahead of what is heard (half a second,
 * so Stop is instant and memory small); which word is lit follows the samples actually played,
 * not the synthesis, so the highlight matches the voice.
 *
 * A reading is a list of runs, played one after the other into one audio stream: a run of
 * parts eSpeak NG synthesises (one tts utterance), or one part played from a recording
 * (clip.h). Between two runs goes the pause eSpeak puts between two parts of one run
 * (TTS_PAUSE_MS), so rows follow each other at one pace. A recording is decoded when its run
 * comes up, at the latest, on a decoder thread of its own (a 10 s 44.1 kHz stereo Ogg
 * takes ~100 ms to decode and resample here: the frame loop must not wait for it); the
 * kiosk asks for a screen's recordings as soon as the screen is shown (speech_prefetch), so
 * a tap usually finds them decoded. Decoded recordings stay in a small cache for Again and
 * the next visitor. One that cannot be decoded is read by eSpeak instead, with one log line.
 * The speed setting reaches recordings too: they are time-stretched on the decoder thread
 * (clip_stretch, pitch kept) and their labels scaled to match.
 * Start at speech_update, then feed_audio. */
#include "speech.h"

#include "config.h"

#include <SDL.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audio.h"
#include "clip.h"
#include "settings.h"
#include "tts.h"
#include "util.h"

#define AHEAD_SECONDS 0.5
/* Decoded recordings kept for Again and the next visitor (a page of 9 rows of ~5 s at
 * 22050 Hz is ~2 MB). */
#define CACHE_BYTES (24u << 20)
#define CACHE_MAX 64

typedef struct {
	size_t part;
	size_t char_pos; /* eSpeak: code point in the part's spoken text */
	int label;       /* recording: the row word it names (-1: the whole row) */
	bool recorded;
	uint64_t sample;
} HeardWord;

typedef struct {
	char *path;
	time_t mtime;
	off_t size;
	double stretch; /* the speed it was made for (clip.h clip_stretch) */
	bool ok;        /* decoded; else why says what is wrong, and the voice reads the row */
	char why[96];
	Clip clip;
	uint64_t used;
} CachedClip;

#define PENDING_MAX 64

typedef struct {
	size_t first, count;      /* parts */
	bool recorded;            /* one part, from a recording */
	char *audio, *labels;     /* the recording's files (owned) */
	const Clip *clip;         /* once loaded (borrowed from the cache) */
	size_t lead;              /* silence before it: the pause between parts */
} Run;

struct Speech {
	Tts *tts;
	Audio *audio;
	Narration *narration;
	uint32_t id;             /* the tts utterance of tts_run */
	size_t tts_run;          /* the run the utterance is for; run_count: none */
	bool active;
	int rate_wpm;
	HeardWord *words;
	size_t word_count, word_cap;
	bool silent;             /* no eSpeak: timing estimated, silence queued */
	uint64_t silent_left;    /* samples of silence still to queue for this run */
	Run *runs;
	size_t run_count, run;   /* the run being queued */
	uint64_t run_base;       /* output sample where it starts */
	size_t run_pos;          /* samples of it queued (recordings and silence) */
	bool run_started;
	CachedClip *cache[CACHE_MAX]; /* main thread only; entries never move while used */
	size_t cache_count;
	uint64_t cache_clock;
	/* The decoder thread: paths in, decoded clips out, under dec_lock. */
	SDL_Thread *dec_thread; /* an SDL thread: SDL frees its per-thread error text at exit */
	bool dec_started, dec_quit;
	pthread_mutex_t dec_lock;
	pthread_cond_t dec_wake, dec_done;
	char *pending[PENDING_MAX];
	double pending_stretch[PENDING_MAX];
	size_t pending_count;
	char *decoding;
	double decoding_stretch;
	double stretch;          /* recordings' length over their own at the current speed */
	CachedClip **done;
	size_t done_count, done_cap;
	int dec_rate;
	int16_t *buf;
	SpeechHighlight last;
};

static void cached_free(CachedClip *c)
{
	if (!c)
		return;
	free(c->path);
	clip_free(&c->clip);
	free(c);
}

/* The decoder thread: decodes the paths asked for, one at a time, oldest first. */
static int decoder_thread(void *arg)
{
	Speech *s = arg;
	pthread_mutex_lock(&s->dec_lock);
	for (;;) {
		while (!s->dec_quit && s->pending_count == 0)
			pthread_cond_wait(&s->dec_wake, &s->dec_lock);
		if (s->dec_quit)
			break;
		char *path = s->pending[0];
		double stretch = s->pending_stretch[0];
		s->pending_count--;
		memmove(s->pending, s->pending + 1, s->pending_count * sizeof(char *));
		memmove(s->pending_stretch, s->pending_stretch + 1, s->pending_count * sizeof(double));
		s->decoding = path;
		s->decoding_stretch = stretch;
		pthread_mutex_unlock(&s->dec_lock);

		CachedClip *c = xcalloc(1, sizeof(*c));
		c->path = path;
		c->stretch = stretch;
		struct stat st;
		if (stat(path, &st) != 0) {
			snprintf(c->why, sizeof(c->why), "it is gone");
		} else {
			c->mtime = st.st_mtime;
			c->size = st.st_size;
			c->ok = clip_load(&c->clip, path, s->dec_rate, c->why, sizeof(c->why));
			/* if stretching fails, the recording plays at its own speed */
			if (c->ok && stretch != 1 && !clip_stretch(&c->clip, stretch))
				log_warn("cannot change the speed of %s: it plays at its own speed", path);
		}

		pthread_mutex_lock(&s->dec_lock);
		s->decoding = NULL;
		if (s->done_count == s->done_cap) {
			s->done_cap = s->done_cap ? s->done_cap * 2 : 16;
			s->done = xrealloc(s->done, s->done_cap * sizeof(CachedClip *));
		}
		s->done[s->done_count++] = c;
		pthread_cond_broadcast(&s->dec_done);
	}
	pthread_mutex_unlock(&s->dec_lock);
	return 0;
}

/* Asks the decoder for path (nothing when it is already asked for or being decoded). */
static void request_decode(Speech *s, const char *path, double stretch)
{
	pthread_mutex_lock(&s->dec_lock);
	bool asked = s->decoding && strcmp(s->decoding, path) == 0 && s->decoding_stretch == stretch;
	for (size_t i = 0; i < s->pending_count && !asked; i++)
		asked = strcmp(s->pending[i], path) == 0 && s->pending_stretch[i] == stretch;
	if (!asked && s->pending_count < PENDING_MAX) {
		s->pending_stretch[s->pending_count] = stretch;
		s->pending[s->pending_count++] = xstrdup(path);
		pthread_cond_signal(&s->dec_wake);
	}
	pthread_mutex_unlock(&s->dec_lock);
}

static bool in_use(const Speech *s, const CachedClip *c)
{
	for (size_t i = 0; i < s->run_count; i++)
		if (s->runs[i].clip == &c->clip)
			return true;
	return false;
}

/* Moves what the decoder finished into the cache (main thread), making room: the least
 * recently used go first, never one the reading is playing. */
static void adopt_decoded(Speech *s)
{
	pthread_mutex_lock(&s->dec_lock);
	CachedClip **done = s->done;
	size_t n = s->done_count;
	s->done = NULL;
	s->done_count = s->done_cap = 0;
	pthread_mutex_unlock(&s->dec_lock);
	for (size_t k = 0; k < n; k++) {
		CachedClip *c = done[k];
		c->used = ++s->cache_clock;
		for (size_t i = 0; i < s->cache_count; i++)
			if (strcmp(s->cache[i]->path, c->path) == 0 && s->cache[i]->stretch == c->stretch &&
			    !in_use(s, s->cache[i])) {
				cached_free(s->cache[i]); /* an older version of the file */
				s->cache[i] = s->cache[--s->cache_count];
				break;
			}
		size_t bytes = c->clip.count * sizeof(int16_t);
		for (size_t i = 0; i < s->cache_count; i++)
			bytes += s->cache[i]->clip.count * sizeof(int16_t);
		while (s->cache_count > 0 && (s->cache_count == CACHE_MAX || bytes > CACHE_BYTES)) {
			size_t old = s->cache_count;
			for (size_t i = 0; i < s->cache_count; i++)
				if (!in_use(s, s->cache[i]) && (old == s->cache_count || s->cache[i]->used < s->cache[old]->used))
					old = i;
			if (old == s->cache_count)
				break;
			bytes -= s->cache[old]->clip.count * sizeof(int16_t);
			cached_free(s->cache[old]);
			s->cache[old] = s->cache[--s->cache_count];
		}
		if (s->cache_count < CACHE_MAX)
			s->cache[s->cache_count++] = c;
		else
			cached_free(c);
	}
	free(done);
}

typedef enum { CLIP_READY, CLIP_WAITING, CLIP_FAILED } ClipState;

/* The decoded recording at path, if the decoder has it (as the file is now on disk);
 * otherwise it is asked for and the caller comes back later. */
static ClipState cached_clip(Speech *s, const char *path, const Clip **clip, char *why, size_t why_len)
{
	adopt_decoded(s);
	struct stat st;
	if (stat(path, &st) != 0) {
		snprintf(why, why_len, "it is gone");
		return CLIP_FAILED;
	}
	for (size_t i = 0; i < s->cache_count; i++) {
		CachedClip *c = s->cache[i];
		if (strcmp(c->path, path) == 0 && c->mtime == st.st_mtime && c->size == st.st_size &&
		    c->stretch == s->stretch) {
			c->used = ++s->cache_clock;
			*clip = &c->clip;
			snprintf(why, why_len, "%s", c->why);
			return c->ok ? CLIP_READY : CLIP_FAILED;
		}
	}
	if (!s->dec_started) {
		snprintf(why, why_len, "no decoder");
		return CLIP_FAILED;
	}
	request_decode(s, path, s->stretch);
	return CLIP_WAITING;
}

/* Headless: blocks until the decoder has finished something (or has nothing to do). */
static void wait_decoded(Speech *s)
{
	pthread_mutex_lock(&s->dec_lock);
	while (s->done_count == 0 && (s->pending_count > 0 || s->decoding))
		pthread_cond_wait(&s->dec_done, &s->dec_lock);
	pthread_mutex_unlock(&s->dec_lock);
}

Speech *speech_create(Tts *tts)
{
	Speech *s = xcalloc(1, sizeof(*s));
	s->tts = tts;
	s->rate_wpm = CONFIG_RATE_NORMAL;
	/* The device is opened at eSpeak's rate; waiting for eSpeak's start costs ~1-6 ms once. */
	tts_wait_ready(s->tts);
	s->audio = audio_create(tts_sample_rate(s->tts));
	s->buf = xmalloc(sizeof(int16_t) * 8192);
	s->last.box = -1;
	s->dec_rate = tts_sample_rate(s->tts);
	s->stretch = 1;
	pthread_mutex_init(&s->dec_lock, NULL);
	pthread_cond_init(&s->dec_wake, NULL);
	pthread_cond_init(&s->dec_done, NULL);
	s->dec_thread = SDL_CreateThread(decoder_thread, "decode recordings", s);
	s->dec_started = s->dec_thread != NULL;
	if (!s->dec_started)
		log_warn("cannot start the thread that decodes recordings: the voice reads every row");
	return s;
}

static void free_runs(Speech *s)
{
	for (size_t i = 0; i < s->run_count; i++) {
		free(s->runs[i].audio);
		free(s->runs[i].labels);
	}
	free(s->runs);
	s->runs = NULL;
	s->run_count = s->run = 0;
}

void speech_destroy(Speech *s)
{
	if (!s)
		return;
	tts_cancel(s->tts);
	audio_destroy(s->audio);
	narration_destroy(s->narration);
	free_runs(s);
	if (s->dec_started) {
		pthread_mutex_lock(&s->dec_lock);
		s->dec_quit = true;
		pthread_cond_broadcast(&s->dec_wake);
		pthread_mutex_unlock(&s->dec_lock);
		SDL_WaitThread(s->dec_thread, NULL);
	}
	for (size_t i = 0; i < s->pending_count; i++)
		free(s->pending[i]);
	for (size_t i = 0; i < s->done_count; i++)
		cached_free(s->done[i]);
	free(s->done);
	for (size_t i = 0; i < s->cache_count; i++)
		cached_free(s->cache[i]);
	pthread_cond_destroy(&s->dec_wake);
	pthread_cond_destroy(&s->dec_done);
	pthread_mutex_destroy(&s->dec_lock);
	free(s->words);
	free(s->buf);
	free(s);
}

void speech_set_voice(Speech *s, const char *voice)
{
	tts_set_voice(s->tts, voice);
}

void speech_set_rate(Speech *s, int wpm)
{
	s->rate_wpm = wpm < CONFIG_WPM_MIN ? CONFIG_WPM_MIN : wpm > CONFIG_WPM_MAX ? CONFIG_WPM_MAX : wpm;
	tts_set_rate(s->tts, s->rate_wpm);
	/* Recordings are at their reader's own pace, which counts as "normal": slower or faster
	 * settings stretch them by the same proportion as eSpeak NG's rate (pitch kept). */
	double stretch = (double)settings_normal_wpm() / s->rate_wpm;
	s->stretch = stretch > 0.97 && stretch < 1.03 ? 1 : stretch < 0.5 ? 0.5 : stretch > 2 ? 2 : stretch;
}

void speech_set_tap(Speech *s, void (*tap)(const int16_t *pcm, size_t n, void *ctx), void *ctx)
{
	audio_set_tap(s->audio, tap, ctx);
}

void speech_audio_lost(Speech *s)
{
	int volume = audio_volume(s->audio);
	speech_stop(s);
	audio_destroy(s->audio);
	log_warn("the sound device was lost: opening sound again");
	s->audio = audio_create(tts_sample_rate(s->tts));
	audio_set_volume(s->audio, volume);
}

void speech_set_volume(Speech *s, int percent)
{
	audio_set_volume(s->audio, percent);
}

bool speech_has_sound(Speech *s)
{
	return tts_available(s->tts) && audio_has_device(s->audio);
}

static void add_word(Speech *s, HeardWord w)
{
	if (s->word_count == s->word_cap) {
		s->word_cap = s->word_cap ? s->word_cap * 2 : 128;
		s->words = xrealloc(s->words, s->word_cap * sizeof(HeardWord));
	}
	s->words[s->word_count++] = w;
}

/* Without eSpeak: one word every 60/wpm seconds from `base`, so captions still move at
 * reading pace. Returns the run's length in samples. */
static uint64_t estimate_words(Speech *s, const Run *r, uint64_t base)
{
	int rate = tts_sample_rate(s->tts);
	uint64_t per_word = (uint64_t)rate * 60 / (uint64_t)s->rate_wpm, sample = 0;
	for (size_t p = r->first; p < r->first + r->count; p++) {
		const NarrationPart *np = &s->narration->parts[p];
		bool in_word = false;
		size_t ch = 0;
		for (const char *c = np->spoken; *c; c += utf8_next(c), ch++) {
			bool space = *c == ' ';
			if (!space && !in_word) {
				add_word(s, (HeardWord){.part = p, .char_pos = ch, .sample = base + sample});
				sample += per_word;
			}
			in_word = !space;
		}
	}
	return sample + per_word;
}

void speech_stop(Speech *s)
{
	tts_cancel(s->tts);
	audio_clear(s->audio);
	audio_pause(s->audio, false);
	narration_destroy(s->narration);
	s->narration = NULL;
	free_runs(s);
	s->word_count = 0;
	s->active = false;
	s->id = 0;
	s->last = (SpeechHighlight){-1, 0, 0};
}

/* Starts eSpeak on run i (cancelling whatever it was doing). */
static void start_tts(Speech *s, size_t i)
{
	const Run *r = &s->runs[i];
	const char **texts = xcalloc(r->count, sizeof(char *));
	const char **voices = xcalloc(r->count, sizeof(char *));
	for (size_t k = 0; k < r->count; k++) {
		texts[k] = s->narration->parts[r->first + k].spoken;
		voices[k] = s->narration->parts[r->first + k].voice;
	}
	s->id = tts_say_voices(s->tts, texts, voices, r->count);
	s->tts_run = i;
	free(texts);
	free(voices);
}

/* eSpeak works ahead: the first run of synthesis after `from` starts now. */
static void prefetch_tts(Speech *s, size_t from)
{
	if (s->silent)
		return;
	for (size_t i = from; i < s->run_count; i++)
		if (!s->runs[i].recorded) {
			if (s->tts_run != i)
				start_tts(s, i);
			return;
		}
}

void speech_say_recorded(Speech *s, Narration *n, RecordingRef *refs)
{
	speech_stop(s);
	s->narration = n;
	s->active = n->count > 0;
	s->silent = !tts_available(s->tts);
	/* Runs: each recorded part alone, the parts between them together. */
	s->runs = xcalloc(n->count ? n->count : 1, sizeof(Run));
	for (size_t i = 0; i < n->count; i++) {
		bool rec = refs && refs[i].audio;
		Run *last = s->run_count ? &s->runs[s->run_count - 1] : NULL;
		if (!rec && last && !last->recorded) {
			last->count++;
			continue;
		}
		Run *r = &s->runs[s->run_count++];
		*r = (Run){.first = i, .count = 1, .recorded = rec};
		if (rec) {
			r->audio = refs[i].audio;
			r->labels = refs[i].labels;
			refs[i].audio = refs[i].labels = NULL;
		}
	}
	if (refs)
		for (size_t i = 0; i < n->count; i++)
			recording_ref_free(&refs[i]);
	free(refs);
	/* the decoder starts on every recording of the reading now, in reading order */
	for (size_t i = 0; i < s->run_count; i++) {
		const Clip *clip;
		char why[8];
		if (s->runs[i].recorded)
			cached_clip(s, s->runs[i].audio, &clip, why, sizeof(why));
	}
	s->tts_run = s->run_count;
	s->run = 0;
	s->run_base = 0;
	s->run_pos = 0;
	s->run_started = false;
	if (s->active)
		prefetch_tts(s, 0);
}

void speech_say(Speech *s, Narration *n)
{
	speech_say_recorded(s, n, NULL);
}

void speech_pause(Speech *s, bool paused)
{
	audio_pause(s->audio, paused);
}

bool speech_paused(const Speech *s)
{
	return audio_paused(s->audio);
}

bool speech_active(const Speech *s)
{
	return s->active;
}

size_t speech_cache_bytes(const Speech *s)
{
	size_t bytes = 0;
	for (size_t i = 0; i < s->cache_count; i++)
		bytes += s->cache[i]->clip.count * sizeof(int16_t) + sizeof(CachedClip);
	return bytes;
}

/* The recording's words: one per label (shifted by the silence trimmed from its start),
 * or the whole row at its first sample. */
static void recording_words(Speech *s, const Run *r)
{
	int rate = tts_sample_rate(s->tts);
	RecordingLabels l = {0};
	DiagList diags = {0};
	if (r->labels && recording_labels_load(&l, r->labels, &diags)) {
		for (size_t k = 0; k < l.count; k++) {
			double t = (l.items[k].start - r->clip->trimmed_s) * r->clip->stretch;
			uint64_t at = t > 0 ? (uint64_t)(t * rate + 0.5) : 0;
			add_word(s, (HeardWord){.part = r->first, .label = (int)k, .recorded = true,
						.sample = s->run_base + at});
		}
	} else {
		add_word(s, (HeardWord){.part = r->first, .label = -1, .recorded = true, .sample = s->run_base});
	}
	recording_labels_free(&l);
	diag_clear(&diags); /* --check reports label problems; the player just does its best */
}

/* Run s->run starts at the current end of the queue. False when its recording is still
 * being decoded: try again on the next update. */
static bool start_run(Speech *s)
{
	Run *r = &s->runs[s->run];
	if (r->recorded) {
		char why[128];
		const Clip *clip = NULL;
		ClipState st = cached_clip(s, r->audio, &clip, why, sizeof(why));
		if (st == CLIP_WAITING)
			return false;
		if (st == CLIP_FAILED) {
			log_warn("cannot play the recording %s (%s): the voice reads that row instead", r->audio, why);
			r->recorded = false;
		} else {
			r->clip = clip;
		}
	}
	/* Between two runs, the pause eSpeak puts between two parts of one run. */
	r->lead = s->run > 0 ? (size_t)tts_sample_rate(s->tts) * TTS_PAUSE_MS / 1000 : 0;
	s->run_base = audio_queued_total(s->audio) + r->lead;
	s->run_pos = 0;
	s->run_started = true;
	if (r->recorded) {
		recording_words(s, r);
		prefetch_tts(s, s->run + 1);
		return true;
	}
	if (s->silent)
		s->silent_left = estimate_words(s, r, s->run_base);
	else if (s->tts_run != s->run)
		start_tts(s, s->run);
	return true;
}

/* Queues up to max samples of the current run into s->buf; 0 when it has none ready now.
 * *done is set when the run has nothing more to give. */
static size_t run_audio(Speech *s, size_t max, bool *done)
{
	Run *r = &s->runs[s->run];
	*done = false;
	if (s->run_pos < r->lead) { /* the pause before it */
		size_t n = r->lead - s->run_pos < max ? r->lead - s->run_pos : max;
		memset(s->buf, 0, n * sizeof(int16_t));
		s->run_pos += n;
		return n;
	}
	if (r->recorded) {
		size_t total = r->lead + r->clip->count, n = total - s->run_pos;
		if (n > max)
			n = max;
		memcpy(s->buf, r->clip->pcm + (s->run_pos - r->lead), n * sizeof(int16_t));
		s->run_pos += n;
		*done = s->run_pos >= total;
		return n;
	}
	if (s->silent) {
		size_t n = s->silent_left < max ? (size_t)s->silent_left : max;
		memset(s->buf, 0, n * sizeof(int16_t));
		s->silent_left -= n;
		*done = s->silent_left == 0;
		return n;
	}
	TtsWord w;
	while (tts_take_word(s->tts, s->id, &w))
		add_word(s, (HeardWord){.part = r->first + (size_t)w.segment, .char_pos = w.char_pos,
					.sample = s->run_base + w.sample});
	size_t n = tts_take_audio(s->tts, s->id, s->buf, max);
	if (n == 0 && tts_finished(s->tts, s->id)) {
		while (tts_take_word(s->tts, s->id, &w))
			add_word(s, (HeardWord){.part = r->first + (size_t)w.segment, .char_pos = w.char_pos,
						.sample = s->run_base + w.sample});
		*done = true;
		s->tts_run = s->run_count;
		prefetch_tts(s, s->run + 1);
	}
	return n;
}

static void feed_audio(Speech *s)
{
	int rate = tts_sample_rate(s->tts);
	uint64_t want = audio_played(s->audio) + (uint64_t)(AHEAD_SECONDS * rate);
	while (s->run < s->run_count && audio_queued_total(s->audio) < want) {
		if (!s->run_started && !start_run(s))
			break; /* its recording is being decoded */
		uint64_t room = want - audio_queued_total(s->audio);
		bool done;
		size_t got = run_audio(s, room < 8192 ? (size_t)room : 8192, &done);
		audio_queue(s->audio, s->buf, got);
		if (done) {
			s->run++;
			s->run_started = false;
		} else if (got == 0) {
			break; /* eSpeak has not caught up yet */
		}
	}
	/* words of the run being synthesised arrive before its audio is queued */
	if (s->run < s->run_count && s->run_started && !s->runs[s->run].recorded && !s->silent) {
		TtsWord w;
		while (tts_take_word(s->tts, s->id, &w))
			add_word(s, (HeardWord){.part = s->runs[s->run].first + (size_t)w.segment,
						.char_pos = w.char_pos, .sample = s->run_base + w.sample});
	}
}

static bool finished(Speech *s)
{
	return s->run >= s->run_count && audio_played(s->audio) >= audio_queued_total(s->audio);
}

/* Where a recorded word is on screen: label k names the row's k-th word. */
static bool recorded_word(const Speech *s, const LayoutScreen *screen, const HeardWord *w, size_t *offset,
			  size_t *len)
{
	int box = s->narration->parts[w->part].box;
	if (box < 0 || (size_t)box >= screen->box_count)
		return false;
	const LayoutBox *b = &screen->boxes[box];
	if (b->word_count == 0)
		return false;
	const char *text = layout_box_text(b);
	if (w->label < 0) {
		*offset = b->words[0].offset;
		*len = b->words[b->word_count - 1].offset + b->words[b->word_count - 1].len - *offset;
		return true;
	}
	size_t offs[512], lens[512];
	size_t n = recording_row_words(text, offs, lens, 512);
	if (n == 0)
		return false;
	size_t k = (size_t)w->label < n ? (size_t)w->label : n - 1;
	*offset = offs[k];
	*len = lens[k];
	return true;
}

bool speech_update(Speech *s, const LayoutScreen *screen, SpeechHighlight *hl)
{
	SpeechHighlight now = {-1, 0, 0};
	if (!s->active) {
		*hl = now;
		bool changed = s->last.box != -1;
		s->last = now;
		return changed;
	}
	feed_audio(s);
	uint64_t played = audio_played(s->audio);
	/* The last word whose first sample has been heard. eSpeak's events can repeat a position
	 * or jump back ("Mr."): a word before the one lit never wins. */
	const HeardWord *cur = NULL;
	for (size_t i = 0; i < s->word_count && s->words[i].sample <= played; i++) {
		const HeardWord *w = &s->words[i];
		if (!cur || w->part > cur->part ||
		    (w->part == cur->part && (w->recorded ? w->label >= cur->label : w->char_pos >= cur->char_pos)))
			cur = w;
	}
	if (cur) {
		now.box = s->narration->parts[cur->part].box;
		bool found = cur->recorded ? recorded_word(s, screen, cur, &now.offset, &now.len)
					   : narration_word(s->narration, screen, cur->part, cur->char_pos, &now.offset,
							    &now.len);
		if (!found)
			now.offset = now.len = 0;
	}
	if (finished(s)) {
		/* the end is a change too: the band of the last word read (often "Page 1 of 3" or
		 * a pop-up's Close) must go, or it stays lit and looks like a pressed button */
		SpeechHighlight before = s->last;
		speech_stop(s);
		s->last = before;
		now = (SpeechHighlight){-1, 0, 0};
	}
	bool changed = now.box != s->last.box || now.offset != s->last.offset || now.len != s->last.len;
	s->last = now;
	*hl = now;
	return changed;
}

void speech_feed_all(Speech *s)
{
	while (s->active && s->run < s->run_count) {
		if (!s->run_started && !start_run(s)) {
			wait_decoded(s);
			continue;
		}
		bool done;
		size_t got = run_audio(s, 8192, &done);
		audio_queue(s->audio, s->buf, got);
		if (done) {
			s->run++;
			s->run_started = false;
		} else if (got == 0) {
			tts_wait(s->tts, s->id);
		}
	}
}

size_t speech_words(const Speech *s, const LayoutScreen *screen, SpeechWord *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < s->word_count && n < max; i++) {
		const HeardWord *w = &s->words[i];
		SpeechWord *o = &out[n++];
		*o = (SpeechWord){.part = w->part, .box = s->narration->parts[w->part].box, .sample = w->sample,
				  .recorded = w->recorded, .char_pos = w->char_pos};
		bool found = w->recorded ? recorded_word(s, screen, w, &o->offset, &o->len)
					 : narration_word(s->narration, screen, w->part, w->char_pos, &o->offset, &o->len);
		if (!found)
			o->offset = o->len = 0;
	}
	return n;
}

uint64_t speech_queued(Speech *s)
{
	return audio_queued_total(s->audio);
}

void speech_prefetch(Speech *s, RecordingRef *refs, size_t count)
{
	for (size_t i = 0; refs && i < count; i++) {
		if (refs[i].audio) {
			const Clip *clip;
			char why[8];
			cached_clip(s, refs[i].audio, &clip, why, sizeof(why));
		}
		recording_ref_free(&refs[i]);
	}
	free(refs);
}
