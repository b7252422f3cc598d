// Command mosquitto is the center's device registry as a plugin for
// mosquitto 2.0, for a center that runs its own broker instead of the
// appliance's embedded one. Built with
//
//	go build -buildmode=c-shared -o tabour-auth.so ./mqtt/auth/mosquitto
//
// (make build puts it in bin/), it takes the place of mosquitto's
// password_file and acl_file:
//
//	plugin /usr/local/lib/tabour/tabour-auth.so
//	plugin_opt_devices /etc/mosquitto/tabour-devices.json
//	allow_anonymous false
//
// where the devices file is written by `tabourctl mosquitto` from the
// appliance's config (the SHA-256 of each password, never a clear one; see
// auth.File). On every CONNECT it checks the password, that the client id
// is the credential's own (the device id, or the id, "-" and a suffix), and
// that a device credential holds at most max_sessions connections; on
// every PUBLISH, SUBSCRIBE and delivery the device's rules. These are the
// embedded broker's checks, made by the same code (auth.Registry), which
// mosquitto's own files cannot express: with them any credentialed device
// could connect with another's client id and drop that device's
// connection, and one credential could hold any number of connections.
//
// It is written by hand because no plugin does this: the dynamic-security
// plugin binds one exact client id to a username, which the appliance's
// several connections on its credential cannot share, and has none of the
// appliance's rules. The broker's functions are looked up when it loads
// (see plugin.c). A devices file that cannot be read or is not valid stops
// mosquitto at start, with the file and the cause in its log.
package main

/*
#cgo LDFLAGS: -ldl
#include <stdlib.h>
#include <mosquitto.h>
#include <mosquitto_broker.h>
#include <mosquitto_plugin.h>

void tabour_log(int level, char *msg);
*/
import "C"

import (
	"fmt"
	"strconv"
	"sync/atomic"
	"unsafe"

	"tabour/mqtt/auth"
)

func main() {} // a plugin: mosquitto calls the exported functions

// current is the gate the callbacks use, set by tabourInit.
var current atomic.Pointer[gate]

func logf(level C.int, format string, args ...any) {
	msg := C.CString(fmt.Sprintf(format, args...))
	defer C.free(unsafe.Pointer(msg))
	C.tabour_log(level, msg)
}

// tabourInit reads the plugin's options (plugin_opt_devices, and
// plugin_opt_max_sessions over the file's max_sessions).
//
//export tabourInit
func tabourInit(options *C.struct_mosquitto_opt, count C.int) C.int {
	var path, maxOpt string
	if count > 0 && options != nil {
		for _, o := range unsafe.Slice(options, int(count)) {
			switch key := C.GoString(o.key); key {
			case "devices":
				path = C.GoString(o.value)
			case "max_sessions":
				maxOpt = C.GoString(o.value)
			default:
				logf(C.MOSQ_LOG_ERR, "unknown option plugin_opt_%s (devices, max_sessions)", key)
				return C.MOSQ_ERR_INVAL
			}
		}
	}
	g, err := load(path, maxOpt)
	if err != nil {
		logf(C.MOSQ_LOG_ERR, "%v", err)
		return C.MOSQ_ERR_INVAL
	}
	current.Store(g)
	logf(C.MOSQ_LOG_NOTICE, "center %s: %d devices from %s, at most %d connections per device credential",
		g.reg.Center(), len(g.reg.Devices()), path, g.maxSessions)
	return C.MOSQ_ERR_SUCCESS
}

// load builds the gate from the devices file at path and the
// max_sessions option (empty: the file's).
func load(path, maxOpt string) (*gate, error) {
	if path == "" {
		return nil, fmt.Errorf("plugin_opt_devices is not set: the devices file that tabourctl mosquitto writes")
	}
	reg, max, err := auth.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if maxOpt != "" {
		n, err := strconv.Atoi(maxOpt)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("plugin_opt_max_sessions %q is not a positive number", maxOpt)
		}
		max = n
	}
	return newGate(reg, max), nil
}

//export tabourBasicAuth
func tabourBasicAuth(client unsafe.Pointer, cid, user, password *C.char) C.int {
	g := current.Load()
	if g == nil {
		return C.MOSQ_ERR_AUTH
	}
	var pw []byte
	if password != nil {
		pw = []byte(C.GoString(password))
	}
	if err := g.admit(uintptr(client), goString(user), goString(cid), pw); err != nil {
		logf(C.MOSQ_LOG_NOTICE, "refused %q: %v", goString(cid), err)
		return C.MOSQ_ERR_AUTH
	}
	return C.MOSQ_ERR_SUCCESS
}

//export tabourACLCheck
func tabourACLCheck(user, topic *C.char, access C.int) C.int {
	g := current.Load()
	if g == nil {
		return C.MOSQ_ERR_ACL_DENIED
	}
	var write bool
	switch access {
	case C.MOSQ_ACL_UNSUBSCRIBE:
		return C.MOSQ_ERR_SUCCESS
	case C.MOSQ_ACL_READ, C.MOSQ_ACL_SUBSCRIBE:
	case C.MOSQ_ACL_WRITE:
		write = true
	default:
		return C.MOSQ_ERR_ACL_DENIED
	}
	if g.allow(goString(user), goString(topic), write) {
		return C.MOSQ_ERR_SUCCESS
	}
	return C.MOSQ_ERR_ACL_DENIED
}

//export tabourDisconnect
func tabourDisconnect(client unsafe.Pointer) {
	if g := current.Load(); g != nil {
		g.gone(uintptr(client))
	}
}

func goString(s *C.char) string {
	if s == nil {
		return ""
	}
	return C.GoString(s)
}
