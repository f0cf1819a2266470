/* clip: decode, resample, trim, normalise. Everything goes through 32-bit float mono at
 * the output rate (SDL_AudioStream does channels and rate in one step), so the gain is
 * applied before anything is rounded or clipped. A damaged file is an ordinary failure:
 * the caller falls back to eSpeak NG. Start at clip_load. */
#include "clip.h"

#include <SDL.h>
#include <math.h>
#include <rubberband/rubberband-c.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <vorbis/vorbisfile.h>

#include "util.h"

/* Samples quieter than this (about -50 dBFS) count as silence when trimming the ends. */
#define SILENCE 100.0f
/* Keep this much of the recording's own lead-in and tail (breath, soft consonants). */
#define KEEP_EDGE_S 0.03
/* The loudest sample the normalised clip may have (a little below full scale). */
#define PEAK_LIMIT 30000.0f
/* Recordings longer than this are refused (a whole album dropped in by mistake). */
#define MAX_SECONDS 600

typedef struct {
	SDL_AudioStream *stream;
	int out_rate;
} Decoder;

static bool has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);
	return n > e && strcasecmp(path + n - e, ext) == 0;
}

static void set_why(char *why, size_t len, const char *text)
{
	if (why && len)
		snprintf(why, len, "%s", text);
}

/* Ogg Vorbis: interleaved 16-bit from libvorbisfile into the stream. */
static bool decode_ogg(const char *path, Decoder *d, double *seconds, char *why, size_t why_len)
{
	OggVorbis_File vf;
	if (ov_fopen(path, &vf) != 0) {
		set_why(why, why_len, "not an Ogg Vorbis file");
		return false;
	}
	vorbis_info *vi = ov_info(&vf, -1);
	if (!vi || vi->channels < 1 || vi->channels > 8 || vi->rate < 4000 || vi->rate > 192000) {
		ov_clear(&vf);
		set_why(why, why_len,
		        "an Ogg file with an unusual number of channels or sample rate");
		return false;
	}
	double total = ov_time_total(&vf, -1);
	if (total > MAX_SECONDS) {
		ov_clear(&vf);
		set_why(why, why_len, "longer than 10 minutes");
		return false;
	}
	d->stream = SDL_NewAudioStream(AUDIO_S16SYS, (Uint8)vi->channels, (int)vi->rate,
	                               AUDIO_F32SYS, 1, d->out_rate);
	if (!d->stream) {
		ov_clear(&vf);
		set_why(why, why_len, "cannot convert its sample rate");
		return false;
	}
	char buf[8192];
	int section = 0;
	bool ok = true;
	size_t frames = 0;
	for (;;) {
		long got =
		    ov_read(&vf, buf, sizeof(buf), SDL_BYTEORDER == SDL_BIG_ENDIAN, 2, 1, &section);
		if (got == 0)
			break;
		if (got < 0) {
			/* OV_HOLE is a recoverable gap; anything else is a damaged stream. */
			if (got == OV_HOLE)
				continue;
			ok = false;
			break;
		}
		frames += (size_t)got / (2 * (size_t)vi->channels);
		SDL_AudioStreamPut(d->stream, buf, (int)got);
	}
	if (ok && frames == 0)
		ok = false;
	*seconds = (double)frames / (double)vi->rate;
	ov_clear(&vf);
	if (!ok)
		set_why(why, why_len, "a damaged Ogg Vorbis file");
	return ok;
}

