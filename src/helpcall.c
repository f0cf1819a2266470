/* helpcall: the help button's message, sent with libcurl from a worker thread. The main
 * thread only starts a call (helpcall_press) and reads its state; the worker makes the
 * attempts and, when it knows the answer, calls the notify callback so the kiosk redraws.
 * One mutex guards the state; the pause between attempts is a timed wait on a condition,
 * so helpcall_destroy never waits for it. Start at helpcall_press. */
#include "helpcall.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct HelpCall {
	char *url;
	long timeout_ms, retry_ms;
	int max_attempts;
	void (*notify)(void *ctx);
	void *notify_ctx;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	bool thread_running; /* joined by the next press or by destroy */
	bool stopping;
	bool pressed_once;
	uint64_t started_ms; /* the kiosk's clock at the call's first press */
	HelpState state;
	int attempts;
	long last_status;
	char *json; /* the message of the call in progress */
};

static void put_escaped(char **o, const char *s)
{
	char *p = *o;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if (*c == '"' || *c == '\\') {
			*p++ = '\\';
			*p++ = (char)*c;
		} else if (*c < 0x20) {
			p += sprintf(p, "\\u%04x", *c);
		} else {
			*p++ = (char)*c;
		}
	}
	*o = p;
}

/* "key":"value" with the value escaped; out has room for 6 bytes per byte of value. */
static void put_field(char **o, const char *key, const char *value, bool comma)
{
	*o += sprintf(*o, "%s\"%s\":\"", comma ? "," : "", key);
	put_escaped(o, value ? value : "");
	*(*o)++ = '"';
}

char *helpcall_json(const char *kiosk, const char *place, time_t t, const char *lang)
{
	char when[32] = "", clock[8] = "";
	struct tm tm;
	if (gmtime_r(&t, &tm)) {
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
		strftime(clock, sizeof(clock), "%H:%M", &tm);
	}
	char *text = xasprintf("Someone at the easy-read kiosk %s (%s) is asking for help. Language: %s. Time: %s UTC.",
			       kiosk ? kiosk : "", place ? place : "", lang ? lang : "", clock);
	size_t cap = 64 + 6 * (strlen(text) + (kiosk ? strlen(kiosk) : 0) + (place ? strlen(place) : 0) +
			       strlen(when) + (lang ? strlen(lang) : 0));
	char *out = xmalloc(cap), *o = out;
	*o++ = '{';
	put_field(&o, "text", text, false);
	put_field(&o, "kiosk", kiosk, true);
	put_field(&o, "place", place, true);
	put_field(&o, "time", when, true);
	put_field(&o, "language", lang, true);
	*o++ = '}';
	*o = '\0';
	free(text);
	return out;
}

HelpCall *helpcall_create(const HelpCallConfig *cfg)
{
	if (!cfg || !cfg->url || !*cfg->url)
		return NULL;
	/* not thread-safe: done here, on the main thread, before any worker exists */
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
		log_error("libcurl cannot start: the help button is off");
		return NULL;
	}
	HelpCall *hc = xcalloc(1, sizeof(*hc));
	hc->url = xstrdup(cfg->url);
	hc->timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : 5000;
	hc->retry_ms = cfg->retry_ms > 0 ? cfg->retry_ms : 1000;
	hc->max_attempts = cfg->attempts > 0 ? cfg->attempts : 3;
	hc->notify = cfg->notify;
	hc->notify_ctx = cfg->notify_ctx;
	pthread_mutex_init(&hc->lock, NULL);
	pthread_cond_init(&hc->wake, NULL);
	return hc;
}

static size_t discard(char *ptr, size_t size, size_t n, void *ctx)
{
	(void)ptr;
	(void)ctx;
	return size * n; /* the answer's body does not matter, only its status */
}

/* One POST; returns the HTTP status, 0 when there was no answer (timeout, refused). */
static long post_once(const HelpCall *hc, const char *json)
{
	CURL *c = curl_easy_init();
	if (!c)
		return 0;
	struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
	curl_easy_setopt(c, CURLOPT_URL, hc->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L); /* no SIGALRM for timeouts: we are a thread */
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, hc->timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, hc->timeout_ms);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, json);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "easyread-kiosk");
	long status = 0;
	CURLcode rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	else
		log_warn("help call: no answer from the webhook: %s", curl_easy_strerror(rc));
	curl_slist_free_all(headers);
	curl_easy_cleanup(c);
	return status;
}

