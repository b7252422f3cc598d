package lang

// Lang is a language Tabour speaks: "ar" or "en", as written in the
// config, on tickets and in payloads.
type Lang string

// Languages.
const (
	AR Lang = "ar"
	EN Lang = "en"
)

// RTL reports whether the language is written right to left.
func (l Lang) RTL() bool { return l == AR }

// Other is the other language (the language toggle).
func (l Lang) Other() Lang {
	if l == AR {
		return EN
	}
	return AR
}
