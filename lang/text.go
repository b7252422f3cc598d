package lang

// Text is a string in the two languages Tabour speaks: a service's or a
// counter's name, a message to the citizen. Its JSON is {"ar": …, "en": …}.
type Text struct {
	AR string `json:"ar"`
	EN string `json:"en"`
}

// In returns the text in l: English for EN, Arabic for any other
// language.
func (t Text) In(l Lang) string {
	if l == EN {
		return t.EN
	}
	return t.AR
}
