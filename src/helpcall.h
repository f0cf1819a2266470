/* helpcall: "Call someone to help me". One press POSTs a small JSON message to the site's
 * webhook ([help] webhook: Microsoft Teams, Slack or any HTTP endpoint) with libcurl on a
 * thread of its own, so the screen never waits for the network: a timeout per attempt and a
 * few attempts with a pause between them; presses within a minute are one call. The message
 * says which kiosk, where, when and in which language: never what the visitor read.
 * Core module: no SDL (the app is told through a callback). Start at helpcall_press. */
#ifndef HELPCALL_H
#define HELPCALL_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

typedef enum {
	HELP_IDLE,    /* no call yet */
	HELP_CALLING, /* the message is on its way (or waiting to try again) */
	HELP_COMING,  /* the server answered 2xx: someone is coming */
	HELP_FAILED,  /* every attempt failed: please go to the desk */
} HelpState;

/* Presses closer together than this are the same call. */
#define HELPCALL_SAME_CALL_MS 60000

typedef struct {
	const char *url;        /* the webhook (copied) */
	long timeout_ms;        /* per attempt; 0: 5000 */
	int attempts;           /* 0: 3 */
	long retry_ms;          /* pause between attempts; 0: 1000 */
	/* Called on the call's own thread when the state changes to COMING or FAILED (may be
	 * NULL). Keep it short and thread-safe: the kiosk posts an SDL event. */
	void (*notify)(void *ctx);
	void *notify_ctx;
} HelpCallConfig;

typedef struct HelpCall HelpCall;

/* NULL when cfg->url is empty or libcurl cannot start (logged). Free with helpcall_destroy,
 * which stops a call in progress (it waits at most for the attempt on the wire). */
HelpCall *helpcall_create(const HelpCallConfig *cfg);
void helpcall_destroy(HelpCall *hc); /* NULL is a no-op */

/* The message (caller frees): {"text": a sentence for Teams and Slack to show, "kiosk",
 * "place", "time" (UTC, ISO 8601), "language" (code)}. */
char *helpcall_json(const char *kiosk, const char *place, time_t t, const char *lang);

/* A press at now_ms (the kiosk's clock) with its message: starts a call and returns true,
 * unless a call started less than HELPCALL_SAME_CALL_MS ago (then nothing is sent and the
 * state is that call's). */
bool helpcall_press(HelpCall *hc, uint64_t now_ms, const char *json);
HelpState helpcall_state(HelpCall *hc);
/* Attempts made by the last call so far, and its last HTTP status (0: no answer). */
int helpcall_attempts(HelpCall *hc);
long helpcall_last_status(HelpCall *hc);
/* Waits until the call in progress has finished (tests, and shutting down). */
void helpcall_wait(HelpCall *hc);

#endif
