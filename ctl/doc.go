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
// `audit verify` walks the event chain and compares it with the database's
// head file, without writing: a database that lost committed events (a
// copy without its -wal, an emptied or older file) is named with the
// missing range of seq. Every other command then refuses with the same
// range, as the kiosk does, until `audit accept-loss` records the
// operator's decision: numbering goes on above every number issued before.
//
// Every command prints for a person by default and JSON with --json. Exit
// status: 0 success, 1 the operation was refused or failed (the reason is
// printed once), 2 wrong usage. cmd/tabourctl is only a wrapper around Main.
//
// # JSON
//
// With --json every command prints one JSON document on stdout (indented,
// ending in a newline); `events --ack` prints one per report. Errors stay
// text on stderr. Throughout:
//
//   - keys are snake_case: "served_today", "first_called_at";
//   - durations are whole seconds in keys ending in _s: "wait_s",
//     "aht_s", "longest_wait_s", "mean_service_s"; an estimate that is not
//     known (no open counter) has "known": false and "wait_s": null;
//   - times are RFC 3339 in UTC ("2026-11-22T07:15:00.123Z"); a ticket's
//     times that have not happened yet are left out;
//   - rates are fractions from 0 to 1: "no_show_rate", "within_target";
//   - events are printed as stored, their "data" the exact JSON text the
//     audit hash covers (durations there are seconds with a fraction).
package ctl
