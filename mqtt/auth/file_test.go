package auth_test

import (
	"bytes"
	"testing"

	"tabour/mqtt/auth"
)

// A devices file, whatever its bytes, is read or refused with an error;
// one that reads writes back to a file that reads the same.
func FuzzDecodeFile(f *testing.F) {
	reg, err := auth.NewRegistry("c1", []auth.Device{
		{ID: "ctr01", Role: auth.RoleCounter, Counter: 1, PasswordSHA256: auth.HashPassword("x")},
		{ID: "hall1", Role: auth.RoleDisplay, PasswordSHA256: auth.HashPassword("y")},
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(reg.File(0).Marshal())
	f.Add(reg.File(7).Marshal())
	f.Add([]byte(`{"center":"c1","devices":[]}`))
	f.Add([]byte(`{"center":"a/b","devices":[{"id":"d","role":"display","password_sha256":"00"}]}`))
	f.Add([]byte(`{"center":"c1","devices":null,"max_sessions":-1} {}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		reg, max, err := auth.DecodeFile(bytes.NewReader(data))
		if err != nil {
			return
		}
		if max <= 0 {
			t.Fatalf("max_sessions %d read from %q", max, data)
		}
		again := reg.File(max).Marshal()
		reg2, max2, err := auth.DecodeFile(bytes.NewReader(again))
		if err != nil || max2 != max || !bytes.Equal(reg2.File(max2).Marshal(), again) {
			t.Fatalf("%q wrote back as %q, which reads as max %d: %v", data, again, max2, err)
		}
	})
}
