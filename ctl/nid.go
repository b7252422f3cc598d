package ctl

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"tabour/nationalid"
)

// nidOut is what `nid` prints with --json. The number itself appears only
// masked.
type nidOut struct {
	Valid        bool   `json:"valid"`
	Masked       string `json:"masked,omitempty"`
	Birth        string `json:"birth,omitempty"`
	Age          int    `json:"age,omitempty"`
	Sex          string `json:"sex,omitempty"`
	Governorate  int    `json:"governorate,omitempty"`
	GovernorateN string `json:"governorate_name,omitempty"`
	CheckDigitOK bool   `json:"check_digit_ok,omitempty"`
	Reason       string `json:"reason,omitempty"`
	MessageEN    string `json:"message_en,omitempty"`
	MessageAR    string `json:"message_ar,omitempty"`
}

// errInvalidNID makes `nid` exit 1 after printing why.
var errInvalidNID = errors.New("invalid national ID number")

func cmdNID(e *env, args []string) error {
	fs := e.flags("nid")
	check := fs.String("check", "", "check digit: strict, lenient or off (default from config)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return fmt.Errorf("%w: give the number (spaces and Arabic-Indic digits are fine)", errUsage)
	}
	if err := e.loadConfig(); err != nil {
		return err
	}
	if *check == "" {
		*check = string(e.cfg.NationalID.CheckDigit)
	}
	mode, err := nationalid.ParseCheckMode(*check)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	now := time.Now().In(location(e))
	id, err := nationalid.Parse(strings.Join(pos, ""), now, mode)
	out := describeNID(id, err, now)
	if e.json {
		if perr := e.printJSON(out); perr != nil {
			return perr
		}
	} else {
		e.printNID(out)
	}
	if err != nil {
		return shown(errInvalidNID)
	}
	return nil
}

func describeNID(id nationalid.ID, err error, now time.Time) nidOut {
	var nerr *nationalid.Error
	if errors.As(err, &nerr) {
		return nidOut{Reason: nerr.Reason.String(), MessageEN: nerr.EN(), MessageAR: nerr.AR()}
	}
	if err != nil {
		return nidOut{Reason: "error", MessageEN: err.Error()}
	}
	return nidOut{Valid: true, Masked: id.String(), Birth: id.Birth.Format("2006-01-02"), Age: id.Age(now),
		Sex: id.Sex.EN(), Governorate: id.Governorate.Code, GovernorateN: id.Governorate.Name.EN,
		CheckDigitOK: id.CheckDigitOK}
}

func (e *env) printNID(o nidOut) {
	if !o.Valid {
		e.printf("invalid (%s): %s\n           %s\n", o.Reason, o.MessageEN, o.MessageAR)
		return
	}
	check := "matches"
	if !o.CheckDigitOK {
		check = "does not match the public algorithm (accepted: lenient)"
	}
	e.printf("valid %s\n  born        %s (age %d)\n  sex         %s\n  governorate %02d %s\n  check digit %s\n",
		o.Masked, o.Birth, o.Age, o.Sex, o.Governorate, o.GovernorateN, check)
}
