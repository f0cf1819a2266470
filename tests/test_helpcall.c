/* Tests for helpcall.c against a real HTTP server on 127.0.0.1 that this test runs on a
 * thread of its own: the message (a POST of JSON with only kiosk, place, time, language and
 * a sentence), a 500 tried again, a server that never answers (timeout), presses within a
 * minute being one call. Waits on helpcall_wait, never on a sleep. */
#include "test.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "helpcall.h"

#define HANG 0 /* the server reads the request and never answers */
#define MAX_REQ 8

typedef struct {
	int listen_fd, port;
	int answers[MAX_REQ]; /* status per request, in order; after the list: 200 */
	int answer_count;
	pthread_t thread;
	pthread_mutex_t lock;
	int requests;
	char bodies[MAX_REQ][1024];
	char heads[MAX_REQ][1024];
	int hung[MAX_REQ]; /* sockets kept open without an answer */
	int hung_count;
	int stop_pipe[2];
} Server;

static int notified;
static pthread_mutex_t notify_lock = PTHREAD_MUTEX_INITIALIZER;

static void on_done(void *ctx)
{
	(void)ctx;
	pthread_mutex_lock(&notify_lock);
	notified++;
	pthread_mutex_unlock(&notify_lock);
}

/* Reads one request (headers, then Content-Length bytes of body). */
static void read_request(int fd, char *head, size_t head_size, char *body, size_t body_size)
{
	char buf[4096];
	size_t n = 0;
	char *end = NULL;
	while (!end && n < sizeof(buf) - 1) {
		ssize_t r = read(fd, buf + n, sizeof(buf) - 1 - n);
		if (r <= 0)
			return;
		n += (size_t)r;
		buf[n] = '\0';
		end = strstr(buf, "\r\n\r\n");
	}
	if (!end)
		return;
	*end = '\0';
	snprintf(head, head_size, "%.1000s", buf);
	const char *cl = strstr(buf, "Content-Length: ");
	size_t want = cl ? (size_t)atol(cl + 16) : 0, have = n - (size_t)(end + 4 - buf);
	memmove(buf, end + 4, have);
	while (have < want && have < sizeof(buf) - 1) {
		ssize_t r = read(fd, buf + have, sizeof(buf) - 1 - have);
		if (r <= 0)
			break;
		have += (size_t)r;
	}
	buf[have] = '\0';
	snprintf(body, body_size, "%.1000s", buf);
}

static void *serve(void *arg)
{
	Server *s = arg;
	for (;;) {
		struct pollfd p[2] = {{s->listen_fd, POLLIN, 0}, {s->stop_pipe[0], POLLIN, 0}};
		if (poll(p, 2, -1) < 0 || (p[1].revents & POLLIN))
			break;
		int fd = accept(s->listen_fd, NULL, NULL);
		if (fd < 0)
			continue;
		pthread_mutex_lock(&s->lock);
		int i = s->requests < MAX_REQ ? s->requests : MAX_REQ - 1;
		pthread_mutex_unlock(&s->lock);
		char head[1024] = "", body[1024] = "";
		read_request(fd, head, sizeof(head), body, sizeof(body));
		pthread_mutex_lock(&s->lock);
		snprintf(s->heads[i], sizeof(s->heads[i]), "%s", head);
		snprintf(s->bodies[i], sizeof(s->bodies[i]), "%s", body);
		int status = i < s->answer_count ? s->answers[i] : 200;
		s->requests++;
		pthread_mutex_unlock(&s->lock);
		if (status == HANG) {
			s->hung[s->hung_count++] = fd; /* closed when the test ends */
			continue;
		}
		char reply[128];
		int n = snprintf(reply, sizeof(reply), "HTTP/1.1 %d X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
				 status);
		if (write(fd, reply, (size_t)n) != n)
			fprintf(stderr, "test server: short write\n");
		close(fd);
	}
	return NULL;
}

static void server_start(Server *s, const int *answers, int count)
{
	memset(s, 0, sizeof(*s));
	memcpy(s->answers, answers, (size_t)count * sizeof(int));
	s->answer_count = count;
	pthread_mutex_init(&s->lock, NULL);
	s->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(s->listen_fd >= 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s->listen_fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(s->listen_fd, 8), 0);
	socklen_t len = sizeof(a);
	getsockname(s->listen_fd, (struct sockaddr *)&a, &len);
	s->port = ntohs(a.sin_port);
	assert_int_equal(pipe(s->stop_pipe), 0);
	pthread_create(&s->thread, NULL, serve, s);
}

static void server_stop(Server *s)
{
	if (write(s->stop_pipe[1], "x", 1) != 1)
		fprintf(stderr, "test server: cannot stop\n");
	pthread_join(s->thread, NULL);
	for (int i = 0; i < s->hung_count; i++)
		close(s->hung[i]);
	close(s->listen_fd);
	close(s->stop_pipe[0]);
	close(s->stop_pipe[1]);
	pthread_mutex_destroy(&s->lock);
}

static HelpCall *call_for(const Server *s, long timeout_ms)
{
	char url[64];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/hook", s->port);
	HelpCallConfig cfg = {.url = url, .timeout_ms = timeout_ms, .attempts = 3, .retry_ms = 20, .notify = on_done};
	HelpCall *hc = helpcall_create(&cfg);
	assert_non_null(hc);
	return hc;
}

