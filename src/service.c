/* service: systemd notify and watchdog, the metrics file, and the sound device (service.h).
 * Time here is real time (CLOCK_MONOTONIC), never the app's clock, which tests speed up:
 * the watchdog must be pinged in seconds that systemd counts. Start at service_tick. */
#include "service.h"

#include <SDL.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

#include "metrics.h"
#include "site.h"
#include "util.h"

struct Service {
	Metrics m;
	char metrics_file[256];
	uint64_t watchdog_ms; /* ping interval: half of WatchdogSec; 0: no watchdog */
	uint64_t next_ping, next_metrics, next_sound;
	bool ready, dirty;
	int playback_devices; /* in dev_snd when last looked */
	char dev_snd[256];    /* /dev/snd; KIOSK_DEV_SND for tests */
	uint64_t sound_check_ms;
};

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

Service *service_create(const Settings *s, const char *version, int time_scale)
{
	Service *sv = xcalloc(1, sizeof(*sv));
	if (s->kiosk_id[0])
		snprintf(sv->m.kiosk, sizeof(sv->m.kiosk), "%s", s->kiosk_id);
	else if (gethostname(sv->m.kiosk, sizeof(sv->m.kiosk) - 1) != 0)
		snprintf(sv->m.kiosk, sizeof(sv->m.kiosk), "%s", "kiosk");
	snprintf(sv->m.version, sizeof(sv->m.version), "%s", version);
	snprintf(sv->m.revision, sizeof(sv->m.revision), "%s", "none");
	sv->m.start_time = (int64_t)time(NULL);
	snprintf(sv->metrics_file, sizeof(sv->metrics_file), "%s", s->metrics_file);
	if (sv->metrics_file[0]) {
		/* node_exporter's user reads this folder: 0755 (a folder that exists is left as is) */
		char *dir = path_dirname(sv->metrics_file);
		if (!path_is_dir(dir) && mkdir(dir, 0755) != 0)
			log_warn("cannot make the metrics folder %s: %s", dir, strerror(errno));
		free(dir);
	}
	/* The site's sound card; SDL reads these when audio starts (after the first frame). */
	if (s->audio_device[0] && !getenv("AUDIODEV"))
		setenv("AUDIODEV", s->audio_device, 1);
	if (s->audio_driver[0] && !getenv("SDL_AUDIODRIVER"))
		setenv("SDL_AUDIODRIVER", s->audio_driver, 1);
	if (s->audio_device[0])
		log_info("sound device from the site settings: %s", getenv("AUDIODEV"));
	uint64_t usec = 0;
	/* 0: no WATCHDOG_PID check (kiosk-session unsets it: cage is the main process) */
	if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
		sv->watchdog_ms = usec / 2000u;
		if (sv->watchdog_ms == 0)
			sv->watchdog_ms = 1;
		log_info("systemd watchdog: a ping every %llu ms", (unsigned long long)sv->watchdog_ms);
	}
	uint64_t now = now_ms();
	sv->next_ping = now;
	sv->next_metrics = now;
	const char *snd = getenv("KIOSK_DEV_SND");
	snprintf(sv->dev_snd, sizeof(sv->dev_snd), "%s", snd && snd[0] ? snd : "/dev/snd");
	sv->sound_check_ms = SERVICE_SOUND_CHECK_MS / (uint64_t)(time_scale > 1 ? time_scale : 1);
	sv->next_sound = now + sv->sound_check_ms;
	sv->playback_devices = site_playback_devices(sv->dev_snd);
	sv->dirty = true;
	return sv;
}

void service_destroy(Service *sv)
{
	if (!sv)
		return;
	sd_notify(0, "STOPPING=1");
	free(sv);
}

const char *service_kiosk_id(const Service *sv)
{
	return sv->m.kiosk;
}

void service_ready(Service *sv)
{
	if (sv->ready)
		return;
	sv->ready = true;
	sd_notify(0, "READY=1\nSTATUS=Showing the attract screen");
}

void service_content_loaded(Service *sv, const char *content_dir, long errors)
{
	sv->m.load_time = (int64_t)time(NULL);
	sv->m.load_errors = errors;
	sv->m.load_ok = errors == 0;
	metrics_read_revision(content_dir, sv->m.revision, sizeof(sv->m.revision));
	sv->dirty = true;
}

void service_input(Service *sv)
{
	sv->m.last_input = (int64_t)time(NULL);
}

void service_visit(Service *sv)
{
	metrics_visit(&sv->m, (int64_t)time(NULL));
	sv->dirty = true;
}

static uint64_t earliest(const Service *sv)
{
	uint64_t due = sv->next_sound;
	if (sv->watchdog_ms && sv->next_ping < due)
		due = sv->next_ping;
	if (sv->metrics_file[0] && sv->next_metrics < due)
		due = sv->next_metrics;
	return due;
}

uint64_t service_wait_ms(const Service *sv)
{
	uint64_t due = earliest(sv), now = now_ms();
	return due <= now ? 0 : due - now;
}

static bool real_sound(Speech *speech)
{
	const char *driver = SDL_GetCurrentAudioDriver();
	return speech && speech_has_sound(speech) && driver && strcmp(driver, "dummy") != 0;
}

bool service_tick(Service *sv, Speech *speech)
{
	uint64_t now = now_ms();
	bool reopened = false;
	if (sv->watchdog_ms && now >= sv->next_ping) {
		sd_notify(0, "WATCHDOG=1");
		sv->next_ping = now + sv->watchdog_ms;
	}
	if (now >= sv->next_sound) {
		sv->next_sound = now + sv->sound_check_ms;
		int n = site_playback_devices(sv->dev_snd);
		/* speakers plugged in after start-up: open sound again (it fell back to no sound) */
		if (speech && n > sv->playback_devices && !real_sound(speech) && !speech_active(speech)) {
			log_info("a sound device appeared: opening sound again");
			speech_audio_lost(speech);
			reopened = true;
		}
		sv->playback_devices = n;
	}
	bool sound = real_sound(speech);
	if (sound != sv->m.sound) {
		sv->m.sound = sound;
		sv->dirty = true;
	}
	sv->m.errors_total = log_error_count();
	if (sv->metrics_file[0] && (now >= sv->next_metrics || sv->dirty)) {
		metrics_write(&sv->m, (int64_t)time(NULL), sv->metrics_file);
		sv->next_metrics = now + SERVICE_METRICS_MS;
		sv->dirty = false;
	}
	return reopened;
}
