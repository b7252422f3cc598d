package wire

import (
	"tabour/lang"
	"tabour/mqtt/contract"
)

// The wire contract imports the standard library only, so it has its own
// bilingual text with the same fields and JSON as lang.Text; these two
// functions are the only crossings between them.

// TextFrom is t as the contract writes it.
func TextFrom(t lang.Text) contract.Text { return contract.Text(t) }

// LangText is a text of the contract as the appliance speaks it.
func LangText(t contract.Text) lang.Text { return lang.Text(t) }