static bool decode_wav(const char *path, Decoder *d, double *seconds, char *why, size_t why_len)
{
	SDL_AudioSpec spec;
	Uint8 *buf = NULL;
	Uint32 len = 0;
	if (!SDL_LoadWAV(path, &spec, &buf, &len)) {
		set_why(why, why_len, "not a WAV file SDL can read");
		return false;
	}
	size_t frame = (size_t)SDL_AUDIO_BITSIZE(spec.format) / 8 * spec.channels;
	*seconds = frame && spec.freq > 0 ? (double)(len / frame) / spec.freq : 0;
	if (len == 0 || frame == 0 || *seconds > MAX_SECONDS) {
		SDL_FreeWAV(buf);
		set_why(why, why_len, len == 0 ? "an empty WAV file" : "longer than 10 minutes");
		return false;
	}
	d->stream =
	    SDL_NewAudioStream(spec.format, spec.channels, spec.freq, AUDIO_F32SYS, 1, d->out_rate);
	if (!d->stream) {
		SDL_FreeWAV(buf);
		set_why(why, why_len, "cannot convert its sample format");
		return false;
	}
	SDL_AudioStreamPut(d->stream, buf, (int)(len - len % frame));
	SDL_FreeWAV(buf);
	return true;
}

/* Runs the decoder; returns the float samples (caller frees) and their count. */
static float *decode(const char *path, int rate, size_t *count, double *seconds, char *why,
                     size_t why_len)
{
	Decoder d = {.out_rate = rate};
	bool ok;
	/* The extension picks the decoder; a mislabelled file still gets the other one. */
	if (has_ext(path, ".wav"))
		ok = decode_wav(path, &d, seconds, why, why_len) ||
		     decode_ogg(path, &d, seconds, NULL, 0);
	else
		ok = decode_ogg(path, &d, seconds, why, why_len) ||
		     decode_wav(path, &d, seconds, NULL, 0);
	if (!ok) {
		if (d.stream)
			SDL_FreeAudioStream(d.stream);
		return NULL;
	}
	SDL_AudioStreamFlush(d.stream);
	int bytes = SDL_AudioStreamAvailable(d.stream);
	float *out = xmalloc((size_t)bytes + sizeof(float));
	int got = SDL_AudioStreamGet(d.stream, out, bytes);
	SDL_FreeAudioStream(d.stream);
	*count = got > 0 ? (size_t)got / sizeof(float) : 0;
	if (*count == 0) {
		free(out);
		set_why(why, why_len, "no sound in it");
		return NULL;
	}
	return out;
}

/* RMS of the 20 ms frames louder than a tenth of the loudest frame. */
static double active_rms_f(const float *x, size_t n, int rate)
{
	size_t fr = (size_t)rate / 50;
	if (fr == 0 || n < fr)
		fr = n ? n : 1;
	size_t frames = n / fr;
	if (frames == 0)
		return 0;
	double *rms = xmalloc(frames * sizeof(double)), loudest = 0;
	for (size_t f = 0; f < frames; f++) {
		double sum = 0;
		for (size_t i = 0; i < fr; i++)
			sum += (double)x[f * fr + i] * x[f * fr + i];
		rms[f] = sqrt(sum / (double)fr);
		if (rms[f] > loudest)
			loudest = rms[f];
	}
	double sum = 0;
	size_t used = 0;
	for (size_t f = 0; f < frames; f++)
		if (rms[f] > loudest / 10) {
			sum += rms[f] * rms[f];
			used++;
		}
	free(rms);
	return used ? sqrt(sum / (double)used) : 0;
}

double clip_speech_rms(const int16_t *pcm, size_t n, int rate)
{
	float *x = xmalloc((n ? n : 1) * sizeof(float));
	for (size_t i = 0; i < n; i++)
		x[i] = pcm[i];
	double r = active_rms_f(x, n, rate);
	free(x);
	return r;
}

