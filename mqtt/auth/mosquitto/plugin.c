// The mosquitto side of the plugin: its three entry points and the
// callbacks, which hand each event to the Go functions of main.go.
//
// The broker's functions are looked up when the plugin is loaded
// (dlsym), not linked: they live in the mosquitto executable, so a
// reference to them would leave this package unable to link on its own
// (go build, go vet and go test link it as a program).

#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <mosquitto.h>
#include <mosquitto_broker.h>
#include <mosquitto_plugin.h>

#include "_cgo_export.h"

static __typeof__(mosquitto_callback_register) *cb_register;
static __typeof__(mosquitto_callback_unregister) *cb_unregister;
static __typeof__(mosquitto_client_id) *client_id;
static __typeof__(mosquitto_client_username) *client_username;
static __typeof__(mosquitto_log_printf) *log_printf;

static mosquitto_plugin_id_t *plugin_id;

void tabour_log(int level, char *msg)
{
	if (log_printf) {
		log_printf(level, "tabour: %s", msg);
	} else {
		fprintf(stderr, "tabour: %s\n", msg);
	}
}

static int on_basic_auth(int event, void *event_data, void *userdata)
{
	struct mosquitto_evt_basic_auth *ed = event_data;
	(void)event;
	(void)userdata;
	return tabourBasicAuth((void *)ed->client, (char *)client_id(ed->client), ed->username, ed->password);
}

static int on_acl_check(int event, void *event_data, void *userdata)
{
	struct mosquitto_evt_acl_check *ed = event_data;
	(void)event;
	(void)userdata;
	return tabourACLCheck((char *)client_username(ed->client), (char *)ed->topic, ed->access);
}

static int on_disconnect(int event, void *event_data, void *userdata)
{
	struct mosquitto_evt_disconnect *ed = event_data;
	(void)event;
	(void)userdata;
	tabourDisconnect((void *)ed->client);
	return MOSQ_ERR_SUCCESS;
}

int mosquitto_plugin_version(int supported_version_count, const int *supported_versions)
{
	for (int i = 0; i < supported_version_count; i++) {
		if (supported_versions[i] == 5) {
			return 5;
		}
	}
	return -1;
}

int mosquitto_plugin_init(mosquitto_plugin_id_t *identifier, void **userdata, struct mosquitto_opt *options, int option_count)
{
	(void)userdata;
	cb_register = dlsym(RTLD_DEFAULT, "mosquitto_callback_register");
	cb_unregister = dlsym(RTLD_DEFAULT, "mosquitto_callback_unregister");
	client_id = dlsym(RTLD_DEFAULT, "mosquitto_client_id");
	client_username = dlsym(RTLD_DEFAULT, "mosquitto_client_username");
	log_printf = dlsym(RTLD_DEFAULT, "mosquitto_log_printf");
	if (!cb_register || !cb_unregister || !client_id || !client_username || !log_printf) {
		tabour_log(MOSQ_LOG_ERR, "this broker has not the plugin functions of mosquitto 2.0");
		return MOSQ_ERR_NOT_SUPPORTED;
	}
	plugin_id = identifier;
	int rc = tabourInit(options, option_count);
	if (rc != MOSQ_ERR_SUCCESS) {
		return rc;
	}
	if ((rc = cb_register(plugin_id, MOSQ_EVT_BASIC_AUTH, on_basic_auth, NULL, NULL)) != MOSQ_ERR_SUCCESS ||
	    (rc = cb_register(plugin_id, MOSQ_EVT_ACL_CHECK, on_acl_check, NULL, NULL)) != MOSQ_ERR_SUCCESS ||
	    (rc = cb_register(plugin_id, MOSQ_EVT_DISCONNECT, on_disconnect, NULL, NULL)) != MOSQ_ERR_SUCCESS) {
		tabour_log(MOSQ_LOG_ERR, "could not register the plugin's callbacks");
		return rc;
	}
	return MOSQ_ERR_SUCCESS;
}

int mosquitto_plugin_cleanup(void *userdata, struct mosquitto_opt *options, int option_count)
{
	(void)userdata;
	(void)options;
	(void)option_count;
	if (plugin_id && cb_unregister) {
		cb_unregister(plugin_id, MOSQ_EVT_BASIC_AUTH, on_basic_auth, NULL);
		cb_unregister(plugin_id, MOSQ_EVT_ACL_CHECK, on_acl_check, NULL);
		cb_unregister(plugin_id, MOSQ_EVT_DISCONNECT, on_disconnect, NULL);
	}
	return MOSQ_ERR_SUCCESS;
}
