// Package lang is the vocabulary of the two languages Tabour speaks: the
// language of a screen or a ticket (Lang), a string in both languages
// (Text) and the digits the two languages are written in (Arabic-Indic
// ٠–٩ and Western 0–9).
//
// It imports the standard library only, so that every layer of the
// project — the queue engine, the devices, the kiosk, the displays and
// tabourctl — can share it. The message catalog and the formatting of
// numbers, dates and plurals live in tabour/ui/i18n.
package lang
