package i18n

import (
	"strings"
	"testing"
	"time"

	"tabour/lang"
)

func TestEveryMessageInBothLanguages(t *testing.T) {
	for k, m := range messages {
		if strings.TrimSpace(m.AR) == "" || strings.TrimSpace(m.EN) == "" {
			t.Errorf("%s: missing a language", k)
		}
	}
	for k, p := range plurals {
		for i, s := range p.AR {
			if s == "" {
				t.Errorf("%s: Arabic form %d empty", k, i)
			}
		}
		if p.EN[0] == "" || p.EN[1] == "" {
			t.Errorf("%s: English form empty", k)
		}
	}
}

func TestArabicPlurals(t *testing.T) {
	p := Printer{Lang: lang.AR, ArabicDigits: true}
	cases := map[int]string{
		0: "لا أحد أمامك", 1: "أمامك مواطن واحد", 2: "أمامك مواطنان", 3: "أمامك ٣ مواطنين",
		10: "أمامك ١٠ مواطنين", 11: "أمامك ١١ مواطنًا", 99: "أمامك ٩٩ مواطنًا", 100: "أمامك ١٠٠ مواطن",
		103: "أمامك ١٠٣ مواطنين", 111: "أمامك ١١١ مواطنًا",
	}
	for n, want := range cases {
		if got := p.Count("ahead", n); got != want {
			t.Errorf("ahead %d: %q, want %q", n, got, want)
		}
	}
	en := Printer{Lang: lang.EN}
	if got := en.Count("ahead", 1); got != "1 person ahead of you" {
		t.Error(got)
	}
	if got := en.Count("ahead", 4); got != "4 people ahead of you" {
		t.Error(got)
	}
}

func TestMinutes(t *testing.T) {
	ar := Printer{Lang: lang.AR, ArabicDigits: true}
	for d, want := range map[time.Duration]string{
		0: "أقل من دقيقة", 30 * time.Second: "دقيقة واحدة", 2 * time.Minute: "دقيقتان",
		5 * time.Minute: "٥ دقائق", 20 * time.Minute: "٢٠ دقيقة",
	} {
		if got := ar.Minutes(d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
	if got := (Printer{Lang: lang.AR}).Minutes(20 * time.Minute); got != "20 دقيقة" {
		t.Errorf("Western digits: %q", got)
	}
}

func TestDigitsAndDates(t *testing.T) {
	if (Printer{Lang: lang.AR, ArabicDigits: true}).Digits("A023 10:15") != "A٠٢٣ ١٠:١٥" {
		t.Fatal("digit mapping")
	}
	cairo, _ := time.LoadLocation("Africa/Cairo")
	at := time.Date(2026, 11, 22, 14, 5, 0, 0, cairo)
	ar := Printer{Lang: lang.AR, ArabicDigits: true}
	if got := ar.Date(at); got != "الأحد ٢٢ نوفمبر ٢٠٢٦" {
		t.Errorf("date %q", got)
	}
	if got := ar.Clock(at); got != "٢:٠٥ م" {
		t.Errorf("clock %q", got)
	}
	en := Printer{Lang: lang.EN}
	if en.Date(at) != "Sunday 22 November 2026" || en.Clock(at) != "2:05 PM" {
		t.Errorf("%q %q", en.Date(at), en.Clock(at))
	}
	if got := ar.T("service.wait", ar.Minutes(5*time.Minute)); got != "الانتظار المتوقع: ٥ دقائق" {
		t.Errorf("%q", got)
	}
	if got := ar.T("no.such.key"); got != "[no.such.key]" {
		t.Error(got)
	}
}