static void *worker(void *arg)
{
	HelpCall *hc = arg;
	pthread_mutex_lock(&hc->lock);
	char *json = xstrdup(hc->json);
	pthread_mutex_unlock(&hc->lock);
	HelpState result = HELP_FAILED;
	for (int i = 0; i < hc->max_attempts; i++) {
		long status = post_once(hc, json);
		pthread_mutex_lock(&hc->lock);
		hc->attempts = i + 1;
		hc->last_status = status;
		bool stop = hc->stopping;
		if (status >= 200 && status < 300) {
			result = HELP_COMING;
			pthread_mutex_unlock(&hc->lock);
			break;
		}
		if (status)
			log_warn("help call: the webhook answered %ld (attempt %d of %d)", status, i + 1, hc->max_attempts);
		if (stop || i + 1 == hc->max_attempts) {
			pthread_mutex_unlock(&hc->lock);
			break;
		}
		/* the pause before the next attempt; destroy cuts it short */
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += hc->retry_ms / 1000;
		until.tv_nsec += (hc->retry_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		while (!hc->stopping && pthread_cond_timedwait(&hc->wake, &hc->lock, &until) != ETIMEDOUT)
			;
		stop = hc->stopping;
		pthread_mutex_unlock(&hc->lock);
		if (stop)
			break;
	}
	free(json);
	pthread_mutex_lock(&hc->lock);
	hc->state = result;
	pthread_mutex_unlock(&hc->lock);
	if (result == HELP_COMING)
		log_info("help call: the webhook took the message: someone is coming");
	else
		log_error("help call: the message could not be sent: the visitor is asked to go to the desk");
	if (hc->notify)
		hc->notify(hc->notify_ctx);
	return NULL;
}

bool helpcall_press(HelpCall *hc, uint64_t now_ms, const char *json)
{
	if (!hc)
		return false;
	pthread_mutex_lock(&hc->lock);
	bool same = hc->pressed_once && now_ms - hc->started_ms < HELPCALL_SAME_CALL_MS;
	bool busy = hc->state == HELP_CALLING;
	pthread_mutex_unlock(&hc->lock);
	if (same || busy)
		return false;
	if (hc->thread_running) {
		pthread_join(hc->thread, NULL); /* the last call is over: its thread has ended */
		hc->thread_running = false;
	}
	pthread_mutex_lock(&hc->lock);
	free(hc->json);
	hc->json = xstrdup(json);
	hc->pressed_once = true;
	hc->started_ms = now_ms;
	hc->state = HELP_CALLING;
	hc->attempts = 0;
	hc->last_status = 0;
	pthread_mutex_unlock(&hc->lock);
	if (pthread_create(&hc->thread, NULL, worker, hc) != 0) {
		log_error("help call: cannot start a thread for it");
		pthread_mutex_lock(&hc->lock);
		hc->state = HELP_FAILED;
		pthread_mutex_unlock(&hc->lock);
		return true;
	}
	hc->thread_running = true;
	log_info("help call: a visitor asked for a person; calling the webhook");
	return true;
}

HelpState helpcall_state(HelpCall *hc)
{
	if (!hc)
		return HELP_IDLE;
	pthread_mutex_lock(&hc->lock);
	HelpState s = hc->state;
	pthread_mutex_unlock(&hc->lock);
	return s;
}

int helpcall_attempts(HelpCall *hc)
{
	pthread_mutex_lock(&hc->lock);
	int n = hc->attempts;
	pthread_mutex_unlock(&hc->lock);
	return n;
}

long helpcall_last_status(HelpCall *hc)
{
	pthread_mutex_lock(&hc->lock);
	long s = hc->last_status;
	pthread_mutex_unlock(&hc->lock);
	return s;
}

void helpcall_wait(HelpCall *hc)
{
	if (hc && hc->thread_running) {
		pthread_join(hc->thread, NULL);
		hc->thread_running = false;
	}
}

void helpcall_destroy(HelpCall *hc)
{
	if (!hc)
		return;
	pthread_mutex_lock(&hc->lock);
	hc->stopping = true;
	pthread_cond_broadcast(&hc->wake);
	pthread_mutex_unlock(&hc->lock);
	helpcall_wait(hc);
	pthread_mutex_destroy(&hc->lock);
	pthread_cond_destroy(&hc->wake);
	free(hc->url);
	free(hc->json);
	free(hc);
	curl_global_cleanup();
}