static void message_has_only_who_where_when_language(void **state)
{
	(void)state;
	char *j = helpcall_json("kiosk-7", "Library \"East\"\n", 1714554000, "pl");
	assert_string_equal(j, "{\"text\":\"Someone at the easy-read kiosk kiosk-7 (Library \\\"East\\\"\\u000a) is asking "
			       "for help. Language: pl. Time: 09:00 UTC.\",\"kiosk\":\"kiosk-7\",\"place\":\"Library "
			       "\\\"East\\\"\\u000a\",\"time\":\"2024-05-01T09:00:00Z\",\"language\":\"pl\"}");
	free(j);
}

static void a_2xx_means_someone_is_coming(void **state)
{
	(void)state;
	Server s;
	int answers[] = {204};
	server_start(&s, answers, 1);
	HelpCall *hc = call_for(&s, 2000);
	assert_int_equal(helpcall_state(hc), HELP_IDLE);
	pthread_mutex_lock(&notify_lock);
	int before = notified;
	pthread_mutex_unlock(&notify_lock);
	char *json = helpcall_json("k", "Desk", 0, "en");
	assert_true(helpcall_press(hc, 1000, json));
	helpcall_wait(hc);
	assert_int_equal(helpcall_state(hc), HELP_COMING);
	assert_int_equal(helpcall_attempts(hc), 1);
	assert_int_equal(helpcall_last_status(hc), 204);
	assert_int_equal(s.requests, 1);
	assert_string_equal(s.bodies[0], json);
	assert_non_null(strstr(s.heads[0], "POST /hook HTTP/1.1"));
	assert_non_null(strstr(s.heads[0], "Content-Type: application/json"));
	pthread_mutex_lock(&notify_lock);
	assert_int_equal(notified, before + 1);
	pthread_mutex_unlock(&notify_lock);
	free(json);
	helpcall_destroy(hc);
	server_stop(&s);
}

static void a_500_is_tried_again(void **state)
{
	(void)state;
	Server s;
	int answers[] = {500, 503, 200};
	server_start(&s, answers, 3);
	HelpCall *hc = call_for(&s, 2000);
	assert_true(helpcall_press(hc, 0, "{}"));
	helpcall_wait(hc);
	assert_int_equal(helpcall_state(hc), HELP_COMING);
	assert_int_equal(helpcall_attempts(hc), 3);
	assert_int_equal(s.requests, 3);
	assert_string_equal(s.bodies[2], "{}"); /* the same message every time */
	helpcall_destroy(hc);
	server_stop(&s);
}

static void every_attempt_failing_means_go_to_the_desk(void **state)
{
	(void)state;
	Server s;
	int answers[] = {500, 500, 500, 200};
	server_start(&s, answers, 4);
	HelpCall *hc = call_for(&s, 2000);
	assert_true(helpcall_press(hc, 0, "{}"));
	helpcall_wait(hc);
	assert_int_equal(helpcall_state(hc), HELP_FAILED);
	assert_int_equal(helpcall_attempts(hc), 3);
	assert_int_equal(s.requests, 3);
	helpcall_destroy(hc);
	server_stop(&s);
}

static void a_server_that_never_answers_times_out(void **state)
{
	(void)state;
	Server s;
	int answers[] = {HANG, HANG, HANG};
	server_start(&s, answers, 3);
	HelpCall *hc = call_for(&s, 300);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_true(helpcall_press(hc, 0, "{}"));
	helpcall_wait(hc);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s_taken = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_int_equal(helpcall_state(hc), HELP_FAILED);
	assert_int_equal(helpcall_attempts(hc), 3);
	assert_int_equal(helpcall_last_status(hc), 0);
	/* 3 attempts of 0.3 s and two pauses: well under the 10 s nobody would wait */
	assert_true(s_taken >= 0.85 && s_taken < 5.0);
	helpcall_destroy(hc);
	server_stop(&s);
}

static void presses_within_a_minute_are_one_call(void **state)
{
	(void)state;
	Server s;
	int answers[] = {200, 200};
	server_start(&s, answers, 2);
	HelpCall *hc = call_for(&s, 2000);
	assert_true(helpcall_press(hc, 5000, "{\"n\":1}"));
	helpcall_wait(hc);
	assert_false(helpcall_press(hc, 5000 + 30000, "{\"n\":2}"));
	assert_false(helpcall_press(hc, 5000 + HELPCALL_SAME_CALL_MS - 1, "{\"n\":3}"));
	assert_int_equal(helpcall_state(hc), HELP_COMING); /* still that call's answer */
	assert_true(helpcall_press(hc, 5000 + HELPCALL_SAME_CALL_MS, "{\"n\":4}"));
	helpcall_wait(hc);
	assert_int_equal(s.requests, 2);
	assert_string_equal(s.bodies[1], "{\"n\":4}");
	helpcall_destroy(hc);
	server_stop(&s);
}

static void nothing_without_a_webhook(void **state)
{
	(void)state;
	HelpCallConfig cfg = {.url = ""};
	assert_null(helpcall_create(&cfg));
	assert_null(helpcall_create(NULL));
	assert_false(helpcall_press(NULL, 0, "{}"));
	assert_int_equal(helpcall_state(NULL), HELP_IDLE);
	helpcall_destroy(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(message_has_only_who_where_when_language),
		cmocka_unit_test(a_2xx_means_someone_is_coming),
		cmocka_unit_test(a_500_is_tried_again),
		cmocka_unit_test(every_attempt_failing_means_go_to_the_desk),
		cmocka_unit_test(a_server_that_never_answers_times_out),
		cmocka_unit_test(presses_within_a_minute_are_one_call),
		cmocka_unit_test(nothing_without_a_webhook),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
