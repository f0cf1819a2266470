/* tap: presses a point on the X display like a finger (XTest), and measures the time from
 * the release (the moment a kiosk button acts) to the kiosk's next frame that shows what
 * was asked for, read from the kiosk's --ready-file (rewritten after every presented frame).
 *
 *   tap [--press] READY_FILE X Y PATTERN [TIMEOUT_MS]
 *
 * --press: for a target that acts when touched (the attract screen), time from the press
 * to the frame with PATTERN instead, then release.
 *
 * Press, wait for the "pressed" frame, release, then poll READY_FILE every 0.1 ms until
 * its frame counter moved on and it contains PATTERN (e.g. "page=care-act.md screen=1/",
 * "screen=2/", "mode=page"). Prints the milliseconds; exits 1 on timeout. */
#define _GNU_SOURCE
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* The ready file (its first cap - 1 bytes) and its frame number (-1 when unreadable). */
static long read_ready(const char *path, char *text, size_t cap)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, text, cap - 1);
	close(fd);
	if (n <= 0)
		return -1;
	text[n] = '\0';
	return strncmp(text, "frame=", 6) == 0 ? atol(text + 6) : -1;
}

static long wait_frame(const char *path, long after, const char *pattern, double deadline, char *line,
		       size_t cap)
{
	struct timespec step = {0, 100000};
	while (now_ms() < deadline) {
		long f = read_ready(path, line, cap);
		if (f > after && (!pattern || strstr(line, pattern)))
			return f;
		nanosleep(&step, NULL);
	}
	return -1;
}

int main(int argc, char **argv)
{
	bool on_press = argc > 1 && strcmp(argv[1], "--press") == 0;
	if (on_press)
		argc--, argv++;
	if (argc < 5) {
		fprintf(stderr, "usage: tap [--press] READY_FILE X Y PATTERN [TIMEOUT_MS]\n");
		return 2;
	}
	const char *ready = argv[1], *pattern = argv[4];
	int x = atoi(argv[2]), y = atoi(argv[3]);
	double timeout = argc > 5 ? atof(argv[5]) : 10000;
	Display *d = XOpenDisplay(NULL);
	if (!d) {
		fprintf(stderr, "tap: cannot open the display\n");
		return 1;
	}
	char line[16384];
	long f0 = read_ready(ready, line, sizeof(line));
	XTestFakeMotionEvent(d, -1, x, y, CurrentTime);
	XSync(d, False);
	double t_press = now_ms();
	XTestFakeButtonEvent(d, 1, True, CurrentTime);
	XSync(d, False);
	if (on_press) {
		long f = wait_frame(ready, f0, pattern, t_press + timeout, line, sizeof(line));
		double ms = now_ms() - t_press;
		XTestFakeButtonEvent(d, 1, False, CurrentTime);
		XCloseDisplay(d);
		if (f < 0) {
			fprintf(stderr, "tap: no frame with '%s' within %.0f ms of the press\n", pattern, timeout);
			return 1;
		}
		printf("%.2f\n", ms);
		return 0;
	}
	long f1 = wait_frame(ready, f0, NULL, now_ms() + timeout, line, sizeof(line));
	if (f1 < 0) {
		fprintf(stderr, "tap: no frame after pressing %d,%d\n", x, y);
		XTestFakeButtonEvent(d, 1, False, CurrentTime);
		XSync(d, False);
		return 1;
	}
	double t0 = now_ms();
	XTestFakeButtonEvent(d, 1, False, CurrentTime);
	XSync(d, False);
	long f2 = wait_frame(ready, f1, pattern, t0 + timeout, line, sizeof(line));
	double ms = now_ms() - t0;
	XCloseDisplay(d);
	if (f2 < 0) {
		*strchrnul(line, '\n') = '\0';
		fprintf(stderr, "tap: no frame with '%s' within %.0f ms (last: %s)\n", pattern, timeout, line);
		return 1;
	}
	printf("%.2f\n", ms);
	return 0;
}
