package console

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/crypto/argon2"

	"tabour/internal/atomicfile"
	"tabour/mqtt/contract"
)

// Role is what a person may do in the console.
type Role string

// Roles.
const (
	RoleClerk      Role = "clerk"      // works at the counters they are allowed
	RoleManager    Role = "manager"    // every counter, and the manager's pages
	RoleTechnician Role = "technician" // every counter, and the manager's pages
)

func (r Role) valid() bool { return r == RoleClerk || r == RoleManager || r == RoleTechnician }

// Account is one person who signs in to the console.
type Account struct {
	Name     string `json:"name"` // the sign-in name, also the commands' actor
	Role     Role   `json:"role"`
	Counters []int  `json:"counters,omitempty"` // a clerk's counters; empty: none
	Hash     KDF    `json:"password"`
}

// MayUse reports whether the account may work at counter n.
func (a Account) MayUse(n int) bool {
	return a.Role != RoleClerk || slices.Contains(a.Counters, n)
}

// Manager reports whether the account may reach the manager's pages.
func (a Account) Manager() bool { return a.Role == RoleManager || a.Role == RoleTechnician }

// KDF is a password hashed with argon2id.
type KDF struct {
	Salt    []byte `json:"salt"`
	Key     []byte `json:"key"`
	Time    uint32 `json:"t"`
	Memory  uint32 `json:"m"` // KiB
	Threads uint8  `json:"p"`
}

// The argon2id parameters of new hashes (RFC 9106's second recommended
// option, with less memory: the appliance is a small board).
const (
	kdfTime    = 3
	kdfMemory  = 64 * 1024
	kdfThreads = 2
	kdfKeyLen  = 32
)

// cost is the time and memory of new hashes; tests lower it.
var cost = struct{ time, memory uint32 }{kdfTime, kdfMemory}

// HashPassword hashes a password with a fresh salt.
func HashPassword(pw string) KDF {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	return KDF{Salt: salt, Key: argon2.IDKey([]byte(pw), salt, cost.time, cost.memory, kdfThreads, kdfKeyLen),
		Time: cost.time, Memory: cost.memory, Threads: kdfThreads}
}

// maxKDFMemory bounds the memory a stored hash may ask for (KiB): a
// damaged accounts file cannot make one sign-in take the appliance's RAM.
const maxKDFMemory = 256 * 1024

// Check reports whether pw is the hashed password.
func (k KDF) Check(pw string) bool {
	if len(k.Salt) == 0 || len(k.Key) == 0 || k.Time == 0 || k.Time > 16 || k.Memory == 0 || k.Memory > maxKDFMemory ||
		k.Threads == 0 || len(k.Key) > 64 {
		return false
	}
	got := argon2.IDKey([]byte(pw), k.Salt, k.Time, k.Memory, k.Threads, uint32(len(k.Key)))
	return subtle.ConstantTimeCompare(got, k.Key) == 1
}

// Lockout: after MaxFailures failed sign-ins in a row an account refuses
// every sign-in for LockFor.
const (
	MaxFailures = 5
	LockFor     = 5 * time.Minute
)

// Errors of SignIn.
var (
	ErrBadCredentials = errors.New("console: wrong name or password")
	ErrLocked         = errors.New("console: too many failed sign-ins; try again later")
	ErrBusy           = errors.New("console: too many sign-ins at once; try again")
)

// kdfSlots bounds the password checks running at once: each takes 64 MiB
// for a moment, and a device on the LAN sending sign-ins by the hundred
// must not take the memory the queue runs in. A sign-in that finds no
// slot within kdfWait is refused with ErrBusy.
var kdfSlots = make(chan struct{}, 2)

var kdfWait = 3 * time.Second

// AccountsFile is the accounts' file name under the data directory.
const AccountsFile = "console-accounts.json"

// Accounts are the console's people, kept in a JSON file (mode 0600,
// replaced atomically). Safe for concurrent use.
type Accounts struct {
	path string
	now  func() time.Time

	mu       sync.Mutex
	accounts []Account
	failed   map[string]*failures
}

type failures struct {
	n     int
	until time.Time
}

type accountsFile struct {
	Accounts []Account `json:"accounts"`
}

// OpenAccounts reads the accounts of dir. On first run, when there is no
// file, it creates one with a single manager, "manager", and returns the
// random password given to it, to be shown once; otherwise firstPassword
// is empty.
func OpenAccounts(dir string, now func() time.Time) (a *Accounts, firstPassword string, err error) {
	if now == nil {
		now = time.Now
	}
	a = &Accounts{path: filepath.Join(dir, AccountsFile), now: now, failed: map[string]*failures{}}
	b, err := os.ReadFile(a.path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		firstPassword = NewPassword()
		a.accounts = []Account{{Name: "manager", Role: RoleManager, Hash: HashPassword(firstPassword)}}
		if err := a.save(); err != nil {
			return nil, "", err
		}
		return a, firstPassword, nil
	case err != nil:
		return nil, "", fmt.Errorf("console: accounts: %w", err)
	}
	var f accountsFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, "", fmt.Errorf("console: accounts %s: %w", a.path, err)
	}
	for _, acc := range f.Accounts {
		if err := acc.validate(); err != nil {
			return nil, "", fmt.Errorf("console: accounts %s: %w", a.path, err)
		}
	}
	a.accounts = f.Accounts
	return a, "", nil
}

