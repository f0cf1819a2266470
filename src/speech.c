/* speech: the player. Audio goes to the device a little ahead of what is heard (half a second,
 * so Stop is instant and memory small); which word is lit follows the samples actually played,
 * not the synthesis, so the highlight matches the voice. Start at speech_update. */
#include "speech.h"

#include <stdlib.h>
#include <string.h>

#include "audio.h"
#include "tts.h"
#include "util.h"

#define AHEAD_SECONDS 0.5

typedef struct {
	size_t part;
	size_t char_pos;
	uint64_t sample;
} HeardWord;

struct Speech {
	Tts *tts;
	Audio *audio;
	Narration *narration;
	uint32_t id;
	bool active;
	int rate_wpm;
	HeardWord *words;
	size_t word_count, word_cap;
	bool silent;            /* no eSpeak: timing estimated, silence queued */
	uint64_t silent_total;  /* samples of silence still to queue */
	int16_t *buf;
	SpeechHighlight last;
};

Speech *speech_create(Tts *tts)
{
	Speech *s = xcalloc(1, sizeof(*s));
	s->tts = tts;
	s->rate_wpm = 160;
	/* The device is opened at eSpeak's rate; waiting for eSpeak's start costs ~1-6 ms once. */
	tts_wait_ready(s->tts);
	s->audio = audio_create(tts_sample_rate(s->tts));
	s->buf = xmalloc(sizeof(int16_t) * 8192);
	s->last.box = -1;
	return s;
}

void speech_destroy(Speech *s)
{
	if (!s)
		return;
	tts_cancel(s->tts);
	audio_destroy(s->audio);
	narration_destroy(s->narration);
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
	s->rate_wpm = wpm < 80 ? 80 : wpm > 450 ? 450 : wpm;
	tts_set_rate(s->tts, s->rate_wpm);
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

static void add_word(Speech *s, size_t part, size_t char_pos, uint64_t sample)
{
	if (s->word_count == s->word_cap) {
		s->word_cap = s->word_cap ? s->word_cap * 2 : 128;
		s->words = xrealloc(s->words, s->word_cap * sizeof(HeardWord));
	}
	s->words[s->word_count++] = (HeardWord){part, char_pos, sample};
}

/* Without eSpeak: one word every 60/wpm seconds, so captions still move at reading pace. */
static void estimate_words(Speech *s)
{
	int rate = tts_sample_rate(s->tts);
	uint64_t per_word = (uint64_t)rate * 60 / (uint64_t)s->rate_wpm, sample = 0;
	for (size_t p = 0; p < s->narration->count; p++) {
		const NarrationPart *np = &s->narration->parts[p];
		bool in_word = false;
		size_t ch = 0;
		for (const char *c = np->spoken; *c; c += utf8_next(c), ch++) {
			bool space = *c == ' ';
			if (!space && !in_word) {
				add_word(s, p, ch, sample);
				sample += per_word;
			}
			in_word = !space;
		}
	}
	s->silent_total = sample + per_word;
}

void speech_stop(Speech *s)
{
	tts_cancel(s->tts);
	audio_clear(s->audio);
	audio_pause(s->audio, false);
	narration_destroy(s->narration);
	s->narration = NULL;
	s->word_count = 0;
	s->active = false;
	s->id = 0;
	s->last = (SpeechHighlight){-1, 0, 0};
}

void speech_say(Speech *s, Narration *n)
{
	speech_stop(s);
	s->narration = n;
	s->active = n->count > 0;
	if (!s->active)
		return;
	s->silent = !tts_available(s->tts);
	if (s->silent) {
		estimate_words(s);
		return;
	}
	const char **texts = xcalloc(n->count, sizeof(char *));
	const char **voices = xcalloc(n->count, sizeof(char *));
	for (size_t i = 0; i < n->count; i++) {
		texts[i] = n->parts[i].spoken;
		voices[i] = n->parts[i].voice;
	}
	s->id = tts_say_voices(s->tts, texts, voices, n->count);
	free(texts);
	free(voices);
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

static void feed_audio(Speech *s)
{
	int rate = tts_sample_rate(s->tts);
	uint64_t want = audio_played(s->audio) + (uint64_t)(AHEAD_SECONDS * rate);
	while (audio_queued_total(s->audio) < want) {
		uint64_t room = want - audio_queued_total(s->audio);
		size_t max = room < 8192 ? (size_t)room : 8192;
		size_t got;
		if (s->silent) {
			uint64_t left = s->silent_total - audio_queued_total(s->audio);
			got = left < max ? (size_t)left : max;
			memset(s->buf, 0, got * sizeof(int16_t));
		} else {
			got = tts_take_audio(s->tts, s->id, s->buf, max);
		}
		if (got == 0)
			break;
		audio_queue(s->audio, s->buf, got);
	}
	TtsWord w;
	while (!s->silent && tts_take_word(s->tts, s->id, &w))
		add_word(s, (size_t)w.segment, w.char_pos, w.sample);
}

static bool finished(Speech *s)
{
	bool synth_done = s->silent ? audio_queued_total(s->audio) >= s->silent_total : tts_finished(s->tts, s->id);
	return synth_done && audio_played(s->audio) >= audio_queued_total(s->audio);
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
	for (size_t i = 0; i < s->word_count && s->words[i].sample <= played; i++)
		if (!cur || s->words[i].part > cur->part ||
		    (s->words[i].part == cur->part && s->words[i].char_pos >= cur->char_pos))
			cur = &s->words[i];
	if (cur) {
		now.box = s->narration->parts[cur->part].box;
		if (!narration_word(s->narration, screen, cur->part, cur->char_pos, &now.offset, &now.len))
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
