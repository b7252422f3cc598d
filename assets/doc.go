// Package assets holds the files built into the Tabour binary.
//
// catalog.json is the default service catalog: the local-government
// services a city or district technology center (المركز التكنولوجي لخدمة
// المواطنين) offers at its one window (الشباك الواحد), in Arabic first and in
// English. It is a JSON object
//
//	{"version": 1,
//	 "categories": [{"code": "building", "name": {"ar": "...", "en": "..."}}, ...],
//	 "services":   [queue.Service, ...]}
//
// Each service has a stable code (BLD-PERMIT), a one-letter ticket prefix
// (A gives tickets A001, A002, ...; I and O are not used so they are not read
// as 1 and 0), its category, its target waiting time, the average service time
// that seeds the wait estimate, the documents the citizen must bring and the
// visit kinds it accepts (submit, collect, inquiry). The catalog never gives a
// fee: amounts come from the unified guide of fees and documents (دليل الرسوم
// والمستندات الموحد), and the kiosk says so; a center that wants amounts shown
// supplies its own catalog file (see package config).
//
// The package uses only the standard library. Fonts and sounds will be
// embedded here too, under FS.
package assets
