/* service: the kiosk as a system service. Tells systemd when the first frame is on screen
 * and pings its watchdog from the main loop (sd_notify, libsystemd; a no-op when not run by
 * systemd), writes the Prometheus metrics file (metrics.h) once a minute and after changes,
 * applies the site's sound device choice, and opens sound again when a playback device
 * appears after start-up. Edge module (SDL, libsystemd).
 *
 * How the app drives it: service_create before SDL's audio starts; service_ready after the
 * first frame; service_content_loaded at start and after each live reload; service_input
 * on every visitor press; service_visit when a visit starts; in the loop, wait at most
 * service_wait_ms() and call service_tick. */
#ifndef SERVICE_H
#define SERVICE_H

#include <stdbool.h>
#include <stdint.h>

#include "settings.h"
#include "speech.h"

/* How often the sound devices are looked at again, and the metrics rewritten. */
#define SERVICE_SOUND_CHECK_MS 10000
#define SERVICE_METRICS_MS 60000

typedef struct Service Service;

/* Copies what it needs from the settings ([kiosk] id, [audio], [metrics] file). Sets
 * AUDIODEV and SDL_AUDIODRIVER from [audio] unless they are already in the environment
 * (an operator's choice wins). Sound devices are looked for in /dev/snd (KIOSK_DEV_SND in
 * tests) every SERVICE_SOUND_CHECK_MS / time_scale. Never NULL. */
Service *service_create(const Settings *s, const char *version, int time_scale);
void service_destroy(Service *sv); /* NULL is a no-op */
/* The kiosk's name in metrics and usage lines: [kiosk] id, else the host name. */
const char *service_kiosk_id(const Service *sv);
/* READY=1 to systemd (once). */
void service_ready(Service *sv);
void service_content_loaded(Service *sv, const char *content_dir, long errors);
void service_input(Service *sv);
void service_visit(Service *sv);
/* Milliseconds (real time) until service_tick has something to do; UINT64_MAX: nothing. */
uint64_t service_wait_ms(const Service *sv);
/* Watchdog ping, metrics, sound hot-plug. speech may be NULL. Returns true when sound was
 * opened again (the app redraws its speech buttons). */
bool service_tick(Service *sv, Speech *speech);

#endif
