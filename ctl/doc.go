// Package ctl is tabourctl, the operations command line of a Tabour
// appliance: it works directly on the appliance's SQLite file (safely, at
// the same time as the running kiosk) to show the live status, issue and
// move tickets for scripting and drills, verify the audit chain and check a
// national ID number.
//
//	tabourctl [--config FILE] [--db FILE] COMMAND [flags]
//
// The database defaults to <data_dir>/tabour.db from the config file
// (--config, or $TABOUR_CONFIG, or the built-in simulated center). A fresh
// database is filled from the config's catalog and counters on first use;
// `init` does it again after the config changed.
//
// Every command prints for a person by default and JSON with --json. Exit
// status: 0 success, 1 the operation was refused or failed (the reason is
// printed), 2 wrong usage. cmd/tabourctl is only a wrapper around Main.
package ctl