bool clip_load(Clip *clip, const char *path, int rate, char *why, size_t why_len)
{
	memset(clip, 0, sizeof(*clip));
	set_why(why, why_len, "");
	size_t n = 0;
	double seconds = 0;
	float *x = decode(path, rate, &n, &seconds, why, why_len);
	if (!x)
		return false;
	/* floats from SDL are -1..1: work in 16-bit units */
	float peak = 0;
	for (size_t i = 0; i < n; i++) {
		x[i] *= 32767.0f;
		if (fabsf(x[i]) > peak)
			peak = fabsf(x[i]);
	}
	size_t first = 0, last = n;
	while (first < n && fabsf(x[first]) < SILENCE)
		first++;
	while (last > first && fabsf(x[last - 1]) < SILENCE)
		last--;
	if (first == last) {
		free(x);
		set_why(why, why_len, "silent");
		return false;
	}
	size_t edge = (size_t)(KEEP_EDGE_S * rate);
	first = first > edge ? first - edge : 0;
	last = last + edge < n ? last + edge : n;
	double level = active_rms_f(x + first, last - first, rate);
	double gain = level > 0 ? CLIP_SPEECH_RMS / level : 1;
	if (peak * gain > PEAK_LIMIT)
		gain = PEAK_LIMIT / peak; /* never clip: a quieter row beats a distorted one */
	clip->count = last - first;
	clip->pcm = xmalloc(clip->count * sizeof(int16_t));
	for (size_t i = 0; i < clip->count; i++) {
		double v = x[first + i] * gain;
		clip->pcm[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : lrint(v));
	}
	free(x);
	clip->rate = rate;
	clip->trimmed_s = (double)first / rate;
	clip->source_seconds = seconds;
	clip->gain = gain;
	clip->stretch = 1;
	return true;
}

bool clip_stretch(Clip *clip, double ratio)
{
	if (!clip->pcm || clip->count == 0 || ratio <= 0.25 || ratio >= 4)
		return false;
	enum { CHUNK = 4096 };
	/* Offline: Rubber Band studies the whole clip first, then stretches it smoothly. */
	RubberBandState rb = rubberband_new((unsigned)clip->rate, 1, RubberBandOptionProcessOffline, ratio, 1.0);
	if (!rb)
		return false;
	rubberband_set_max_process_size(rb, CHUNK);
	rubberband_set_expected_input_duration(rb, (unsigned)clip->count);
	float *in = xmalloc(clip->count * sizeof(float));
	for (size_t i = 0; i < clip->count; i++)
		in[i] = clip->pcm[i] / 32768.0f;
	for (size_t at = 0; at < clip->count; at += CHUNK) {
		const float *p = in + at;
		size_t n = clip->count - at < CHUNK ? clip->count - at : CHUNK;
		rubberband_study(rb, &p, (unsigned)n, at + n >= clip->count);
	}
	size_t cap = (size_t)(clip->count * ratio) + CHUNK, got = 0;
	float *out = xmalloc(cap * sizeof(float));
	for (size_t at = 0; at < clip->count; at += CHUNK) {
		const float *p = in + at;
		size_t n = clip->count - at < CHUNK ? clip->count - at : CHUNK;
		rubberband_process(rb, &p, (unsigned)n, at + n >= clip->count);
		for (int avail; (avail = rubberband_available(rb)) > 0;) {
			if (got + (size_t)avail > cap) {
				cap = (got + (size_t)avail) * 2;
				out = xrealloc(out, cap * sizeof(float));
			}
			float *o = out + got;
			got += rubberband_retrieve(rb, &o, (unsigned)avail);
		}
	}
	rubberband_delete(rb);
	free(in);
	if (got == 0) {
		free(out);
		return false;
	}
	int16_t *pcm = xmalloc(got * sizeof(int16_t));
	for (size_t i = 0; i < got; i++) {
		float v = out[i] * 32768.0f;
		pcm[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : lrintf(v));
	}
	free(out);
	free(clip->pcm);
	clip->pcm = pcm;
	clip->count = got;
	clip->stretch = ratio;
	return true;
}

void clip_free(Clip *clip)
{
	if (!clip)
		return;
	free(clip->pcm);
	memset(clip, 0, sizeof(*clip));
}

double clip_file_seconds(const char *path)
{
	size_t n = 0;
	double seconds = 0;
	float *x = decode(path, 8000, &n, &seconds, NULL, 0);
	if (!x)
		return -1;
	free(x);
	return seconds;
}