func (acc Account) validate() error {
	switch {
	case acc.Name == "" || len(acc.Name) > 64:
		return fmt.Errorf("account %q: a name of 1 to 64 bytes is required", acc.Name)
	case !acc.Role.valid():
		return fmt.Errorf("account %s: unknown role %q (clerk, manager, technician)", acc.Name, acc.Role)
	case strings.IndexFunc(acc.Name, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("._-", r)
	}) >= 0:
		return fmt.Errorf("account %q: a name is letters, digits, dots, dashes and underscores", acc.Name)
	case contract.LooksPersonal(acc.Name): // it is the actor of every event the person causes
		return fmt.Errorf("account %q: a name may not hold a national ID or phone number", acc.Name)
	}
	for _, n := range acc.Counters {
		if n <= 0 {
			return fmt.Errorf("account %s: counter %d", acc.Name, n)
		}
	}
	return nil
}

// NewPassword returns a random password of 16 characters.
func NewPassword() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (a *Accounts) save() error {
	b, err := json.MarshalIndent(accountsFile{Accounts: a.accounts}, "", "  ")
	if err != nil {
		return err
	}
	if err := atomicfile.Write(a.path, append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("console: save accounts: %w", err)
	}
	return nil
}

// Put adds an account, or replaces one with a new password, and saves
// (Set with a password).
func (a *Accounts) Put(acc Account, password string) error { return a.Set(acc, password) }

// Get returns the account named name.
func (a *Accounts) Get(name string) (Account, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	i := slices.IndexFunc(a.accounts, func(o Account) bool { return o.Name == name })
	if i < 0 {
		return Account{}, false
	}
	return a.accounts[i], true
}

// dummy is hashed when the name is unknown, so that a wrong name takes
// as long as a wrong password.
var dummy = sync.OnceValue(func() KDF { return HashPassword(NewPassword()) })

// SignIn checks a name and password. After MaxFailures failures in a row
// the account is locked for LockFor, whatever the password.
func (a *Accounts) SignIn(name, password string) (Account, error) {
	a.mu.Lock()
	now := a.now()
	if f := a.failed[name]; f != nil && now.Before(f.until) {
		a.mu.Unlock()
		return Account{}, ErrLocked
	}
	i := slices.IndexFunc(a.accounts, func(o Account) bool { return o.Name == name })
	var acc Account
	var hash KDF
	if i >= 0 {
		acc = a.accounts[i]
		hash = acc.Hash
	}
	a.mu.Unlock()
	if i < 0 {
		hash = dummy()
	}
	select {
	case kdfSlots <- struct{}{}:
	case <-time.After(kdfWait):
		return Account{}, ErrBusy
	}
	ok := hash.Check(password) && i >= 0
	<-kdfSlots

	a.mu.Lock()
	defer a.mu.Unlock()
	if !ok {
		if i < 0 {
			return Account{}, ErrBadCredentials // unknown names are not tracked: the map stays bounded
		}
		f := a.failed[name]
		if f == nil {
			f = &failures{}
			a.failed[name] = f
		}
		f.n++
		if f.n >= MaxFailures {
			f.n, f.until = 0, now.Add(LockFor)
		}
		return Account{}, ErrBadCredentials
	}
	delete(a.failed, name)
	return acc, nil
}

// List returns the accounts, by name, without their hashes.
func (a *Accounts) List() []Account {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make([]Account, len(a.accounts))
	for i, acc := range a.accounts {
		acc.Hash = KDF{}
		acc.Counters = slices.Clone(acc.Counters)
		out[i] = acc
	}
	slices.SortFunc(out, func(x, y Account) int { return cmpString(x.Name, y.Name) })
	return out
}

// ErrLastManager refuses to remove or demote the last manager: nobody
// could then manage the accounts.
var ErrLastManager = errors.New("console: the last manager cannot be removed")

// Set adds an account, or changes an existing one's role and counters
// keeping its password when password is empty.
func (a *Accounts) Set(acc Account, password string) error {
	if password != "" {
		acc.Hash = HashPassword(password)
	}
	if err := acc.validate(); err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	i := slices.IndexFunc(a.accounts, func(o Account) bool { return o.Name == acc.Name })
	switch {
	case i < 0 && password == "":
		return fmt.Errorf("console: account %s: a new account needs a password", acc.Name)
	case i < 0:
		a.accounts = append(a.accounts, acc)
	default:
		if password == "" {
			acc.Hash = a.accounts[i].Hash
		}
		if a.accounts[i].Role == RoleManager && acc.Role != RoleManager && a.managers() == 1 {
			return ErrLastManager
		}
		a.accounts[i] = acc
	}
	return a.save()
}

// Delete removes an account.
func (a *Accounts) Delete(name string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	i := slices.IndexFunc(a.accounts, func(o Account) bool { return o.Name == name })
	if i < 0 {
		return fmt.Errorf("console: no account %q", name)
	}
	if a.accounts[i].Role == RoleManager && a.managers() == 1 {
		return ErrLastManager
	}
	a.accounts = slices.Delete(a.accounts, i, i+1)
	return a.save()
}

func (a *Accounts) managers() int {
	n := 0
	for _, acc := range a.accounts {
		if acc.Role == RoleManager {
			n++
		}
	}
	return n
}
