/* metrics: the kiosk's health as Prometheus metrics, for node_exporter's textfile collector
 * (node_exporter --collector.textfile.directory=DIR reads every .prom file in DIR). Core module:
 * no SDL; the app fills a Metrics struct and metrics_write formats and writes it.
 *
 * Metrics (all gauges but errors):
 *   kiosk_info{kiosk,version,revision} 1        what runs where
 *   kiosk_start_time_seconds                    when this process started
 *   kiosk_content_load_timestamp_seconds        last content load (start-up or live reload)
 *   kiosk_content_load_ok                       1: that load had no errors
 *   kiosk_content_errors                        errors found in that load
 *   kiosk_sound_device_present                  1: speech plays on a real sound device
 *   kiosk_last_input_timestamp_seconds          a visitor's last press (0: none yet)
 *   kiosk_visits_today                          visits started since local midnight
 *   kiosk_errors_total (counter)                error lines logged since start
 * Every metric carries the kiosk label too, so fifty kiosks' files can be merged. */
#ifndef METRICS_H
#define METRICS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
	char kiosk[64];      /* [kiosk] id, or the host name */
	char version[32];
	char revision[64];   /* the content's REVISION file (kiosk-sync), or "none" */
	int64_t start_time;
	int64_t load_time;
	bool load_ok;
	long load_errors;
	bool sound;
	int64_t last_input;
	int visits_today;
	int visit_day;       /* local date as YYYYMMDD of the visits counted */
	unsigned long errors_total;
} Metrics;

/* A visit started at Unix time t: counts it, starting from 0 on a new local day. */
void metrics_visit(Metrics *m, int64_t t);
/* visits_today as of time t (0 once the day of the last visit is over). */
int metrics_visits_on(const Metrics *m, int64_t t);
/* The text exposition format, as of time `now` (for visits_today). */
void metrics_format(const Metrics *m, int64_t now, FILE *out);
/* Writes path atomically: path.tmp in the same folder, then rename, mode 0644 (node_exporter
 * runs as another user). Logs and returns false on failure. */
bool metrics_write(const Metrics *m, int64_t now, const char *path);
/* Reads the first line of dir/../REVISION into out (kiosk-sync writes it next to the
 * content folder); "none" when there is none. */
void metrics_read_revision(const char *content_dir, char *out, size_t size);

#endif
