package console

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestMain makes the hashes cheap but for TestKDF: the race detector
// slows argon2id's 64 MiB tenfold.
func TestMain(m *testing.M) {
	cost.time, cost.memory = 1, 64
	os.Exit(m.Run())
}

func TestKDF(t *testing.T) {
	saved := cost
	cost.time, cost.memory = kdfTime, kdfMemory
	defer func() { cost = saved }()
	h := HashPassword("sesame")
	if !h.Check("sesame") || h.Check("Sesame") || h.Check("") {
		t.Fatal("argon2id check wrong")
	}
	if h2 := HashPassword("sesame"); string(h2.Salt) == string(h.Salt) || string(h2.Key) == string(h.Key) {
		t.Fatal("two hashes of one password share their salt")
	}
	if (KDF{}).Check("") {
		t.Fatal("an empty hash accepts the empty password")
	}
	if h.Time != kdfTime || h.Memory != kdfMemory || h.Threads != kdfThreads || len(h.Key) != kdfKeyLen {
		t.Fatalf("parameters %+v", h)
	}
}

// The first run creates one manager with a random password, in a file
// only the appliance's user reads; the next run reads it and shows no
// password.
func TestAccountsFirstRun(t *testing.T) {
	dir := t.TempDir()
	a, pw, err := OpenAccounts(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(pw) < 16 {
		t.Fatalf("first password %q: too short", pw)
	}
	st, err := os.Stat(filepath.Join(dir, AccountsFile))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("accounts file: %v %v", st, err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, AccountsFile))
	if strings.Contains(string(b), pw) {
		t.Fatal("the file holds the password in clear")
	}
	var f accountsFile
	if err := json.Unmarshal(b, &f); err != nil || len(f.Accounts) != 1 || f.Accounts[0].Role != RoleManager {
		t.Fatalf("file %s: %v", b, err)
	}
	if acc, err := a.SignIn("manager", pw); err != nil || acc.Role != RoleManager {
		t.Fatalf("sign in: %+v %v", acc, err)
	}
	_, pw2, err := OpenAccounts(dir, nil)
	if err != nil || pw2 != "" {
		t.Fatalf("second run: %q %v", pw2, err)
	}
	_, pw3, err := OpenAccounts(t.TempDir(), nil)
	if err != nil || pw3 == pw {
		t.Fatal("two first runs gave the same password")
	}
}

func TestAccountsRefuseABadFile(t *testing.T) {
	for _, body := range []string{`{`, `{"accounts":[{"name":"x","role":"boss"}]}`, `{"accounts":[{"name":"","role":"clerk"}]}`} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, AccountsFile), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, _, err := OpenAccounts(dir, nil); err == nil {
			t.Errorf("%s accepted", body)
		}
	}
}

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// Five failed sign-ins lock the account for five minutes, even against
// the right password; then it opens again.
func TestLockout(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}
	a, _, err := OpenAccounts(t.TempDir(), clk.Now)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Put(Account{Name: "mona", Role: RoleClerk, Counters: []int{1}}, "right"); err != nil {
		t.Fatal(err)
	}
	for i := range MaxFailures {
		if _, err := a.SignIn("mona", "wrong"); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("failure %d: %v", i+1, err)
		}
	}
	if _, err := a.SignIn("mona", "right"); !errors.Is(err, ErrLocked) {
		t.Fatalf("locked account: %v", err)
	}
	clk.Add(LockFor - time.Second)
	if _, err := a.SignIn("mona", "right"); !errors.Is(err, ErrLocked) {
		t.Fatalf("just before the end of the lock: %v", err)
	}
	clk.Add(time.Second)
	if acc, err := a.SignIn("mona", "right"); err != nil || acc.Name != "mona" {
		t.Fatalf("after the lock: %v", err)
	}
	// a success clears the count
	for range MaxFailures - 1 {
		_, _ = a.SignIn("mona", "wrong")
	}
	if _, err := a.SignIn("mona", "right"); err != nil {
		t.Fatalf("four failures lock: %v", err)
	}
	if _, err := a.SignIn("nobody", "x"); !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("unknown name: %v", err)
	}
}

func TestMayUse(t *testing.T) {
	clerk := Account{Role: RoleClerk, Counters: []int{2}}
	if !clerk.MayUse(2) || clerk.MayUse(1) || clerk.Manager() {
		t.Fatal("clerk")
	}
	if m := (Account{Role: RoleManager}); !m.MayUse(7) || !m.Manager() {
		t.Fatal("manager")
	}
}

// A session ends on the server at its expiry, whatever the cookie says.
func TestSessionExpires(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}
	ss := newSessions(clk.Now, time.Hour)
	tok := ss.create("mona")
	if name, ok := ss.get(tok); !ok || name != "mona" {
		t.Fatal("fresh session refused")
	}
	if tok2 := ss.create("mona"); tok2 == tok || len(tok2) != 64 {
		t.Fatalf("tokens %s %s", tok, tok2)
	}
	clk.Add(time.Hour)
	if _, ok := ss.get(tok); ok {
		t.Fatal("an expired session accepted")
	}
	if _, ok := ss.get("forged"); ok {
		t.Fatal("an unknown token accepted")
	}
}

// Password checks run two at a time: a sign-in that finds both busy past
// kdfWait is refused as busy, and a hash asking for more than
// maxKDFMemory, or absurd passes, is refused without being computed.
func TestSignInBounded(t *testing.T) {
	a, _, err := OpenAccounts(t.TempDir(), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Put(Account{Name: "mona", Role: RoleClerk, Counters: []int{1}}, "right"); err != nil {
		t.Fatal(err)
	}
	defer func(w time.Duration) { kdfWait = w }(kdfWait)
	kdfWait = 50 * time.Millisecond
	kdfSlots <- struct{}{}
	kdfSlots <- struct{}{}
	if _, err := a.SignIn("mona", "right"); !errors.Is(err, ErrBusy) {
		t.Errorf("with every slot taken: %v, want busy", err)
	}
	<-kdfSlots
	<-kdfSlots
	if _, err := a.SignIn("mona", "right"); err != nil {
		t.Errorf("with the slots free: %v", err)
	}
	k := HashPassword("x")
	for _, bad := range []KDF{{Salt: k.Salt, Key: k.Key, Time: k.Time, Memory: maxKDFMemory + 1, Threads: k.Threads},
		{Salt: k.Salt, Key: k.Key, Time: 1000, Memory: k.Memory, Threads: k.Threads}} {
		if bad.Check("x") {
			t.Errorf("a hash with %+v was accepted", bad)
		}
	}
}
