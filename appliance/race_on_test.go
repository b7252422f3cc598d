//go:build race

package appliance_test

const raceDetector = true
