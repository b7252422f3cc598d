// Package layers holds no code: its test enforces the project's import
// layers with go list.
//
//   - tabour/queue (and its subpackages) imports no other package of the
//     project but tabour/lang;
//   - tabour/lang, the two languages' vocabulary shared by every layer,
//     imports the standard library only;
//   - tabour/mqtt/contract, the bus's wire contract, imports the standard
//     library only, so that every client of the bus can import it alone;
//   - tabour/devices/... imports no bus and no UI: no tabour/mqtt...,
//     tabour/appliance, tabour/kiosk, tabour/ui, fyne.io/..., nor the MQTT
//     libraries;
//   - tabour/config imports no bus package (tabour/mqtt..., the MQTT
//     libraries): it keeps the mqtt section as written, and the bus
//     package decodes and checks it.
package layers
